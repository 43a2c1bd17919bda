//! Renderers. They only read findings; positions are computed here, at the edge.

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use crate::diagnostics::Span;
use crate::workspace::{Position, SourceFile};

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
