//! `atlas9 policy test`: regorus has no test runner, so tests are found here (every `test_*`
//! rule of a `*_test.rego` file), evaluated one by one, and pass when they are true.

use super::engine::{self, Source};
use std::collections::BTreeSet;
use std::fmt::Write;

/// One test rule.
#[derive(Debug, Clone)]
struct Test {
    file: String,
    line: usize,
    package: String,
    name: String,
}

/// What a test run found.
#[derive(Debug, Default)]
pub struct Outcome {
    /// One line per failed test: where it is, its name and why.
    pub failures: Vec<String>,
    /// Tests that held.
    pub passed: usize,
    /// Policy lines no test evaluated, per file (with `coverage`).
    pub uncovered: Vec<(String, Vec<u32>)>,
}

impl Outcome {
    /// The report as printed: failures, uncovered lines, then `N passed, N failed`.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for f in &self.failures {
            let _ = writeln!(out, "FAIL {f}");
        }
        for (file, lines) in &self.uncovered {
            let lines: Vec<String> = lines.iter().map(u32::to_string).collect();
            let _ = writeln!(out, "{file}: not covered: lines {}", lines.join(", "));
        }
        let _ = writeln!(
            out,
            "{} passed, {} failed",
            self.passed,
            self.failures.len()
        );
        out
    }
}

/// The package a Rego text declares (its first `package` line).
pub fn package_of(text: &str) -> Option<&str> {
    text.lines()
        .find_map(|l| l.trim().strip_prefix("package "))
        .map(str::trim)
}

/// The `test_*` rules of a test file, by their heads at the start of a line.
fn tests_in(source: &Source) -> Vec<Test> {
    let Some(package) = package_of(&source.text) else {
        return Vec::new();
    };
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (i, line) in source.text.lines().enumerate() {
        if !line.starts_with("test_") {
            continue;
        }
        let name: String = line
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        // A rule may have several bodies; it is one test.
        if seen.insert(name.clone()) {
            out.push(Test {
                file: source.path.clone(),
                line: i + 1,
                package: package.to_string(),
                name,
            });
        }
    }
    out
}

/// Run the tests of `sources` (policies and their `*_test.rego` files), with the built-in
/// policies whose packages `sources` do not declare, so a team's tests can use them.
pub fn run(sources: Vec<Source>, builtin: Vec<Source>, coverage: bool) -> Result<Outcome, String> {
    let declared: BTreeSet<&str> = sources.iter().filter_map(|s| package_of(&s.text)).collect();
    let extra: Vec<Source> = builtin
        .into_iter()
        .filter(|b| package_of(&b.text).is_some_and(|p| !declared.contains(p)))
        .collect();
    let mut engine = engine::engine();
    engine.set_enable_coverage(coverage);
    for s in sources.iter().chain(&extra) {
        engine
            .add_policy(s.path.clone(), s.text.clone())
            .map_err(|e| e.to_string())?;
    }
    super::calls::check(&engine)?;
    engine.set_input(regorus::Value::new_object());
    // Analysis covers every module at the first evaluation: a policy that cannot be analysed
    // is an error of the run, not a failure of each test.
    engine
        .eval_query("true".to_string(), false)
        .map_err(|e| e.to_string())?;
    let mut outcome = Outcome::default();
    let tests: Vec<Test> = sources
        .iter()
        .filter(|s| s.path.ends_with("_test.rego"))
        .flat_map(tests_in)
        .collect();
    for t in tests {
        let at = format!("{}:{} {}", t.file, t.line, t.name);
        match engine.eval_rule(format!("data.{}.{}", t.package, t.name)) {
            Ok(regorus::Value::Bool(true)) => outcome.passed += 1,
            Ok(regorus::Value::Undefined) => outcome.failures.push(format!("{at}: undefined")),
            Ok(v) => outcome.failures.push(format!("{at}: {v}")),
            Err(e) => outcome.failures.push(format!("{at}: {e}")),
        }
    }
    if coverage {
        let report = engine.get_coverage_report().map_err(|e| e.to_string())?;
        let mine: BTreeSet<&str> = sources
            .iter()
            .filter(|s| !s.path.ends_with("_test.rego"))
            .map(|s| s.path.as_str())
            .collect();
        for f in report.files {
            if mine.contains(f.path.as_str()) && !f.not_covered.is_empty() {
                outcome
                    .uncovered
                    .push((f.path, f.not_covered.into_iter().collect()));
            }
        }
        outcome.uncovered.sort();
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(path: &str, text: &str) -> Source {
        Source {
            path: path.into(),
            text: text.into(),
            builtin: false,
        }
    }

    #[test]
    fn tests_pass_fail_and_report_coverage() {
        let policy = source(
            "p.rego",
            "package atlas9.user.p\nimport rego.v1\n\ndeny contains \"no\" if {\n\tinput.x == 1\n}\n\ndeny contains \"never\" if {\n\tinput.y == 2\n}\n",
        );
        let tests = source(
            "p_test.rego",
            "package atlas9.user.p_test\nimport rego.v1\n\ntest_fires if {\n\tdata.atlas9.user.p.deny == {\"no\"} with input as {\"x\": 1}\n}\n\ntest_wrong if {\n\tcount(data.atlas9.user.p.deny) == 1 with input as {}\n}\n",
        );
        let outcome = run(vec![policy, tests], Vec::new(), true).expect("compiles");
        assert_eq!(outcome.passed, 1);
        assert_eq!(outcome.failures, ["p_test.rego:8 test_wrong: undefined"]);
        // The second rule's body ran (and failed); its head never produced a value.
        assert_eq!(outcome.uncovered, [("p.rego".to_string(), vec![8])]);
        assert!(outcome.render().ends_with("1 passed, 1 failed\n"));
    }
}
