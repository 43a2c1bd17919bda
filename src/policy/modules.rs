//! Terraform modules in a run: the checked `.tf` files grouped by directory (siblings that are
//! not being checked are read too, so a module is always whole and a pre-commit run on one file
//! sees the encryption resource in the next), child modules told apart from root ones, and each
//! module's document checked by the policies, its findings mapped back to the files.

use super::check::{evaluate, path_of};
use super::engine::{Policies, Raw};
use super::hcl_fixes;
use super::terraform::{self, Module};
use crate::checks::Sink;
use crate::checks::meta::PARSE_ERROR;
use crate::config::Config;
use crate::diagnostics::{Finding, Severity, Span};
use crate::workspace::SourceFile;
use rayon::prelude::*;
use regorus::Value;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// True when a run checks Terraform modules at all: built-in Terraform rules or a team's rules
/// (which see every document) are selected.
pub fn selected(config: &Config) -> bool {
    config.selects_domain("terraform") || config.selects_domain("user")
}

/// What checking the modules gave.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Findings by the index the caller gave each checked file.
    pub findings: HashMap<usize, Vec<Finding>>,
    /// Policies that failed to run, naming the module and the policy.
    pub failed: Vec<String>,
}

/// One file of a module: checked in this run (`Some(index)`) or read only to complete it.
struct Member<'a> {
    checked: Option<(usize, &'a SourceFile)>,
    rel: String,
    text: Cow<'a, str>,
}

/// The `.tf` files directly in `dir`, sorted.
pub fn module_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "tf"))
        .collect();
    names.sort();
    Ok(names)
}

