//! Baselines let a repository adopt atlas9 with its known findings accepted for now: `atlas9
//! baseline` records them as sorted `{rule, path, fingerprint}` entries (no lines, no timestamps,
//! so regenerating an unchanged tree is byte-identical and moving code never touches the file),
//! and `check --baseline` hides them, reporting the entries that no longer match.

use crate::engine::Report;
use crate::output::fingerprints;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::Path;

/// Where `atlas9 baseline` writes by default.
pub const DEFAULT_PATH: &str = ".atlas9/baseline.json";

/// The file format version.
const VERSION: u32 = 1;

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The rule id.
    pub rule: String,
    /// The file, relative to the project root, with `/` separators.
    pub path: String,
    /// The finding's content fingerprint (see [`crate::output::fingerprints`]).
    pub fingerprint: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    entries: Vec<Entry>,
}

/// A set of accepted findings.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    entries: BTreeSet<Entry>,
}

fn entries_of(report: &Report) -> impl Iterator<Item = (usize, usize, Entry)> + '_ {
    report.files.iter().enumerate().flat_map(|(fi, file)| {
        file.findings
            .iter()
            .zip(fingerprints(file))
            .enumerate()
            .map(move |(i, (f, fingerprint))| {
                (
                    fi,
                    i,
                    Entry {
                        rule: f.rule.to_string(),
                        path: file.source.rel.clone(),
                        fingerprint,
                    },
                )
            })
    })
}

impl Baseline {
    /// Every finding of `report`.
    pub fn of(report: &Report) -> Self {
        Self {
            entries: entries_of(report).map(|(_, _, e)| e).collect(),
        }
    }

    /// How many entries it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when it holds no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The file content: pretty JSON, entries sorted.
    pub fn to_json(&self) -> String {
        let file = BaselineFile {
            version: VERSION,
            entries: self.entries.iter().cloned().collect(),
        };
        let mut out = serde_json::to_string_pretty(&file).unwrap_or_default();
        out.push('\n');
        out
    }

    /// Read a baseline file.
    pub fn load(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let file: BaselineFile = serde_json::from_str(&text)
            .map_err(|e| format!("{}: not an atlas9 baseline: {e}", path.display()))?;
        if file.version != VERSION {
            return Err(format!(
                "{}: baseline version {} is not {VERSION}",
                path.display(),
                file.version
            ));
        }
        Ok(Self {
            entries: file.entries.into_iter().collect(),
        })
    }

    /// Hide the known findings of `report`. Returns how many were hidden and the entries that
    /// matched nothing (fixed or changed since, to be pruned by regenerating the baseline).
    pub fn apply(&self, report: &mut Report) -> (usize, Vec<Entry>) {
        let mut matched = BTreeSet::new();
        let mut hidden: Vec<(usize, usize)> = Vec::new();
        for (fi, i, entry) in entries_of(report) {
            if self.entries.contains(&entry) {
                hidden.push((fi, i));
                matched.insert(entry);
            }
        }
        for &(fi, i) in hidden.iter().rev() {
            report.files[fi].findings.remove(i);
        }
        report
            .files
            .retain(|f| !f.findings.is_empty() || !f.suppressed.is_empty());
        let stale = self.entries.difference(&matched).cloned().collect();
        (hidden.len(), stale)
    }
}
