//! Rego evaluation with `regorus`: every policy's `deny` and `warn` sets over one input
//! document. WIP (issue 6): no registry or metadata yet.

use regorus::Engine;
use serde_json::Value;
use std::num::NonZeroU32;
use std::time::Duration;

/// How long one policy may run over one document before it is an error.
const TIME_LIMIT: Duration = Duration::from_secs(2);

/// A finding as a policy returned it.
#[derive(Debug, Clone, PartialEq)]
pub struct Raw {
    /// The policy's package (`data.atlas9.user.pins`).
    pub package: String,
    /// `deny` or `warn`.
    pub set: &'static str,
    /// The element of the set (an object with `message` and `path`, or a string).
    pub value: Value,
}

/// Compiled policies.
#[derive(Debug, Clone)]
pub struct Policies {
    engine: Engine,
    /// Every `deny` and `warn` rule the policies declare, as `(package, set)`.
    rules: Vec<(String, &'static str)>,
}

impl Policies {
    /// Compile `sources` (path, text). A syntax error is an error naming the file and line.
    pub fn new(sources: &[(String, String)]) -> Result<Self, String> {
        let mut engine = Engine::new();
        engine.set_execution_timer_config(regorus::utils::limits::ExecutionTimerConfig {
            limit: TIME_LIMIT,
            check_interval: NonZeroU32::new(64).expect("non-zero"),
        });
        for (path, text) in sources {
            engine
                .add_policy(path.clone(), text.clone())
                .map_err(|e| e.to_string())?;
        }
        let mut packages = engine.get_packages().map_err(|e| e.to_string())?;
        packages.sort();
        packages.dedup();
        // Which sets exist is found once, so a document costs one evaluation per rule.
        engine.set_input(regorus::Value::new_object());
        let mut rules = Vec::new();
        for package in packages {
            for set in ["deny", "warn"] {
                match engine.eval_rule(format!("{package}.{set}")) {
                    Err(e) if e.to_string().contains("not a valid rule path") => {}
                    _ => rules.push((package.clone(), set)),
                }
            }
        }
        Ok(Self { engine, rules })
    }

    /// An evaluator for one worker thread (the engine is cloned once, not per document).
    pub fn worker(&self) -> Worker<'_> {
        Worker {
            engine: self.engine.clone(),
            rules: &self.rules,
        }
    }
}

/// One thread's copy of the policies.
#[derive(Debug)]
pub struct Worker<'a> {
    engine: Engine,
    rules: &'a [(String, &'static str)],
}

impl Worker<'_> {
    /// Evaluate every policy over `input`.
    pub fn evaluate(&mut self, input: regorus::Value) -> Result<Vec<Raw>, String> {
        self.engine.set_input(input);
        let mut out = Vec::new();
        for (package, set) in self.rules {
            let value = self
                .engine
                .eval_rule(format!("{package}.{set}"))
                .map_err(|e| e.to_string())?;
            let Ok(items) = value.as_set() else { continue };
            for item in items.iter() {
                out.push(Raw {
                    package: package.clone(),
                    set,
                    value: serde_json::to_value(item).map_err(|e| e.to_string())?,
                });
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::locate::{Step, locate};
    use crate::syntax::tree;
    use crate::workspace::LineIndex;

    const POLICY: &str = r#"package atlas9.user.pins

import rego.v1

deny contains f if {
    some id, job in input.jobs
    some i, step in job.steps
    step.action
    not step.action.pinned
    f := {"message": "pin it", "path": ["jobs", id, "steps", i, "uses"]}
}
"#;

    #[test]
    fn a_policy_reports_paths_that_resolve_to_lines() {
        let text = "on: push\njobs:\n  b:\n    steps:\n      - uses: a/b@v1\n      - run: x\n";
        let policies =
            Policies::new(&[("pins.rego".to_string(), POLICY.to_string())]).expect("compiles");
        let doc = crate::policy::input(".github/workflows/ci.yml", text).expect("a document");
        let found = policies.worker().evaluate(doc).expect("evaluates");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].package, "data.atlas9.user.pins");
        let lines = LineIndex::new(text);
        let root = &tree::parse(text, &lines).expect("parses")[0];
        let path = Step::path(&found[0].value["path"]).expect("a path");
        let at = locate(root, &path);
        assert_eq!(&text[at.span.start..at.span.end], "a/b@v1");
        assert_eq!(lines.line_of(at.span.start), 4);
    }

    #[test]
    fn one_worker_evaluates_many_documents_alike() {
        let text = std::fs::read_to_string(crate::policy::tests_fixture(
            "policy/inputs/.github/workflows/ci.yml",
        ))
        .expect("fixture");
        let policies =
            Policies::new(&[("pins.rego".to_string(), POLICY.to_string())]).expect("compiles");
        let doc = crate::policy::input(".github/workflows/ci.yml", &text).expect("a document");
        let mut worker = policies.worker();
        let first = worker.evaluate(doc.clone()).expect("evaluates");
        // The same document gives the same findings every time (no state left between runs).
        for _ in 0..20 {
            assert_eq!(worker.evaluate(doc.clone()).expect("evaluates"), first);
        }
        assert_eq!(first.len(), 2, "{first:?}");
    }

    #[test]
    fn a_syntax_error_names_the_policy_file() {
        let err = Policies::new(&[("bad.rego".into(), "package x\ndeny contains if {".into())])
            .expect_err("fails");
        assert!(err.contains("bad.rego"), "{err}");
    }
}
