//! SARIF output: valid against the official 2.1.0 schema, consistent rule metadata, relative
//! URIs, fixes, and fingerprints that survive unrelated lines moving.

mod common;

use atlas9::output::sarif;
use common::{check, copy_tree, fixture_roots, fixtures};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn render(dir: &Path) -> Value {
    let report = check(dir, None, 2);
    serde_json::from_str(&sarif::render(&report, &common::config_for(dir).root))
        .expect("SARIF is JSON")
}

/// The schema ships with the SARIF Multitool that `scripts/sarif-tools.sh install` puts under
/// `target/sarif-tools`; `ATLAS9_SARIF_SCHEMA` may point elsewhere.
fn schema_path() -> Option<PathBuf> {
    let path = std::env::var_os("ATLAS9_SARIF_SCHEMA")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("target/sarif-tools/package/sarif-2.1.0.json")
        });
    path.is_file().then_some(path)
}

#[test]
fn output_is_valid_against_the_official_schema() {
    let Some(path) = schema_path() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install the SARIF schema (scripts/sarif-tools.sh install)"
        );
        eprintln!("SKIPPED: SARIF schema not installed; run scripts/sarif-tools.sh install");
        return;
    };
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("schema")).expect("schema JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    for dir in fixture_roots().iter().chain([&fixtures().join("demo")]) {
        let log = render(dir);
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", dir.display());
    }
}

/// Runs everywhere, with no download: the typed SARIF 2.1.0 model of `serde-sarif` (generated
/// from the official schema) must read every log, and writing it back must give the same JSON,
/// so no field we emit is unknown to the schema or of the wrong type.
#[test]
fn output_round_trips_through_the_typed_sarif_model() {
    for dir in fixture_roots().iter().chain([&fixtures().join("demo")]) {
        let log = render(dir);
        let typed: serde_sarif::sarif::Sarif = serde_json::from_value(log.clone())
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let back = serde_json::to_value(&typed).expect("serializes");
        assert_eq!(
            back,
            log,
            "{}: a field was dropped or changed",
            dir.display()
        );
    }
}

#[test]
fn results_point_at_their_rules_with_relative_uris() {
    // Other tests load configurations meanwhile (team policies, secret packs): the list holds
    // at least the rules no configuration adds.
    let packs = atlas9::checks::secrets::builtin();
    let known: std::collections::BTreeSet<&str> = atlas9::registry::builtin()
        .map(|r| r.id)
        .filter(|id| !id.starts_with("secrets/") || packs.iter().any(|r| r.meta.id == *id))
        .collect();
    let log = render(&fixtures().join("demo"));
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let listed: std::collections::BTreeSet<&str> =
        rules.iter().filter_map(|r| r["id"].as_str()).collect();
    assert!(
        listed.is_superset(&known),
        "{:?}",
        known.difference(&listed)
    );
    let results = run["results"].as_array().expect("results");
    assert!(!results.is_empty());
    for r in results {
        let idx = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[idx]["id"], r["ruleId"]);
        assert!(
            rules[idx]["helpUri"]
                .as_str()
                .expect("helpUri")
                .contains("docs/patterns/")
        );
        assert!(
            rules[idx]["help"]["markdown"]
                .as_str()
                .expect("markdown")
                .contains("## Why is this bad?")
        );
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert!(
            !loc["artifactLocation"]["uri"]
                .as_str()
                .expect("uri")
                .starts_with('/')
        );
        assert!(loc["region"]["startLine"].as_u64().expect("line") >= 1);
        assert!(r["partialFingerprints"]["atlas9/v1"].is_string());
    }
    let suppressed: Vec<&Value> = results
        .iter()
        .filter(|r| r["suppressions"].is_array())
        .collect();
    assert_eq!(suppressed.len(), 1, "the demo's one used allow comment");
    assert_eq!(suppressed[0]["ruleId"], "migrations/lock-table");
    assert_eq!(suppressed[0]["suppressions"][0]["kind"], "inSource");
    assert_eq!(
        suppressed[0]["suppressions"][0]["justification"],
        "the nightly job is paused during this deploy"
    );
    let with_fixes = results.iter().filter(|r| r["fixes"].is_array()).count();
    assert!(with_fixes > 0);
    assert!(
        run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
            .as_str()
            .expect("srcroot")
            .ends_with('/')
    );
}

#[test]
fn fingerprints_survive_unrelated_lines_moving() {
    let tmp = tempfile::tempdir().expect("tempdir");
    copy_tree(&fixtures().join("demo"), tmp.path());
    let prints = |dir: &Path| -> Vec<(String, String)> {
        let log = render(dir);
        let mut v: Vec<(String, String)> = log["runs"][0]["results"]
            .as_array()
            .expect("results")
            .iter()
            .map(|r| {
                (
                    r["ruleId"].as_str().unwrap_or("").to_string(),
                    r["partialFingerprints"]["atlas9/v1"]
                        .as_str()
                        .unwrap_or("")
                        .to_string(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let before = prints(tmp.path());
    let file = tmp.path().join("db/migrations/000004_reshape.up.sql");
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, format!("-- a comment\n\n{text}")).expect("write");
    assert_eq!(before, prints(tmp.path()));
}
