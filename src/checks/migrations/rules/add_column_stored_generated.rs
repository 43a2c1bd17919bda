//! `migrations/add-column-stored-generated`: see the rule's documentation below.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Flags `ADD COLUMN … GENERATED ALWAYS AS (…) STORED` on an existing table.
    ///
    /// ## Why is this bad?
    /// A stored generated column is computed for every existing row while the table is held under
    /// an ACCESS EXCLUSIVE lock: a full rewrite that blocks reads and writes.
    ///
    /// ## Example
    /// ```sql
    /// ALTER TABLE users ADD COLUMN email_lower text GENERATED ALWAYS AS (lower(email)) STORED;
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// ALTER TABLE users ADD COLUMN email_lower text;
    /// -- keep it current with a trigger, backfill in batches, or use an expression index
    /// CREATE INDEX CONCURRENTLY users_email_lower_idx ON users (lower(email));
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: the alternatives change how the value is maintained.
    pub static RULE = {
        id: "migrations/add-column-stored-generated",
        title: "Adding a stored generated column rewrites the table",
        severity: Error,
        fix: None,
        essay: ZeroDowntimeMigrations,
    }
}

/// Report stored generated columns added to existing tables.
pub fn check(m: &Migration, out: &mut Sink) {
    for (_, table, a) in m.alter_actions() {
        if let Action::AddColumn(col) = &a.action
            && col.generated_stored
        {
            let msg = format!(
                "stored generated column `{}` is computed for every row of `{}` under an exclusive lock",
                col.name.text, table.text
            );
            out.push(&RULE, Finding::new(&RULE, a.span, msg));
        }
    }
}
