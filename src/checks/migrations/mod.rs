//! Postgres migration safety: what each statement locks, for how long, inside which
//! transaction, and whether a timeout bounds the wait.

mod fixes;
pub mod framework;
pub mod rules;
pub mod statement;

use crate::checks::meta::PARSE_ERROR;
use crate::checks::{Fact, Sink};
use crate::config::MigrationsConfig;
use crate::diagnostics::{Finding, Span};
use crate::registry::MIGRATION_RULES;
use crate::syntax::sql::lexer::TokenKind;
use crate::syntax::sql::{SqlScript, split};
use framework::{Framework, MigrationFile, Wrapping};
use statement::{Action, Name, Stmt, recognize};
use std::collections::HashSet;

/// Whether a timeout is in force at a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timeout {
    /// Never set, or reset.
    Unset,
    /// Set to a non-zero value.
    Set,
    /// Explicitly set to 0 (no limit) by the statement at this span.
    Disabled(Span),
}

/// A statement with what the file around it implies.
#[derive(Debug, Clone)]
pub struct Analyzed {
    /// What it is.
    pub stmt: Stmt,
    /// Its text.
    pub span: Span,
    /// Runs inside a transaction (explicit, framework-opened or implicit multi-statement).
    pub in_tx: bool,
    /// Which transaction (for "same transaction" checks); `None` outside any.
    pub tx: Option<usize>,
    /// Acts on a table (or index) created earlier in this file: it is empty and invisible.
    pub new_object: bool,
    /// Takes a lock stronger than SHARE UPDATE EXCLUSIVE on a pre-existing table.
    pub heavy: bool,
    /// `lock_timeout` in force.
    pub lock_timeout: Timeout,
    /// `statement_timeout` in force.
    pub statement_timeout: Timeout,
}

/// A migration file, analysed once and shared by every migration rule.
pub struct Migration<'a> {
    /// The file's text.
    pub src: &'a str,
    /// Who runs it.
    pub framework: Framework,
    /// The Postgres major version rules gate on.
    pub version: u32,
    /// `[migrations]` settings (timeout values for fixes).
    pub settings: &'a MigrationsConfig,
    /// The linted statements (the up direction unless down is asked for), in order.
    pub stmts: Vec<Analyzed>,
    /// The split script.
    pub script: &'a SqlScript,
}

