//! Findings and everything attached to them: severity, spans, fixes and suppressions.
//!
//! Core types stay independent of any renderer: a [`Finding`] holds byte offsets into its file,
//! and line/column pairs are computed at the output edge from a [`crate::workspace::LineIndex`].

pub mod baseline;
pub mod fix;
pub mod suppress;

use serde::{Deserialize, Serialize};
use std::fmt;

/// A half-open byte range `start..end` into a file's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// An empty span at `offset`, used for insertions.
    pub const fn at(offset: usize) -> Self {
        Self {
            start: offset,
            end: offset,
        }
    }
}

/// How much a finding matters; ordered so that `Note < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run unless asked to.
    Note,
    /// Likely a problem.
    Warning,
    /// Breaks production when shipped.
    Error,
}

impl Severity {
    /// The lowercase name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a fix can be applied without a human reading it first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Keeps the meaning of the code; applied by `--fix`.
    Safe,
    /// May change behaviour; applied only with `--unsafe-fixes`.
    Unsafe,
}

/// One text replacement. An insertion has an empty span.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edit {
    /// The bytes replaced.
    pub span: Span,
    /// The new text.
    pub content: String,
}

impl Edit {
    /// Insert `content` at `offset`.
    pub fn insert(offset: usize, content: impl Into<String>) -> Self {
        Self {
            span: Span::at(offset),
            content: content.into(),
        }
    }

    /// Replace `span` with `content`.
    pub fn replace(span: Span, content: impl Into<String>) -> Self {
        Self {
            span,
            content: content.into(),
        }
    }
}

/// A mechanical repair: non-overlapping edits applied together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// Safe or unsafe.
    pub applicability: Applicability,
    /// What the fix does, in a few words ("insert CONCURRENTLY").
    pub description: String,
    /// The edits, sorted by position.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A safe fix.
    pub fn safe(description: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self::new(Applicability::Safe, description, edits)
    }

    /// An unsafe fix.
    pub fn unsafe_(description: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self::new(Applicability::Unsafe, description, edits)
    }

    fn new(
        applicability: Applicability,
        description: impl Into<String>,
        mut edits: Vec<Edit>,
    ) -> Self {
        edits.sort();
        Self {
            applicability,
            description: description.into(),
            edits,
        }
    }
}

/// A secondary location with its own message ("the table is created here").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Where, in the finding's file (unless `elsewhere` says otherwise).
    pub span: Span,
    /// What it shows.
    pub message: String,
    /// The label is in another file: which, and where, resolved when the label was made.
    pub elsewhere: Option<Elsewhere>,
}

/// A location in another file than the finding's (a `$ref` that leads to it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Elsewhere {
    /// The path as shown to users.
    pub display: String,
    /// The path relative to the project root.
    pub rel: String,
    /// Start position.
    pub start: crate::workspace::Position,
    /// End position (exclusive).
    pub end: crate::workspace::Position,
}

/// One problem found in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule id, `domain/name`.
    pub rule: &'static str,
    /// Effective severity (after configuration).
    pub severity: Severity,
    /// One line saying what is wrong here.
    pub message: String,
    /// The offending bytes.
    pub span: Span,
    /// Related locations.
    pub labels: Vec<Label>,
    /// An optional mechanical repair.
    pub fix: Option<Fix>,
    /// A hash of what was found, when the offending text itself must not be hashed weakly or
    /// shown (a secret): fingerprints and baselines use it instead of the text.
    pub fingerprint: Option<String>,
}

impl Finding {
    /// A finding of `rule` at `span`, at the rule's default severity.
    pub fn new(
        rule: &'static crate::registry::Rule,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Self {
            rule: rule.id,
            severity: rule.severity,
            message: message.into(),
            span,
            labels: Vec::new(),
            fix: None,
            fingerprint: None,
        }
    }

    /// Attach a fix.
    pub fn with_fix(mut self, fix: Option<Fix>) -> Self {
        self.fix = fix;
        self
    }

    /// Attach a secondary label in the same file.
    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
            elsewhere: None,
        });
        self
    }

    /// Attach a secondary label in another file.
    pub fn with_label_elsewhere(mut self, at: Elsewhere, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span: Span::default(),
            message: message.into(),
            elsewhere: Some(at),
        });
        self
    }
}
