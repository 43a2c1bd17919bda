//! `migrations/change-column-type`: see the rule's documentation below.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Flags `ALTER COLUMN … TYPE` on an existing table, except changes Postgres makes without a
    /// rewrite: to `text`, to `varchar` with or without a length (from a shorter or equal
    /// `varchar`), to unconstrained `numeric`, and to `citext`. Any `USING` clause is flagged.
    ///
    /// ## Why is this bad?
    /// Most type changes rewrite the table and every index on it under an ACCESS EXCLUSIVE lock.
    ///
    /// ## Example
    /// ```sql
    /// ALTER TABLE events ALTER COLUMN id TYPE bigint;
    /// ```
    ///
    /// Use instead: expand and contract. Add the new column, write both, backfill in batches,
    /// switch reads, then drop the old column.
    /// ```sql
    /// ALTER TABLE events ADD COLUMN id_new bigint;
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: the safe path spans several deployments.
    pub static RULE = {
        id: "migrations/change-column-type",
        title: "Changing a column type rewrites the table",
        severity: Error,
        fix: None,
        essay: ZeroDowntimeMigrations,
    }
}

/// Types a column can change to without a rewrite (from the usual varchar/text origins).
fn binary_compatible(ty: &str) -> bool {
    let base = ty.split('(').next().unwrap_or(ty).trim();
    matches!(base, "text" | "varchar" | "character varying" | "citext") || ty == "numeric"
}

/// Report column type changes that rewrite the table.
pub fn check(m: &Migration, out: &mut Sink) {
    for (_, table, a) in m.alter_actions() {
        if let Action::SetType { column, ty, using } = &a.action {
            if binary_compatible(&ty.text) && !using {
                continue;
            }
            let msg = format!(
                "changing `{}` to `{}` rewrites `{}` and its indexes under an ACCESS EXCLUSIVE lock",
                column.text, ty.text, table.text
            );
            out.push(&RULE, Finding::new(&RULE, a.span, msg));
        }
    }
}
