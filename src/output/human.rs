//! `--format human`: each finding with its source line, the span underlined, and where to read
//! more. Rendering is linear in the findings (one line lookup each), and very long lines are
//! shown as a window around the finding.

use super::range;
use crate::checks::secrets;
use crate::diagnostics::Span;
use crate::diagnostics::{Applicability, Severity};
use crate::engine::FileReport;
use crate::engine::Report;
use crate::registry;
use std::fmt::Write;

/// Characters of a source line shown around a finding.
const WINDOW: usize = 120;

/// Rendering options.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Use ANSI colours.
    pub color: bool,
}

impl Style {
    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// Render the report for a terminal; `header` is printed first (e.g. the Postgres version).
pub fn render(report: &Report, header: &str, style: Style) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", style.paint("2", header));
    let (mut errors, mut warnings, mut notes, mut safe, mut unsafe_) = (0, 0, 0, 0, 0);
    for file in &report.files {
        for f in &file.findings {
            let (start, end) = range(&file.source, f.span);
            let (word, code) = match f.severity {
                Severity::Error => {
                    errors += 1;
                    ("error", "1;31")
                }
                Severity::Warning => {
                    warnings += 1;
                    ("warning", "1;33")
                }
                Severity::Note => {
                    notes += 1;
                    ("note", "1;36")
                }
            };
            let _ = writeln!(
                out,
                "{}:{}:{}: {}{} {}",
                style.paint("1", &file.source.display),
                start.line,
                start.column,
                style.paint(code, word),
                style.paint(code, &format!("[{}]", f.rule)),
                f.message
            );
            snippet(
                &mut out,
                file,
                f.span.start,
                start.line,
                start.column,
                end,
                style,
            );
            for l in &f.labels {
                match &l.elsewhere {
                    Some(e) => {
                        let _ = writeln!(
                            out,
                            "   = {}:{}:{}: {}",
                            e.display, e.start.line, e.start.column, l.message
                        );
                    }
                    None => {
                        let (ls, _) = range(&file.source, l.span);
                        let _ = writeln!(out, "   = {}:{}: {}", ls.line, ls.column, l.message);
                    }
                }
            }
            if let Some(fix) = &f.fix {
                let (label, flag) = match fix.applicability {
                    Applicability::Safe => {
                        safe += 1;
                        ("fix", "--fix")
                    }
                    Applicability::Unsafe => {
                        unsafe_ += 1;
                        ("unsafe fix", "--unsafe-fixes")
                    }
                };
                let _ = writeln!(
                    out,
                    "   = {}: {} ({flag})",
                    style.paint("32", label),
                    fix.description
                );
            }
            if let Some(rule) = registry::find(f.rule) {
                let link = rule.essay_link();
                let sep = if link.is_empty() { "" } else { " · " };
                let _ = writeln!(out, "   = help: {link}{sep}atlas9 explain {}", rule.id);
            }
            out.push('\n');
        }
    }
    let suppressed: usize = report.files.iter().map(|f| f.suppressed.len()).sum();
    if suppressed > 0 {
        let _ = writeln!(
            out,
            "{suppressed} findings suppressed by atlas9: allow comments"
        );
    }
    if let Some(n) = report.baselined.filter(|&n| n > 0) {
        let _ = writeln!(out, "{n} known findings hidden by the baseline");
    }
    let total = errors + warnings + notes;
    let files = report
        .files
        .iter()
        .filter(|f| !f.findings.is_empty())
        .count();
    if total == 0 {
        let _ = writeln!(
            out,
            "{} no findings in {} checked files",
            style.paint("1;32", "✓"),
            report.checked
        );
    } else {
        let _ = writeln!(
            out,
            "{} findings ({errors} errors, {warnings} warnings, {notes} notes) in {files} of {} checked files",
            style.paint("1", &total.to_string()),
            report.checked
        );
        if safe + unsafe_ > 0 {
            let _ = writeln!(
                out,
                "{safe} fixable with --fix, {unsafe_} more with --unsafe-fixes"
            );
        }
    }
    out
}

/// How far around a finding a printed line is searched for secrets to mask: well beyond the
/// [`WINDOW`] of characters shown.
const MASK_REACH: usize = 4096;

/// The line holding `offset`, with every secret near the shown window masked: secrets of the
/// file's secret and credential findings (reported or suppressed) and any other the secret
/// rules recognise, so no snippet prints a secret whatever rule it is for.
fn masked_line(report: &FileReport, offset: usize) -> std::borrow::Cow<'_, str> {
    let file = &report.source;
    let line_span = file.lines.line_span(&file.text, file.lines.line_of(offset));
    let line = &file.text[line_span.start..line_span.end];
    let mut from = offset.saturating_sub(MASK_REACH).max(line_span.start) - line_span.start;
    let mut to = (offset + MASK_REACH).min(line_span.end) - line_span.start;
    while !line.is_char_boundary(from) {
        from -= 1;
    }
    while !line.is_char_boundary(to) {
        to += 1;
    }
    let region = Span::new(line_span.start + from, line_span.start + to);
    let known: Vec<Span> = report
        .findings
        .iter()
        .chain(report.suppressed.iter().map(|s| &s.finding))
        // The policies' `hardcoded-credentials` findings point at the credential itself.
        .filter(|f| f.rule.starts_with("secrets/") || f.rule.ends_with("/hardcoded-credentials"))
        .filter(|f| f.span.start < region.end && f.span.end > region.start)
        .map(|f| {
            Span::new(
                f.span.start.max(region.start) - region.start,
                f.span.end.min(region.end) - region.start,
            )
        })
        .collect();
    match secrets::mask(&line[from..to], &file.rel, &known) {
        Some(masked) => format!("{}{masked}{}", &line[..from], &line[to..]).into(),
        None => line.into(),
    }
}

fn snippet(
    out: &mut String,
    report: &FileReport,
    offset: usize,
    line: usize,
    column: usize,
    end: crate::workspace::Position,
    style: Style,
) {
    let text = masked_line(report, offset);
    // Show a window of the line around the finding so a huge line costs nothing.
    let skip = column.saturating_sub(WINDOW / 2 + 1);
    let shown: String = text
        .chars()
        .skip(skip)
        .take(WINDOW)
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect();
    let width = line.to_string().len();
    let underline_from = column - 1 - skip;
    let underline_len = if end.line == line {
        end.column.saturating_sub(column).max(1)
    } else {
        shown.chars().count().saturating_sub(underline_from).max(1)
    };
    let underline_len = underline_len.min(WINDOW.saturating_sub(underline_from).max(1));
    let more = if end.line > line {
        format!(" … {} more lines", end.line - line)
    } else {
        String::new()
    };
    let gutter = style.paint("34", &format!("{:>width$} |", ""));
    let _ = writeln!(out, "{gutter}");
    let _ = writeln!(
        out,
        "{} {}{}",
        style.paint("34", &format!("{line:>width$} |")),
        if skip > 0 { "…" } else { "" },
        shown
    );
    let pad = " ".repeat(underline_from + usize::from(skip > 0));
    let _ = writeln!(
        out,
        "{gutter} {pad}{}{more}",
        style.paint("1;31", &"^".repeat(underline_len))
    );
}