impl Migration<'_> {
    /// Statements that are `ALTER TABLE` on a pre-existing table, with each action.
    pub fn alter_actions(&self) -> impl Iterator<Item = (&Analyzed, &Name, &statement::ActionAt)> {
        self.stmts
            .iter()
            .filter(|s| !s.new_object)
            .flat_map(|s| match &s.stmt {
                Stmt::AlterTable { table, actions } => actions
                    .iter()
                    .map(move |a| (s, table, a))
                    .collect::<Vec<_>>(),
                _ => Vec::new(),
            })
    }

    /// Every column definition with whether its table is new in this file (so its type can
    /// still be changed for free).
    pub fn columns(&self) -> impl Iterator<Item = (&statement::Column, bool)> {
        self.stmts.iter().flat_map(|s| match &s.stmt {
            Stmt::CreateTable { columns, .. } => {
                columns.iter().map(|c| (c, true)).collect::<Vec<_>>()
            }
            Stmt::AlterTable { actions, .. } => actions
                .iter()
                .filter_map(|a| match &a.action {
                    Action::AddColumn(c) => Some((c, s.new_object)),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        })
    }

    /// The number of linted statements.
    pub fn statement_count(&self) -> usize {
        self.stmts.len()
    }
}

/// Check one migration file.
pub fn check(src: &str, file: MigrationFile, settings: &MigrationsConfig, out: &mut Sink) {
    if file.down && !settings.check_down {
        return;
    }
    let script = split(src);
    if written_for_another_dialect(src, &script) {
        return;
    }
    if let Some(tok) = script.unterminated {
        let what = match tok.kind {
            TokenKind::DollarString => "dollar-quoted string",
            TokenKind::String => "string literal",
            TokenKind::QuotedIdent => "quoted identifier",
            _ => "block comment",
        };
        let span = Span::new(tok.span.start, (tok.span.start + 1).min(src.len()));
        out.push(
            &PARSE_ERROR,
            Finding::new(
                &PARSE_ERROR,
                span,
                format!("unterminated {what} starts here; the rest of the file cannot be checked"),
            ),
        );
    }
    let m = analyse(src, &script, file.framework, settings, out);
    if m.stmts
        .iter()
        .any(|s| matches!(&s.stmt, Stmt::ServerDefault { param } if param == "statement_timeout"))
    {
        out.fact(Fact::ServerStatementTimeout);
    }
    for (rule, check) in MIGRATION_RULES {
        if out.enabled(rule) {
            check(&m, out);
        }
    }
}

/// Migration folders also hold MySQL files (goose and golang-migrate serve both), often with no
/// dialect in the name. Backquoted identifiers and `ENGINE=`/`AUTO_INCREMENT` never occur in
/// Postgres code, so such a file is not linted as Postgres.
fn written_for_another_dialect(src: &str, script: &SqlScript) -> bool {
    let op =
        |t: &crate::syntax::sql::lexer::Token, c: &str| t.kind == TokenKind::Op && t.text(src) == c;
    script.code.windows(2).any(|w| {
        op(&w[0], "`")
            || (w[0].is_word(src, "engine") && op(&w[1], "="))
            || w[0].is_word(src, "auto_increment")
    }) || script.code.last().is_some_and(|t| op(t, "`"))
}

fn comment_has(script: &SqlScript, src: &str, needle: &str) -> bool {
    script.comments.iter().any(|c| c.text(src).contains(needle))
}

/// Which statements are in the up direction: goose and dbmate mark sections with comments.
fn up_ranges(script: &SqlScript, src: &str, check_down: bool) -> Vec<(usize, bool)> {
    let mut marks: Vec<(usize, bool)> = script
        .comments
        .iter()
        .filter_map(|c| {
            let t = c.text(src);
            if t.contains("+goose Down") || t.contains("+goose down") || t.contains("migrate:down")
            {
                Some((c.span.start, check_down))
            } else if t.contains("+goose Up") || t.contains("+goose up") || t.contains("migrate:up")
            {
                Some((c.span.start, true))
            } else {
                None
            }
        })
        .collect();
    marks.insert(0, (0, true));
    marks
}

fn analyse<'a>(
    src: &'a str,
    script: &'a SqlScript,
    framework: Framework,
    settings: &'a MigrationsConfig,
    out: &mut Sink,
) -> Migration<'a> {
    let marks = up_ranges(script, src, settings.check_down);
    let mut recognised = Vec::new();
    for st in &script.statements {
        let linted = marks
            .iter()
            .rev()
            .find(|(at, _)| *at <= st.span.start)
            .is_none_or(|(_, up)| *up);
        if !linted {
            continue;
        }
        match recognize(src, script.tokens(st)) {
            Ok(stmt) => recognised.push((stmt, st.span)),
            Err(e) => {
                out.push(
                    &PARSE_ERROR,
                    Finding::new(
                        &PARSE_ERROR,
                        e.span,
                        format!("cannot read this statement: expected {}", e.expected),
                    ),
                );
                recognised.push((Stmt::Other, st.span));
            }
        }
    }
    let opted_out = match framework.no_transaction_marker() {
        Some(marker) => comment_has(script, src, marker),
        None => false,
    };
    let all_concurrent = !recognised.is_empty() && recognised.iter().all(|(s, _)| is_concurrent(s));
    let wrapped = match framework.wrapping() {
        Wrapping::Transaction if framework.detects_non_transactional() && all_concurrent => false,
        Wrapping::Transaction => !opted_out,
        Wrapping::ImplicitMultiStatement => recognised.len() > 1,
        Wrapping::None => false,
    };

    let mut stmts = Vec::with_capacity(recognised.len());
    let mut created_tables = Created::default();
    let mut created_indexes = Created::default();
    let mut tx_count = 0usize;
    let mut tx = wrapped.then_some(0);
    let (mut lock_session, mut lock_local) = (Timeout::Unset, None);
    let (mut stmt_session, mut stmt_local) = (Timeout::Unset, None);

    for (stmt, span) in recognised {
        match &stmt {
            Stmt::Begin if tx.is_none() || !wrapped => {
                tx_count += 1;
                tx = Some(tx_count);
            }
            Stmt::Commit => {
                tx = None;
                lock_local = None;
                stmt_local = None;
            }
            Stmt::Set {
                param,
                value,
                local,
            } => {
                let state = match value {
                    None => Timeout::Unset,
                    Some(v) if is_zero(v) => Timeout::Disabled(span),
                    Some(_) => Timeout::Set,
                };
                let (session, local_slot) = match param.as_str() {
                    "lock_timeout" => (&mut lock_session, &mut lock_local),
                    "statement_timeout" => (&mut stmt_session, &mut stmt_local),
                    _ => (&mut Timeout::Unset, &mut None),
                };
                if *local {
                    if tx.is_some() {
                        *local_slot = Some(state);
                    }
                } else {
                    *session = state;
                    // A plain SET inside a transaction also replaces any SET LOCAL value.
                    *local_slot = None;
                }
            }
            _ => {}
        }
        let in_tx =
            tx.is_some() || (framework.wrapping() == Wrapping::ImplicitMultiStatement && wrapped);
        let new_object = touches_new(&stmt, &created_tables, &created_indexes);
        let heavy = !new_object && is_heavy(&stmt, settings.postgres_version);
        match &stmt {
            Stmt::CreateTable {
                table,
                if_not_exists: false,
                ..
            } => created_tables.insert(table),
            Stmt::CreateIndex { name: Some(n), .. } => created_indexes.insert(n),
            _ => {}
        }
        stmts.push(Analyzed {
            stmt,
            span,
            in_tx,
            tx: if in_tx { Some(tx.unwrap_or(0)) } else { None },
            new_object,
            heavy,
            lock_timeout: lock_local.unwrap_or(lock_session),
            statement_timeout: stmt_local.unwrap_or(stmt_session),
        });
    }
    Migration {
        src,
        framework,
        version: settings.postgres_version,
        settings,
        stmts,
        script,
    }
}

