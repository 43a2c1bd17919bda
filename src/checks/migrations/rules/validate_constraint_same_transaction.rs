//! `migrations/validate-constraint-same-transaction`: see the rule's documentation below.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Flags `VALIDATE CONSTRAINT` in the same transaction that added the constraint `NOT VALID`.
    ///
    /// ## Why is this bad?
    /// The point of `NOT VALID` is to take the strong lock only for an instant. Validating in the
    /// same transaction keeps that strong lock for the whole validation scan, which is exactly
    /// what `NOT VALID` was meant to avoid.
    ///
    /// ## Example
    /// ```sql
    /// BEGIN;
    /// ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
    /// ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;
    /// COMMIT;
    /// ```
    ///
    /// Use instead: validate in a separate migration (or after `COMMIT`).
    /// ```sql
    /// ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: moving the statement means a new migration file.
    pub static RULE = {
        id: "migrations/validate-constraint-same-transaction",
        title: "Validating a constraint in the transaction that added it keeps the strong lock",
        severity: Warning,
        fix: None,
        essay: ZeroDowntimeMigrations,
    }
}

/// Report validations of constraints added NOT VALID in the same transaction.
pub fn check(m: &Migration, out: &mut Sink) {
    let mut added: Vec<(String, Option<usize>)> = Vec::new();
    for (stmt, _, a) in m.alter_actions() {
        match &a.action {
            Action::AddConstraint {
                name: Some(n),
                not_valid: true,
                ..
            } => added.push((n.text.clone(), stmt.tx)),
            Action::ValidateConstraint(n) => {
                let same = added
                    .iter()
                    .any(|(c, tx)| *c == n.text && tx.is_some() && *tx == stmt.tx);
                if same {
                    let msg = format!(
                        "`{}` is validated in the transaction that added it, so the strong lock is held for the whole scan",
                        n.text
                    );
                    out.push(&RULE, Finding::new(&RULE, a.span, msg));
                }
            }
            _ => {}
        }
    }
}
