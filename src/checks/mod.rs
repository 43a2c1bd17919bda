//! Native checks, one folder per domain, and the sink they report into.

pub mod meta;
pub mod migrations;
pub mod openapi;
mod project;
pub mod secrets;
pub mod timeouts;

pub use project::Project;

use crate::config::Config;
use crate::diagnostics::{Finding, Severity};
use crate::registry::Rule;

/// What a per-file check tells the project phase.
#[derive(Debug, Clone)]
pub enum Fact {
    /// A finding that stands unless a project check finds a reason it does not.
    Pending(Finding),
    /// A migration sets a role- or database-level `statement_timeout`.
    ServerStatementTimeout,
}

/// Where checks put findings. It applies the configured severity and drops findings of rules
/// that are off for this file, so checks never look at configuration themselves.
pub struct Sink<'a> {
    config: &'a Config,
    rel: &'a str,
    findings: Vec<Finding>,
    facts: Vec<Fact>,
}

impl<'a> Sink<'a> {
    /// A sink for the file at `rel`.
    pub fn new(config: &'a Config, rel: &'a str) -> Self {
        Self {
            config,
            rel,
            findings: Vec::new(),
            facts: Vec::new(),
        }
    }

    /// True when `rule` reports anything in this file (so a check can skip its work).
    pub fn enabled(&self, rule: &Rule) -> bool {
        self.config.severity(rule, self.rel).is_some()
    }

    /// Report a finding of `rule`.
    pub fn push(&mut self, rule: &Rule, mut finding: Finding) {
        if let Some(severity) = self.config.severity(rule, self.rel) {
            finding.severity = severity;
            self.findings.push(finding);
        }
    }

    /// Report a finding of `rule` whose default severity is `default` rather than the rule's
    /// own (configuration still overrides it).
    pub fn push_at(&mut self, rule: &Rule, default: Severity, mut finding: Finding) {
        if let Some(severity) = self.config.severity_from(rule, self.rel, default) {
            finding.severity = severity;
            self.findings.push(finding);
        }
    }

    /// Report a finding of `rule` that the project phase may still withdraw.
    pub fn defer(&mut self, rule: &Rule, mut finding: Finding) {
        if let Some(severity) = self.config.severity(rule, self.rel) {
            finding.severity = severity;
            self.facts.push(Fact::Pending(finding));
        }
    }

    /// Record a fact for the project phase.
    pub fn fact(&mut self, fact: Fact) {
        self.facts.push(fact);
    }

    /// The findings and facts so far.
    pub fn finish(self) -> (Vec<Finding>, Vec<Fact>) {
        (self.findings, self.facts)
    }
}
