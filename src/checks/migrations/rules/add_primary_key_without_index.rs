//! `migrations/add-primary-key-without-index`: see the rule's documentation below.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Flags `ADD PRIMARY KEY (…)` on an existing table unless it reuses an index (`USING INDEX`).
    ///
    /// ## Why is this bad?
    /// Postgres builds the primary key's unique index (and checks the columns are NOT NULL) while
    /// holding an ACCESS EXCLUSIVE lock. Building a unique index `CONCURRENTLY` first makes the
    /// constraint instant.
    ///
    /// ## Example
    /// ```sql
    /// ALTER TABLE events ADD PRIMARY KEY (id);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// CREATE UNIQUE INDEX CONCURRENTLY events_pkey_idx ON events (id);
    /// ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_pkey_idx;
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: the index build must move to a non-transactional migration.
    pub static RULE = {
        id: "migrations/add-primary-key-without-index",
        title: "Adding a primary key builds its index under an exclusive lock",
        severity: Error,
        fix: None,
        essay: ZeroDowntimeMigrations,
    }
}

/// Report primary keys that build their own index.
pub fn check(m: &Migration, out: &mut Sink) {
    for (_, table, a) in m.alter_actions() {
        if let Action::AddConstraint {
            kind: Constraint::PrimaryKey { using_index: false },
            ..
        } = &a.action
        {
            let msg = format!(
                "PRIMARY KEY builds an index on `{}` while it is locked; build it CONCURRENTLY and add the key USING INDEX",
                table.text
            );
            out.push(&RULE, Finding::new(&RULE, a.span, msg));
        }
    }
}
