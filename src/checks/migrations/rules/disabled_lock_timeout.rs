//! `migrations/disabled-lock-timeout`: see the rule's documentation below.

use super::prelude::*;
use super::timeouts::{Setting, disabled};

declare_rule! {
    /// ## What it does
    /// Flags `SET lock_timeout = 0` (or `'0s'`, `set_config('lock_timeout', '0', …)`) that is in
    /// force when a statement takes a strong lock on an existing table.
    ///
    /// ## Why is this bad?
    /// `0` means wait forever: the migration can queue behind a long query indefinitely, and every
    /// query on the table queues behind the migration.
    ///
    /// ## Example
    /// ```sql
    /// SET lock_timeout = 0;
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
    /// There is no fix: the right limit depends on the table.
    pub static RULE = {
        id: "migrations/disabled-lock-timeout",
        title: "lock_timeout is disabled before a strong lock",
        severity: Warning,
        fix: None,
        essay: Timeouts,
    }
}

/// Report disabled lock timeouts that matter.
pub fn check(m: &Migration, out: &mut Sink) {
    disabled(m, out, &RULE, Setting::Lock);
}
