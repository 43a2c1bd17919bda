//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning. Written with `serde_json` directly
//! (as ruff and zizmor do) so every field is under our control; tests validate the result
//! against the official schema.

use super::{fnv1a, range};
use crate::diagnostics::Severity;
use crate::engine::Report;
use crate::registry::{self, Rule};
use crate::workspace::SourceFile;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::path::Path;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// `create-index-non-concurrently` → `CreateIndexNonConcurrently`.
fn pascal(name: &str) -> String {
    name.split(['-', '/'])
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
        })
        .collect()
}

fn sentence(s: &str) -> String {
    let t = s.trim();
    if t.ends_with(['.', '!', '?']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}

fn rule_descriptor(r: &Rule) -> Value {
    let md = r.markdown();
    let what = md
        .split("## Why is this bad?")
        .next()
        .unwrap_or(&md)
        .trim_start_matches("## What it does")
        .trim()
        .replace('\n', " ");
    json!({
        "id": r.id,
        "name": pascal(r.name()),
        "shortDescription": {"text": sentence(r.title)},
        "fullDescription": {"text": sentence(&what)},
        "help": {"text": format!("{} See {}.", sentence(r.title), r.help_uri()), "markdown": format!("{md}\n\n[Read the pattern essay]({})", r.help_uri())},
        "helpUri": r.help_uri(),
        "defaultConfiguration": {"level": level(r.severity)},
        "properties": {"tags": [r.domain()], "precision": "high"},
    })
}

fn region(file: &SourceFile, span: crate::diagnostics::Span) -> Value {
    let (s, e) = range(file, span);
    json!({"startLine": s.line, "startColumn": s.column, "endLine": e.line, "endColumn": e.column})
}

fn location(file: &SourceFile, span: crate::diagnostics::Span) -> Value {
    json!({"physicalLocation": {"artifactLocation": artifact(&file.rel), "region": region(file, span)}})
}

/// A path under the project root is relative to `%SRCROOT%`; one outside it is a `file:` URI.
fn artifact(rel: &str) -> Value {
    if rel.starts_with('/') {
        json!({"uri": format!("file://{}", uri_escape(rel))})
    } else {
        json!({"uri": uri_escape(rel), "uriBaseId": "%SRCROOT%"})
    }
}

/// Percent-encode what may not appear in a relative URI reference.
fn uri_escape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Render the report as a SARIF log. `root` becomes `%SRCROOT%`.
pub fn render(report: &Report, root: &Path) -> String {
    let rules: Vec<&Rule> = registry::all().collect();
    let index: HashMap<&str, usize> = rules.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let mut results = Vec::new();
    for file in &report.files {
        let mut seen: HashMap<u64, usize> = HashMap::new();
        for f in &file.findings {
            // The fingerprint hashes the offending text, not its line number, so it survives
            // unrelated lines moving; repeats within a file are told apart by their order.
            let text: String = file
                .source
                .slice(f.span)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let base = fnv1a(&[f.rule, &file.source.rel, &text]);
            let n = seen.entry(base).or_insert(0);
            *n += 1;
            let fingerprint = format!("{:016x}:{}", base, n);
            let mut result = json!({
                "ruleId": f.rule,
                "ruleIndex": index.get(f.rule).copied().unwrap_or(0),
                "level": level(f.severity),
                "message": {"text": sentence(&f.message)},
                "locations": [location(&file.source, f.span)],
                "partialFingerprints": {"atlas9/v1": fingerprint},
            });
            if !f.labels.is_empty() {
                let related: Vec<Value> = f
                    .labels
                    .iter()
                    .enumerate()
                    .map(|(i, l)| {
                        let mut loc = location(&file.source, l.span);
                        loc["id"] = json!(i + 1);
                        loc["message"] = json!({"text": sentence(&l.message)});
                        loc
                    })
                    .collect();
                result["relatedLocations"] = Value::Array(related);
            }
            if let Some(fix) = &f.fix {
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| json!({"deletedRegion": region(&file.source, e.span), "insertedContent": {"text": e.content}}))
                    .collect();
                result["fixes"] = json!([{
                    "description": {"text": sentence(&fix.description)},
                    "artifactChanges": [{
                        "artifactLocation": artifact(&file.source.rel),
                        "replacements": replacements,
                    }],
                }]);
            }
            results.push(result);
        }
    }
    let root_uri = root.canonicalize().ok().map(|p| {
        let s = uri_escape(&p.to_string_lossy().replace('\\', "/"));
        let s = if s.starts_with('/') {
            format!("file://{s}")
        } else {
            format!("file:///{s}")
        };
        if s.ends_with('/') { s } else { format!("{s}/") }
    });
    let mut run = json!({
        "tool": {"driver": {
            "name": "atlas9",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "informationUri": env!("CARGO_PKG_REPOSITORY"),
            "rules": rules.iter().map(|r| rule_descriptor(r)).collect::<Vec<_>>(),
        }},
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    if let Some(uri) = root_uri {
        run["originalUriBaseIds"] = json!({"%SRCROOT%": {"uri": uri}});
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    });
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_uris() {
        assert_eq!(
            pascal("create-index-non-concurrently"),
            "CreateIndexNonConcurrently"
        );
        assert_eq!(uri_escape("db/my file#1.sql"), "db/my%20file%231.sql");
    }
}
