//! The pipeline: discover → read once → classify → parse and check per file (in parallel) →
//! project phase over facts → suppressions → sorted findings, and `--fix` with atomic writes.

use crate::checks::{self, Fact, Project, Sink, migrations, secrets, timeouts};
use crate::config::Config;
use crate::diagnostics::suppress::Suppressed;
use crate::diagnostics::{Applicability, Finding, Span, fix, suppress};
use crate::policy;
use crate::workspace::{Candidate, FileKind, SourceFile, classify, discover, git};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

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
    /// Findings its `atlas9: allow(…)` comments suppressed, in the same order.
    pub suppressed: Vec<Suppressed>,
}

/// A file's final findings, and the ones its comments suppressed.
type Resolved = (Vec<Finding>, Vec<Suppressed>);

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
    /// Findings hidden by a baseline, when one is in use.
    pub baselined: Option<usize>,
    /// Policies that failed to run (a runtime error, the time limit): the run is an error.
    pub failed_policies: Vec<String>,
}

struct Checked {
    findings: Vec<Finding>,
    facts: Vec<Fact>,
    /// A policy that failed to run over this file: the run ends in an error.
    failed_policy: Option<String>,
}

/// Bytes sniffed for a NUL to decide a file is binary.
const BINARY_SNIFF: usize = 8192;
/// Fix rounds before giving up on convergence.
const MAX_FIX_ROUNDS: usize = 8;

/// Run a check.
pub fn run(config: &Config, opts: &Options) -> Report {
    in_pool(opts.threads, |threads| run_inner(config, opts, threads))
}

/// Run `work` in a pool of `threads` workers (0: one per core), passing the count on.
fn in_pool<R: Send>(threads: usize, work: impl FnOnce(usize) -> R + Send) -> R {
    let threads = if threads == 0 {
        std::thread::available_parallelism().map_or(1, usize::from)
    } else {
        threads
    };
    match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool.install(|| work(threads)),
        Err(_) => work(threads),
    }
}

/// One discovered file through the run.
struct FileState {
    kind: FileKind,
    /// The text, while anything may still need it (findings, facts, suppressions, documents for
    /// the project phase, or fixes).
    source: Option<SourceFile>,
    /// Where the file stopped being UTF-8 (it is checked lossily and never fixed).
    invalid_at: Option<usize>,
    /// Per-file results for the current text.
    checked: Option<Checked>,
    skipped: Option<String>,
    error: Option<String>,
    fixed: bool,
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
    let keep_all = opts.fix.is_some();
    let mut states: Vec<FileState> = found
        .files
        .par_iter()
        .map(|c| load_and_check(c, config, &found.atlas_dirs, keep_all))
        .collect();
    let report = Report {
        errors: found.errors,
        ..Report::default()
    };
    if let Some(level) = opts.fix {
        fix_all(&mut states, &found.files, config, opts, level);
    }
    finish(states, &found.files, config, report)
}

/// Where a run over git content reads from.
#[derive(Debug, Clone)]
pub enum GitSource {
    /// The index: what is about to be committed.
    Staged,
    /// Every blob in history, or only in commits not reachable from the given revision.
    History(Option<String>),
}

/// Check content from git (no fixes: there is no file to write). History findings name the
/// commit that introduced them, and a secret already reported for an earlier commit is not
/// reported again.
pub fn run_git(config: &Config, opts: &Options, source: &GitSource) -> Report {
    in_pool(opts.threads, |_| {
        let mut files = Vec::new();
        let mut states = Vec::new();
        let none = BTreeSet::new();
        let sink = |chunk: Vec<git::Blob>| {
            let (cands, checked): (Vec<Candidate>, Vec<FileState>) = chunk
                .into_par_iter()
                .map(|b| {
                    let state = check_bytes(&b.candidate, b.bytes.as_deref(), config, &none, false);
                    (b.candidate, state)
                })
                .unzip();
            files.extend(cands);
            states.extend(checked);
        };
        let cap = config.max_file_size;
        let read = match source {
            GitSource::Staged => git::staged(&opts.cwd, cap, sink),
            GitSource::History(since) => git::history(&opts.cwd, since.as_deref(), cap, sink),
        };
        let mut report = finish(states, &files, config, Report::default());
        report.errors.extend(read.err());
        if matches!(source, GitSource::History(_)) {
            first_occurrences(&mut report);
        }
        report
    })
}

