//! `--fix` round trips over every fixture and the demo: afterwards no fixable finding remains, a
//! second run changes nothing, and nothing that parsed before fails to parse.

mod common;

use atlas9::diagnostics::Applicability;
use common::{check, copy_tree, fixture_roots, fixtures};
use std::collections::BTreeMap;
use std::path::Path;

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .expect("under")
                    .to_string_lossy()
                    .into_owned(),
                std::fs::read(e.path()).expect("read"),
            )
        })
        .collect()
}

/// Findings that say a file no longer parses or a description no longer resolves, whatever the
/// fixture's own rule selection.
fn breakage(dir: &Path) -> usize {
    let mut config = atlas9::config::Config::default_for(dir.to_path_buf());
    config
        .apply_cli(&["openapi/unresolved-ref".to_string()], &[])
        .expect("selector");
    let opts = atlas9::engine::Options {
        paths: vec![".".into()],
        cwd: dir.to_path_buf(),
        threads: 1,
        fix: None,
    };
    let report = atlas9::engine::run(&config, &opts);
    report
        .files
        .iter()
        .flat_map(|f| &f.findings)
        .filter(|f| f.rule == "atlas9/parse-error" || f.rule == "openapi/unresolved-ref")
        .count()
}

type Key = (String, String, String);

/// How many findings each `(file, rule, message)` has, and how many of them carry a fix at or
/// below `level`.
fn tally(dir: &Path, level: Applicability) -> (BTreeMap<Key, usize>, BTreeMap<Key, usize>) {
    let (mut all, mut fixable) = (BTreeMap::new(), BTreeMap::new());
    for f in check(dir, None, 1).files {
        for x in &f.findings {
            let key = (f.source.rel.clone(), x.rule.to_string(), x.message.clone());
            if x.fix.as_ref().is_some_and(|fix| fix.applicability <= level) {
                *fixable.entry(key.clone()).or_insert(0) += 1;
            }
            *all.entry(key).or_insert(0) += 1;
        }
    }
    (all, fixable)
}

fn round_trip(src: &Path, level: Applicability) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let expanded = common::materialize(src);
    copy_tree(expanded.as_ref().map_or(src, |t| t.path()), tmp.path());
    let before_errors = breakage(tmp.path());
    let (all_before, fixable_before) = tally(tmp.path(), level);
    check(tmp.path(), Some(level), 2);
    // A fix must remove its finding, not merely turn it into one without a fix.
    let (all_after, _) = tally(tmp.path(), level);
    for (key, fixed) in &fixable_before {
        let left = all_after.get(key).copied().unwrap_or(0);
        assert!(
            left + fixed <= all_before[key],
            "{}: fixing did not remove {key:?}",
            src.display()
        );
    }
    let after_first = snapshot(tmp.path());
    let report = check(tmp.path(), None, 2);
    let leftover: Vec<String> = report
        .files
        .iter()
        .flat_map(|f| f.findings.iter().map(move |x| (f, x)))
        .filter(|(_, x)| x.fix.as_ref().is_some_and(|fix| fix.applicability <= level))
        .map(|(f, x)| format!("{}: {} {}", f.source.rel, x.rule, x.message))
        .collect();
    assert!(
        leftover.is_empty(),
        "{}: fixable findings remain after --fix: {leftover:#?}",
        src.display()
    );
    check(tmp.path(), Some(level), 2);
    assert_eq!(
        after_first,
        snapshot(tmp.path()),
        "{}: a second --fix changed files",
        src.display()
    );
    assert_eq!(
        before_errors,
        breakage(tmp.path()),
        "{}: fixing broke parsing or references",
        src.display()
    );
}

#[test]
fn safe_fixes_converge_on_every_fixture() {
    for dir in fixture_roots().iter().chain([&fixtures().join("demo")]) {
        round_trip(dir, Applicability::Safe);
    }
}

#[test]
fn unsafe_fixes_converge_on_every_fixture() {
    for dir in fixture_roots().iter().chain([&fixtures().join("demo")]) {
        round_trip(dir, Applicability::Unsafe);
    }
}

#[test]
fn fixes_produce_the_expected_text() {
    let tmp = tempfile::tempdir().expect("tempdir");
    copy_tree(&fixtures().join("demo"), tmp.path());
    check(tmp.path(), Some(Applicability::Unsafe), 1);
    let read = |p: &str| std::fs::read_to_string(tmp.path().join(p)).expect("read");
    assert_eq!(
        read("db/migrations/000002_index_orders.up.sql"),
        "CREATE INDEX CONCURRENTLY orders_account_id_idx ON orders (account_id);\n"
    );
    assert!(
        read("goose/20240102000000_index_in_tx.sql")
            .starts_with("-- +goose NO TRANSACTION\n-- +goose Up\n")
    );
    // Both timeout fixes insert at the same offset, so they land in two rounds, in rule order.
    assert!(read("db/migrations/000004_reshape.up.sql").starts_with(
        "SET LOCAL lock_timeout = '5s';\nSET LOCAL statement_timeout = '10min';\nALTER TABLE orders ADD COLUMN token"
    ));
    let accounts = read("db/migrations/000001_create_accounts.up.sql");
    assert!(
        accounts.contains("id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
        "{accounts}"
    );
    assert!(
        accounts.contains("email text NOT NULL")
            && accounts.contains("profile jsonb")
            && accounts.contains("created_at timestamptz")
    );
    assert!(
        !read("db/migrations/000008_drop_index.up.sql").contains("atlas9: allow"),
        "unused suppression removed"
    );
}

#[cfg(unix)]
#[test]
fn fixes_keep_permissions_and_leave_no_temporary_files() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("migrations");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let file = dir.join("001.sql");
    std::fs::write(&file, "CREATE INDEX a_idx ON a (x);\n").expect("write");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let report = check(tmp.path(), Some(Applicability::Safe), 1);
    assert_eq!(report.fixed_files, 1);
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        "CREATE INDEX CONCURRENTLY a_idx ON a (x);\n"
    );
    assert_eq!(
        std::fs::metadata(&file).expect("meta").permissions().mode() & 0o777,
        0o640
    );
    let names: Vec<_> = std::fs::read_dir(&dir)
        .expect("ls")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}
