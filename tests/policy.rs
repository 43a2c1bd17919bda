//! Policies end to end: the documents they see (`atlas9 policy input`), their unit tests
//! (`atlas9 policy test`), a team's policy through every output, and broken policies and hostile
//! workflows as clear errors.

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
    // Indexes over the steps, and the contexts outsiders write.
    assert_eq!(steps[0]["action"]["name"], "actions/checkout");
    assert_eq!(
        steps[1]["expressions"][0]["untrusted"],
        serde_json::json!(["github.event.pull_request.title"])
    );
    assert_eq!(
        steps[1]["expressions"][1]["untrusted"],
        serde_json::json!([])
    );
    assert_eq!(doc["all_steps"].as_array().map(Vec::len), Some(5));
    assert_eq!(
        doc["all_steps"][1]["path"],
        serde_json::json!(["jobs", "build", "steps", 1])
    );
    assert_eq!(doc["all_steps"][1]["step"], steps[1]);
    let by_action = doc["steps_by_action"].as_object().expect("an object");
    assert_eq!(
        by_action.keys().collect::<Vec<_>>(),
        ["actions/checkout", "actions/github-script"]
    );
    assert_eq!(doc["run_steps"].as_array().map(Vec::len), Some(1));
    // Jobs by the keys they set: only the caller of a reusable workflow passes `secrets`.
    let with_secrets = doc["jobs_with"]["secrets"].as_object().expect("an object");
    assert_eq!(with_secrets.keys().collect::<Vec<_>>(), ["release"]);
    assert_eq!(doc["jobs_with"]["secrets"]["release"], *release);
    let with_runner = doc["jobs_with"]["runs-on"].as_object().expect("an object");
    assert_eq!(with_runner.keys().collect::<Vec<_>>(), ["build"]);
    let expressions = doc["all_expressions"].as_array().expect("an array");
    assert!(expressions.iter().any(|e| e["path"]
        == serde_json::json!(["jobs", "build", "steps", 0, "with", "ref"])
        && e["text"] == "github.event.pull_request.head.sha"));
    // Indexes by a fact: every `uses:` by its kind of reference, inputs and variables by name,
    // script expressions with their paths, expressions by the names they read.
    let paths = |list: &Value| -> Vec<Value> {
        let items = list.as_array().expect("a list");
        items.iter().map(|e| e["path"].clone()).collect()
    };
    let uses = &doc["uses_by_kind"];
    assert_eq!(
        paths(&uses["ref"]),
        [
            serde_json::json!(["jobs", "release", "uses"]),
            serde_json::json!(["jobs", "build", "steps", 2, "uses"]),
        ]
    );
    assert_eq!(uses["ref"][0]["action"]["ref"], "main");
    for (kind, step) in [("sha", 0), ("local", 3), ("docker", 4)] {
        let path = serde_json::json!(["jobs", "build", "steps", step, "uses"]);
        assert_eq!(paths(&uses[kind]), [path], "{kind}");
    }
    assert_eq!(
        paths(&doc["inputs_by_name"]["ref"]),
        [serde_json::json!([
            "jobs", "build", "steps", 0, "with", "ref"
        ])]
    );
    assert_eq!(doc["inputs_by_name"]["script"][0]["name"], "script");
    assert_eq!(
        paths(&doc["env_by_name"]["DEPLOY"]),
        [
            serde_json::json!(["env", "DEPLOY"]),
            serde_json::json!(["jobs", "build", "steps", 1, "env", "DEPLOY"]),
        ]
    );
    assert_eq!(doc["env_by_name"]["DEPLOY"][1]["value"], "true");
    let run = serde_json::json!(["jobs", "build", "steps", 1, "run"]);
    let script = serde_json::json!(["jobs", "build", "steps", 2, "with", "script"]);
    assert_eq!(
        paths(&doc["script_expressions"]),
        [run.clone(), run, script]
    );
    let by_root = doc["expressions_by_root"].as_object().expect("an object");
    assert_eq!(
        by_root.keys().collect::<Vec<_>>(),
        ["github", "matrix", "secrets"]
    );
    assert_eq!(by_root["secrets"][0]["text"], "toJSON(secrets)");
    assert_eq!(doc["run_text"], steps[1]["run"]);
}

#[test]
fn documents_that_cannot_be_built_are_errors_naming_the_file() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let wf = d.join(".github/workflows");
    std::fs::create_dir_all(&wf).expect("mkdir");
    let bomb = alias_bomb("a");
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

/// YAML whose aliases expand to ten billion nodes, its first key `first`.
fn alias_bomb(first: &str) -> String {
    let mut out = format!("{first}: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for c in b'b'..=b'j' {
        let (prev, c) = (char::from(c - 1), char::from(c));
        let refs = vec![format!("*{prev}"); 10].join(", ");
        out.push_str(&format!("{c}: &{c} [{refs}]\n"));
    }
    out
}