/// Keep each secret's first report (files are in commit order) and drop the rest, so a secret
/// that survives many edits of its file is reported once, at the commit that introduced it.
/// History is about secrets: what old blobs say about suppressions is not reported.
fn first_occurrences(report: &mut Report) {
    let mut seen = std::collections::HashSet::new();
    for file in &mut report.files {
        file.findings.retain(|f| {
            f.rule.starts_with("secrets/")
                && f.fingerprint
                    .as_ref()
                    .is_none_or(|fp| seen.insert((f.rule, fp.clone())))
        });
    }
    report
        .files
        .retain(|f| !f.findings.is_empty() || !f.suppressed.is_empty());
}

/// The project phase and the report, for files checked in the order of `files`.
fn finish(
    states: Vec<FileState>,
    files: &[Candidate],
    config: &Config,
    mut report: Report,
) -> Report {
    let (resolved, failed) = resolve(&states, config);
    report.failed_policies.extend(failed);
    for ((state, (findings, suppressed)), c) in states.into_iter().zip(resolved).zip(files) {
        report.skipped.extend(state.skipped);
        report
            .errors
            .extend(state.error.map(|e| format!("{}: {e}", c.display)));
        report.fixed_files += usize::from(state.fixed);
        report.checked += usize::from(state.checked.is_some());
        report
            .failed_policies
            .extend(state.checked.as_ref().and_then(|c| c.failed_policy.clone()));
        if let (Some(source), false) = (state.source, findings.is_empty() && suppressed.is_empty())
        {
            report.files.push(FileReport {
                source,
                findings,
                suppressed,
            });
        }
    }
    report
}

/// The per-file phase: read once, classify, parse and check.
fn load_and_check(
    c: &Candidate,
    config: &Config,
    atlas_dirs: &BTreeSet<String>,
    keep_all: bool,
) -> FileState {
    // Taken out rather than borrowed: a worker waiting inside a check may run another file's
    // job, which then reads into a buffer of its own.
    let mut buffer = READ_BUFFER.take();
    let state = match read_capped(&c.path, config.max_file_size, &mut buffer) {
        Ok(len) => check_bytes(c, len.map(|n| &buffer[..n]), config, atlas_dirs, keep_all),
        Err(e) => FileState {
            error: Some(format!("cannot read: {e}")),
            ..FileState::empty()
        },
    };
    if buffer.len() <= KEPT_BUFFER {
        READ_BUFFER.set(buffer);
    }
    state
}

