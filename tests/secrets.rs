//! The secrets domain: every rule's own examples, the filters, redaction in every output format,
//! and the repository itself staying clean.

mod common;

use atlas9::checks::secrets;
use atlas9::config::Config;
use common::tokens::expand;

fn findings(rel: &str, text: &str) -> Vec<(String, usize)> {
    let config = Config::default_for(".".into());
    let file = atlas9::workspace::SourceFile::new(rel.into(), rel.into(), text.into());
    secrets::scan(rel, text, &config)
        .into_iter()
        .map(|f| {
            let line = file.lines.position(&file.text, f.span.start).line;
            (f.rule.to_string(), line)
        })
        .collect()
}

#[test]
fn every_rule_reports_its_failing_examples_and_nothing_else() {
    let mut problems = Vec::new();
    for rule in secrets::builtin() {
        // Built-in patterns are compiled on first use, so this is where a bad one shows.
        if let Err(e) = rule.pattern.check() {
            problems.push(format!("{}: {e}", rule.meta.id));
            continue;
        }
        let path = rule.examples.path.as_deref().unwrap_or("example.txt");
        assert!(
            !rule.examples.fail.is_empty() && !rule.examples.pass.is_empty(),
            "{} needs failing and passing examples",
            rule.meta.id
        );
        for (i, ex) in rule.examples.fail.iter().enumerate() {
            let text = expand(ex, &format!("{}/fail/{i}", rule.meta.id));
            let got = findings(path, &text);
            if got.iter().map(|(r, _)| r.as_str()).collect::<Vec<_>>() != [rule.meta.id] {
                problems.push(format!("{} fail[{i}] {text:?}: got {got:?}", rule.meta.id));
            }
        }
        for (i, ex) in rule.examples.pass.iter().enumerate() {
            let text = expand(ex, &format!("{}/pass/{i}", rule.meta.id));
            let got = findings(path, &text);
            if !got.is_empty() {
                problems.push(format!("{} pass[{i}] {text:?}: got {got:?}", rule.meta.id));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn there_are_at_least_sixty_provider_kinds() {
    let n = secrets::builtin().len();
    assert!(n >= 60, "only {n} built-in secret rules");
}

/// Every secret a fixture holds: the text of each secret finding, reported or suppressed, cut
/// into its lines (a key block is checked line by line).
fn fixture_secrets(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for file in common::check(dir, None, 1).files {
        let all = file
            .findings
            .iter()
            .chain(file.suppressed.iter().map(|s| &s.finding));
        for f in all.filter(|f| f.rule.starts_with("secrets/")) {
            out.extend(
                file.source
                    .slice(f.span)
                    .replace("\\n", "\n")
                    .split('\n')
                    .map(|l| l.trim_matches(|c: char| !c.is_ascii_alphanumeric()))
                    // A key block's header names the key type and may be shown.
                    .filter(|l| l.len() >= 8 && !l.starts_with("BEGIN ") && !l.starts_with("END "))
                    .map(str::to_string),
            );
        }
    }
    out
}

#[test]
fn no_output_format_ever_contains_a_fixture_secret() {
    let roots: Vec<_> = common::fixture_roots()
        .into_iter()
        .filter(|r| r.starts_with(common::fixtures().join("rules/secrets")))
        .collect();
    assert!(!roots.is_empty());
    let mut seen = 0;
    for root in roots {
        let dir = common::materialize(&root).expect("secret fixtures hold templates");
        let secrets = fixture_secrets(dir.path());
        seen += secrets.len();
        let mut outputs = Vec::new();
        for format in ["human", "json", "sarif", "github"] {
            let o = common::atlas9(dir.path(), &["check", "--format", format, "."]);
            outputs.push((format.to_string(), o.stdout, o.stderr));
        }
        let o = common::atlas9(dir.path(), &["baseline", "."]);
        let baseline = std::fs::read(dir.path().join(".atlas9/baseline.json")).unwrap_or_default();
        outputs.push(("baseline".into(), [o.stdout, baseline].concat(), o.stderr));
        for (format, stdout, stderr) in &outputs {
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(stdout),
                String::from_utf8_lossy(stderr)
            );
            for s in &secrets {
                assert!(
                    !text.contains(s.as_str()),
                    "{format} output of {} shows a secret ({}…)",
                    root.display(),
                    &s[..4]
                );
            }
        }
    }
    assert!(seen > 50, "only {seen} secrets were checked");
}

#[test]
fn the_repository_itself_holds_no_secret() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let o = common::atlas9(
        root,
        &["check", "--select", "secrets", "--format", "json", "."],
    );
    let findings = common::json_findings(&o, "message");
    let bad: Vec<_> = findings
        .iter()
        .filter(|(path, rule, _)| rule.starts_with("secrets/") || !path.starts_with("fixtures/"))
        .collect();
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn secret_baselines_survive_moved_code_and_catch_new_secrets() {
    let dir = common::materialize(&common::fixtures().join("rules/secrets/code-hosts"))
        .expect("templates");
    let run = |args: &[&str]| common::atlas9(dir.path(), args);
    assert_eq!(run(&["baseline", "."]).status.code(), Some(0));
    let path = dir.path().join(".atlas9/baseline.json");
    let first = std::fs::read(&path).expect("baseline written");
    assert_eq!(
        run(&["check", "--baseline", ".atlas9/baseline.json", "."])
            .status
            .code(),
        Some(0)
    );
    // Moving the secrets down changes no entry.
    let script = dir.path().join("deploy.sh");
    let text = std::fs::read_to_string(&script).expect("read");
    std::fs::write(&script, format!("# moved\n\n{text}")).expect("write");
    assert_eq!(run(&["baseline", "."]).status.code(), Some(0));
    assert_eq!(std::fs::read(&path).expect("baseline"), first);
    // A new secret is reported.
    let extra = expand("STRIPE=sk_live_{{gen:b62:24}}\n", "new-secret");
    std::fs::write(dir.path().join("new.env"), extra).expect("write");
    let o = run(&[
        "check",
        "--baseline",
        ".atlas9/baseline.json",
        "--format",
        "json",
        ".",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let rules: Vec<_> = common::json_findings(&o, "message")
        .into_iter()
        .map(|(p, r, _)| (p, r))
        .collect();
    assert_eq!(
        rules,
        [(
            "new.env".to_string(),
            "secrets/stripe-secret-key".to_string()
        )]
    );
}

fn git(dir: &std::path::Path, args: &[&str]) -> String {
    let o = std::process::Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

#[test]
fn staged_reads_the_index_not_the_working_tree() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    git(d, &["init", "-q"]);
    std::fs::write(
        d.join("app.env"),
        expand("KEY=sk_live_{{gen:b62:24}}\n", "staged"),
    )
    .expect("write");
    git(d, &["add", "app.env"]);
    // The working tree no longer holds the secret, but the commit would.
    std::fs::write(d.join("app.env"), "KEY=${STRIPE_KEY}\n").expect("write");
    let staged = common::atlas9(
        d,
        &[
            "check", "--staged", "--select", "secrets", "--format", "json",
        ],
    );
    assert_eq!(staged.status.code(), Some(1));
    let found = common::json_findings(&staged, "message");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1, "secrets/stripe-secret-key");
    let tree = common::atlas9(d, &["check", "--select", "secrets"]);
    assert_eq!(tree.status.code(), Some(0));
}

#[test]
fn history_reports_each_secret_once_at_the_commit_that_introduced_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    git(d, &["init", "-q"]);
    let secret = expand("TOKEN=ghp_{{gen:crc62:30}}\n", "history");
    std::fs::write(d.join("app.env"), &secret).expect("write");
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "add token"]);
    let first = git(d, &["rev-parse", "HEAD"]);
    // The same secret in a new version of the file, then deleted: still one finding.
    std::fs::write(d.join("app.env"), format!("{secret}DEBUG=1\n")).expect("write");
    git(d, &["commit", "-qam", "debug"]);
    std::fs::write(d.join("app.env"), "TOKEN=${GITHUB_TOKEN}\n").expect("write");
    git(d, &["commit", "-qam", "remove token"]);
    let head = git(d, &["rev-parse", "HEAD"]);

    assert_eq!(common::atlas9(d, &["check"]).status.code(), Some(0));
    let o = common::atlas9(d, &["check", "--history", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let found = common::json_findings(&o, "rule");
    assert_eq!(
        found,
        [(
            format!("{}:app.env", &first[..10]),
            "secrets/github-classic-token".into(),
            "secrets/github-classic-token".into()
        )]
    );
    let since = common::atlas9(d, &["check", "--history", "--since", &head]);
    assert_eq!(since.status.code(), Some(0));
}

#[test]
fn min_confidence_turns_lower_tiers_into_notes() {
    let report = common::check(&common::fixtures().join("rules/secrets/settings"), None, 1);
    let severities: Vec<(&str, &str)> = report
        .files
        .iter()
        .flat_map(|f| &f.findings)
        .map(|f| (f.rule, f.severity.as_str()))
        .collect();
    assert!(
        severities.contains(&("secrets/generic-password", "note")),
        "{severities:?}"
    );
    assert!(
        severities.contains(&("secrets/acme-service-token", "error")),
        "{severities:?}"
    );
}

#[test]
fn sarif_fingerprints_are_hmacs_when_a_key_is_configured() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::write(
        d.join("atlas9.toml"),
        "[secrets]\nfingerprint_key_env = \"A9_TEST_KEY\"\n",
    )
    .expect("write");
    std::fs::write(
        d.join("app.env"),
        expand("KEY=sk_live_{{gen:b62:24}}\n", "hmac"),
    )
    .expect("write");
    let run = |key: Option<&str>| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_atlas9"));
        cmd.args(["check", "--format", "sarif", "."])
            .current_dir(d)
            .env_remove("A9_TEST_KEY");
        if let Some(k) = key {
            cmd.env("A9_TEST_KEY", k);
        }
        String::from_utf8(cmd.output().expect("runs").stdout).expect("utf-8")
    };
    assert!(run(None).contains("\"secret/v1\": \"sha256:"));
    let keyed = run(Some("team-key"));
    assert!(keyed.contains("\"secret/v1\": \"hmac-sha256:"));
    assert_ne!(keyed, run(Some("other-key")));
}

#[test]
fn a_broken_user_pack_is_a_configuration_error_naming_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::write(
        d.join("atlas9.toml"),
        "[secrets]\npacks = [\"team.toml\"]\n",
    )
    .expect("write");
    // One valid rule but for the field each case breaks.
    let rule = |id: &str, keyword: &str, regex: &str| {
        format!(
            "[[rule]]\nid = \"{id}\"\ntitle = \"T\"\nfamily = \"saas\"\nconfidence = \"high\"\nkeywords = [\"{keyword}\"]\nregex = '{regex}'\nexamples.fail = []\nexamples.pass = []\n"
        )
    };
    for (pack, why) in [
        ("[[rule]]\nid = \"x\"\n".to_string(), "missing field"),
        (rule("t", &"k".repeat(257), "(x)"), "3 to 256"),
        (rule("t", "ab", "(x)"), "3 to 256"),
        (rule("t", "abc", "(x"), "unclosed group"),
        (
            rule("github-classic-token", "abc", "(x)"),
            "already defined",
        ),
    ] {
        std::fs::write(d.join("team.toml"), pack).expect("write");
        let o = common::atlas9(d, &["check"]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains("team.toml") && err.contains(why), "{err}");
    }
}

#[test]
fn since_cannot_smuggle_an_option_into_git() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    git(d, &["init", "-q"]);
    std::fs::write(d.join("a.txt"), "x\n").expect("write");
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "one"]);
    let out = d.join("written-by-git");
    let arg = format!("--output={}", out.display());
    let o = common::atlas9(d, &["check", "--history", &format!("--since={arg}")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!out.exists());
}