/// The document of the module in `dir`, its `.tf` files read from disk (not its
/// subdirectories), the directory and each file named by `name`. An unreadable directory or
/// file, no `.tf` file, or invalid HCL is an error naming it.
pub fn read(dir: &Path, name: impl Fn(&Path) -> String) -> Result<Module, String> {
    let paths = module_files(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    if paths.is_empty() {
        return Err(format!("{}: no .tf files", dir.display()));
    }
    let files = paths
        .iter()
        .map(|path| match std::fs::read(path) {
            Ok(bytes) => Ok((name(path), String::from_utf8_lossy(&bytes).into_owned())),
            Err(e) => Err(format!("{}: {e}", path.display())),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let parts: Vec<(&str, &str)> = files
        .iter()
        .map(|(rel, text)| (rel.as_str(), text.as_str()))
        .collect();
    terraform::document(&name(dir), &parts).map_err(|e| e.to_string())
}

/// The directory of `rel` (`.` at the top).
fn dir_of(rel: &str) -> &str {
    rel.rsplit_once('/').map_or(".", |(d, _)| d)
}

/// Check the modules of `files` (each with the caller's index).
pub fn check(files: &[(usize, &SourceFile)], config: &Config) -> Outcome {
    // Compiling the policies is most of a small run's start-up: only when there is a module.
    if files.is_empty() || !selected(config) {
        return Outcome::default();
    }
    let mut dirs: BTreeMap<&str, Vec<Member>> = BTreeMap::new();
    for &(i, source) in files {
        // Terraform's own cache of downloaded modules is not the repository's code.
        if source.rel.split('/').any(|s| s == ".terraform") {
            continue;
        }
        dirs.entry(dir_of(&source.rel)).or_default().push(Member {
            checked: Some((i, source)),
            rel: source.rel.clone(),
            text: Cow::Borrowed(&source.text),
        });
    }
    let built: Vec<(&str, Vec<Member>, Result<Module, terraform::Invalid>)> = dirs
        .into_par_iter()
        .map(|(dir, mut members)| {
            complete(dir, &mut members, config);
            let parts: Vec<(&str, &str)> =
                members.iter().map(|m| (m.rel.as_str(), &*m.text)).collect();
            let module = terraform::document(dir, &parts);
            (dir, members, module)
        })
        .collect();
    let children = called(
        built
            .iter()
            .filter_map(|(d, _, m)| Some((*d, m.as_ref().ok()?))),
    );
    let policies = config.policies();
    let mut outcome = Outcome::default();
    let results: Vec<_> = built
        .into_par_iter()
        .map(|(dir, members, module)| {
            let mut module = match module {
                Ok(m) => m,
                Err(invalid) => return (members, Err(invalid)),
            };
            if children.contains(dir)
                && let Ok(o) = module.doc.as_object_mut()
            {
                o.insert(Value::from("root"), Value::from(false));
            }
            let raws =
                evaluate(&policies, module.doc.clone()).map_err(|e| format!("module {dir}: {e}"));
            (members, Ok((module, raws)))
        })
        .collect();
    for (members, result) in results {
        match result {
            Err(invalid) => {
                if let Some((i, source)) = members[invalid.file].checked {
                    let mut sink = Sink::new(config, &source.rel);
                    let span = Span::new(invalid.offset, invalid.offset);
                    let msg = invalid.message.clone();
                    sink.push(&PARSE_ERROR, Finding::new(&PARSE_ERROR, span, msg));
                    outcome
                        .findings
                        .entry(i)
                        .or_default()
                        .extend(sink.finish().0);
                }
            }
            Ok((_, Err(failed))) => outcome.failed.push(failed),
            Ok((module, Ok(raws))) => {
                if let Err(e) = place(
                    &module,
                    &members,
                    raws,
                    &policies,
                    config,
                    &mut outcome.findings,
                ) {
                    outcome.failed.push(e);
                }
            }
        }
    }
    outcome
}

/// Add the `.tf` files of `dir` that are not being checked, read from disk. Files that cannot
/// be read, are too large or are not UTF-8 are left out (the run checks the others).
fn complete(dir: &str, members: &mut Vec<Member>, config: &Config) {
    let Ok(paths) = module_files(&config.root.join(dir)) else {
        return;
    };
    let known: BTreeSet<String> = members.iter().map(|m| m.rel.clone()).collect();
    for path in paths {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let rel = if dir == "." {
            name.to_string()
        } else {
            format!("{dir}/{name}")
        };
        if known.contains(&rel) {
            continue;
        }
        let small = std::fs::metadata(&path).is_ok_and(|m| m.len() <= config.max_file_size);
        if let Some(text) = small.then(|| std::fs::read_to_string(&path).ok()).flatten() {
            members.push(Member {
                checked: None,
                rel,
                text: Cow::Owned(text),
            });
        }
    }
    members.sort_by(|a, b| a.rel.cmp(&b.rel));
}

/// The module directories that other modules call by a local path (`source = "../network"`):
/// child modules, exempt from what only a root module must do.
fn called<'a>(modules: impl Iterator<Item = (&'a str, &'a Module)>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (dir, module) in modules {
        let Ok(calls) = module.doc["modules"].as_object() else {
            continue;
        };
        for call in calls.values() {
            if let Ok(source) = call["source"].as_string()
                && (source.starts_with("./") || source.starts_with("../"))
            {
                out.insert(join(dir, source));
            }
        }
    }
    out
}

/// `rel` relative to `dir`, with `.` and `..` resolved (`.` is the top).
fn join(dir: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| *p != ".").collect();
    for part in rel.trim_end_matches('/').split('/') {
        match part {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    }
}

/// Each finding of `module` in the file its path leads to; those in files not being checked
/// are dropped. `Err` is a finding a policy wrote wrongly.
fn place(
    module: &Module,
    members: &[Member],
    raws: Vec<Raw>,
    policies: &Policies,
    config: &Config,
    out: &mut HashMap<usize, Vec<Finding>>,
) -> Result<(), String> {
    let mut sinks: HashMap<usize, Sink> = HashMap::new();
    for raw in raws {
        let rule = &policies.rules()[raw.rule];
        let (message, path) = path_of(rule.meta, &raw.value, terraform_path)
            .map_err(|e| format!("{}: {e}", rule.file))?;
        // A finding about the module as a whole (no path, or one into nothing written) is
        // reported at the top of its first file.
        let (file, span, matched) = match module.locate(&path) {
            Some((place, matched)) => (place.file, place.span, matched),
            None => (0, Span::default(), 0),
        };
        let Some((i, source)) = members[file].checked else {
            continue;
        };
        let mut finding = Finding::new(rule.meta, span, message);
        finding.fix = hcl_fixes::fix(rule.meta.id, &path, matched, span, &source.text);
        let default = if raw.warn {
            Severity::Warning
        } else {
            rule.meta.severity
        };
        sinks
            .entry(i)
            .or_insert_with(|| Sink::new(config, &source.rel))
            .push_at(rule.meta, default, finding);
    }
    for (i, sink) in sinks {
        out.entry(i).or_default().extend(sink.finish().0);
    }
    Ok(())
}

/// A Terraform finding's `resource` (an address) and optional `attribute` (a name, or a
/// list of keys and indexes) as a document path.
fn terraform_path(value: &Value) -> Option<Vec<super::locate::Step>> {
    use super::locate::Step;
    let address = value["resource"].as_string().ok()?;
    let mut path = vec![
        Step::Key("resources".into()),
        Step::Key(address.to_string()),
        Step::Key("config".into()),
    ];
    match &value["attribute"] {
        Value::Undefined => path.truncate(2),
        Value::String(name) => path.push(Step::Key(name.to_string())),
        steps => path.extend(Step::path(steps)?),
    }
    Some(path)
}

#[cfg(test)]
mod tests {
    use super::join;

    #[test]
    fn local_module_sources_resolve_against_the_caller() {
        assert_eq!(join("envs/prod", "../../modules/vpc"), "modules/vpc");
        assert_eq!(join(".", "./modules/db/"), "modules/db");
        assert_eq!(join("a", ".."), ".");
    }
}