/// A statement that uses `CONCURRENTLY`, and so cannot run in a transaction.
pub fn is_concurrent(stmt: &Stmt) -> bool {
    match stmt {
        Stmt::CreateIndex { concurrently, .. }
        | Stmt::DropIndex { concurrently, .. }
        | Stmt::Reindex { concurrently, .. } => *concurrently,
        Stmt::AlterTable { actions, .. } => actions.iter().any(|a| {
            matches!(
                a.action,
                Action::DetachPartition {
                    concurrently: true,
                    ..
                }
            )
        }),
        _ => false,
    }
}

/// `0`, `'0'`, `0s`, `0ms`, `0min`.
fn is_zero(v: &str) -> bool {
    let digits = v
        .trim()
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .trim();
    !digits.is_empty() && digits.bytes().all(|b| b == b'0')
}

/// Objects created earlier in a file. Names match when equal, or when either is unqualified and
/// the last components are equal (`users` is `public.users`).
#[derive(Default)]
struct Created {
    full: HashSet<String>,
    bases: HashSet<String>,
    unqualified_bases: HashSet<String>,
}

impl Created {
    fn insert(&mut self, n: &Name) {
        self.full.insert(n.text.clone());
        self.bases.insert(n.base().to_string());
        if !n.text.contains('.') {
            self.unqualified_bases.insert(n.text.clone());
        }
    }

    fn contains(&self, n: &Name) -> bool {
        self.full.contains(&n.text)
            || if n.text.contains('.') {
                self.unqualified_bases.contains(n.base())
            } else {
                self.bases.contains(&n.text)
            }
    }
}

fn touches_new(stmt: &Stmt, tables: &Created, indexes: &Created) -> bool {
    let new_table = |n: &Name| tables.contains(n);
    match stmt {
        Stmt::CreateIndex { table, .. } | Stmt::AlterTable { table, .. } => new_table(table),
        Stmt::DropTable { names } | Stmt::LockTable { names } => {
            !names.is_empty() && names.iter().all(new_table)
        }
        Stmt::DropIndex { names, .. } => names.iter().all(|n| indexes.contains(n)),
        Stmt::CreateTrigger { table: Some(t) } | Stmt::Dml { table: Some(t), .. } => new_table(t),
        _ => false,
    }
}

/// Takes a lock stronger than SHARE UPDATE EXCLUSIVE on a table that other sessions use.
fn is_heavy(stmt: &Stmt, version: u32) -> bool {
    match stmt {
        Stmt::AlterTable { actions, .. } => actions.iter().any(|a| match &a.action {
            Action::Light | Action::ValidateConstraint(_) => false,
            Action::DetachPartition {
                concurrently,
                finalize,
            } => !(*concurrently || *finalize) || version < 14,
            _ => true,
        }),
        Stmt::CreateIndex { concurrently, .. }
        | Stmt::DropIndex { concurrently, .. }
        | Stmt::Reindex { concurrently, .. } => !concurrently,
        Stmt::DropTable { .. }
        | Stmt::Truncate
        | Stmt::VacuumFull
        | Stmt::Cluster
        | Stmt::LockTable { .. }
        | Stmt::CreateTrigger { .. } => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_values() {
        for v in ["0", "0s", "00ms", " 0min "] {
            assert!(is_zero(v), "{v}");
        }
        for v in ["5s", "10", "", "off"] {
            assert!(!is_zero(v), "{v}");
        }
    }
}