thread_local! {
    /// Each worker reads every file into the same buffer, so a file that has nothing to report
    /// costs no allocation; only the texts that are kept are copied out.
    static READ_BUFFER: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

/// The first size of a read buffer.
const FIRST_BUFFER: usize = 64 * 1024;
/// A buffer grown past this for one large file is dropped after it, not kept for the run.
const KEPT_BUFFER: usize = 4 * 1024 * 1024;

impl FileState {
    fn empty() -> Self {
        Self {
            kind: FileKind::Other,
            source: None,
            invalid_at: None,
            checked: None,
            skipped: None,
            error: None,
            fixed: false,
        }
    }
}

/// Classify, parse and check a file's content (`None`: over the size cap).
fn check_bytes(
    c: &Candidate,
    bytes: Option<&[u8]>,
    config: &Config,
    atlas_dirs: &BTreeSet<String>,
    keep_all: bool,
) -> FileState {
    let mut state = FileState::empty();
    let Some(bytes) = bytes else {
        state.skipped = Some(format!(
            "{}: skipped, over the {} byte limit ([files] max_file_size)",
            c.display, config.max_file_size
        ));
        return state;
    };
    if memchr::memchr(0, &bytes[..bytes.len().min(BINARY_SNIFF)]).is_some() {
        return state;
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => std::borrow::Cow::Borrowed(t),
        Err(e) => {
            state.invalid_at = Some(e.valid_up_to());
            String::from_utf8_lossy(bytes)
        }
    };
    state.kind = classify(&c.rel, &text, config, atlas_dirs);
    let scan_secrets = config.selects_domain("secrets");
    // Parse errors (`atlas9/…`) come from the parsers, and migrations also tell the timeouts
    // domain about server-side settings.
    let selects = |domain| config.selects_domain(domain) || config.selects_domain("atlas9");
    let parsed = match state.kind {
        FileKind::Other => false,
        FileKind::Terraform => policy::modules::selected(config),
        FileKind::Migration(_) => selects("migrations") || selects("timeouts"),
        FileKind::Env | FileKind::Toml => selects("timeouts"),
        FileKind::Json => selects("timeouts") || selects("openapi"),
        FileKind::Yaml => {
            selects("timeouts")
                || selects("openapi")
                || text.contains("kind: Secret")
                || policy::workflow::Kind::of(&c.rel).is_some()
        }
    };
    // A file only the secret rules look at is scanned as raw text first; a source (a line
    // index) is built only for the few that have something to report.
    let early = (!parsed).then(|| {
        let mut sink = Sink::new(config, &c.rel);
        if scan_secrets {
            secrets::scan_text(&text, &c.rel, config, &mut sink, &[]);
        }
        if state.kind != FileKind::Other {
            push_invalid_utf8(&mut sink, state.invalid_at, text.len());
        }
        let (findings, facts) = sink.finish();
        Checked {
            findings,
            facts,
            failed_policy: None,
        }
    });
    if let Some(checked) = &early
        && checked.findings.is_empty()
        && !has_directive(&text)
    {
        if scan_secrets || state.kind != FileKind::Other {
            state.checked = early;
        }
        return state;
    }
    let source = SourceFile::new(c.display.clone(), c.rel.clone(), text.into_owned());
    let checked = match early {
        Some(checked) => checked,
        None => check_source(&source, state.kind, state.invalid_at, config),
    };
    // Most files have nothing to report: drop their text now rather than at the end of the run.
    let keep = keep_all
        || !checked.findings.is_empty()
        || !checked.facts.is_empty()
        || (matches!(state.kind, FileKind::Yaml | FileKind::Json)
            && config.selects_domain("openapi"))
        || (state.kind == FileKind::Terraform && policy::modules::selected(config))
        || has_directive(&source.text);
    if keep {
        state.source = Some(source);
    }
    state.checked = Some(checked);
    state
}

/// True when `text` mentions the suppression directive (a SIMD search: every file is asked).
fn has_directive(text: &str) -> bool {
    static FINDER: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new(suppress::DIRECTIVE));
    FINDER.find(text.as_bytes()).is_some()
}

