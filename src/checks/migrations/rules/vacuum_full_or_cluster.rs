//! `migrations/vacuum-full-or-cluster`: see the rule's documentation below.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Flags `VACUUM FULL` and `CLUSTER` in migrations.
    ///
    /// ## Why is this bad?
    /// Both rewrite the whole table under an ACCESS EXCLUSIVE lock: nothing can read or write it
    /// until the copy is done.
    ///
    /// ## Example
    /// ```sql
    /// VACUUM FULL events;
    /// ```
    ///
    /// Use instead: plain `VACUUM` (or let autovacuum work), or an online tool such as
    /// `pg_repack` outside the migration.
    /// ```sql
    /// VACUUM (ANALYZE) events;
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix.
    pub static RULE = {
        id: "migrations/vacuum-full-or-cluster",
        title: "VACUUM FULL or CLUSTER rewrites the table under an exclusive lock",
        severity: Error,
        fix: None,
        essay: ZeroDowntimeMigrations,
    }
}

/// Report table rewrites by VACUUM FULL or CLUSTER.
pub fn check(m: &Migration, out: &mut Sink) {
    for s in &m.stmts {
        let what = match s.stmt {
            Stmt::VacuumFull => "VACUUM FULL",
            Stmt::Cluster => "CLUSTER",
            _ => continue,
        };
        out.push(
            &RULE,
            Finding::new(
                &RULE,
                s.span,
                format!("{what} rewrites the table while nothing can read or write it"),
            ),
        );
    }
}
