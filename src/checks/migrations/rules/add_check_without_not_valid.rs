//! `migrations/add-check-without-not-valid`: see the rule's documentation below.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Flags `ADD … CHECK (…)` without `NOT VALID` on an existing table.
    ///
    /// ## Why is this bad?
    /// Postgres checks every existing row while holding an ACCESS EXCLUSIVE lock: the table is
    /// unreadable and unwritable for the whole scan. `NOT VALID` adds the constraint instantly; a
    /// later `VALIDATE CONSTRAINT` scans under a lock that lets reads and writes through.
    ///
    /// ## Example
    /// ```sql
    /// ALTER TABLE payments ADD CONSTRAINT amount_positive CHECK (amount > 0);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// ALTER TABLE payments ADD CONSTRAINT amount_positive CHECK (amount > 0) NOT VALID;
    /// -- in the next migration:
    /// ALTER TABLE payments VALIDATE CONSTRAINT amount_positive;
    /// ```
    ///
    /// ## Fix safety
    /// The fix appends `NOT VALID` when the statement has this one action. It is unsafe: existing
    /// rows stay unchecked until a later migration validates the constraint.
    pub static RULE = {
        id: "migrations/add-check-without-not-valid",
        title: "Adding a CHECK constraint without NOT VALID locks the table while it scans",
        severity: Error,
        fix: Sometimes,
        essay: ZeroDowntimeMigrations,
    }
}

/// Report validated CHECK constraints added to existing tables.
pub fn check(m: &Migration, out: &mut Sink) {
    for (stmt, table, a) in m.alter_actions() {
        if let Action::AddConstraint {
            kind: Constraint::Check { .. },
            not_valid: false,
            ..
        } = &a.action
        {
            let msg = format!(
                "CHECK constraint scans all of `{}` under an ACCESS EXCLUSIVE lock",
                table.text
            );
            out.push(
                &RULE,
                Finding::new(&RULE, a.span, msg).with_fix(super::not_valid_fix(stmt)),
            );
        }
    }
}
