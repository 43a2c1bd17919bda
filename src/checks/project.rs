//! The project phase: what every file's facts, taken together, say about the pending findings.

use super::{Fact, openapi, timeouts};
use crate::config::Config;
use crate::diagnostics::Finding;
use crate::workspace::{FileKind, SourceFile};
use std::collections::HashMap;

/// Conclusions drawn from all facts of a run.
#[derive(Debug, Default)]
pub struct Project {
    /// A migration sets a role- or database-level `statement_timeout`, which covers every
    /// connection string.
    server_statement_timeout: bool,
}

impl Project {
    /// Reduce the facts of every file.
    pub fn new<'a>(facts: impl IntoIterator<Item = &'a Fact>) -> Self {
        let mut p = Self::default();
        for f in facts {
            match f {
                Fact::ServerStatementTimeout => p.server_statement_timeout = true,
                Fact::Pending(_) => {}
            }
        }
        p
    }

    /// Checks that need several files at once: each OpenAPI description with the documents it
    /// references. `documents` are `(file index, text, kind)`; findings come back by file index.
    pub fn check_documents(
        &self,
        documents: &[(usize, &SourceFile, FileKind)],
        config: &Config,
    ) -> HashMap<usize, Vec<Finding>> {
        openapi::check(documents, config)
    }

    /// True when a pending finding stands.
    pub fn keeps(&self, f: &Finding) -> bool {
        !(self.server_statement_timeout && f.rule == timeouts::dsn::RULE.id)
    }
}
