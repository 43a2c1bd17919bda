//! Gitignore-aware parallel discovery.

use globset::GlobSet;
use ignore::{WalkBuilder, WalkState};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A file to check, before it is read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Candidate {
    /// Path relative to the project root with `/` separators (or the full path outside it).
    pub rel: String,
    /// Path as shown to users.
    pub display: String,
    /// Where to read it.
    pub path: PathBuf,
}

/// What discovery found.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Files to read, sorted by `rel`.
    pub files: Vec<Candidate>,
    /// Directories (relative, `/`-separated) that hold an `atlas.sum`.
    pub atlas_dirs: BTreeSet<String>,
    /// Paths that could not be walked, with the reason.
    pub errors: Vec<String>,
}

/// Walk `paths`, honouring `.gitignore`, `.ignore` and the include/exclude globs (matched
/// against the path relative to `root`). Hidden files are kept (`.env` matters) but `.git` is not.
pub fn discover(
    paths: &[PathBuf],
    root: &Path,
    cwd: &Path,
    include: &GlobSet,
    exclude: &GlobSet,
    threads: usize,
) -> Discovery {
    let found = Mutex::new(Discovery::default());
    let Some((first, rest)) = paths.split_first() else {
        return Discovery::default();
    };
    let mut builder = WalkBuilder::new(cwd.join(first));
    for p in rest {
        builder.add(cwd.join(p));
    }
    builder
        .hidden(false)
        .require_git(false)
        .follow_links(false)
        .threads(threads)
        .filter_entry(|e| e.file_name() != ".git");
    builder.build_parallel().run(|| {
        let found = &found;
        Box::new(move |entry| {
            let entry = match entry {
                Ok(e) => e,
                Err(err) => {
                    lock(found).errors.push(err.to_string());
                    return WalkState::Continue;
                }
            };
            // Only regular files: a FIFO would block a read, a symlink may loop.
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                return WalkState::Continue;
            }
            let path = entry.into_path();
            let rel = relative(&path, root);
            if path.file_name().is_some_and(|n| n == "atlas.sum") {
                let dir = rel.rsplit_once('/').map_or("", |(d, _)| d).to_string();
                lock(found).atlas_dirs.insert(dir);
            }
            if exclude.is_match(&rel) || (!include.is_empty() && !include.is_match(&rel)) {
                return WalkState::Continue;
            }
            let display = if root == cwd && path.starts_with(root) {
                rel.clone()
            } else {
                display_path(&path, cwd)
            };
            lock(found).files.push(Candidate { rel, display, path });
            WalkState::Continue
        })
    });
    let mut out = found.into_inner().unwrap_or_else(|p| p.into_inner());
    out.files.sort();
    out.files.dedup_by(|a, b| a.rel == b.rel);
    out.errors.sort();
    out
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// `path` relative to `base` with `/` separators, or the whole path when outside it.
pub fn relative(path: &Path, base: &Path) -> String {
    let Ok(stripped) = path.strip_prefix(base) else {
        return path.to_string_lossy().replace('\\', "/");
    };
    // A Unix path is already `/`-separated: only other platforms rebuild it.
    if cfg!(unix)
        && let Some(text) = stripped.to_str()
    {
        return text.to_owned();
    }
    let mut out = String::new();
    for (i, c) in stripped.components().enumerate() {
        if i > 0 {
            out.push('/');
        }
        out.push_str(&c.as_os_str().to_string_lossy());
    }
    out
}

fn display_path(path: &Path, cwd: &Path) -> String {
    match path.strip_prefix(cwd) {
        Ok(_) => relative(path, cwd),
        Err(_) => path.to_string_lossy().into_owned(),
    }
}
