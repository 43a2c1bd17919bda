//! `migrations/set-not-null-full-scan`: see the rule's documentation below.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Flags `ALTER COLUMN … SET NOT NULL` on an existing table. From Postgres 12 it stays quiet
    /// when a `CHECK (col IS NOT NULL)` constraint was validated earlier in the same file, because
    /// Postgres then skips the scan.
    ///
    /// ## Why is this bad?
    /// Postgres scans the whole table to prove no row is null, holding an ACCESS EXCLUSIVE lock
    /// for the whole scan.
    ///
    /// ## Example
    /// ```sql
    /// ALTER TABLE users ALTER COLUMN email SET NOT NULL;
    /// ```
    ///
    /// Use instead (Postgres 12+), over separate migrations:
    /// ```sql
    /// ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;
    /// ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;
    /// ALTER TABLE users ALTER COLUMN email SET NOT NULL;
    /// ALTER TABLE users DROP CONSTRAINT users_email_nn;
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: the safe sequence spans several deployments.
    pub static RULE = {
        id: "migrations/set-not-null-full-scan",
        title: "SET NOT NULL scans the whole table under an exclusive lock",
        severity: Warning,
        fix: None,
        essay: ZeroDowntimeMigrations,
    }
}

/// Report `SET NOT NULL` unless a validated `IS NOT NULL` check lets Postgres skip the scan.
pub fn check(m: &Migration, out: &mut Sink) {
    let mut proven: Vec<String> = Vec::new();
    let mut checks: Vec<(String, String)> = Vec::new();
    for (_, table, a) in m.alter_actions() {
        match &a.action {
            Action::AddConstraint {
                name,
                kind:
                    Constraint::Check {
                        not_null_of: Some(col),
                    },
                not_valid,
            } => {
                let key = format!("{}.{col}", table.base());
                match (name, not_valid) {
                    (_, false) => proven.push(key),
                    (Some(n), true) => checks.push((n.text.clone(), key)),
                    (None, true) => {}
                }
            }
            Action::ValidateConstraint(n) => {
                proven.extend(
                    checks
                        .iter()
                        .filter(|(c, _)| *c == n.text)
                        .map(|(_, k)| k.clone()),
                );
            }
            Action::SetNotNull(col) => {
                let key = format!("{}.{}", table.base(), col.text);
                if m.version >= 12 && proven.contains(&key) {
                    continue;
                }
                let msg = format!(
                    "SET NOT NULL on `{}` scans all of `{}` under an ACCESS EXCLUSIVE lock",
                    col.text, table.text
                );
                out.push(&RULE, Finding::new(&RULE, a.span, msg));
            }
            _ => {}
        }
    }
}
