//! Connection settings that leave Postgres sessions without a statement timeout.

pub mod dsn;

use crate::checks::{Fact, Sink};
use crate::workspace::{FileKind, SourceFile};

/// Check one configuration file.
pub fn check(file: &SourceFile, kind: FileKind, out: &mut Sink) {
    if out.enabled(&dsn::RULE) {
        dsn::check(file, kind, out);
    }
}

/// The project phase: a role- or database-level `statement_timeout` set by a migration covers
/// every connection, so connection strings without one are then fine.
pub fn resolve<'a>(facts: impl IntoIterator<Item = &'a Fact>) -> bool {
    facts
        .into_iter()
        .any(|f| matches!(f, Fact::ServerStatementTimeout))
}