type Found = Vec<(String, String, String)>;

/// A run's findings as `(file, rule, message)`, sorted.
fn sorted_findings(o: &std::process::Output) -> Found {
    let mut found = common::json_findings(o, "message");
    found.sort();
    found
}

/// The `(file, rule)` of each finding.
fn rules_of(found: &Found) -> Vec<(&str, &str)> {
    found
        .iter()
        .map(|(p, r, _)| (p.as_str(), r.as_str()))
        .collect()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn built_in_policies_pass_their_unit_tests_with_every_line_covered() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let o = common::atlas9(root, &["policy", "test", "policies", "--coverage"]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}{}", text(&o.stderr));
    assert!(!out.contains("not covered"), "{out}");
    let last = out.lines().last().unwrap_or_default();
    let passed: usize = last
        .strip_suffix(" passed, 0 failed")
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("summary: {last}"));
    assert!(passed >= 34, "two tests per built-in rule at least: {out}");
}

#[test]
fn a_failing_policy_test_names_itself_and_exits_1() {
    let tmp = common::repo(&[
        (
            "p/x.rego",
            "package atlas9.user.x\nimport rego.v1\n\ndeny contains \"no\" if input.bad\n",
        ),
        (
            "p/x_test.rego",
            "package atlas9.user.x_test\nimport rego.v1\n\ntest_ok if {\n\tdata.atlas9.user.x.deny == {\"no\"} with input as {\"bad\": true}\n}\n\ntest_wrong if {\n\tcount(data.atlas9.user.x.deny) == 1 with input as {}\n}\n",
        ),
    ]);
    let o = common::atlas9(tmp.path(), &["policy", "test", "p"]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("FAIL p/x_test.rego:8 test_wrong"), "{out}");
    assert!(out.ends_with("1 passed, 1 failed\n"), "{out}");
}

