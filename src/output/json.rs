//! `--format json`: a versioned contract, documented in `docs/json-output.md`. Findings are
//! serialized straight from borrowed data, so a report with a quarter of a million findings costs
//! no intermediate tree.

use super::range;
use crate::diagnostics::{Applicability, Severity, Span};
use crate::engine::Report;
use crate::registry;
use crate::workspace::SourceFile;
use serde::Serialize;

/// The format version; bump it on any incompatible change.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    findings: Vec<Finding<'a>>,
}

#[derive(Serialize)]
struct Position {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

impl Position {
    fn of(file: &SourceFile, span: Span) -> Self {
        let (s, e) = range(file, span);
        Self {
            line: s.line,
            column: s.column,
            end_line: e.line,
            end_column: e.column,
        }
    }
}

#[derive(Serialize)]
struct Finding<'a> {
    rule: &'a str,
    severity: Severity,
    path: &'a str,
    #[serde(flatten)]
    position: Position,
    message: &'a str,
    help: Option<String>,
    labels: Vec<Label<'a>>,
    fix: Option<Fix<'a>>,
}

#[derive(Serialize)]
struct Label<'a> {
    path: &'a str,
    #[serde(flatten)]
    position: Position,
    message: &'a str,
}

#[derive(Serialize)]
struct Fix<'a> {
    applicability: Applicability,
    description: &'a str,
    edits: Vec<Edit<'a>>,
}

#[derive(Serialize)]
struct Edit<'a> {
    #[serde(flatten)]
    position: Position,
    start_byte: usize,
    end_byte: usize,
    content: &'a str,
}

/// Render the report as JSON.
pub fn render(report: &Report) -> String {
    let mut findings = Vec::new();
    for file in &report.files {
        let src = &file.source;
        for f in &file.findings {
            findings.push(Finding {
                rule: f.rule,
                severity: f.severity,
                path: &src.display,
                position: Position::of(src, f.span),
                message: &f.message,
                help: registry::find(f.rule)
                    .map(|r| r.essay_link())
                    .filter(|l| !l.is_empty()),
                labels: f
                    .labels
                    .iter()
                    .map(|l| match &l.elsewhere {
                        Some(e) => Label {
                            path: &e.display,
                            position: Position {
                                line: e.start.line,
                                column: e.start.column,
                                end_line: e.end.line,
                                end_column: e.end.column,
                            },
                            message: &l.message,
                        },
                        None => Label {
                            path: &src.display,
                            position: Position::of(src, l.span),
                            message: &l.message,
                        },
                    })
                    .collect(),
                fix: f.fix.as_ref().map(|fix| Fix {
                    applicability: fix.applicability,
                    description: &fix.description,
                    edits: fix
                        .edits
                        .iter()
                        .map(|e| Edit {
                            position: Position::of(src, e.span),
                            start_byte: e.span.start,
                            end_byte: e.span.end,
                            content: &e.content,
                        })
                        .collect(),
                }),
            });
        }
    }
    let mut out = serde_json::to_string_pretty(&Document {
        version: VERSION,
        findings,
    })
    .unwrap_or_default();
    out.push('\n');
    out
}
