//! `migrations/disabled-statement-timeout`: see the rule's documentation below.

use super::prelude::*;
use super::timeouts::{Setting, disabled};

declare_rule! {
    /// ## What it does
    /// Flags `SET statement_timeout = 0` that is in force when a statement takes a strong lock on
    /// an existing table.
    ///
    /// ## Why is this bad?
    /// `0` removes the safety net: a rewrite that runs for an hour holds its lock for an hour.
    ///
    /// ## Example
    /// ```sql
    /// SET statement_timeout = 0;
    /// ALTER TABLE events ALTER COLUMN payload SET NOT NULL;
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// SET statement_timeout = '10min';
    /// ALTER TABLE events ALTER COLUMN payload SET NOT NULL;
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: the right limit depends on the table.
    pub static RULE = {
        id: "migrations/disabled-statement-timeout",
        title: "statement_timeout is disabled before a strong lock",
        severity: Warning,
        fix: None,
        essay: Timeouts,
    }
}

/// Report disabled statement timeouts that matter.
pub fn check(m: &Migration, out: &mut Sink) {
    disabled(m, out, &RULE, Setting::Statement);
}
