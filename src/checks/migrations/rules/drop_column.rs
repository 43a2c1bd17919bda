//! `migrations/drop-column`: see the rule's documentation below.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Flags `DROP COLUMN` on an existing table.
    ///
    /// ## Why is this bad?
    /// Deployed code that still selects or inserts the column fails the moment it is gone, and
    /// ORMs that list every column in their queries fail even when the code never uses it.
    ///
    /// ## Example
    /// ```sql
    /// ALTER TABLE users DROP COLUMN legacy_flag;
    /// ```
    ///
    /// Use instead: stop reading and writing the column (and tell the ORM to ignore it) in one
    /// release, then drop it in the next, with a suppression that says so.
    /// ```sql
    /// -- atlas9: allow(migrations/drop-column) unused since release 41
    /// ALTER TABLE users DROP COLUMN legacy_flag;
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix.
    pub static RULE = {
        id: "migrations/drop-column",
        title: "Dropping a column breaks code that still uses it",
        severity: Warning,
        fix: None,
        essay: ZeroDowntimeMigrations,
    }
}

/// Report column drops.
pub fn check(m: &Migration, out: &mut Sink) {
    for (_, table, a) in m.alter_actions() {
        if let Action::DropColumn(col) = &a.action {
            let msg = format!(
                "dropping `{}.{}` breaks any deployed code or ORM model that still uses it",
                table.text, col.text
            );
            out.push(&RULE, Finding::new(&RULE, a.span, msg));
        }
    }
}
