//! The edits migration fixes share: `CONCURRENTLY`, the framework's no-transaction marker,
//! `NOT VALID`, and a `SET … timeout` before a statement.

use super::{Analyzed, Migration};
use crate::diagnostics::{Edit, Fix, Span};
use crate::syntax::sql::lexer::TokenKind;

/// Fixes for one migration.
impl Migration<'_> {
    /// Make a statement concurrent by inserting `CONCURRENTLY` after `after` (a keyword span):
    /// safe when the statement provably runs outside a transaction, or when it is the file's only
    /// statement and the framework drops its transaction for it (Flyway) or its no-transaction
    /// marker can be added with it.
    pub fn concurrently(&self, stmt: &Analyzed, after: Span) -> Option<Fix> {
        let insert = Edit::insert(after.end, " CONCURRENTLY");
        if !stmt.in_tx {
            return Some(Fix::safe("insert CONCURRENTLY", vec![insert]));
        }
        let explicit_tx = self
            .stmts
            .iter()
            .any(|s| matches!(s.stmt, super::Stmt::Begin));
        if self.statement_count() == 1 && !explicit_tx {
            let marker = self.no_transaction_marker()?;
            return Some(Fix::safe(
                format!(
                    "insert CONCURRENTLY and opt the file out of {}'s transaction",
                    self.framework.name()
                ),
                vec![marker, insert],
            ));
        }
        None
    }

    /// The edit that adds the framework's no-transaction marker, if the framework has one.
    pub fn no_transaction_marker(&self) -> Option<Edit> {
        let marker = self.framework.no_transaction_marker()?;
        if self.framework == super::Framework::Dbmate {
            let up = self.script.comments.iter().find(|c| {
                c.kind == TokenKind::LineComment && c.text(self.src).contains("migrate:up")
            })?;
            return Some(Edit::insert(up.span.end, format!(" {marker}")));
        }
        Some(Edit::insert(0, format!("{marker}\n")))
    }

    /// Insert `SET [LOCAL] param = 'value';` before `stmt`.
    pub fn set_before(&self, stmt: &Analyzed, param: &str, value: &str) -> Fix {
        let scope = if stmt.in_tx { "SET LOCAL" } else { "SET" };
        let line_start = self.src[..stmt.span.start].rfind('\n').map_or(0, |i| i + 1);
        let indent = &self.src[line_start..stmt.span.start];
        let text = if indent.chars().all(char::is_whitespace) {
            format!("{scope} {param} = '{value}';\n{indent}")
        } else {
            format!("{scope} {param} = '{value}'; ")
        };
        Fix::safe(
            format!("insert `{scope} {param}` before the statement"),
            vec![Edit::insert(stmt.span.start, text)],
        )
    }
}
