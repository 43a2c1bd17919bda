//! `migrations/add-foreign-key-without-not-valid`: see the rule's documentation below.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Flags `ADD … FOREIGN KEY` without `NOT VALID` on an existing table.
    ///
    /// ## Why is this bad?
    /// Adding a validated foreign key checks every existing row while holding a SHARE ROW
    /// EXCLUSIVE lock on both tables, which blocks every write to them for the whole scan.
    /// `NOT VALID` adds the constraint instantly (new rows are checked); a later
    /// `VALIDATE CONSTRAINT` checks old rows under a lock that lets writes through.
    ///
    /// ## Example
    /// ```sql
    /// ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
    /// -- in the next migration:
    /// ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;
    /// ```
    ///
    /// ## Fix safety
    /// The fix appends `NOT VALID` when the statement has this one action. It is unsafe: existing
    /// rows stay unchecked until a later migration validates the constraint.
    pub static RULE = {
        id: "migrations/add-foreign-key-without-not-valid",
        title: "Adding a foreign key without NOT VALID blocks writes while it scans",
        severity: Error,
        fix: Sometimes,
        essay: ZeroDowntimeMigrations,
    }
}

/// Report validated foreign keys added to existing tables.
pub fn check(m: &Migration, out: &mut Sink) {
    for (stmt, table, a) in m.alter_actions() {
        if let Action::AddConstraint {
            kind: Constraint::ForeignKey,
            not_valid: false,
            ..
        } = &a.action
        {
            let msg = format!(
                "foreign key on `{}` is validated while writes to both tables are blocked",
                table.text
            );
            out.push(
                &RULE,
                Finding::new(&RULE, a.span, msg).with_fix(super::not_valid_fix(stmt)),
            );
        }
    }
}