/// Read a file through one handle into `buffer` (grown as needed, never shrunk): the length
/// read, or `None` when the file is larger than `cap`.
fn read_capped(path: &Path, cap: u64, buffer: &mut Vec<u8>) -> std::io::Result<Option<usize>> {
    use std::io::Read;
    let mut f = std::fs::File::open(path)?;
    // No size query: reading until end of file takes as many system calls as asking first, and
    // the buffer is zeroed once per worker rather than once per file.
    let limit = usize::try_from(cap).unwrap_or(usize::MAX).saturating_add(1);
    if buffer.is_empty() {
        buffer.resize(FIRST_BUFFER.min(limit), 0);
    }
    let mut filled = 0;
    loop {
        if filled == buffer.len() {
            if filled >= limit {
                return Ok(None);
            }
            buffer.resize(buffer.len().saturating_mul(2).min(limit), 0);
        }
        match f.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok((filled as u64 <= cap).then_some(filled))
}

fn check_source(
    source: &SourceFile,
    kind: FileKind,
    invalid_at: Option<usize>,
    config: &Config,
) -> Checked {
    let mut sink = Sink::new(config, &source.rel);
    let mut failed_policy = None;
    match kind {
        FileKind::Migration(m) => migrations::check(&source.text, m, &config.migrations, &mut sink),
        FileKind::Env | FileKind::Yaml | FileKind::Json | FileKind::Toml => {
            timeouts::check(source, kind, &mut sink)
        }
        FileKind::Terraform | FileKind::Other => {}
    }
    if kind == FileKind::Yaml
        && let Some(document) = policy::workflow::Kind::of(&source.rel)
    {
        failed_policy = policy::check(source, document, config, &mut sink)
            .err()
            .map(|e| format!("{}: {e}", source.display));
    }
    if config.selects_domain("secrets") {
        secrets::check(source, kind, config, &mut sink);
    }
    push_invalid_utf8(&mut sink, invalid_at, source.text.len());
    let (findings, facts) = sink.finish();
    Checked {
        findings,
        facts,
        failed_policy,
    }
}

/// The parse error for a file that stops being UTF-8 at `invalid_at`.
fn push_invalid_utf8(sink: &mut Sink, invalid_at: Option<usize>, len: usize) {
    if let Some(at) = invalid_at {
        let span = Span::new(at, (at + 1).min(len));
        let msg = format!(
            "not valid UTF-8 at byte {at}; the file is checked with the bad bytes replaced"
        );
        sink.push(
            &checks::meta::PARSE_ERROR,
            Finding::new(&checks::meta::PARSE_ERROR, span, msg),
        );
    }
}

/// The comment openers of a file, for suppression comments.
fn comment_markers(kind: FileKind, rel: &str) -> &'static [&'static str] {
    match kind {
        FileKind::Migration(_) => &["--", "/*"],
        FileKind::Env | FileKind::Yaml | FileKind::Toml => &["#"],
        FileKind::Json => &[],
        FileKind::Terraform => &["#", "//", "/*"],
        FileKind::Other => {
            let name = rel.rsplit('/').next().unwrap_or(rel);
            match name.rsplit_once('.').map_or("", |(_, e)| e) {
                "py" | "rb" | "sh" | "bash" | "zsh" | "ps1" | "pl" | "r" | "tf" | "hcl"
                | "conf" | "cfg" | "ini" | "properties" | "txt" | "ex" | "exs" | "nix" => {
                    &["#", ";"]
                }
                "js" | "jsx" | "ts" | "tsx" | "mjs" | "cjs" | "go" | "rs" | "java" | "kt"
                | "kts" | "scala" | "cs" | "swift" | "c" | "h" | "cc" | "cpp" | "hpp" | "dart"
                | "groovy" | "gradle" | "proto" | "css" | "scss" => &["//", "/*"],
                "php" => &["//", "#", "/*"],
                "sql" | "lua" | "hs" => &["--"],
                "html" | "xml" | "md" | "vue" | "svelte" => &["<!--"],
                // Unknown formats and dotfiles (`.npmrc`, `Dockerfile`): the common openers.
                _ => &["#", "//", "--", ";", "<!--", "/*"],
            }
        }
    }
}

