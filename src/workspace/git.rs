//! Files from git instead of the working tree: the index (`--staged`, for pre-commit hooks) and
//! every blob ever committed (`--history`). Git itself is asked (`git` on the `PATH`), so
//! packed, shallow and partial repositories all work as git sees them.

use super::Candidate;
use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A file's content from git, with where it came from.
#[derive(Debug)]
pub struct Blob {
    /// The path (relative to the repository root), as [`Candidate::rel`], and the commit in
    /// [`Candidate::display`] for history blobs.
    pub candidate: Candidate,
    /// The content, or `None` when it is over the size cap.
    pub bytes: Option<Vec<u8>>,
}

fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "git {}: {}",
            args.first().unwrap_or(&""),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(out.stdout)
}

/// The repository's top directory.
pub fn toplevel(dir: &Path) -> Result<PathBuf, String> {
    let out = git(dir, &["rev-parse", "--show-toplevel"])?;
    Ok(PathBuf::from(String::from_utf8_lossy(&out).trim()))
}

/// One entry to read through `git cat-file --batch`.
struct Wanted {
    /// What `cat-file` is asked for (a blob id, or `:path` for the index).
    spec: String,
    candidate: Candidate,
}

/// Read `wanted` in order through one `git cat-file --batch`, handing them to `sink` in chunks
/// of about `chunk_bytes` so memory stays bounded whatever the history's size.
fn read_blobs(
    top: &Path,
    wanted: Vec<Wanted>,
    cap: u64,
    chunk_bytes: usize,
    mut sink: impl FnMut(Vec<Blob>),
) -> Result<(), String> {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(top)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run git: {e}"))?;
    let mut stdin = child.stdin.take().ok_or("git cat-file: no stdin")?;
    let specs: Vec<String> = wanted.iter().map(|w| w.spec.clone()).collect();
    // Writing from another thread: git answers while it reads, and both pipes have limits.
    let writer = std::thread::spawn(move || {
        for s in specs {
            if writeln!(stdin, "{s}").is_err() {
                break;
            }
        }
    });
    let mut out = BufReader::new(child.stdout.take().ok_or("git cat-file: no stdout")?);
    let mut chunk = Vec::new();
    let mut size_in_chunk = 0;
    let mut header = String::new();
    for w in wanted {
        header.clear();
        out.read_line(&mut header)
            .map_err(|e| format!("git cat-file: {e}"))?;
        let fields: Vec<&str> = header.split_whitespace().collect();
        let size = match fields.as_slice() {
            [_, "blob", size] => size.parse::<u64>().map_err(|e| e.to_string())?,
            // Missing (a partial clone) or not a blob: nothing to read.
            _ => continue,
        };
        let bytes = if size > cap {
            std::io::copy(&mut (&mut out).take(size + 1), &mut std::io::sink())
                .map_err(|e| format!("git cat-file: {e}"))?;
            None
        } else {
            let mut buf = vec![0; size as usize + 1];
            out.read_exact(&mut buf)
                .map_err(|e| format!("git cat-file: {e}"))?;
            buf.pop();
            Some(buf)
        };
        size_in_chunk += bytes.as_ref().map_or(0, Vec::len);
        chunk.push(Blob {
            candidate: w.candidate,
            bytes,
        });
        if size_in_chunk >= chunk_bytes {
            sink(std::mem::take(&mut chunk));
            size_in_chunk = 0;
        }
    }
    if !chunk.is_empty() {
        sink(chunk);
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(())
}

fn candidate(top: &Path, path: &str, display: String) -> Candidate {
    Candidate {
        rel: path.to_string(),
        display,
        path: top.join(path),
    }
}

/// The staged version of every file added, copied, modified or renamed in the index.
pub fn staged(dir: &Path, cap: u64, sink: impl FnMut(Vec<Blob>)) -> Result<(), String> {
    let top = toplevel(dir)?;
    let names = git(
        &top,
        &[
            "diff",
            "--cached",
            "--name-only",
            "-z",
            "--diff-filter=ACMR",
        ],
    )?;
    let wanted = names
        .split(|&b| b == 0)
        .filter_map(|p| std::str::from_utf8(p).ok())
        .filter(|p| !p.is_empty() && !p.contains('\n'))
        .map(|p| Wanted {
            spec: format!(":{p}"),
            candidate: candidate(&top, p, p.to_string()),
        })
        .collect();
    read_blobs(&top, wanted, cap, 64 << 20, sink)
}

/// Every blob reachable from any ref (or only from commits not reachable from `since`), each
/// once, oldest commit first, named by the first commit and path that introduced it.
pub fn history(
    dir: &Path,
    since: Option<&str>,
    cap: u64,
    sink: impl FnMut(Vec<Blob>),
) -> Result<(), String> {
    let top = toplevel(dir)?;
    let mut args = vec![
        "log",
        "--all",
        "--reverse",
        "--topo-order",
        "--raw",
        "--no-abbrev",
        "--no-renames",
        "--root",
        "--format=%x01%H",
        "-z",
    ];
    if let Some(rev) = since {
        // A leading dash would make the revision an option of `git log` (`--output=…`).
        if rev.starts_with('-') {
            return Err(format!("`{rev}` is not a revision"));
        }
        args.extend(["--not", rev]);
    }
    let log = git(&top, &args)?;
    let mut seen: HashSet<&[u8]> = HashSet::new();
    let mut wanted = Vec::new();
    let mut commit = "";
    let mut pending: Option<(&str, &str)> = None;
    for token in log.split(|&b| b == 0) {
        let Ok(token) = std::str::from_utf8(token) else {
            pending = None;
            continue;
        };
        let token = token.trim_start_matches('\n');
        if let Some(sha) = token.strip_prefix('\u{1}') {
            commit = sha;
        } else if let Some(meta) = token.strip_prefix(':') {
            // `:old_mode new_mode old_sha new_sha status`
            let f: Vec<&str> = meta.split(' ').collect();
            pending = match f.as_slice() {
                [_, mode, _, sha, status]
                    if !status.starts_with('D') && mode.starts_with("100") =>
                {
                    Some((sha, commit))
                }
                _ => None,
            };
        } else if let Some((sha, c)) = pending.take()
            && !token.contains('\n')
            && seen.insert(sha.as_bytes())
        {
            let short = &c[..c.len().min(10)];
            wanted.push(Wanted {
                spec: sha.to_string(),
                candidate: candidate(&top, token, format!("{short}:{token}")),
            });
        }
    }
    read_blobs(&top, wanted, cap, 64 << 20, sink)
}
