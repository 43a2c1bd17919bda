//! `migrations/missing-statement-timeout`: see the rule's documentation below.

use super::prelude::*;
use super::timeouts::{Setting, missing};

declare_rule! {
    /// ## What it does
    /// Flags the first statement of a migration that takes a lock stronger than SHARE UPDATE
    /// EXCLUSIVE on an existing table while no `statement_timeout` is in force.
    ///
    /// ## Why is this bad?
    /// Once it holds its lock, a rewrite or scan that takes far longer than it did on staging
    /// keeps the table unavailable until someone notices. A `statement_timeout` is the safety net
    /// that bounds the damage.
    ///
    /// ## Example
    /// ```sql
    /// ALTER TABLE users ALTER COLUMN email SET NOT NULL;
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// SET statement_timeout = '10min';
    /// ALTER TABLE users ALTER COLUMN email SET NOT NULL;
    /// ```
    ///
    /// ## Fix safety
    /// The fix inserts `SET statement_timeout` (`SET LOCAL` inside a transaction) with the value
    /// of `[migrations] statement_timeout` before the statement. It is safe.
    pub static RULE = {
        id: "migrations/missing-statement-timeout",
        title: "A statement takes a strong lock with no statement_timeout",
        severity: Warning,
        fix: Sometimes,
        essay: Timeouts,
    }
}

/// Report the first strong-lock statement with no statement_timeout.
pub fn check(m: &Migration, out: &mut Sink) {
    missing(m, out, &RULE, Setting::Statement);
}
