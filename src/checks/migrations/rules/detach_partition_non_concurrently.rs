//! `migrations/detach-partition-non-concurrently`: see the rule's documentation below.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Flags `ALTER TABLE … DETACH PARTITION` without `CONCURRENTLY` on Postgres 14 and later.
    ///
    /// ## Why is this bad?
    /// A plain detach takes an ACCESS EXCLUSIVE lock on the partitioned table, blocking every
    /// query on every partition. From 14, `DETACH PARTITION … CONCURRENTLY` needs only a SHARE
    /// UPDATE EXCLUSIVE lock.
    ///
    /// ## Example
    /// ```sql
    /// ALTER TABLE measurements DETACH PARTITION measurements_2019;
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// ALTER TABLE measurements DETACH PARTITION measurements_2019 CONCURRENTLY;
    /// ```
    ///
    /// ## Fix safety
    /// The fix appends `CONCURRENTLY` when the statement runs outside a transaction (the concurrent
    /// form cannot run inside one) and has this one action; it is safe.
    pub static RULE = {
        id: "migrations/detach-partition-non-concurrently",
        title: "Detaching a partition without CONCURRENTLY locks the whole partitioned table",
        severity: Warning,
        fix: Sometimes,
        essay: ZeroDowntimeMigrations,
    }
}

/// Report blocking detaches where the concurrent form exists.
pub fn check(m: &Migration, out: &mut Sink) {
    if m.version < 14 {
        return;
    }
    for (s, table, a) in m.alter_actions() {
        if let Action::DetachPartition {
            concurrently: false,
            finalize: false,
        } = &a.action
        {
            let single = matches!(&s.stmt, Stmt::AlterTable { actions, .. } if actions.len() == 1);
            let fix = (single).then(|| m.concurrently(s, a.span)).flatten();
            let msg = format!(
                "DETACH PARTITION without CONCURRENTLY locks all of `{}`",
                table.text
            );
            out.push(&RULE, Finding::new(&RULE, a.span, msg).with_fix(fix));
        }
    }
}
