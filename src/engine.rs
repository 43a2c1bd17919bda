//! The pipeline: discover → read once → classify → parse and check per file (in parallel) →
//! project phase over facts → suppressions → sorted findings, and `--fix` with atomic writes.

use crate::checks::{self, Fact, Project, Sink, migrations, timeouts};
use crate::config::Config;
use crate::diagnostics::{Applicability, Finding, fix, suppress};
use crate::workspace::{Candidate, FileKind, SourceFile, classify, discover};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

/// How to run a check.
#[derive(Debug, Clone)]
pub struct Options {
    /// Paths to check, relative to `cwd` or absolute.
    pub paths: Vec<PathBuf>,
    /// The working directory (display paths are relative to it).
    pub cwd: PathBuf,
    /// Worker threads (0: one per core).
    pub threads: usize,
    /// Apply fixes up to this applicability (`None`: report only).
    pub fix: Option<Applicability>,
}

/// One file's findings, with its text for rendering.
#[derive(Debug)]
pub struct FileReport {
    /// The file.
    pub source: SourceFile,
    /// Its findings, sorted by position then rule.
    pub findings: Vec<Finding>,
}

/// What a run produced.
#[derive(Debug, Default)]
pub struct Report {
    /// Files with findings, sorted by path.
    pub files: Vec<FileReport>,
    /// How many files were checked.
    pub checked: usize,
    /// Files skipped and why (size cap), for the user's information.
    pub skipped: Vec<String>,
    /// Problems that are not findings (unwalkable paths, unreadable files, failed writes).
    pub errors: Vec<String>,
    /// Files rewritten by `--fix`.
    pub fixed_files: usize,
}

struct Checked {
    findings: Vec<Finding>,
    facts: Vec<Fact>,
}

/// Bytes sniffed for a NUL to decide a file is binary.
const BINARY_SNIFF: usize = 8192;
/// Fix rounds per file before giving up on convergence.
const MAX_FIX_ROUNDS: usize = 8;

/// Run a check.
pub fn run(config: &Config, opts: &Options) -> Report {
    let threads = if opts.threads == 0 {
        std::thread::available_parallelism().map_or(1, usize::from)
    } else {
        opts.threads
    };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build();
    let work = || run_inner(config, opts, threads);
    match pool {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    }
}

fn run_inner(config: &Config, opts: &Options, threads: usize) -> Report {
    let found = discover(
        &opts.paths,
        &config.root,
        &opts.cwd,
        &config.include,
        &config.exclude,
        threads,
    );
    let writable_roots: Vec<PathBuf> = opts
        .paths
        .iter()
        .filter_map(|p| {
            let p = opts.cwd.join(p);
            let dir = if p.is_dir() {
                p
            } else {
                p.parent()?.to_path_buf()
            };
            dir.canonicalize().ok()
        })
        .collect();
    let outcomes: Vec<Outcome> = found
        .files
        .par_iter()
        .map(|c| process(c, config, &found.atlas_dirs, opts.fix, &writable_roots))
        .collect();

    let mut report = Report {
        errors: found.errors,
        ..Report::default()
    };
    let project = Project::new(
        outcomes
            .iter()
            .filter_map(|o| o.kept.as_ref())
            .flat_map(|(_, c)| &c.facts),
    );
    for o in outcomes {
        report.skipped.extend(o.skipped);
        report.errors.extend(o.error);
        report.fixed_files += usize::from(o.fixed);
        report.checked += usize::from(o.checked);
        let Some((source, checked)) = o.kept else {
            continue;
        };
        let mut findings = checked.findings;
        for fact in checked.facts {
            if let Fact::Pending(f) = fact
                && project.keeps(&f)
            {
                findings.push(f);
            }
        }
        suppress::apply(&source, o.markers, config, &mut findings);
        if findings.is_empty() {
            continue;
        }
        findings.sort_by(|a, b| {
            (a.span.start, a.rule, a.span.end).cmp(&(b.span.start, b.rule, b.span.end))
        });
        findings.dedup_by(|a, b| a.rule == b.rule && a.span == b.span && a.message == b.message);
        report.files.push(FileReport { source, findings });
    }
    report
}

struct Outcome {
    /// The file was checked.
    checked: bool,
    /// The file and its results, when there is anything to report, suppress or resolve.
    kept: Option<(SourceFile, Checked)>,
    markers: &'static [&'static str],
    skipped: Option<String>,
    error: Option<String>,
    fixed: bool,
}

fn comment_markers(kind: FileKind) -> &'static [&'static str] {
    match kind {
        FileKind::Migration(_) => &["--", "/*"],
        FileKind::Env | FileKind::Yaml | FileKind::Toml => &["#"],
        FileKind::Json | FileKind::Other => &[],
    }
}

