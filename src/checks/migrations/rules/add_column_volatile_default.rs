//! `migrations/add-column-volatile-default`: see the rule's documentation below.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Flags `ADD COLUMN … DEFAULT expr` where the default calls a volatile function
    /// (`gen_random_uuid()`, `random()`, `clock_timestamp()`, `nextval()`…) on an existing table.
    /// Before Postgres 11, any non-null default is flagged.
    ///
    /// ## Why is this bad?
    /// Postgres can store a constant default in the catalog (from 11), but a volatile default must
    /// be computed per row, so the whole table is rewritten under an ACCESS EXCLUSIVE lock: no
    /// reads or writes until every row is copied.
    ///
    /// ## Example
    /// ```sql
    /// ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// ALTER TABLE orders ADD COLUMN token uuid;
    /// ALTER TABLE orders ALTER COLUMN token SET DEFAULT gen_random_uuid();
    /// -- then backfill existing rows in batches
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: the backfill needs batching that only the author can size.
    pub static RULE = {
        id: "migrations/add-column-volatile-default",
        title: "Adding a column with a volatile default rewrites the table",
        severity: Error,
        fix: None,
        essay: ZeroDowntimeMigrations,
    }
}

/// Report volatile (or, before 11, any) defaults on added columns.
pub fn check(m: &Migration, out: &mut Sink) {
    for (_, _, a) in m.alter_actions() {
        let Action::AddColumn(col) = &a.action else {
            continue;
        };
        let message = match (&col.volatile_call, col.default) {
            (Some(f), _) => format!(
                "default calls volatile `{f}()`, so adding `{}` rewrites the whole table",
                col.name.text
            ),
            (None, Some(_)) if m.version < 11 => format!(
                "before Postgres 11 any default rewrites the table; adding `{}` locks it until every row is copied",
                col.name.text
            ),
            _ => continue,
        };
        out.push(&RULE, Finding::new(&RULE, a.span, message));
    }
}
