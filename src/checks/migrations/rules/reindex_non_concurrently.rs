//! `migrations/reindex-non-concurrently`: see the rule's documentation below.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Flags `REINDEX` without `CONCURRENTLY` on Postgres 12 and later, where the concurrent form
    /// exists.
    ///
    /// ## Why is this bad?
    /// A plain `REINDEX` blocks writes to the table and, for the index being rebuilt, reads that
    /// would use it, for the whole rebuild.
    ///
    /// ## Example
    /// ```sql
    /// REINDEX INDEX orders_user_id_idx;
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// REINDEX INDEX CONCURRENTLY orders_user_id_idx;
    /// ```
    ///
    /// ## Fix safety
    /// The fix inserts `CONCURRENTLY` under the same conditions as for `CREATE INDEX`; it is safe.
    pub static RULE = {
        id: "migrations/reindex-non-concurrently",
        title: "REINDEX without CONCURRENTLY blocks writes",
        severity: Warning,
        fix: Sometimes,
        essay: ZeroDowntimeMigrations,
    }
}

/// Report non-concurrent reindexing where Postgres offers the concurrent form.
pub fn check(m: &Migration, out: &mut Sink) {
    if m.version < 12 {
        return;
    }
    for s in &m.stmts {
        if let Stmt::Reindex {
            concurrently: false,
            kind_kw,
        } = &s.stmt
        {
            let fix = kind_kw.and_then(|kw| m.concurrently(s, kw));
            out.push(
                &RULE,
                Finding::new(
                    &RULE,
                    s.span,
                    "REINDEX without CONCURRENTLY blocks writes for the whole rebuild",
                )
                .with_fix(fix),
            );
        }
    }
}
