//! Renderers. They only read findings; positions are computed here, at the edge.

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use crate::diagnostics::{Finding, Span};
use crate::engine::FileReport;
use crate::workspace::{Position, SourceFile};
use std::collections::HashMap;

/// The 1-based start and exclusive end of `span` in `file`.
pub fn range(file: &SourceFile, span: Span) -> (Position, Position) {
    (
        file.lines.position(&file.text, span.start),
        file.lines.position(&file.text, span.end),
    )
}

/// A stable 64-bit FNV-1a hash, for fingerprints that must not change between releases.
pub fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// A fingerprint per finding of `file`, in order. It hashes the rule, the path and the offending
/// text (whitespace folded; for a secret, the secret's own hash), not the line, so it survives unrelated lines moving; repeats of the
/// same text in one file are told apart by their order. SARIF and baselines use it.
pub fn fingerprints(file: &FileReport) -> Vec<String> {
    fingerprints_of(&file.source, &file.findings)
}

/// Fingerprints of `findings` in `src`, in order (see [`fingerprints`]).
pub fn fingerprints_of<'a>(
    src: &SourceFile,
    findings: impl IntoIterator<Item = &'a Finding>,
) -> Vec<String> {
    let mut seen: HashMap<u64, usize> = HashMap::new();
    findings
        .into_iter()
        .map(|f| {
            // A secret is never hashed weakly: its finding carries its own strong hash.
            let text = f.fingerprint.clone().unwrap_or_else(|| {
                src.slice(f.span)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            });
            let base = fnv1a(&[f.rule, &src.rel, &text]);
            let n = seen.entry(base).or_insert(0);
            *n += 1;
            format!("{base:016x}:{n}")
        })
        .collect()
}
