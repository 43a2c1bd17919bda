//! `migrations/add-unique-constraint-without-index`: see the rule's documentation below.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Flags `ADD … UNIQUE (…)` on an existing table unless it reuses an index (`USING INDEX`).
    ///
    /// ## Why is this bad?
    /// Postgres builds the unique index inside the statement, holding an ACCESS EXCLUSIVE lock for
    /// the whole build. Building the index `CONCURRENTLY` first and attaching it is instant.
    ///
    /// ## Example
    /// ```sql
    /// ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// CREATE UNIQUE INDEX CONCURRENTLY users_email_idx ON users (email);
    /// ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: the index build must move to a non-transactional migration.
    pub static RULE = {
        id: "migrations/add-unique-constraint-without-index",
        title: "Adding a UNIQUE constraint builds its index under an exclusive lock",
        severity: Error,
        fix: None,
        essay: ZeroDowntimeMigrations,
    }
}

/// Report unique constraints that build their own index.
pub fn check(m: &Migration, out: &mut Sink) {
    for (_, table, a) in m.alter_actions() {
        if let Action::AddConstraint {
            kind: Constraint::Unique { using_index: false },
            ..
        } = &a.action
        {
            let msg = format!(
                "UNIQUE builds an index on `{}` while it is locked; build it CONCURRENTLY and add the constraint USING INDEX",
                table.text
            );
            out.push(&RULE, Finding::new(&RULE, a.span, msg));
        }
    }
}