/// The project phase and everything after it: facts reduced across files, cross-file checks over
/// the documents (Terraform modules among them), suppressions, and sorting. Returns each file's
/// final findings, and the policies that failed to run over a module.
fn resolve(states: &[FileState], config: &Config) -> (Vec<Resolved>, Vec<String>) {
    let project = Project::new(
        states
            .iter()
            .filter_map(|s| s.checked.as_ref())
            .flat_map(|c| &c.facts),
    );
    let documents: Vec<(usize, &SourceFile, FileKind)> = states
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.source.as_ref().map(|src| (i, src, s.kind)))
        .filter(|(_, _, kind)| matches!(kind, FileKind::Yaml | FileKind::Json))
        .collect();
    let mut cross_file = project.check_documents(&documents, config);
    let modules: Vec<(usize, &SourceFile)> = states
        .iter()
        .enumerate()
        .filter(|(_, s)| s.kind == FileKind::Terraform)
        .filter_map(|(i, s)| s.source.as_ref().map(|src| (i, src)))
        .collect();
    let terraform = policy::modules::check(&modules, config);
    let failed = terraform.failed;
    for (i, found) in terraform.findings {
        cross_file.entry(i).or_default().extend(found);
    }
    let resolved = states
        .par_iter()
        .enumerate()
        .map(|(i, state)| {
            let (Some(source), Some(checked)) = (&state.source, &state.checked) else {
                return (Vec::new(), Vec::new());
            };
            let mut findings = checked.findings.clone();
            for fact in &checked.facts {
                if let Fact::Pending(f) = fact
                    && project.keeps(f)
                {
                    findings.push(f.clone());
                }
            }
            findings.extend(cross_file.get(&i).into_iter().flatten().cloned());
            let mut suppressed = suppress::apply(
                source,
                comment_markers(state.kind, &source.rel),
                config,
                &mut findings,
            );
            findings.sort_by(|a, b| {
                (a.span.start, a.rule, a.span.end).cmp(&(b.span.start, b.rule, b.span.end))
            });
            findings
                .dedup_by(|a, b| a.rule == b.rule && a.span == b.span && a.message == b.message);
            suppressed.sort_by(|a, b| {
                (a.finding.span.start, a.finding.rule).cmp(&(b.finding.span.start, b.finding.rule))
            });
            (findings, suppressed)
        })
        .collect();
    (resolved, failed)
}

/// Apply fixes across the whole run until nothing changes (or the round cap is hit), then write
/// each changed file once. Every round re-checks the changed texts in memory, and the project
/// phase sees them, so cross-file fixes converge too.
fn fix_all(
    states: &mut [FileState],
    files: &[Candidate],
    config: &Config,
    opts: &Options,
    level: Applicability,
) {
    let mut changed = vec![false; states.len()];
    for _ in 0..MAX_FIX_ROUNDS {
        let (resolved, _) = resolve(states, config);
        let edited: Vec<(usize, String)> = states
            .par_iter()
            .zip(resolved.par_iter())
            .enumerate()
            .filter_map(|(i, (state, (findings, _)))| {
                let source = state
                    .source
                    .as_ref()
                    .filter(|_| state.invalid_at.is_none())?;
                let fixes: Vec<_> = findings
                    .iter()
                    .filter_map(|f| f.fix.as_ref())
                    .filter(|f| f.applicability <= level)
                    .collect();
                let (next, applied) = fix::apply(&source.text, &fixes);
                (applied > 0 && next != source.text).then_some((i, next))
            })
            .collect();
        if edited.is_empty() {
            break;
        }
        for (i, text) in edited {
            let state = &mut states[i];
            let Some(old) = &state.source else { continue };
            let source = SourceFile::new(old.display.clone(), old.rel.clone(), text);
            state.checked = Some(check_source(&source, state.kind, None, config));
            state.source = Some(source);
            changed[i] = true;
        }
    }
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
    for (i, state) in states.iter_mut().enumerate().filter(|(i, _)| changed[*i]) {
        let Some(source) = &state.source else {
            continue;
        };
        match write_atomically(&files[i].path, &source.text, &writable_roots) {
            Ok(()) => state.fixed = true,
            Err(e) => state.error = Some(format!("fix not written: {e}")),
        }
    }
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
