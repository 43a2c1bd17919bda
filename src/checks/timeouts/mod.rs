//! Connection settings that leave Postgres sessions without a statement timeout.

pub mod dsn;

use crate::checks::Sink;
use crate::workspace::{FileKind, SourceFile};

/// Check one configuration file.
pub fn check(file: &SourceFile, kind: FileKind, out: &mut Sink) {
    if out.enabled(&dsn::RULE) {
        dsn::check(file, kind, out);
    }
}
