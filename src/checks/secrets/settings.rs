//! `[secrets]` in `atlas9.toml`.

use super::pack::Confidence;
use globset::GlobSet;
use regex::RegexSet;
use serde::Deserialize;

/// `[secrets]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawSettings {
    packs: Vec<String>,
    allow_values: Vec<String>,
    allow_paths: Vec<String>,
    min_confidence: Option<Confidence>,
    other_tools: Option<bool>,
    fingerprint_key_env: Option<String>,
}

/// `[secrets]`, compiled.
#[derive(Debug)]
pub struct Settings {
    /// Values never reported (regexes over the secret).
    pub allow_values: RegexSet,
    /// Paths never scanned for secrets.
    pub allow_paths: GlobSet,
    /// Findings of rules below this tier are notes, so they do not fail the run.
    pub min_confidence: Confidence,
    /// Honour other scanners' allow comments (`gitleaks:allow`, …).
    pub other_tools: bool,
    /// The environment variable holding an HMAC key for secret fingerprints.
    pub fingerprint_key_env: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            allow_values: RegexSet::empty(),
            allow_paths: GlobSet::empty(),
            min_confidence: Confidence::Low,
            other_tools: true,
            fingerprint_key_env: None,
        }
    }
}

impl RawSettings {
    /// The user packs to load.
    pub fn packs(&self) -> &[String] {
        &self.packs
    }

    /// Compile, or say what is wrong.
    pub fn compile(self) -> Result<Settings, String> {
        let allow_values = RegexSet::new(&self.allow_values)
            .map_err(|e| format!("[secrets] allow_values: {e}"))?;
        let mut b = globset::GlobSetBuilder::new();
        for p in &self.allow_paths {
            b.add(globset::Glob::new(p).map_err(|e| format!("[secrets] allow_paths: {e}"))?);
        }
        Ok(Settings {
            allow_values,
            allow_paths: b.build().map_err(|e| e.to_string())?,
            min_confidence: self.min_confidence.unwrap_or(Confidence::Low),
            other_tools: self.other_tools.unwrap_or(true),
            fingerprint_key_env: self.fingerprint_key_env,
        })
    }
}
