//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod tokens;

use atlas9::config::Config;
use atlas9::diagnostics::Applicability;
use atlas9::engine::{self, Options, Report};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The repository's `fixtures/` directory.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Every directory under `fixtures/rules` that holds an `atlas9.toml`.
pub fn fixture_roots() -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = walkdir::WalkDir::new(fixtures().join("rules"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "atlas9.toml")
        .filter_map(|e| e.path().parent().map(Path::to_path_buf))
        .collect();
    roots.sort();
    roots
}

/// The configuration a fixture root uses.
pub fn config_for(dir: &Path) -> Config {
    let file = dir.join("atlas9.toml");
    if file.exists() {
        Config::load(&file).expect("fixture config loads")
    } else {
        Config::default_for(dir.to_path_buf())
    }
}

/// Check `dir` as the working directory (its materialized copy when it holds templates).
pub fn check(dir: &Path, fix: Option<Applicability>, threads: usize) -> Report {
    let copy = materialize(dir);
    let dir = copy.as_ref().map_or(dir, |t| t.path());
    let opts = Options {
        paths: vec![".".into()],
        cwd: dir.to_path_buf(),
        threads,
        fix,
    };
    engine::run(&config_for(dir), &opts)
}

/// A copy of `dir` with every `{{gen:…}}` template expanded (seeded by the file's path), or
/// `None` when it holds none. Fixtures keep token-shaped strings out of the repository this way.
pub fn materialize(dir: &Path) -> Option<tempfile::TempDir> {
    let files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .collect();
    let templated = files
        .iter()
        .any(|e| std::fs::read_to_string(e.path()).is_ok_and(|t| tokens::has_templates(&t)));
    if !templated {
        return None;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    for e in &files {
        let rel = e.path().strip_prefix(dir).expect("under dir");
        let dest = tmp.path().join(rel);
        std::fs::create_dir_all(dest.parent().expect("parent")).expect("mkdir");
        match std::fs::read_to_string(e.path()) {
            Ok(text) => {
                let seed = rel.to_string_lossy().replace('\\', "/");
                std::fs::write(&dest, tokens::expand(&text, &seed)).expect("write");
            }
            Err(_) => {
                std::fs::copy(e.path(), &dest).expect("copy");
            }
        }
    }
    Some(tmp)
}

/// (file, line, rule) of every finding.
pub fn triples(report: &Report) -> BTreeSet<(String, usize, String)> {
    let mut out = BTreeSet::new();
    for f in &report.files {
        for finding in &f.findings {
            let line = f
                .source
                .lines
                .position(&f.source.text, finding.span.start)
                .line;
            out.insert((f.source.rel.clone(), line, finding.rule.to_string()));
        }
    }
    out
}

/// Copy a directory tree.
pub fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = e.path().strip_prefix(from).expect("under root");
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::copy(e.path(), &dest).expect("copy");
        }
    }
}

/// Run the atlas9 binary in `dir`.
pub fn atlas9(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_atlas9"))
        .args(args)
        .current_dir(dir)
        .env_remove("CI")
        .output()
        .expect("runs")
}

/// `(path, rule, field)` of every finding in `--format json` output.
pub fn json_findings(o: &std::process::Output, field: &str) -> Vec<(String, String, String)> {
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("json ({e}): {}", String::from_utf8_lossy(&o.stderr)));
    doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or("").to_string();
            (s("path"), s("rule"), s(field))
        })
        .collect()
}

/// A repository (a `.git` marker) holding `files` (path, text), in a temporary directory.
pub fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(tmp.path().join(".git")).expect("git marker");
    for (path, text) in files {
        let p = tmp.path().join(path);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    }
    tmp
}
