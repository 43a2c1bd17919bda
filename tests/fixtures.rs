//! The fixtures harness: every `expect: RULE` (or `expect@-N: RULE`, for N lines above) marker
//! in `fixtures/rules` must be matched by exactly one finding on that line, and nothing else may
//! be reported.

mod common;

use atlas9::registry;
use common::{check, fixture_roots, fixtures, triples};
use std::collections::BTreeSet;
use std::path::Path;

type Triple = (String, usize, String);

fn expected(dir: &Path) -> BTreeSet<Triple> {
    let mut out = BTreeSet::new();
    for e in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let Ok(text) = std::fs::read_to_string(e.path()) else {
            continue;
        };
        let rel = e
            .path()
            .strip_prefix(dir)
            .expect("under dir")
            .to_string_lossy()
            .replace('\\', "/");
        for (i, line) in text.lines().enumerate() {
            let mut rest = line;
            while let Some(at) = rest.find("expect") {
                rest = &rest[at + "expect".len()..];
                let (offset, after) = match rest.strip_prefix(':') {
                    Some(a) => (0, a),
                    None => match rest.strip_prefix("@-").and_then(|r| r.split_once(':')) {
                        Some((n, a)) => (n.parse::<usize>().expect("expect@-N"), a),
                        None => continue,
                    },
                };
                for rule in after
                    .split([',', ' ', '"'])
                    .filter(|r| !r.is_empty())
                    .take_while(|r| r.contains('/'))
                {
                    out.insert((rel.clone(), i + 1 - offset, rule.to_string()));
                }
                rest = after;
            }
        }
    }
    out
}

#[test]
fn every_fixture_reports_exactly_its_markers() {
    let mut failures = Vec::new();
    for dir in fixture_roots() {
        let got = triples(&check(&dir, None, 2));
        let want = expected(&dir);
        if got != want {
            let missing: Vec<_> = want.difference(&got).collect();
            let extra: Vec<_> = got.difference(&want).collect();
            failures.push(format!(
                "{}\n  missing: {missing:?}\n  unexpected: {extra:?}",
                dir.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A fixture folder fires `rule` somewhere and has a `good` file where it stays silent.
fn assert_fires_and_stays_silent(
    roots: &[std::path::PathBuf],
    dir: &Path,
    rule: &str,
    is_rule: impl Fn(&str) -> bool,
) {
    let mine: Vec<_> = roots.iter().filter(|r| r.starts_with(dir)).collect();
    let markers: BTreeSet<Triple> = mine.iter().flat_map(|r| expected(r)).collect();
    assert!(
        markers.iter().any(|(_, _, r)| is_rule(r)),
        "{rule} never fires in {}",
        dir.display()
    );
    let silent = mine.iter().any(|root| {
        let marked: BTreeSet<String> = expected(root)
            .into_iter()
            .filter(|(_, _, r)| is_rule(r))
            .map(|(f, _, _)| f)
            .collect();
        walkdir::WalkDir::new(root)
            .into_iter()
            .filter_map(Result::ok)
            .any(|e| {
                let rel = e
                    .path()
                    .strip_prefix(root)
                    .map(|p| p.to_string_lossy().replace('\\', "/"))
                    .unwrap_or_default();
                e.file_type().is_file() && rel.contains("good") && !marked.contains(&rel)
            })
    });
    assert!(
        silent,
        "{rule} has no silent (`good`) fixture in {}",
        dir.display()
    );
}

/// Secret rules are many and data: each is tested through its pack's own examples
/// (`tests/secrets.rs`), and each family has a fixture folder that fires and stays silent.
#[test]
fn every_secret_family_has_firing_and_silent_fixtures() {
    let roots = fixture_roots();
    let families: BTreeSet<&str> = atlas9::checks::secrets::builtin()
        .iter()
        .map(|r| r.family.as_str())
        .collect();
    for family in families {
        let dir = fixtures().join("rules/secrets").join(family);
        assert!(dir.is_dir(), "secret family {family} has no fixture folder");
        assert_fires_and_stays_silent(&roots, &dir, family, |r| r.starts_with("secrets/"));
    }
}

#[test]
fn every_rule_has_firing_and_silent_fixtures() {
    let roots = fixture_roots();
    for rule in registry::all().filter(|r| r.domain() != "secrets") {
        let dir = fixtures()
            .join("rules")
            .join(rule.domain())
            .join(rule.name());
        assert!(
            dir.is_dir(),
            "{} has no fixture directory {}",
            rule.id,
            dir.display()
        );
        assert_fires_and_stays_silent(&roots, &dir, rule.id, |r| r == rule.id);
    }
}

/// The demo shows every rule except the secret rules: the repository holds no secret-shaped
/// string (a secret scanner run on it must stay quiet), and the demo is run as it is.
#[test]
fn the_demo_covers_every_rule() {
    let report = check(&fixtures().join("demo"), None, 2);
    let fired: BTreeSet<String> = triples(&report).into_iter().map(|(_, _, r)| r).collect();
    let missing: Vec<&str> = registry::builtin()
        .filter(|r| r.domain() != "secrets")
        .map(|r| r.id)
        .filter(|id| !fired.contains(*id))
        .collect();
    assert!(missing.is_empty(), "the demo does not show {missing:?}");
}
