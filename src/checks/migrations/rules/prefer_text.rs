//! `migrations/prefer-text`: see the rule's documentation below.

use super::prelude::*;
use super::types::{Preferred, base_type, check_columns};
use crate::diagnostics::Applicability;

declare_rule! {
    /// ## What it does
    /// Flags `varchar(n)` and `char(n)` columns.
    ///
    /// ## Why is this bad?
    /// In Postgres a length limit gives no storage or speed benefit, and changing the limit later
    /// takes an ACCESS EXCLUSIVE lock (and a rewrite when it shrinks). `char(n)` also pads with
    /// spaces. Use `text`, with a `CHECK (length(col) <= n)` constraint where a limit matters.
    ///
    /// ## Example
    /// ```sql
    /// CREATE TABLE users (email varchar(255) NOT NULL);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// CREATE TABLE users (email text NOT NULL);
    /// ```
    ///
    /// ## Fix safety
    /// In a new table the fix swaps the type for `text`. It is unsafe: the length limit is
    /// dropped, so add a CHECK constraint if it was a business rule.
    pub static RULE = {
        id: "migrations/prefer-text",
        title: "A length-limited character column",
        severity: Note,
        fix: Sometimes,
        essay: ZeroDowntimeMigrations,
    }
}

/// Report length-limited character columns.
pub fn check(m: &Migration, out: &mut Sink) {
    check_columns(m, out, &RULE, Applicability::Unsafe, |col| {
        let (base, args) = base_type(&col.ty.text)?;
        let limited = matches!(
            base,
            "varchar" | "character varying" | "char" | "character" | "bpchar"
        ) && args.is_some();
        limited.then(|| Preferred {
            replacement: "text".into(),
            message: format!(
                "`{}` is `{}`; a length limit in the type is costly to change, use `text`",
                col.name.text, col.ty.text
            ),
        })
    });
}
