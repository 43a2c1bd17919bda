//! `--format github`: workflow commands that GitHub Actions turns into annotations.

use super::range;
use crate::diagnostics::Severity;
use crate::engine::Report;
use std::fmt::Write;

/// Render the report as workflow commands.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for file in &report.files {
        for f in &file.findings {
            let (s, e) = range(&file.source, f.span);
            let command = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "notice",
            };
            let _ = writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                property(&file.source.display),
                s.line,
                s.column,
                e.line,
                e.column,
                property(f.rule),
                data(&f.message)
            );
        }
    }
    out
}

fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_commands() {
        assert_eq!(super::property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
