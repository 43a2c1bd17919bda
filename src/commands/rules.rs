//! `atlas9 rules` and `atlas9 explain`, and the generated `docs/rules.md`.

use super::{EXIT_ERROR, EXIT_OK, fail, print};
use crate::cli::RulesFormat;
use crate::registry::{self, FixAvailability, Rule};
use serde_json::json;
use std::fmt::Write;

fn fix_word(r: &Rule) -> &'static str {
    match r.fix {
        FixAvailability::None => "-",
        FixAvailability::Sometimes => "sometimes",
    }
}

/// Load the configuration of the working directory, so its team policies' rules are known.
fn load_config() -> Result<(), i32> {
    let cwd = std::env::current_dir()
        .map_err(|e| fail(format!("cannot read the working directory: {e}")))?;
    crate::config::Config::discover(&cwd)
        .map(drop)
        .map_err(|e| {
            eprintln!("{:?}", miette::Report::new(*e));
            EXIT_ERROR
        })
}

/// `atlas9 rules`.
pub fn list(format: RulesFormat) -> i32 {
    if let Err(code) = load_config() {
        return code;
    }
    match format {
        RulesFormat::Json => {
            let rules: Vec<_> = registry::all()
                .map(|r| {
                    json!({"id": r.id, "title": r.title, "severity": r.severity, "fix": fix_word(r),
                           "essay": r.essay_link(), "help_uri": r.help_uri()})
                })
                .collect();
            print(&format!(
                "{}\n",
                serde_json::to_string_pretty(&rules).unwrap_or_default()
            ));
        }
        RulesFormat::Table => {
            let width = registry::all().map(|r| r.id.len()).max().unwrap_or(0);
            let mut out = format!("{:width$}  {:8}  {:9}  TITLE\n", "RULE", "SEVERITY", "FIX");
            for r in registry::all() {
                let _ = writeln!(
                    out,
                    "{:width$}  {:8}  {:9}  {}",
                    r.id,
                    r.severity.as_str(),
                    fix_word(r),
                    r.title
                );
            }
            print(&out);
        }
    }
    EXIT_OK
}

/// `atlas9 explain RULE`.
pub fn explain(id: &str) -> i32 {
    if let Err(code) = load_config() {
        return code;
    }
    let Some(rule) = registry::find(id) else {
        let hint = crate::config::suggest(id, registry::all().map(|r| r.id))
            .map_or(String::new(), |s| format!("; did you mean `{s}`?"));
        return fail(format!("unknown rule `{id}`{hint}"));
    };
    print(&format!(
        "# {} — {}\n\nDefault severity: {} · Fix: {}\n\n{}\n{}",
        rule.id,
        rule.title,
        rule.severity,
        fix_word(rule),
        rule.markdown(),
        match rule.help_uri() {
            Some(uri) if uri != rule.essay_link() => {
                format!("\nRead more: {} ({uri})\n", rule.essay_link())
            }
            Some(uri) => format!("\nRead more: {uri}\n"),
            None => String::new(),
        }
    ));
    EXIT_OK
}

/// The content of `docs/rules.md`, generated from every rule's own documentation.
pub fn catalog_markdown() -> String {
    let mut out = String::from(
        "# Rules\n\n<!-- Generated from the rules' doc comments by `cargo test`; edit the rule, not this file. \
         Regenerate with `UPDATE_DOCS=1 cargo test --test docs`. -->\n\n| Rule | Severity | Fix | Summary |\n|---|---|---|---|\n",
    );
    for r in registry::builtin() {
        let _ = writeln!(
            out,
            "| [`{}`](#{}) | {} | {} | {} |",
            r.id,
            anchor(r.id),
            r.severity,
            fix_word(r),
            r.title
        );
    }
    for r in registry::builtin() {
        let body = r.markdown().replace("\n## ", "\n#### ");
        let body = body
            .strip_prefix("## ")
            .map_or(body.clone(), |b| format!("#### {b}"));
        let _ = write!(
            out,
            "\n## {}\n\n{}\n\nDefault severity: {} · Fix: {} · Essay: [{}](../{})\n",
            r.id,
            body,
            r.severity,
            fix_word(r),
            r.essay_link(),
            r.essay_link()
        );
    }
    out
}

/// The GitHub-style anchor of a heading.
fn anchor(heading: &str) -> String {
    heading
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '-' || *c == ' ')
        .map(|c| {
            if c == ' ' {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}
