//! `migrations/prefer-jsonb`: see the rule's documentation below.

use super::prelude::*;
use super::types::{Preferred, base_type, check_columns};
use crate::diagnostics::Applicability;

declare_rule! {
    /// ## What it does
    /// Flags `json` columns.
    ///
    /// ## Why is this bad?
    /// `json` stores the text as written and reparses it on every access; it has no equality
    /// operator (so no `DISTINCT`, `GROUP BY` or unique index) and no GIN indexing. `jsonb` is
    /// what almost every application wants.
    ///
    /// ## Example
    /// ```sql
    /// CREATE TABLE webhooks (payload json NOT NULL);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// CREATE TABLE webhooks (payload jsonb NOT NULL);
    /// ```
    ///
    /// ## Fix safety
    /// In a new table the fix swaps the type. It is unsafe: `jsonb` does not keep key order,
    /// duplicate keys or whitespace.
    pub static RULE = {
        id: "migrations/prefer-jsonb",
        title: "A json column instead of jsonb",
        severity: Note,
        fix: Sometimes,
        essay: ZeroDowntimeMigrations,
    }
}

/// Report json columns.
pub fn check(m: &Migration, out: &mut Sink) {
    check_columns(m, out, &RULE, Applicability::Unsafe, |col| {
        let (base, _) = base_type(&col.ty.text)?;
        (base == "json").then(|| Preferred {
            replacement: "jsonb".into(),
            message: format!("`{}` is `json`; use `jsonb`", col.name.text),
        })
    });
}
