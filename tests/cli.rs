//! The command line as users run it: exit codes, formats, configuration errors, determinism.

mod common;

use common::{atlas9, copy_tree, fixtures, json_findings, repo};

use std::process::Output;

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn exit_codes_follow_the_fail_level() {
    let clean = repo(&[("migrations/001.sql", "CREATE TABLE a (id bigint);\n")]);
    assert_eq!(atlas9(clean.path(), &["check"]).status.code(), Some(0));
    let warn = repo(&[(
        "migrations/001.sql",
        "SET lock_timeout = '1s'; SET statement_timeout = '1min';\nALTER TABLE a DROP COLUMN b;\n",
    )]);
    assert_eq!(atlas9(warn.path(), &["check"]).status.code(), Some(1));
    assert_eq!(
        atlas9(warn.path(), &["check", "--fail-on", "error"])
            .status
            .code(),
        Some(0)
    );
    let note = repo(&[("migrations/001.sql", "CREATE TABLE a (id int);\n")]);
    assert_eq!(atlas9(note.path(), &["check"]).status.code(), Some(0));
    assert_eq!(
        atlas9(note.path(), &["check", "--fail-on", "note"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn usage_and_configuration_errors_exit_2() {
    let dir = repo(&[("atlas9.toml", "[rules]\nselct = [\"migrations\"]\n")]);
    let o = atlas9(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("atlas9.toml")
            && err.contains("unknown key `selct`")
            && err.contains("did you mean `select`?"),
        "{err}"
    );
    assert!(
        err.contains(":2:") || err.contains("2 │") || err.contains("[2:"),
        "names the line: {err}"
    );

    let dir = repo(&[("atlas9.toml", "[migrations]\npostgres_versoin = 14\n")]);
    let err = stderr(&atlas9(dir.path(), &["check"]));
    assert!(err.contains("did you mean `postgres_version`?"), "{err}");

    let dir = repo(&[(
        "atlas9.toml",
        "[rules]\nignore = [\"migrations/drop-colum\"]\n",
    )]);
    let o = atlas9(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("did you mean `migrations/drop-column`?"),
        "{}",
        stderr(&o)
    );

    let dir = repo(&[]);
    assert_eq!(
        atlas9(dir.path(), &["check", "--select", "migration/x"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        atlas9(dir.path(), &["check", "missing-dir"]).status.code(),
        Some(2)
    );
    assert_eq!(
        atlas9(dir.path(), &["check", "--format", "xml"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        atlas9(dir.path(), &["explain", "migrations/rename-colum"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn config_is_found_upward_and_selection_applies() {
    let dir = repo(&[
        (
            "atlas9.toml",
            "[rules]\nignore = [\"migrations/drop-column\"]\n",
        ),
        (
            "svc/migrations/001.sql",
            "SET lock_timeout = '1s'; SET statement_timeout = '1min';\nALTER TABLE a DROP COLUMN b;\n",
        ),
    ]);
    let o = atlas9(&dir.path().join("svc"), &["check", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = atlas9(
        &dir.path().join("svc"),
        &["check", "--format", "json", "--config", "/dev/null"],
    );
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn json_output_is_the_documented_contract() {
    let o = atlas9(&fixtures().join("demo"), &["check", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(doc["version"], 1);
    let findings = doc["findings"].as_array().expect("findings");
    let f = findings
        .iter()
        .find(|f| f["rule"] == "migrations/create-index-non-concurrently")
        .expect("finding");
    assert_eq!(f["path"], "db/migrations/000002_index_orders.up.sql");
    assert_eq!(
        (
            f["line"].as_u64(),
            f["column"].as_u64(),
            f["end_line"].as_u64(),
            f["end_column"].as_u64()
        ),
        (Some(1), Some(1), Some(1), Some(58))
    );
    assert_eq!(f["severity"], "error");
    assert_eq!(f["fix"]["applicability"], "safe");
    assert_eq!(f["fix"]["edits"][0]["content"], " CONCURRENTLY");
    assert!(findings.iter().any(|f| f["fix"].is_null()));
}

#[test]
fn github_annotations() {
    let o = atlas9(&fixtures().join("demo"), &["check", "--format", "github"]);
    let out = stdout(&o);
    assert!(
        out.lines().all(|l| l.starts_with("::error ")
            || l.starts_with("::warning ")
            || l.starts_with("::notice ")),
        "{out}"
    );
    assert!(out.contains("::error file=db/migrations/000002_index_orders.up.sql,line=1,col=1,endLine=1,endColumn=58,title=migrations/create-index-non-concurrently::"));
}

#[test]
fn human_output_shows_snippets_help_and_the_postgres_version() {
    let o = atlas9(&fixtures().join("demo"), &["check", "--no-color"]);
    let out = stdout(&o);
    assert!(
        out.starts_with("atlas9 ") && out.lines().next().unwrap_or("").contains("Postgres 15"),
        "{out}"
    );
    assert!(out.contains("db/migrations/000002_index_orders.up.sql:1:1: error[migrations/create-index-non-concurrently]"));
    assert!(out.contains("1 | CREATE INDEX orders_account_id_idx ON orders (account_id);"));
    assert!(out.contains(
        "= help: docs/patterns/zero-downtime-migrations.md#create-index-non-concurrently"
    ));
    assert!(!out.contains('\x1b'));
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let demo = fixtures().join("demo");
    for format in ["human", "json", "sarif", "github"] {
        let one = atlas9(
            &demo,
            &["check", "--format", format, "--threads", "1", "--no-color"],
        );
        let four = atlas9(
            &demo,
            &["check", "--format", format, "--threads", "4", "--no-color"],
        );
        assert_eq!(one.stdout, four.stdout, "{format}");
    }
}

#[test]
fn output_file_and_fix_from_the_command_line() {
    let tmp = tempfile::tempdir().expect("tempdir");
    copy_tree(&fixtures().join("demo"), tmp.path());
    let o = atlas9(
        tmp.path(),
        &["check", "--format", "sarif", "--output", "report.sarif"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).is_empty());
    assert!(
        std::fs::read_to_string(tmp.path().join("report.sarif"))
            .expect("written")
            .contains("\"2.1.0\"")
    );
    let o = atlas9(tmp.path(), &["check", "--fix", "--format", "json"]);
    assert!(stderr(&o).contains("fixed"), "{}", stderr(&o));
    let again = atlas9(tmp.path(), &["check", "--fix", "--format", "json"]);
    assert!(
        !stderr(&again).contains("fixed"),
        "a second --fix changes nothing"
    );
}

#[test]
fn rules_explain_init_and_version() {
    let dir = repo(&[]);
    let table = stdout(&atlas9(dir.path(), &["rules"]));
    assert!(
        table.contains("migrations/create-index-non-concurrently")
            && table.contains("timeouts/dsn-without-statement-timeout")
    );
    let json: serde_json::Value =
        serde_json::from_slice(&atlas9(dir.path(), &["rules", "--format", "json"]).stdout)
            .expect("json");
    assert_eq!(
        json.as_array().map(Vec::len),
        Some(atlas9::registry::builtin().count())
    );
    let explain = stdout(&atlas9(
        dir.path(),
        &["explain", "migrations/create-index-non-concurrently"],
    ));
    for part in [
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "Use instead",
        "## Fix safety",
        "docs/patterns/zero-downtime-migrations.md#create-index-non-concurrently",
    ] {
        assert!(explain.contains(part), "{part} missing from {explain}");
    }
    assert_eq!(atlas9(dir.path(), &["init"]).status.code(), Some(0));
    assert!(
        std::fs::read_to_string(dir.path().join("atlas9.toml"))
            .expect("written")
            .contains("postgres_version")
    );
    assert_eq!(atlas9(dir.path(), &["init"]).status.code(), Some(2));
    assert_eq!(
        atlas9(dir.path(), &["check"]).status.code(),
        Some(0),
        "the generated config loads"
    );
    let v = stdout(&atlas9(dir.path(), &["--version"]));
    assert_eq!(v.trim(), format!("atlas9 {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn severity_overrides_paths_and_migration_settings() {
    let bad = "ALTER TABLE a DROP COLUMN b;\nCREATE INDEX i ON a (x);\n";
    let dir = repo(&[
        (
            "atlas9.toml",
            "[rules]\nselect = [\"migrations\"]\nignore = [\"migrations/missing-lock-timeout\", \"migrations/missing-statement-timeout\"]\n\
             [rules.severity]\n\"migrations/drop-column\" = \"error\"\n\
             [files]\nexclude = [\"vendor\"]\n\
             [[overrides]]\npaths = [\"legacy/**\"]\nignore = [\"migrations/create-index-non-concurrently\"]\nseverity = { \"migrations\" = \"note\" }\n\
             [migrations]\ncheck_down = true\n",
        ),
        ("db/migrations/001_a.up.sql", bad),
        ("db/migrations/001_a.down.sql", bad),
        ("legacy/migrations/001.sql", bad),
        ("vendor/migrations/001.sql", bad),
    ]);
    let got = json_findings(
        &atlas9(dir.path(), &["check", "--format", "json"]),
        "severity",
    );
    let want: Vec<(String, String, String)> = [
        (
            "db/migrations/001_a.down.sql",
            "migrations/drop-column",
            "error",
        ),
        (
            "db/migrations/001_a.down.sql",
            "migrations/create-index-non-concurrently",
            "error",
        ),
        (
            "db/migrations/001_a.up.sql",
            "migrations/drop-column",
            "error",
        ),
        (
            "db/migrations/001_a.up.sql",
            "migrations/create-index-non-concurrently",
            "error",
        ),
        (
            "legacy/migrations/001.sql",
            "migrations/drop-column",
            "note",
        ),
    ]
    .iter()
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    .collect();
    assert_eq!(got, want);
}

#[test]
fn configured_migration_paths_and_framework() {
    let dir = repo(&[
        (
            "atlas9.toml",
            "[rules]\nselect = [\"migrations/concurrently-in-transaction\"]\n[migrations]\npaths = [\"schema/*.sql\"]\nframework = \"goose\"\n",
        ),
        ("schema/1.sql", "CREATE INDEX CONCURRENTLY i ON a (x);\n"),
        (
            "migrations/001.sql",
            "BEGIN;\nCREATE INDEX CONCURRENTLY i ON a (x);\nCOMMIT;\n",
        ),
    ]);
    let o = atlas9(dir.path(), &["check", "--format", "github"]);
    let out = stdout(&o);
    assert!(
        out.contains("file=schema/1.sql,line=1") && out.contains("goose"),
        "{out}"
    );
    assert!(
        !out.contains("migrations/001.sql"),
        "outside [migrations] paths: {out}"
    );
}

#[test]
fn findings_in_referenced_files_point_back_at_the_reference() {
    let dir = fixtures().join("rules/openapi/property-casing/base");
    let o = atlas9(&dir, &["check", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let f = doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["path"] == "bad/schemas/order.yaml")
        .expect("a finding in the referenced file");
    let label = &f["labels"][0];
    assert_eq!(label["path"], "bad/openapi.yaml");
    assert_eq!(label["line"], 12);
    assert_eq!(label["message"], "reached through this $ref");
    let human = stdout(&atlas9(&dir, &["check", "--no-color"]));
    assert!(human.contains("= bad/openapi.yaml:12:"), "{human}");
    let sarif: serde_json::Value =
        serde_json::from_slice(&atlas9(&dir, &["check", "--format", "sarif"]).stdout)
            .expect("sarif");
    let related = sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .find_map(|r| r["relatedLocations"].as_array().cloned())
        .expect("related locations");
    assert_eq!(
        related[0]["physicalLocation"]["artifactLocation"]["uri"],
        "bad/openapi.yaml"
    );
}

/// `check` against the default baseline, as JSON.
const WITH_BASELINE: &[&str] = &[
    "check",
    "--baseline",
    ".atlas9/baseline.json",
    "--format",
    "json",
];

#[test]
fn baseline_round_trip() {
    let tmp = tempfile::tempdir().expect("tempdir");
    copy_tree(&fixtures().join("demo"), tmp.path());
    let dir = tmp.path();
    assert_eq!(atlas9(dir, &["baseline"]).status.code(), Some(0));
    let path = dir.join(".atlas9/baseline.json");
    let first = std::fs::read(&path).expect("written");
    let text = String::from_utf8_lossy(&first);
    assert!(
        text.contains("\"fingerprint\"") && !text.contains("\"line\""),
        "{text}"
    );
    assert_eq!(atlas9(dir, &["baseline"]).status.code(), Some(0));
    assert_eq!(
        first,
        std::fs::read(&path).expect("written"),
        "regenerating is byte-identical"
    );

    let o = atlas9(dir, WITH_BASELINE);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(json_findings(&o, "message"), Vec::new());

    // Moving code does not disturb the baseline; new findings and stale entries show.
    let moved = dir.join("db/migrations/000004_reshape.up.sql");
    let text = std::fs::read_to_string(&moved).expect("read");
    std::fs::write(&moved, format!("-- moved down\n\n{text}")).expect("write");
    std::fs::write(
        dir.join("db/migrations/000099_new.up.sql"),
        "DROP TABLE customers;\n",
    )
    .expect("write");
    std::fs::remove_file(dir.join("db/migrations/000007_reindex.up.sql")).expect("rm");
    let o = atlas9(dir, WITH_BASELINE);
    let got = json_findings(&o, "rule");
    assert_eq!(
        got.iter()
            .map(|(p, r, _)| (p.as_str(), r.as_str()))
            .collect::<Vec<_>>(),
        [
            ("db/migrations/000099_new.up.sql", "migrations/drop-table"),
            (
                "db/migrations/000099_new.up.sql",
                "migrations/missing-lock-timeout"
            ),
            (
                "db/migrations/000099_new.up.sql",
                "migrations/missing-statement-timeout"
            ),
        ]
    );
    let err = stderr(&o);
    assert!(
        err.contains("baseline entries match nothing") && err.contains("000007_reindex.up.sql"),
        "{err}"
    );
    let sarif: serde_json::Value = serde_json::from_slice(
        &atlas9(
            dir,
            &[
                "check",
                "--baseline",
                ".atlas9/baseline.json",
                "--format",
                "sarif",
            ],
        )
        .stdout,
    )
    .expect("sarif");
    assert_eq!(sarif["runs"][0]["results"][0]["baselineState"], "new");
    let human = stdout(&atlas9(
        dir,
        &["check", "--baseline", ".atlas9/baseline.json", "--no-color"],
    ));
    assert!(
        human.contains("known findings hidden by the baseline"),
        "{human}"
    );
    assert_eq!(
        atlas9(dir, &["check", "--baseline", "missing.json"])
            .status
            .code(),
        Some(2)
    );
}
