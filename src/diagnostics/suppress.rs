//! Inline suppressions: `atlas9: allow(rule-or-domain, …) reason` in the file's own comment
//! syntax, on the offending line or on its own line above it, and `atlas9: allow-file(…) reason`
//! for the whole file. Typos, missing reasons and suppressions that match nothing are findings.

use super::{Edit, Finding, Fix, Span};
use crate::checks::meta::{INVALID_SUPPRESSION, UNUSED_SUPPRESSION};
use crate::checks::secrets::OTHER_TOOL_ALLOWS;
use crate::config::{self, Config};
use crate::registry;
use crate::workspace::SourceFile;

/// detect-secrets' comment that allows the next line.
const NEXTLINE_ALLOW: &str = "pragma: allowlist nextline secret";

/// One rule named in a suppression.
#[derive(Debug)]
struct Entry {
    selector: String,
    span: Span,
    used: bool,
}

/// A parsed suppression comment.
#[derive(Debug)]
struct Suppression {
    /// The line (0-based) whose findings it covers; `None` for file-wide.
    target: Option<usize>,
    /// From the comment marker to the end of the line.
    comment: Span,
    /// The comment is alone on its line.
    own_line: bool,
    entries: Vec<Entry>,
    /// Why, as written after `allow(…)`.
    reason: String,
}

/// A finding an `atlas9: allow(…)` comment suppressed, with the comment's reason. It is not
/// reported, but SARIF carries it as a suppressed result and the summary counts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppressed {
    /// The finding.
    pub finding: Finding,
    /// The reason given in the comment.
    pub reason: String,
}

/// What every suppression comment starts with.
pub const DIRECTIVE: &str = "atlas9:";

/// Apply the suppressions written in `file` to `findings`, moving the suppressed ones out, and
/// report unknown rules, missing reasons and suppressions that matched nothing. `markers` are the
/// file's comment openers.
pub fn apply(
    file: &SourceFile,
    markers: &[&str],
    config: &Config,
    findings: &mut Vec<Finding>,
) -> Vec<Suppressed> {
    let mut suppressed = if config.secrets.other_tools {
        other_tools(file, findings)
    } else {
        Vec::new()
    };
    if markers.is_empty() || !file.text.contains(DIRECTIVE) {
        return suppressed;
    }
    let mut problems = Vec::new();
    let mut sups = parse(file, markers, &mut problems);
    for f in std::mem::take(findings) {
        // A comment on any line of a multi-line finding (a PEM block) covers all of it.
        let (first, last) = lines_of(file, f.span);
        let mut reason = None;
        for s in sups
            .iter_mut()
            .filter(|s| s.target.is_none_or(|t| (first..=last).contains(&t)))
        {
            for e in s
                .entries
                .iter_mut()
                .filter(|e| config::matches(&e.selector, f.rule))
            {
                e.used = true;
                reason.get_or_insert_with(|| s.reason.clone());
            }
        }
        match reason {
            Some(reason) => suppressed.push(Suppressed { finding: f, reason }),
            None => findings.push(f),
        }
    }
    for s in &sups {
        let all_unused = s.entries.iter().all(|e| !e.used);
        for e in s
            .entries
            .iter()
            .filter(|e| !e.used && selector_enabled(config, &e.selector, &file.rel))
        {
            let fix =
                all_unused.then(|| Fix::safe("remove the suppression", vec![removal(file, s)]));
            let msg = format!("`{}` is suppressed here but nothing reports it", e.selector);
            problems.push(Finding::new(&UNUSED_SUPPRESSION, e.span, msg).with_fix(fix));
        }
    }
    for mut p in problems {
        let rule = registry::find(p.rule).unwrap_or(&INVALID_SUPPRESSION);
        if let Some(sev) = config.severity(rule, &file.rel) {
            p.severity = sev;
            findings.push(p);
        }
    }
    suppressed
}

/// The first and last line (0-based) of `span`.
fn lines_of(file: &SourceFile, span: Span) -> (usize, usize) {
    let first = file.lines.line_of(span.start);
    let last = file
        .lines
        .line_of(span.end.saturating_sub(1).max(span.start));
    (first, last)
}

/// Secret findings that another scanner's allow comment covers (on a line of the finding, or
/// detect-secrets' `nextline` form just above), moved out with the comment as their reason, so
/// a team can switch to atlas9 without rewriting its allow-list.
fn other_tools(file: &SourceFile, findings: &mut Vec<Finding>) -> Vec<Suppressed> {
    let text = file.text.as_str();
    if !OTHER_TOOL_ALLOWS.iter().any(|m| text.contains(m)) {
        return Vec::new();
    }
    let line_text = |l: usize| file.slice(file.lines.line_span(text, l));
    let mut out = Vec::new();
    let mut kept = Vec::new();
    for f in std::mem::take(findings) {
        let (first, last) = lines_of(file, f.span);
        let marker = f
            .rule
            .starts_with("secrets/")
            .then(|| {
                (first..=last)
                    .flat_map(|l| {
                        OTHER_TOOL_ALLOWS
                            .iter()
                            .filter(move |m| line_text(l).contains(**m))
                    })
                    .next()
                    .copied()
                    .or_else(|| {
                        (first > 0 && line_text(first - 1).contains(NEXTLINE_ALLOW))
                            .then_some(NEXTLINE_ALLOW)
                    })
            })
            .flatten();
        match marker {
            Some(m) => out.push(Suppressed {
                finding: f,
                reason: m.to_string(),
            }),
            None => kept.push(f),
        }
    }
    *findings = kept;
    out
}

