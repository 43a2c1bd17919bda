//! `migrations/lock-timeout-on-concurrently`: see the rule's documentation below.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Flags a `CONCURRENTLY` operation that runs with a non-zero `lock_timeout` in force.
    ///
    /// ## Why is this bad?
    /// A concurrent index build waits for older transactions several times. If the lock timeout
    /// fires during one of those waits, the statement fails but leaves an INVALID index behind,
    /// which costs write overhead and makes a plain retry fail (or, with `IF NOT EXISTS`, succeed
    /// without building anything).
    ///
    /// ## Example
    /// ```sql
    /// SET lock_timeout = '5s';
    /// CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// RESET lock_timeout;
    /// CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: whether to reset the timeout or to make the retry drop the invalid index
    /// first is the author's call.
    pub static RULE = {
        id: "migrations/lock-timeout-on-concurrently",
        title: "A lock_timeout can leave a CONCURRENTLY build half done",
        severity: Warning,
        fix: None,
        essay: Timeouts,
    }
}

/// Report concurrent operations running under a lock timeout.
pub fn check(m: &Migration, out: &mut Sink) {
    for s in &m.stmts {
        if s.lock_timeout == Timeout::Set && crate::checks::migrations::is_concurrent(&s.stmt) {
            let msg = "a lock_timeout is in force: if it fires, this CONCURRENTLY operation leaves an INVALID index behind";
            out.push(&RULE, Finding::new(&RULE, s.span, msg));
        }
    }
}
