//! `migrations/create-index-non-concurrently`: see the rule's documentation below.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Flags `CREATE INDEX` without `CONCURRENTLY` on a table that existed before this migration.
    ///
    /// ## Why is this bad?
    /// A plain index build holds a SHARE lock for its whole duration: every INSERT, UPDATE and
    /// DELETE on the table waits, for minutes on a large table. `CONCURRENTLY` builds the index
    /// while writes continue.
    ///
    /// ## Example
    /// ```sql
    /// CREATE INDEX orders_user_id_idx ON orders (user_id);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);
    /// ```
    ///
    /// ## Fix safety
    /// The fix inserts `CONCURRENTLY` when the statement provably runs outside a transaction, or
    /// when it is the file's only statement and the framework's no-transaction marker is added
    /// with it. Both are safe: the index is the same, only the locking differs.
    pub static RULE = {
        id: "migrations/create-index-non-concurrently",
        title: "Creating an index without CONCURRENTLY blocks writes",
        severity: Error,
        fix: Sometimes,
        essay: ZeroDowntimeMigrations,
    }
}

/// Report non-concurrent index builds on existing tables.
pub fn check(m: &Migration, out: &mut Sink) {
    for s in m.stmts.iter().filter(|s| !s.new_object) {
        if let Stmt::CreateIndex {
            table,
            concurrently: false,
            index_kw,
            ..
        } = &s.stmt
        {
            let msg = format!(
                "building an index without CONCURRENTLY blocks writes to `{}` until it finishes",
                table.text
            );
            out.push(
                &RULE,
                Finding::new(&RULE, s.span, msg).with_fix(m.concurrently(s, *index_kw)),
            );
        }
    }
}
