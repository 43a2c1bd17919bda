//! `migrations/drop-table`: see the rule's documentation below.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Flags `DROP TABLE` of a table not created in the same file.
    ///
    /// ## Why is this bad?
    /// The data is gone for good, and any deployed code that still touches the table fails.
    ///
    /// ## Example
    /// ```sql
    /// DROP TABLE sessions_old;
    /// ```
    ///
    /// Use instead: make sure nothing reads the table for a full release, keep a backup, and
    /// record the decision with a suppression.
    /// ```sql
    /// -- atlas9: allow(migrations/drop-table) unused since release 41, archived to s3
    /// DROP TABLE sessions_old;
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix.
    pub static RULE = {
        id: "migrations/drop-table",
        title: "Dropping a table loses data and breaks code that still uses it",
        severity: Warning,
        fix: None,
        essay: ZeroDowntimeMigrations,
    }
}

/// Report drops of pre-existing tables.
pub fn check(m: &Migration, out: &mut Sink) {
    for s in m.stmts.iter().filter(|s| !s.new_object) {
        if let Stmt::DropTable { names } = &s.stmt {
            let list = names
                .iter()
                .map(|n| format!("`{}`", n.text))
                .collect::<Vec<_>>()
                .join(", ");
            out.push(
                &RULE,
                Finding::new(
                    &RULE,
                    s.span,
                    format!("dropping {list} deletes its data and breaks code that still uses it"),
                ),
            );
        }
    }
}
