//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning. Written with our own serde structs
//! (as ruff and zizmor do) so every field is under our control and results serialize straight
//! from borrowed data; tests validate the output against the official schema and against
//! `serde-sarif`'s typed model.

use super::{fingerprints, fingerprints_of, range};
use crate::diagnostics::Severity;
use crate::engine::Report;
use crate::registry::{self, Rule};
use crate::workspace::SourceFile;
use serde::Serialize;
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
    let mut descriptor = json!({
        "id": r.id,
        "name": pascal(r.name()),
        "shortDescription": {"text": sentence(r.title)},
        "fullDescription": {"text": sentence(&what)},
        "help": {"text": sentence(r.title), "markdown": md},
        "defaultConfiguration": {"level": level(r.severity)},
        "properties": {"tags": [r.domain()], "precision": "high"},
    });
    if let Some(uri) = r.help_uri() {
        descriptor["help"] = json!({
            "text": format!("{} See {uri}.", sentence(r.title)),
            "markdown": format!("{md}\n\n[Read the pattern essay]({uri})"),
        });
        descriptor["helpUri"] = json!(uri);
    }
    descriptor
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

fn region(file: &SourceFile, span: crate::diagnostics::Span) -> Region {
    let (s, e) = range(file, span);
    Region {
        start_line: s.line,
        start_column: s.column,
        end_line: e.line,
        end_column: e.column,
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

/// A path under the project root is relative to `%SRCROOT%`; one outside it is a `file:` URI.
fn artifact(rel: &str) -> ArtifactLocation {
    if rel.starts_with('/') {
        ArtifactLocation {
            uri: format!("file://{}", uri_escape(rel)),
            uri_base_id: None,
        }
    } else {
        ArtifactLocation {
            uri: uri_escape(rel),
            uri_base_id: Some("%SRCROOT%"),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Message>,
}

fn location(file: &SourceFile, span: crate::diagnostics::Span) -> Location {
    Location {
        id: None,
        physical_location: PhysicalLocation {
            artifact_location: artifact(&file.rel),
            region: region(file, span),
        },
        message: None,
    }
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
struct Fingerprints<'a> {
    #[serde(rename = "atlas9/v1")]
    v1: String,
    /// The hash of a secret finding's secret: the same secret has the same value anywhere.
    #[serde(rename = "secret/v1", skip_serializing_if = "Option::is_none")]
    secret: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: Region,
    inserted_content: Text<'a>,
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    description: Message,
    artifact_changes: Vec<ArtifactChange<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Message,
    locations: Vec<Location>,
    partial_fingerprints: Fingerprints<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix<'a>>,
    /// `new` for every shown result when a baseline hid the known ones.
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_state: Option<&'static str>,
    /// For a finding an `atlas9: allow(…)` comment suppressed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression<'a>>,
}

#[derive(Serialize)]
struct Suppression<'a> {
    kind: &'static str,
    justification: &'a str,
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
    // Every known rule, and the rule of every finding even if it was declared after listing.
    let mut rules: Vec<&Rule> = registry::all().collect();
    let mut index: HashMap<&str, usize> =
        rules.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    for f in report.files.iter().flat_map(|f| &f.findings) {
        if !index.contains_key(f.rule)
            && let Some(rule) = registry::find(f.rule)
        {
            index.insert(rule.id, rules.len());
            rules.push(rule);
        }
    }
    let mut results = Vec::new();
    for file in &report.files {
        let src = &file.source;
        let shown = file
            .findings
            .iter()
            .zip(fingerprints(file))
            .map(|(f, p)| (f, p, None));
        let suppressed = file.suppressed.iter().map(|s| &s.finding);
        let hidden = file
            .suppressed
            .iter()
            .zip(fingerprints_of(src, suppressed))
            .map(|(s, p)| (&s.finding, p, Some(s.reason.as_str())));
        for (f, fingerprint, justification) in shown.chain(hidden) {
            let related_locations = f
                .labels
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let at = match &l.elsewhere {
                        Some(e) => Location {
                            id: None,
                            physical_location: PhysicalLocation {
                                artifact_location: artifact(&e.rel),
                                region: Region {
                                    start_line: e.start.line,
                                    start_column: e.start.column,
                                    end_line: e.end.line,
                                    end_column: e.end.column,
                                },
                            },
                            message: None,
                        },
                        None => location(src, l.span),
                    };
                    Location {
                        id: Some(i + 1),
                        message: Some(Message {
                            text: sentence(&l.message),
                        }),
                        ..at
                    }
                })
                .collect();
            let fixes = f
                .fix
                .iter()
                .map(|fix| SarifFix {
                    description: Message {
                        text: sentence(&fix.description),
                    },
                    artifact_changes: vec![ArtifactChange {
                        artifact_location: artifact(&src.rel),
                        replacements: fix
                            .edits
                            .iter()
                            .map(|e| Replacement {
                                deleted_region: region(src, e.span),
                                inserted_content: Text { text: &e.content },
                            })
                            .collect(),
                    }],
                })
                .collect();
            results.push(SarifResult {
                rule_id: f.rule,
                rule_index: index.get(f.rule).copied().unwrap_or(0),
                level: level(f.severity),
                message: Message {
                    text: sentence(&f.message),
                },
                locations: vec![location(src, f.span)],
                partial_fingerprints: Fingerprints {
                    v1: fingerprint,
                    secret: f.fingerprint.as_deref(),
                },
                related_locations,
                fixes,
                baseline_state: report.baselined.map(|_| "new"),
                suppressions: justification
                    .map(|j| {
                        vec![Suppression {
                            kind: "inSource",
                            justification: j,
                        }]
                    })
                    .unwrap_or_default(),
            });
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
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [Run {
            tool: json!({"driver": {
                "name": "atlas9",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": env!("CARGO_PKG_REPOSITORY"),
                "rules": rules.iter().map(|r| rule_descriptor(r)).collect::<Vec<_>>(),
            }}),
            original_uri_base_ids: root_uri.map(|uri| json!({"%SRCROOT%": {"uri": uri}})),
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
    out
}

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    original_uri_base_ids: Option<Value>,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
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