fn selector_enabled(config: &Config, selector: &str, rel: &str) -> bool {
    registry::all().any(|r| config::matches(selector, r.id) && config.severity(r, rel).is_some())
}

/// Delete the comment: the whole line when it stands alone, else the trailing comment.
fn removal(file: &SourceFile, s: &Suppression) -> Edit {
    let line = file.lines.line_of(s.comment.start);
    let span = file.lines.line_span(&file.text, line);
    if s.own_line {
        let end = file.text[span.end..]
            .find('\n')
            .map_or(file.text.len(), |i| span.end + i + 1);
        Edit::replace(Span::new(span.start, end), "")
    } else {
        let before = file.text[..s.comment.start]
            .trim_end_matches([' ', '\t'])
            .len();
        Edit::replace(Span::new(before, span.end), "")
    }
}

fn parse(file: &SourceFile, markers: &[&str], problems: &mut Vec<Finding>) -> Vec<Suppression> {
    let text = file.text.as_str();
    let mut out = Vec::new();
    for line in 0..file.lines.line_count() {
        let ls = file.lines.line_span(text, line);
        let content = &text[ls.start..ls.end];
        // Rust doc comments are documentation, where the syntax is shown, not used.
        if ["///", "//!"]
            .iter()
            .any(|d| content.trim_start().starts_with(d))
        {
            continue;
        }
        // `atlas9:` quoted in prose (`` `atlas9: allow(…)` ``) or a Rust path (`atlas9::x`)
        // mentions the syntax; it is not a directive.
        let Some(at) = content.match_indices(DIRECTIVE).map(|(i, _)| i).find(|&i| {
            !content[..i].ends_with('`') && !content[i + DIRECTIVE.len()..].starts_with(':')
        }) else {
            continue;
        };
        let Some(marker_at) = markers.iter().filter_map(|m| content[..at].rfind(m)).min() else {
            continue;
        };
        let own_line = content[..marker_at].trim().is_empty();
        let directive_start = ls.start + at;
        let rest = &content[at + DIRECTIVE.len()..];
        let body = rest.trim_start();
        let body_start = ls.end - rest.len() + (rest.len() - body.len());
        let (file_wide, list_start) = if body.starts_with("allow-file(") {
            (true, "allow-file(".len())
        } else if body.starts_with("allow(") {
            (false, "allow(".len())
        } else {
            let span = Span::new(directive_start, ls.end);
            problems.push(Finding::new(
                &INVALID_SUPPRESSION,
                span,
                "expected `allow(RULE) reason` or `allow-file(RULE) reason` after `atlas9:`",
            ));
            continue;
        };
        let Some(close) = body.find(')') else {
            problems.push(Finding::new(
                &INVALID_SUPPRESSION,
                Span::new(directive_start, ls.end),
                "unclosed `allow(`",
            ));
            continue;
        };
        let reason = body[close + 1..].trim().trim_end_matches("*/").trim();
        if reason.is_empty() {
            let span = Span::new(directive_start, body_start + close + 1);
            problems.push(Finding::new(
                &INVALID_SUPPRESSION,
                span,
                "say why after the closing parenthesis: `allow(RULE) reason`",
            ));
        }
        let mut entries = Vec::new();
        let mut offset = body_start + list_start;
        for part in body[list_start..close].split(',') {
            let trimmed = part.trim();
            let span = Span::new(
                offset + (part.len() - part.trim_start().len()),
                offset + part.trim_end().len(),
            );
            offset += part.len() + 1;
            if trimmed.is_empty() {
                continue;
            }
            if registry::all().any(|r| config::matches(trimmed, r.id)) {
                entries.push(Entry {
                    selector: trimmed.to_string(),
                    span,
                    used: false,
                });
            } else {
                let candidates = registry::all().map(|r| r.id).chain(registry::domains());
                let hint = config::suggest(trimmed, candidates)
                    .map_or(String::new(), |s| format!("; did you mean `{s}`?"));
                problems.push(Finding::new(
                    &INVALID_SUPPRESSION,
                    span,
                    format!("unknown rule `{trimmed}`{hint}"),
                ));
            }
        }
        let target = if file_wide {
            None
        } else if own_line {
            Some(next_code_line(file, line, markers))
        } else {
            Some(line)
        };
        out.push(Suppression {
            target,
            comment: Span::new(ls.start + marker_at, ls.end),
            own_line,
            entries,
            reason: reason.to_string(),
        });
    }
    out
}

/// The first line after `line` that is not blank and not only a comment.
fn next_code_line(file: &SourceFile, line: usize, markers: &[&str]) -> usize {
    let text = file.text.as_str();
    (line + 1..file.lines.line_count())
        .find(|&l| {
            let span = file.lines.line_span(text, l);
            let t = text[span.start..span.end].trim_start();
            !t.is_empty() && !markers.iter().any(|m| t.starts_with(m))
        })
        .unwrap_or(line + 1)
}
