//! `migrations/rename-table`: see the rule's documentation below.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Flags `ALTER TABLE … RENAME TO` on an existing table.
    ///
    /// ## Why is this bad?
    /// Running application instances keep querying the old name and fail until they are all
    /// replaced.
    ///
    /// ## Example
    /// ```sql
    /// ALTER TABLE customers RENAME TO accounts;
    /// ```
    ///
    /// Use instead: create the new name as an updatable view (or the reverse), move the code over,
    /// then drop the view in a later release.
    /// ```sql
    /// ALTER TABLE customers RENAME TO accounts;
    /// CREATE VIEW customers AS SELECT * FROM accounts;
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix.
    pub static RULE = {
        id: "migrations/rename-table",
        title: "Renaming a table breaks the running application",
        severity: Warning,
        fix: None,
        essay: ZeroDowntimeMigrations,
    }
}

/// Report table renames.
pub fn check(m: &Migration, out: &mut Sink) {
    for (_, table, a) in m.alter_actions() {
        if let Action::RenameTable(to) = &a.action {
            let msg = format!(
                "renaming `{}` to `{}` breaks every deployed version that still uses the old name",
                table.text, to.text
            );
            out.push(&RULE, Finding::new(&RULE, a.span, msg));
        }
    }
}
