//! `migrations/lock-table`: see the rule's documentation below.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Flags an explicit `LOCK TABLE` on a table not created in the same file.
    ///
    /// ## Why is this bad?
    /// An explicit lock is held until the transaction ends, and queries queue behind it (and
    /// behind its own wait for the lock). Migrations rarely need one; when they do, it should be as
    /// short as possible and guarded by `lock_timeout`.
    ///
    /// ## Example
    /// ```sql
    /// LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE;
    /// ```
    ///
    /// Use instead: let each statement take the lock it needs, and set a `lock_timeout`.
    /// ```sql
    /// SET lock_timeout = '5s';
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix.
    pub static RULE = {
        id: "migrations/lock-table",
        title: "An explicit LOCK TABLE blocks other sessions until the transaction ends",
        severity: Warning,
        fix: None,
        essay: ZeroDowntimeMigrations,
    }
}

/// Report explicit table locks.
pub fn check(m: &Migration, out: &mut Sink) {
    for s in m.stmts.iter().filter(|s| !s.new_object) {
        if let Stmt::LockTable { .. } = s.stmt {
            out.push(&RULE, Finding::new(&RULE, s.span, "LOCK TABLE holds its lock until the transaction ends; other queries queue behind it"));
        }
    }
}
