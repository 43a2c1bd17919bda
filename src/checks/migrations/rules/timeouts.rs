//! What the four timeout rules share: which timeout is in force where.

use super::prelude::*;
use crate::checks::migrations::Analyzed;
use crate::registry::Rule;

/// The two settings a migration should bound its waits with.
#[derive(Clone, Copy)]
pub enum Setting {
    /// `lock_timeout`.
    Lock,
    /// `statement_timeout`.
    Statement,
}

impl Setting {
    fn param(self) -> &'static str {
        match self {
            Setting::Lock => "lock_timeout",
            Setting::Statement => "statement_timeout",
        }
    }

    fn state(self, s: &Analyzed) -> Timeout {
        match self {
            Setting::Lock => s.lock_timeout,
            Setting::Statement => s.statement_timeout,
        }
    }

    fn value(self, m: &Migration) -> String {
        match self {
            Setting::Lock => m.settings.lock_timeout.clone(),
            Setting::Statement => m.settings.statement_timeout.clone(),
        }
    }
}

/// A statement whose own rule turns it into a lock-light concurrent operation: a timeout fix in
/// front of it would fight that fix.
fn has_concurrent_form(stmt: &Stmt) -> bool {
    match stmt {
        Stmt::CreateIndex { .. } | Stmt::DropIndex { .. } | Stmt::Reindex { .. } => true,
        Stmt::AlterTable { actions, .. } => actions
            .iter()
            .all(|a| matches!(a.action, Action::DetachPartition { .. })),
        _ => false,
    }
}

/// One finding per file, on the first heavy statement no timeout protects.
pub fn missing(m: &Migration, out: &mut Sink, rule: &'static Rule, setting: Setting) {
    let Some(s) = m
        .stmts
        .iter()
        .find(|s| s.heavy && setting.state(s) == Timeout::Unset)
    else {
        return;
    };
    let fix = (!has_concurrent_form(&s.stmt))
        .then(|| m.set_before(s, setting.param(), &setting.value(m)));
    let consequence = match setting {
        Setting::Lock => "waiting for its lock, it queues every other query on the table behind it",
        Setting::Statement => "nothing stops it if it runs far longer than planned",
    };
    let msg = format!(
        "no {} is set before this statement: {consequence}",
        setting.param()
    );
    out.push(rule, Finding::new(rule, s.span, msg).with_fix(fix));
}

/// Report each `SET … = 0` that leaves a heavy statement without a limit.
pub fn disabled(m: &Migration, out: &mut Sink, rule: &'static Rule, setting: Setting) {
    let mut reported = Vec::new();
    for s in m.stmts.iter().filter(|s| s.heavy) {
        if let Timeout::Disabled(at) = setting.state(s)
            && !reported.contains(&at)
        {
            reported.push(at);
            let msg = format!(
                "{} is set to 0 (no limit) before a statement that takes a strong lock",
                setting.param()
            );
            out.push(
                rule,
                Finding::new(rule, at, msg)
                    .with_label(s.span, "this statement runs without a limit"),
            );
        }
    }
}
