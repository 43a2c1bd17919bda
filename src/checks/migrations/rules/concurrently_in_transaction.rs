//! `migrations/concurrently-in-transaction`: see the rule's documentation below.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Flags a `CONCURRENTLY` operation (`CREATE INDEX`, `DROP INDEX`, `REINDEX`,
    /// `DETACH PARTITION`) that runs inside a transaction: an explicit `BEGIN`, the framework's
    /// transaction (goose, sqlx, dbmate, Atlas; Flyway when other statements share the file), or
    /// the implicit transaction Postgres opens for a multi-statement file (golang-migrate, Prisma).
    ///
    /// ## Why is this bad?
    /// Postgres refuses: `cannot run inside a transaction block`. The deploy fails at this step.
    ///
    /// ## Example
    /// ```sql
    /// -- +goose Up
    /// CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// -- +goose NO TRANSACTION
    /// -- +goose Up
    /// CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);
    /// ```
    ///
    /// ## Fix safety
    /// When the file holds only this statement and the framework has a no-transaction marker, the
    /// fix adds the marker; that is safe because a single statement is atomic anyway. Otherwise
    /// move the statement to its own migration file.
    pub static RULE = {
        id: "migrations/concurrently-in-transaction",
        title: "A CONCURRENTLY operation runs inside a transaction and will fail",
        severity: Error,
        fix: Sometimes,
        essay: ZeroDowntimeMigrations,
    }
}

/// Report concurrent operations that run in a transaction.
pub fn check(m: &Migration, out: &mut Sink) {
    let explicit_tx = m.stmts.iter().any(|s| matches!(s.stmt, Stmt::Begin));
    for s in m.stmts.iter().filter(|s| s.in_tx) {
        if !crate::checks::migrations::is_concurrent(&s.stmt) {
            continue;
        }
        let why = if explicit_tx {
            "inside the BEGIN block".to_string()
        } else if m.statement_count() > 1
            && m.framework.wrapping()
                == crate::checks::migrations::framework::Wrapping::ImplicitMultiStatement
        {
            format!(
                "in the implicit transaction {} opens for a multi-statement file",
                m.framework.name()
            )
        } else if m.framework.detects_non_transactional() {
            format!(
                "in the transaction {} keeps when other statements share the file (it rejects the mix by default)",
                m.framework.name()
            )
        } else {
            format!("inside {}'s transaction", m.framework.name())
        };
        let fix = (m.statement_count() == 1 && !explicit_tx)
            .then(|| m.no_transaction_marker())
            .flatten()
            .map(|marker| {
                Fix::safe(
                    format!("opt the file out of {}'s transaction", m.framework.name()),
                    vec![marker],
                )
            });
        let msg = format!("CONCURRENTLY cannot run {why}; Postgres rejects the statement");
        out.push(&RULE, Finding::new(&RULE, s.span, msg).with_fix(fix));
    }
}
