//! `migrations/unbatched-backfill`: see the rule's documentation below.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Flags `UPDATE` or `DELETE` without a `WHERE` clause on a table not created in the same
    /// file.
    ///
    /// ## Why is this bad?
    /// One statement over the whole table locks every row it touches until it commits, bloats the
    /// table with dead tuples, and floods replication, all inside the migration's transaction.
    ///
    /// ## Example
    /// ```sql
    /// UPDATE users SET plan = 'free';
    /// ```
    ///
    /// Use instead: backfill in batches outside the schema migration, each batch its own
    /// transaction.
    /// ```sql
    /// UPDATE users SET plan = 'free' WHERE id >= 1 AND id < 10001 AND plan IS NULL;
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix.
    pub static RULE = {
        id: "migrations/unbatched-backfill",
        title: "A whole-table UPDATE or DELETE in a migration",
        severity: Warning,
        fix: None,
        essay: ZeroDowntimeMigrations,
    }
}

/// Report unbounded data changes.
pub fn check(m: &Migration, out: &mut Sink) {
    for s in m.stmts.iter().filter(|s| !s.new_object) {
        if let Stmt::Dml {
            bounded: false,
            table,
        } = &s.stmt
        {
            let target = table
                .as_ref()
                .map_or_else(|| "the table".to_string(), |t| format!("`{}`", t.text));
            out.push(
                &RULE,
                Finding::new(
                    &RULE,
                    s.span,
                    format!(
                        "this changes every row of {target} in one statement; backfill in batches"
                    ),
                ),
            );
        }
    }
}
