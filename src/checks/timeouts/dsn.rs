//! `timeouts/dsn-without-statement-timeout`.

use crate::checks::Sink;
use crate::checks::meta::PARSE_ERROR;
use crate::diagnostics::{Finding, Span};
use crate::registry::declare_rule;
use crate::syntax::tree::{self, Node, Value};
use crate::workspace::{FileKind, SourceFile};

declare_rule! {
    /// ## What it does
    /// Flags a Postgres connection string that sets no `statement_timeout`: a URL
    /// (`postgres://…`, `postgresql://…`, `jdbc:postgresql://…`) or a keyword DSN
    /// (`host=… dbname=…`) in `.env*`, YAML, TOML or JSON files, and a Rails `database.yml`
    /// connection with `adapter: postgresql` and no `variables: statement_timeout`. A timeout
    /// counts in `options=-c statement_timeout=…` (URL-encoded or not) or as a pgx runtime
    /// parameter (`?statement_timeout=…`). Connection strings are fine when a migration sets a
    /// role- or database-level default (`ALTER ROLE app SET statement_timeout = '30s'`).
    ///
    /// ## Why is this bad?
    /// Without a statement timeout a runaway query holds its connection, its locks and its
    /// memory until someone kills it; under load the pool drains and the service stops answering.
    ///
    /// ## Example
    /// ```sh
    /// DATABASE_URL=postgres://app@db:5432/app
    /// ```
    ///
    /// Use instead:
    /// ```sh
    /// DATABASE_URL=postgres://app@db:5432/app?options=-c%20statement_timeout%3D30s
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: the right limit depends on the workload, and poolers such as PgBouncer in
    /// transaction mode reject `options`, where a role-level default is the better place.
    pub static RULE = {
        id: "timeouts/dsn-without-statement-timeout",
        title: "A Postgres connection string sets no statement_timeout",
        severity: Warning,
        fix: None,
        essay: Timeouts,
    }
}

const KEYWORDS: &[&str] = &[
    "host", "hostaddr", "dbname", "user", "port", "sslmode", "password",
];

/// Check one configuration file.
pub fn check(file: &SourceFile, kind: FileKind, out: &mut Sink) {
    let text = file.text.as_str();
    // One pass over the whole text decides whether any line needs a look.
    let urls_possible = text.contains("postgres") || text.contains("POSTGRES");
    let keywords_possible =
        text.contains("dbname=") || text.contains("host=") || text.contains("HOST=");
    let is_database_yml = file
        .rel
        .rsplit('/')
        .next()
        .is_some_and(|n| n == "database.yml" || n == "database.yaml");
    let comment = match kind {
        FileKind::Json => None,
        _ => Some('#'),
    };
    let found_urls = if urls_possible {
        urls(text, comment)
    } else {
        Vec::new()
    };
    let found_dsns = if keywords_possible {
        keyword_dsns(text, comment)
    } else {
        Vec::new()
    };
    for (span, reason) in found_urls.into_iter().chain(found_dsns) {
        out.defer(&RULE, Finding::new(&RULE, span, reason));
    }
    if is_database_yml {
        rails(file, out);
    }
}

fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |off, line| {
        let start = *off;
        *off += line.len();
        Some((start, line.trim_end_matches(['\n', '\r'])))
    })
}

fn is_comment(line: &str, comment: Option<char>) -> bool {
    comment.is_some_and(|c| line.trim_start().starts_with(c))
}

/// Postgres URLs without a statement timeout.
fn urls(text: &str, comment: Option<char>) -> Vec<(Span, String)> {
    let mut out = Vec::new();
    for (start, line) in lines(text) {
        if is_comment(line, comment) || !line.contains("://") {
            continue;
        }
        let lower = line.to_ascii_lowercase();
        let mut from = 0;
        while let Some(pos) = lower[from..].find("postgres").map(|p| p + from) {
            from = pos + 8;
            let rest = &lower[pos..];
            let scheme_len = if rest.starts_with("postgresql://") {
                13
            } else if rest.starts_with("postgres://") {
                11
            } else {
                continue;
            };
            let end = line[pos..]
                .find(|c: char| {
                    c.is_whitespace()
                        || matches!(c, '"' | '\'' | '`' | ',' | '}' | ')' | ']' | '<' | '>')
                })
                .map_or(line.len(), |e| pos + e);
            let url = &line[pos..end];
            from = end.max(from);
            let after_scheme = &url[scheme_len..];
            let templated = ["${", "{{", "%(", "$("].iter().any(|t| url.contains(t));
            if after_scheme.is_empty() || templated || sets_timeout(url) {
                continue;
            }
            let begin = if line[..pos].ends_with("jdbc:") {
                pos - 5
            } else {
                pos
            };
            out.push((
                Span::new(start + begin, start + end),
                "this Postgres URL sets no statement_timeout".to_string(),
            ));
        }
    }
    out
}