/// The team rule of `fixtures/rules/user/org-actions`: its test, its finding in human and SARIF
/// output at the right line, its suppression, and its metadata in both.
#[test]
fn a_team_policy_goes_through_the_whole_loop() {
    let dir = common::fixtures().join("rules/user/org-actions/base");
    let o = common::atlas9(&dir, &["policy", "test", "policies"]);
    assert_eq!(text(&o.stdout), "2 passed, 0 failed\n");

    let o = common::atlas9(&dir, &["explain", "user/org-actions"]);
    assert!(
        text(&o.stdout)
            .contains("# user/org-actions — Actions come from GitHub or from our organisation"),
        "{}",
        text(&o.stdout)
    );

    let o = common::atlas9(&dir, &["check", "--no-color"]);
    let human = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{human}{}", text(&o.stderr));
    assert!(
        human.contains(".github/workflows/bad.yml:7:15: error[user/org-actions] `someone/setup-tool@v2` is not from GitHub or octo-org"),
        "{human}"
    );
    assert!(
        human.contains("help: https://wiki.octo-org.example/ci/actions"),
        "{human}"
    );
    assert!(human.contains("1 findings suppressed"), "{human}");

    let o = common::atlas9(&dir, &["check", "--format", "sarif"]);
    let sarif: Value = serde_json::from_slice(&o.stdout).expect("SARIF");
    let run = &sarif["runs"][0];
    let rule = run["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .find(|r| r["id"] == "user/org-actions")
        .expect("the team rule is described");
    assert_eq!(rule["helpUri"], "https://wiki.octo-org.example/ci/actions");
    assert_eq!(
        rule["shortDescription"]["text"],
        "Actions come from GitHub or from our organisation."
    );
    let results = run["results"].as_array().expect("results");
    let at = |r: &Value| {
        r["locations"][0]["physicalLocation"]["region"]["startLine"]
            .as_u64()
            .unwrap_or(0)
    };
    let shown: Vec<u64> = results
        .iter()
        .filter(|r| r["suppressions"].is_null())
        .map(at)
        .collect();
    let hidden: Vec<u64> = results
        .iter()
        .filter(|r| !r["suppressions"].is_null())
        .map(at)
        .collect();
    assert_eq!((shown, hidden), (vec![7], vec![9]));
}

#[test]
fn broken_policies_are_errors_naming_the_policy() {
    let workflow = "on: push\njobs:\n  a:\n    runs-on: x\n";
    for (policy, why) in [
        ("package atlas9.user.p\ndeny contains x if {\n", "p/p.rego:"),
        (
            "package atlas9.user.p\nimport rego.v1\n\ndeny contains x if {\n\tinput.jobs\n\tx := nosuch.fn(1)\n}\n",
            "p/p.rego:6:7: unknown function `nosuch.fn`",
        ),
        (
            "package atlas9.user.p\nimport rego.v1\n\ndeny contains x if {\n\tsome x in input.path\n}\n",
            "p/p.rego:5:",
        ),
        (
            "package atlas9.user.p\nimport rego.v1\n\ndeny contains i if {\n\tinput.jobs\n\tsome i in numbers.range(1, 5000)\n\tsome j in numbers.range(1, 5000)\n\ti * j == -1\n}\n",
            "the policy at p/p.rego:4 failed: execution exceeded time limit",
        ),
        (
            "package team.p\nimport rego.v1\n\ndeny contains 1 if input.jobs\n",
            "p/p.rego: package `team.p` declares deny/warn",
        ),
        (
            "# METADATA\n# custom:\n#   severity: fatal\npackage atlas9.user.p\nimport rego.v1\n\ndeny contains 1 if input.nothing\n",
            "p/p.rego:3: METADATA severity `fatal`",
        ),
    ] {
        let tmp = common::repo(&[
            ("atlas9.toml", "[policies]\npaths = [\"p\"]\n"),
            ("p/p.rego", policy),
            (".github/workflows/w.yml", workflow),
        ]);
        let o = common::atlas9(tmp.path(), &["check"]);
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{policy}: {err}");
        assert!(err.contains(why), "{policy}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn hostile_workflows_are_findings_and_the_rest_is_still_checked() {
    let bomb = alias_bomb("on");
    let tmp = common::repo(&[
        (".github/workflows/list.yml", "- on: push\n- jobs: {}\n"),
        (".github/workflows/bomb.yml", &bomb),
        (".github/workflows/broken.yml", "on: [push\njobs: {\n"),
        (
            ".github/workflows/scalar-steps.yml",
            "on: push\njobs:\n  a:\n    steps: make\n",
        ),
        (".github/workflows/binary.yml", "on: push\u{0}\u{1}\n"),
        (
            ".github/workflows/ok.yml",
            "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: x\n",
        ),
    ]);
    let o = common::atlas9(tmp.path(), &["check", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let found = sorted_findings(&o);
    assert_eq!(
        rules_of(&found),
        [
            (".github/workflows/bomb.yml", "atlas9/parse-error"),
            (".github/workflows/broken.yml", "atlas9/parse-error"),
            (".github/workflows/list.yml", "atlas9/parse-error"),
            (".github/workflows/ok.yml", "ci/missing-timeout"),
            (".github/workflows/scalar-steps.yml", "atlas9/parse-error"),
        ]
    );
    let message = |file: &str| {
        found
            .iter()
            .find(|(p, _, _)| p.ends_with(file))
            .map(|(_, _, m)| m.clone())
            .unwrap_or_default()
    };
    assert!(
        message("list.yml").contains("mapping at the top"),
        "{found:?}"
    );
    assert!(
        message("scalar-steps.yml").contains("`jobs.a.steps` must be a list of mappings"),
        "{found:?}"
    );
}

#[test]
fn a_terraform_module_document_and_its_errors() {
    let dir = common::fixtures().join("policy");
    let (code, doc, err) = input(&dir, "terraform");
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(doc["kind"], "terraform");
    let sg = &doc["resources"]["aws_security_group.ssh"]["config"];
    assert_eq!(sg["ingress"][0]["from_port"], 22);
    assert_eq!(doc["locals"]["ports"], serde_json::json!([22, 443]));
    // Sets print as lists, in order: each resource type once.
    assert_eq!(
        doc["types"],
        serde_json::json!([
            "aws_db_instance",
            "aws_iam_policy",
            "aws_s3_bucket",
            "aws_s3_bucket_server_side_encryption_configuration",
            "aws_security_group"
        ])
    );
    let tmp = tempfile::tempdir().expect("tempdir");
    let bad = tmp.path().join("bad");
    std::fs::create_dir_all(&bad).expect("mkdir");
    std::fs::write(bad.join("main.tf"), "resource \"a\" \"b\" {\n  x =\n").expect("write");
    let (code, _, err) = input(tmp.path(), "bad");
    assert_eq!(code, Some(2));
    assert!(err.contains("bad/main.tf:"), "{err}");
    let (code, _, err) = input(tmp.path(), ".");
    assert_eq!(code, Some(2));
    assert!(err.contains("no .tf files"), "{err}");
}

#[test]
fn hostile_terraform_is_a_finding_and_other_modules_are_still_checked() {
    let deep = format!("x = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let tmp = common::repo(&[
        (
            "broken/main.tf",
            "resource \"aws_kms_key\" \"k\" {\n  x =\n",
        ),
        ("deep/main.tf", &deep),
        ("binary/main.tf", "resource \u{0}\u{1}\n"),
        ("ok/main.tf", "resource \"aws_kms_key\" \"k\" {\n}\n"),
        // The broken file's sibling is not reported: its module has no document.
        ("broken/kms.tf", "resource \"aws_kms_key\" \"j\" {\n}\n"),
    ]);
    let o = common::atlas9(
        tmp.path(),
        &["check", "--format", "json", "--select", "terraform,atlas9"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let found = sorted_findings(&o);
    assert_eq!(
        rules_of(&found),
        [
            ("broken/main.tf", "atlas9/parse-error"),
            ("deep/main.tf", "atlas9/parse-error"),
            ("ok/main.tf", "terraform/kms-no-rotation"),
            ("ok/main.tf", "terraform/no-remote-backend"),
        ]
    );
    assert!(
        found[0].2.contains("broken/main.tf:2: invalid HCL"),
        "{found:?}"
    );
    assert!(found[1].2.contains("nested more than 256"), "{found:?}");
}

/// A pre-commit run names only the changed file: its module's other files are read too, so a
/// bucket whose encryption is declared in the next file is not reported.
#[test]
fn a_module_is_checked_whole_when_one_of_its_files_is() {
    let dir = common::fixtures().join("rules/terraform/s3-no-encryption/base");
    let o = common::atlas9(&dir, &["check", "--format", "json", "good/buckets.tf"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    // Findings in the files read only to complete the module are not reported.
    let o = common::atlas9(&dir, &["check", "--format", "json", "bad/main.tf"]);
    let found = common::json_findings(&o, "message");
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|(p, _, _)| p == "bad/main.tf"));
}

#[test]
fn literal_credentials_never_reach_the_output() {
    let dir = common::fixtures().join("rules/terraform/hardcoded-credentials/base");
    for format in ["human", "json", "sarif", "github"] {
        let o = common::atlas9(&dir, &["check", "--format", format]);
        assert_eq!(o.status.code(), Some(1), "{format}");
        let out = text(&o.stdout);
        assert!(out.contains("hardcoded-credentials"), "{format}: {out}");
        for value in ["not-a-real-key", "example-db-password", "example-password"] {
            assert!(!out.contains(value), "{format} shows {value}: {out}");
        }
    }
}

/// A team's policy sees Terraform modules too, and may place a finding by resource address and
/// attribute instead of a path.
#[test]
fn a_team_policy_reads_terraform_and_places_findings_by_address() {
    let policy = r#"package atlas9.user.bucket_names

import rego.v1

deny contains finding if {
	input.kind == "terraform"
	some bucket in input.by_type.aws_s3_bucket
	not startswith(bucket.config.bucket, "acme-")
	finding := {"message": "prefix bucket names with acme-", "resource": bucket.address, "attribute": "bucket"}
}

deny contains finding if {
	some bucket in input.by_type.aws_s3_bucket
	not bucket.config.tags
	finding := {"message": "tag every bucket", "resource": bucket.address, "attribute": "tags"}
}
"#;
    let tmp = common::repo(&[
        (
            "atlas9.toml",
            "[rules]\nselect = [\"user\"]\n[policies]\npaths = [\"policies\"]\n",
        ),
        ("policies/bucket_names.rego", policy),
        (
            "infra/main.tf",
            "resource \"aws_s3_bucket\" \"a\" {\n  bucket = \"logs\"\n}\n",
        ),
    ]);
    let o = common::atlas9(tmp.path(), &["check", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let lines: Vec<(u64, String)> =
        serde_json::from_slice::<Value>(&o.stdout).expect("json")["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| (f["line"].as_u64().unwrap_or(0), f["rule"].to_string()))
            .collect();
    // The name at its value, the missing tags at the resource's header.
    assert_eq!(
        lines,
        [
            (1, "\"user/bucket-names\"".to_string()),
            (2, "\"user/bucket-names\"".to_string())
        ]
    );
}

#[test]
fn a_policy_failing_on_a_terraform_module_names_the_module_and_the_policy() {
    let policy = "package atlas9.user.p\nimport rego.v1\n\ndeny contains x if {\n\tinput.kind == \"terraform\"\n\tsome x in input.path\n}\n";
    let tmp = common::repo(&[
        ("atlas9.toml", "[policies]\npaths = [\"p\"]\n"),
        ("p/p.rego", policy),
        ("infra/main.tf", "resource \"aws_vpc\" \"v\" {\n}\n"),
    ]);
    let o = common::atlas9(tmp.path(), &["check"]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("module infra: the policy at p/p.rego:4 failed"),
        "{err}"
    );
}
