//! Registry, documentation and essays agree: `docs/rules.md` is generated from the rules' own
//! docs, every rule documents the four sections and links to an existing essay anchor, and no
//! rule emits a fix it does not declare.

mod common;

use atlas9::commands::rules::catalog_markdown;
use atlas9::diagnostics::Applicability;
use atlas9::registry::{self, FixAvailability};
use common::{check, fixture_roots, fixtures};
use std::path::Path;

#[test]
fn rules_md_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let want = catalog_markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &want).expect("write docs/rules.md");
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/rules.md is stale: run `UPDATE_DOCS=1 cargo test --test docs`"
    );
}

#[test]
fn every_rule_documents_itself_and_links_to_its_essay() {
    for rule in registry::all() {
        let md = rule.markdown();
        for section in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "## Fix safety",
        ] {
            assert!(md.contains(section), "{} lacks `{section}`", rule.id);
        }
        assert_eq!(
            md.matches("```").count() % 2,
            0,
            "{}: unbalanced code fences",
            rule.id
        );
        let Some(essay) = rule.essay.path() else {
            continue; // a team's rule links to its own documentation
        };
        let essay = Path::new(env!("CARGO_MANIFEST_DIR")).join(essay);
        let text = std::fs::read_to_string(&essay)
            .unwrap_or_else(|_| panic!("{} missing", essay.display()));
        assert!(
            text.contains(&format!("<a id=\"{}\"></a>", rule.anchor())),
            "{} has no anchor in {}",
            rule.id,
            essay.display()
        );
    }
}

#[test]
fn no_rule_emits_a_fix_it_does_not_declare() {
    let dirs: Vec<_> = fixture_roots()
        .into_iter()
        .chain([fixtures().join("demo")])
        .collect();
    let mut seen_fix = std::collections::BTreeSet::new();
    for dir in &dirs {
        for file in check(dir, None, 2).files {
            for f in file.findings {
                let rule = registry::find(f.rule).expect("registered");
                if let Some(fix) = &f.fix {
                    assert_ne!(
                        rule.fix,
                        FixAvailability::None,
                        "{} emits an undeclared fix",
                        rule.id
                    );
                    assert!(fix.applicability <= Applicability::Unsafe && !fix.edits.is_empty());
                    seen_fix.insert(rule.id);
                }
            }
        }
    }
    for rule in registry::all().filter(|r| r.fix != FixAvailability::None) {
        assert!(
            seen_fix.contains(rule.id),
            "{} declares a fix that no fixture exercises",
            rule.id
        );
    }
}
