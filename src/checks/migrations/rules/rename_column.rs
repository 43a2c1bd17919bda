//! `migrations/rename-column`: see the rule's documentation below.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Flags `RENAME COLUMN` on an existing table.
    ///
    /// ## Why is this bad?
    /// The rename is instant, but every running copy of the application still uses the old name:
    /// between the migration and the end of the deploy, their queries fail.
    ///
    /// ## Example
    /// ```sql
    /// ALTER TABLE users RENAME COLUMN name TO full_name;
    /// ```
    ///
    /// Use instead: expand and contract. Add `full_name`, write both, backfill, switch reads,
    /// stop writing `name`, then drop it in a later release.
    /// ```sql
    /// ALTER TABLE users ADD COLUMN full_name text;
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix.
    pub static RULE = {
        id: "migrations/rename-column",
        title: "Renaming a column breaks the running application",
        severity: Warning,
        fix: None,
        essay: ZeroDowntimeMigrations,
    }
}

/// Report column renames.
pub fn check(m: &Migration, out: &mut Sink) {
    for (_, table, a) in m.alter_actions() {
        if let Action::RenameColumn(col) = &a.action {
            let msg = format!(
                "renaming `{}.{}` breaks every deployed version that still reads the old name",
                table.text, col.text
            );
            out.push(&RULE, Finding::new(&RULE, a.span, msg));
        }
    }
}
