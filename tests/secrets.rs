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
