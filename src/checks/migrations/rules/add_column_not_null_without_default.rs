//! `migrations/add-column-not-null-without-default`: see the rule's documentation below.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Flags `ADD COLUMN … NOT NULL` without a `DEFAULT` on an existing table.
    ///
    /// ## Why is this bad?
    /// Existing rows have no value for the new column, so the statement fails on any table that is
    /// not empty, usually in production and not in the empty development database.
    ///
    /// ## Example
    /// ```sql
    /// ALTER TABLE accounts ADD COLUMN plan text NOT NULL;
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// ALTER TABLE accounts ADD COLUMN plan text NOT NULL DEFAULT 'free';
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: atlas9 cannot choose the default value.
    pub static RULE = {
        id: "migrations/add-column-not-null-without-default",
        title: "Adding a NOT NULL column without a default fails on a non-empty table",
        severity: Error,
        fix: None,
        essay: ZeroDowntimeMigrations,
    }
}

/// Report NOT NULL columns added without a default.
pub fn check(m: &Migration, out: &mut Sink) {
    for (_, _, a) in m.alter_actions() {
        if let Action::AddColumn(col) = &a.action
            && col.not_null
            && col.default.is_none()
            && !col.identity
            && !col.generated_stored
        {
            let msg = format!(
                "`{}` is NOT NULL with no default: existing rows have no value, so this fails on a non-empty table",
                col.name.text
            );
            out.push(&RULE, Finding::new(&RULE, a.span, msg));
        }
    }
}