/// The libpq keywords (`host=`…) on a line, as (offset, keyword). libpq keyword DSNs separate
/// `key=value` pairs with spaces, so a keyword must start the line or follow a space, quote, `=`
/// or `:`; `--host=db` is a command-line flag, not a DSN. One pass over the line, no searching.
fn keywords_in(line: &str) -> Vec<(usize, &'static str)> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    for (eq, _) in bytes.iter().enumerate().filter(|&(_, &b)| b == b'=') {
        let start = bytes[..eq]
            .iter()
            .rposition(|b| !b.is_ascii_alphanumeric())
            .map_or(0, |p| p + 1);
        let boundary =
            start == 0 || matches!(bytes[start - 1], b' ' | b'"' | b'\'' | b'=' | b':' | b'\t');
        let word = &line[start..eq];
        if let Some(k) = KEYWORDS
            .iter()
            .find(|k| k.eq_ignore_ascii_case(word))
            .filter(|_| boundary)
        {
            out.push((start, *k));
        }
    }
    out
}

/// Keyword/value DSNs (`host=db dbname=app user=app`) without a statement timeout.
fn keyword_dsns(text: &str, comment: Option<char>) -> Vec<(Span, String)> {
    let mut out = Vec::new();
    for (start, line) in lines(text) {
        if is_comment(line, comment) || !line.contains('=') {
            continue;
        }
        let hits = keywords_in(line);
        let has = |k: &str| hits.iter().any(|(_, h)| *h == k);
        let names_a_database = has("dbname") || (has("host") && has("user"));
        if hits.len() < 2 || !names_a_database || line.contains("://") || sets_timeout(line) {
            continue;
        }
        let first = hits.iter().map(|(i, _)| *i).min().unwrap_or(0);
        let end = line[first..]
            .find(['"', '\'', '`'])
            .map_or(line.len(), |e| first + e);
        out.push((
            Span::new(start + first, start + end.max(first + 1)),
            "this Postgres connection string sets no statement_timeout".to_string(),
        ));
    }
    out
}

/// True when the (possibly percent-encoded) text sets `statement_timeout`.
fn sets_timeout(text: &str) -> bool {
    let decoded = percent_decode(text).to_ascii_lowercase();
    decoded.contains("statement_timeout")
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).and_then(|&b| hex(b)),
                bytes.get(i + 2).and_then(|&b| hex(b)),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(if bytes[i] == b'+' { b' ' } else { bytes[i] });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Rails `database.yml`: every mapping with a Postgres `adapter` needs
/// `variables: statement_timeout`, unless it connects through a `url` (checked as a URL).
fn rails(file: &SourceFile, out: &mut Sink) {
    let docs = match tree::parse(&file.text, &file.lines) {
        Ok(d) => d,
        Err(e) => {
            out.push(
                &PARSE_ERROR,
                Finding::new(&PARSE_ERROR, e.span, format!("invalid YAML: {}", e.message)),
            );
            return;
        }
    };
    let mut seen = Vec::new();
    let mut stack: Vec<&Node> = docs.iter().collect();
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::Map(entries) => {
                if let Some(adapter) = node.entry("adapter")
                    && adapter
                        .value
                        .as_str()
                        .is_some_and(|a| a.starts_with("postgres") || a == "postgis")
                    && node.get("url").is_none()
                    && node
                        .get("variables")
                        .and_then(|v| v.get("statement_timeout"))
                        .is_none()
                    && !seen.contains(&adapter.key_span)
                {
                    seen.push(adapter.key_span);
                    let span = Span::new(adapter.key_span.start, adapter.value.span.end);
                    out.defer(
                        &RULE,
                        Finding::new(
                            &RULE,
                            span,
                            "this Postgres connection sets no `variables: statement_timeout`",
                        ),
                    );
                }
                stack.extend(entries.iter().map(|e| &e.value));
            }
            Value::Seq(items) => stack.extend(items.iter()),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_with_and_without_timeouts() {
        let text = "A=postgres://u@h/db\nB=postgresql://u@h/db?options=-c%20statement_timeout%3D5s\n# C=postgres://u@h/db\nD=\"jdbc:postgresql://h/db?sslmode=require\"\nE=postgres://u@h/db?statement_timeout=5000\nF=postgres://${HOST}/db\n";
        let found: Vec<&str> = urls(text, Some('#'))
            .iter()
            .map(|(s, _)| &text[s.start..s.end])
            .collect();
        assert_eq!(
            found,
            [
                "postgres://u@h/db",
                "jdbc:postgresql://h/db?sslmode=require"
            ]
        );
    }

    #[test]
    fn keyword_dsns_need_two_keywords() {
        let text = "dsn: \"host=db dbname=app user=app\"\nok: \"host=db dbname=app options='-c statement_timeout=5s'\"\nhost=localhost\nargs: [\"--host=db\", \"--port=5432\", \"--dbname=x\"]\n";
        let found: Vec<&str> = keyword_dsns(text, Some('#'))
            .iter()
            .map(|(s, _)| &text[s.start..s.end])
            .collect();
        assert_eq!(found, ["host=db dbname=app user=app"]);
    }
}