fn process(
    c: &Candidate,
    config: &Config,
    atlas_dirs: &BTreeSet<String>,
    fix: Option<Applicability>,
    writable_roots: &[PathBuf],
) -> Outcome {
    let mut out = Outcome {
        checked: false,
        kept: None,
        markers: &[],
        skipped: None,
        error: None,
        fixed: false,
    };
    let bytes = match read_capped(&c.path, config.max_file_size) {
        Ok(Some(b)) => b,
        Ok(None) => {
            out.skipped = Some(format!(
                "{}: skipped, over the {} byte limit ([files] max_file_size)",
                c.display, config.max_file_size
            ));
            return out;
        }
        Err(e) => {
            out.error = Some(format!("{}: cannot read: {e}", c.display));
            return out;
        }
    };
    if bytes[..bytes.len().min(BINARY_SNIFF)].contains(&0) {
        return out;
    }
    let (text, invalid_at) = match String::from_utf8(bytes) {
        Ok(t) => (t, None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            (String::from_utf8_lossy(e.as_bytes()).into_owned(), Some(at))
        }
    };
    let kind = classify(&c.rel, &text, config, atlas_dirs);
    if kind == FileKind::Other {
        return out;
    }
    out.markers = comment_markers(kind);
    let mut source = SourceFile::new(c.display.clone(), c.rel.clone(), text);
    if let (Some(level), None) = (fix, invalid_at) {
        match fix_file(&source, kind, config, level) {
            Some(fixed) if fixed != source.text => {
                match write_atomically(&c.path, &fixed, writable_roots) {
                    Ok(()) => {
                        out.fixed = true;
                        source = SourceFile::new(c.display.clone(), c.rel.clone(), fixed);
                    }
                    Err(e) => out.error = Some(format!("{}: fix not written: {e}", c.display)),
                }
            }
            _ => {}
        }
    }
    let mut checked = check_source(&source, kind, config);
    if let Some(at) = invalid_at {
        let span = crate::diagnostics::Span::new(at, (at + 1).min(source.text.len()));
        let msg = format!(
            "not valid UTF-8 at byte {at}; the file is checked with the bad bytes replaced"
        );
        checked
            .findings
            .push(Finding::new(&checks::meta::PARSE_ERROR, span, msg));
    }
    out.checked = true;
    // Most files have nothing to report: drop their text now rather than at the end of the run.
    let keep = !checked.findings.is_empty()
        || !checked.facts.is_empty()
        || source.text.contains(suppress::DIRECTIVE);
    if keep {
        out.kept = Some((source, checked));
    }
    out
}

/// Read a file through one handle, or `None` when it is larger than `cap`.
fn read_capped(path: &Path, cap: u64) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let mut f = std::fs::File::open(path)?;
    let len = f.metadata()?.len();
    if len > cap {
        return Ok(None);
    }
    let mut bytes = Vec::with_capacity(len as usize + 1);
    f.read_to_end(&mut bytes)?;
    Ok(Some(bytes))
}

fn check_source(source: &SourceFile, kind: FileKind, config: &Config) -> Checked {
    let mut sink = Sink::new(config, &source.rel);
    match kind {
        FileKind::Migration(m) => migrations::check(&source.text, m, &config.migrations, &mut sink),
        FileKind::Env | FileKind::Yaml | FileKind::Json | FileKind::Toml => {
            timeouts::check(source, kind, &mut sink)
        }
        FileKind::Other => {}
    }
    let (findings, facts) = sink.finish();
    Checked { findings, facts }
}

/// Apply fixes until nothing changes (or the round cap is hit); returns the final text.
fn fix_file(
    source: &SourceFile,
    kind: FileKind,
    config: &Config,
    level: Applicability,
) -> Option<String> {
    let mut text = source.text.clone();
    let mut changed = false;
    for _ in 0..MAX_FIX_ROUNDS {
        let current = SourceFile::new(source.display.clone(), source.rel.clone(), text.clone());
        let mut checked = check_source(&current, kind, config);
        checked
            .findings
            .extend(checked.facts.into_iter().filter_map(|f| match f {
                Fact::Pending(f) => Some(f),
                Fact::ServerStatementTimeout => None,
            }));
        suppress::apply(
            &current,
            comment_markers(kind),
            config,
            &mut checked.findings,
        );
        let fixes: Vec<_> = checked
            .findings
            .iter()
            .filter_map(|f| f.fix.as_ref())
            .filter(|f| f.applicability <= level)
            .collect();
        if fixes.is_empty() {
            break;
        }
        let (next, applied) = fix::apply(&text, &fixes);
        if applied == 0 || next == text {
            break;
        }
        text = next;
        changed = true;
    }
    changed.then_some(text)
}

/// Replace `path` with `content` through a temporary file in the same directory, keeping the
/// permissions, and only when the file is inside one of the checked roots.
fn write_atomically(path: &Path, content: &str, roots: &[PathBuf]) -> std::io::Result<()> {
    let real = path.canonicalize()?;
    if !roots.iter().any(|r| real.starts_with(r)) {
        return Err(std::io::Error::other("outside the checked paths"));
    }
    let dir = real
        .parent()
        .ok_or_else(|| std::io::Error::other("no parent directory"))?;
    let perms = std::fs::metadata(&real)?.permissions();
    let name = real
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.atlas9-{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(content.as_bytes())?;
        f.sync_all()?;
        std::fs::set_permissions(&tmp, perms)?;
        std::fs::rename(&tmp, &real)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
