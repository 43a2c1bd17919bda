//! `--format json`: a versioned contract, documented in `docs/json-output.md`.

use super::range;
use crate::engine::Report;
use crate::registry;
use serde_json::{Value, json};

/// The format version; bump it on any incompatible change.
pub const VERSION: u32 = 1;

/// Render the report as JSON.
pub fn render(report: &Report) -> String {
    let mut findings = Vec::new();
    for file in &report.files {
        let src = &file.source;
        let pos = |span| range(src, span);
        for f in &file.findings {
            let (start, end) = pos(f.span);
            let labels: Vec<Value> = f
                .labels
                .iter()
                .map(|l| {
                    let (s, e) = pos(l.span);
                    json!({"line": s.line, "column": s.column, "end_line": e.line, "end_column": e.column, "message": l.message})
                })
                .collect();
            let fix = f.fix.as_ref().map(|fix| {
                let edits: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| {
                        let (s, en) = pos(e.span);
                        json!({
                            "line": s.line, "column": s.column, "end_line": en.line, "end_column": en.column,
                            "start_byte": e.span.start, "end_byte": e.span.end, "content": e.content,
                        })
                    })
                    .collect();
                json!({"applicability": fix.applicability, "description": fix.description, "edits": edits})
            });
            findings.push(json!({
                "rule": f.rule,
                "severity": f.severity,
                "path": src.display,
                "line": start.line,
                "column": start.column,
                "end_line": end.line,
                "end_column": end.column,
                "message": f.message,
                "help": registry::find(f.rule).map(|r| r.essay_link()),
                "labels": labels,
                "fix": fix,
            }));
        }
    }
    let doc = json!({"version": VERSION, "findings": findings});
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}
