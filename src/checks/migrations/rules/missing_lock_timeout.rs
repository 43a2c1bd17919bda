//! `migrations/missing-lock-timeout`: see the rule's documentation below.

use super::prelude::*;
use super::timeouts::{Setting, missing};

declare_rule! {
    /// ## What it does
    /// Flags the first statement of a migration that takes a lock stronger than SHARE UPDATE
    /// EXCLUSIVE on an existing table while no `lock_timeout` is in force. `SET`, `SET LOCAL`
    /// (inside a transaction), `SET … TO` and `set_config()` all count; `RESET` and a later `SET`
    /// do not.
    ///
    /// ## Why is this bad?
    /// A DDL statement first waits for its lock behind whatever long query holds the table, and
    /// while it waits, every new query on the table waits behind it. A short `lock_timeout` turns
    /// an outage into a failed, retryable migration.
    ///
    /// ## Example
    /// ```sql
    /// ALTER TABLE users ADD COLUMN nickname text;
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// SET lock_timeout = '5s';
    /// ALTER TABLE users ADD COLUMN nickname text;
    /// ```
    ///
    /// ## Fix safety
    /// The fix inserts `SET lock_timeout` (`SET LOCAL` inside a transaction) with the value of
    /// `[migrations] lock_timeout` before the statement. It is safe: at worst the migration fails
    /// fast and can be retried.
    pub static RULE = {
        id: "migrations/missing-lock-timeout",
        title: "A statement takes a strong lock with no lock_timeout",
        severity: Warning,
        fix: Sometimes,
        essay: Timeouts,
    }
}

/// Report the first strong-lock statement with no lock_timeout.
pub fn check(m: &Migration, out: &mut Sink) {
    missing(m, out, &RULE, Setting::Lock);
}
