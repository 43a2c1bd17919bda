//! `atlas9 policy input`: the documents policies see.

mod common;

use serde_json::Value;

fn input(dir: &std::path::Path, file: &str) -> (Option<i32>, Value, String) {
    let o = common::atlas9(dir, &["policy", "input", file]);
    let doc = serde_json::from_slice(&o.stdout).unwrap_or(Value::Null);
    (
        o.status.code(),
        doc,
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn a_workflow_document_carries_the_facts_policies_need() {
    let dir = common::fixtures().join("policy/inputs");
    let (code, doc, err) = input(&dir, ".github/workflows/ci.yml");
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(doc["kind"], "workflow");
    assert_eq!(doc["path"], ".github/workflows/ci.yml");
    assert_eq!(
        doc["triggers"],
        serde_json::json!(["pull_request_target", "push"])
    );
    assert_eq!(doc["privileged_trigger"], true);
    let build = &doc["jobs"]["build"];
    assert_eq!(build["effective_permissions"]["source"], "job");
    assert_eq!(
        doc["jobs"]["release"]["effective_permissions"]["source"],
        "workflow"
    );
    assert_eq!(build["self_hosted"], true);
    assert_eq!(build["checks_out_pr_code"], true);
    assert_eq!(build["images"][0]["pinned"], false);
    assert_eq!(build["images"][1]["pinned"], true);
    let steps = &build["steps"];
    // The file's own keys stay, so a path into the document is a path into the YAML.
    assert!(
        steps[0]["uses"]
            .as_str()
            .unwrap()
            .starts_with("actions/checkout@8e5e")
    );
    assert_eq!(steps[0]["action"]["pinned"], true);
    assert_eq!(steps[0]["action"]["version_comment"], "v4.1.1");
    assert_eq!(
        steps[1]["expressions"][0]["contexts"][0],
        "github.event.pull_request.title"
    );
    assert_eq!(steps[1]["expressions"][1]["contexts"][0], "matrix.target");
    assert_eq!(steps[2]["action"]["pinned"], false);
    assert_eq!(steps[2]["expressions"][0]["in"], "script");
    assert_eq!(steps[3]["action"]["local"], true);
    assert_eq!(steps[4]["action"]["docker"], "alpine:3");
    let release = &doc["jobs"]["release"];
    assert_eq!(release["action"]["path"], ".github/workflows/release.yml");
    assert_eq!(release["action"]["ref"], "main");
    assert_eq!(release["secrets"], "inherit");
}

#[test]
fn documents_that_cannot_be_built_are_errors_naming_the_file() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let wf = d.join(".github/workflows");
    std::fs::create_dir_all(&wf).expect("mkdir");
    let bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n".to_string()
        + &(b'b'..=b'j')
            .map(|c| {
                let prev = char::from(c - 1);
                let c = char::from(c);
                format!("{c}: &{c} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n")
            })
            .collect::<String>();
    let nest = |n: usize| "on: ".to_string() + &"[".repeat(n) + &"]".repeat(n) + "\n";
    let (deep, deeper) = (nest(200), nest(100_000));
    for (name, text, why) in [
        ("list.yml", "- a\n- b\n", "mapping at the top"),
        ("broken.yml", "on: [push\njobs: {\n", "broken.yml:"),
        ("bomb.yml", bomb.as_str(), "bomb.yml"),
        ("deep.yml", deep.as_str(), "levels deep"),
        ("deeper.yml", deeper.as_str(), "deeper.yml:1"),
    ] {
        std::fs::write(wf.join(name), text).expect("write");
        let rel = format!(".github/workflows/{name}");
        let (code, _, err) = input(d, &rel);
        assert_eq!(code, Some(2), "{name}: {err}");
        assert!(err.contains(why), "{name}: {err}");
    }
    std::fs::write(d.join("notes.yml"), "a: 1\n").expect("write");
    let (code, _, err) = input(d, "notes.yml");
    assert_eq!(code, Some(2));
    assert!(err.contains("not a policy document"), "{err}");
}
