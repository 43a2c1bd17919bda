//! Deciding what a file is from its path and a cheap look at its first bytes.

use crate::checks::migrations::framework::{self, MigrationFile};
use crate::config::Config;
use std::collections::BTreeSet;

/// What a file is, which decides how it is parsed and which checks see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A Postgres migration.
    Migration(MigrationFile),
    /// A dotenv file (`.env`, `.env.production`, `app.env`).
    Env,
    /// YAML.
    Yaml,
    /// JSON.
    Json,
    /// TOML.
    Toml,
    /// Terraform (`.tf`), checked a module (a directory) at a time.
    Terraform,
    /// Anything else.
    Other,
}

/// How many bytes of a file the framework sniff reads.
const SNIFF_BYTES: usize = 4096;

/// Classify `rel` (relative, `/`-separated) whose text is `text`.
pub fn classify(rel: &str, text: &str, config: &Config, atlas_dirs: &BTreeSet<String>) -> FileKind {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map(|(_, e)| e);
    match ext {
        Some("sql") => {
            let head = &text[..floor_boundary(text, SNIFF_BYTES)];
            let m = &config.migrations;
            let in_paths = (!m.paths.is_empty()).then(|| config.migration_paths.is_match(rel));
            framework::detect(rel, head, atlas_dirs, m.framework, in_paths)
                .map_or(FileKind::Other, FileKind::Migration)
        }
        Some("yml" | "yaml") => FileKind::Yaml,
        Some("json") => FileKind::Json,
        Some("toml") => FileKind::Toml,
        Some("tf") => FileKind::Terraform,
        _ if lower == ".env" || lower.starts_with(".env.") || lower.ends_with(".env") => {
            FileKind::Env
        }
        _ => FileKind::Other,
    }
}

fn floor_boundary(text: &str, max: usize) -> usize {
    let mut i = max.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}
