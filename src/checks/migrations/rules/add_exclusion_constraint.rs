//! `migrations/add-exclusion-constraint`: see the rule's documentation below.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Flags `ADD … EXCLUDE (…)` on an existing table.
    ///
    /// ## Why is this bad?
    /// An exclusion constraint builds its index and checks every row under an ACCESS EXCLUSIVE
    /// lock, and unlike UNIQUE it cannot be attached from an index built concurrently or added
    /// `NOT VALID`. On a large table the outage lasts as long as the build.
    ///
    /// ## Example
    /// ```sql
    /// ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);
    /// ```
    ///
    /// Use instead: add exclusion constraints when the table is created, or schedule the change
    /// in a maintenance window.
    /// ```sql
    /// CREATE TABLE bookings (room int, during tstzrange, EXCLUDE USING gist (room WITH =, during WITH &&));
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix.
    pub static RULE = {
        id: "migrations/add-exclusion-constraint",
        title: "Adding an exclusion constraint locks the table for the whole index build",
        severity: Warning,
        fix: None,
        essay: ZeroDowntimeMigrations,
    }
}

/// Report exclusion constraints added to existing tables.
pub fn check(m: &Migration, out: &mut Sink) {
    for (_, table, a) in m.alter_actions() {
        if let Action::AddConstraint {
            kind: Constraint::Exclude,
            ..
        } = &a.action
        {
            let msg = format!(
                "EXCLUDE builds its index and checks all of `{}` under an ACCESS EXCLUSIVE lock",
                table.text
            );
            out.push(&RULE, Finding::new(&RULE, a.span, msg));
        }
    }
}
