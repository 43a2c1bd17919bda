//! `migrations/drop-index-non-concurrently`: see the rule's documentation below.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Flags `DROP INDEX` without `CONCURRENTLY`, unless the index was created in the same file.
    ///
    /// ## Why is this bad?
    /// A plain `DROP INDEX` takes an ACCESS EXCLUSIVE lock on the index's table. The drop itself is
    /// quick, but it queues behind any long query on the table, and every other query queues
    /// behind it.
    ///
    /// ## Example
    /// ```sql
    /// DROP INDEX orders_legacy_idx;
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// DROP INDEX CONCURRENTLY orders_legacy_idx;
    /// ```
    ///
    /// ## Fix safety
    /// The fix inserts `CONCURRENTLY` under the same conditions as for `CREATE INDEX`; it is safe.
    pub static RULE = {
        id: "migrations/drop-index-non-concurrently",
        title: "Dropping an index without CONCURRENTLY locks its table",
        severity: Warning,
        fix: Sometimes,
        essay: ZeroDowntimeMigrations,
    }
}

/// Report non-concurrent index drops.
pub fn check(m: &Migration, out: &mut Sink) {
    for s in m.stmts.iter().filter(|s| !s.new_object) {
        if let Stmt::DropIndex {
            names,
            concurrently: false,
            index_kw,
        } = &s.stmt
        {
            // DROP INDEX CONCURRENTLY takes exactly one index.
            let fix = if names.len() == 1 {
                m.concurrently(s, *index_kw)
            } else {
                None
            };
            let msg = format!(
                "DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the table of `{}`",
                names[0].text
            );
            out.push(&RULE, Finding::new(&RULE, s.span, msg).with_fix(fix));
        }
    }
}
