//! Rego evaluation with `regorus`: policies compiled once, one engine copy per worker thread,
//! every rule's `deny` and `warn` sets evaluated over one input document.

use super::metadata::{self, Metadata};
use crate::diagnostics::Severity;
use crate::registry::{Essay, FixAvailability, Rule};
use regorus::languages::rego::compiler::Compiler;
use regorus::rvm::RegoVM;
use regorus::utils::limits::ExecutionTimerConfig;
use regorus::{CompiledPolicy, Engine, Value};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

/// How long one policy may run over one document before it is an error.
const TIME_LIMIT: Duration = Duration::from_secs(2);

/// A policy file to compile.
#[derive(Debug, Clone)]
pub struct Source {
    /// Where it came from (`policies/ci/unpinned_action.rego`, or a team's path), for messages.
    pub path: String,
    /// The Rego text.
    pub text: String,
    /// Built into atlas9 (`atlas9.ci.*`, `atlas9.terraform.*`) rather than a team's.
    pub builtin: bool,
}

/// A rule a policy package declares.
#[derive(Debug, Clone)]
pub struct PolicyRule {
    /// Its metadata, as every output sees it.
    pub meta: &'static Rule,
    /// The file that declares its package.
    pub file: String,
}

/// Which documents a set is evaluated over, and by what: the built-in sets of the document's
/// kind on regorus' virtual machine (several times faster than its interpreter, and they are
/// tested on both), then teams' sets, over every document, by the interpreter, which reports
/// runtime errors the machine passes over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Group {
    /// `atlas9.ci.*`: workflows and actions.
    Ci,
    /// `atlas9.terraform.*`: Terraform modules.
    Terraform,
    /// `atlas9.user.*`: every document; a team's policy looks at `input.kind`.
    Team,
}

impl Group {
    /// The generated rule that gathers this group's sets.
    fn entry(self) -> &'static str {
        match self {
            Group::Ci => "data.atlas9_gather.ci",
            Group::Terraform => "data.atlas9_gather.terraform",
            Group::Team => "data.atlas9_gather.team",
        }
    }

    /// The group of a rule's sets: its essay already says whose it is and what it reads.
    fn of_rule(rule: &Rule) -> Self {
        match rule.essay {
            Essay::Team(_) => Group::Team,
            Essay::TerraformGuardrails => Group::Terraform,
            _ => Group::Ci,
        }
    }

    /// The built-in group of a document, by its `kind`.
    fn of(input: &Value) -> Self {
        match input["kind"].as_string() {
            Ok(kind) if &**kind == "terraform" => Group::Terraform,
            _ => Group::Ci,
        }
    }
}

/// One set to evaluate: `data.<package>.deny` or `.warn`.
#[derive(Debug)]
struct Query {
    path: String,
    rule: usize,
    group: Group,
    warn: bool,
    /// Where the set is first defined (`policies/pins.rego:7`), for errors without a span.
    at: String,
}

/// The package of the generated rules that gather the `deny` and `warn` sets, one per
/// [`Group`].
const GATHER: &str = "atlas9_gather";

/// A finding as a policy returned it.
#[derive(Debug, Clone, PartialEq)]
pub struct Raw {
    /// The rule (an index into [`Policies::rules`]).
    pub rule: usize,
    /// From the `warn` set (default severity: warning) rather than `deny`.
    pub warn: bool,
    /// The element of the set: an object with `message` and a location, or a message string.
    pub value: Value,
}

/// Compiled policies.
#[derive(Debug, Clone)]
pub struct Policies {
    engine: Engine,
    /// The built-in workflow and Terraform sets compiled for regorus' virtual machine; `None`
    /// when a policy uses something its compiler does not support.
    programs: [Option<Program>; 2],
    rules: Vec<PolicyRule>,
    queries: Arc<[Query]>,
}

/// Policies compiled for the virtual machine.
#[derive(Debug, Clone)]
struct Program {
    policy: CompiledPolicy,
    code: Arc<regorus::rvm::Program>,
}

impl Program {
    /// Compile the gathering rule of `group`, or `None` when the compiler cannot.
    fn compile(engine: &mut Engine, group: Group) -> Option<Self> {
        let entry = group.entry();
        let policy = engine.compile_with_entrypoint(&entry.into()).ok()?;
        let code = Compiler::compile_from_policy(&policy, &[entry]).ok()?;
        Some(Self { policy, code })
    }

    /// A machine ready to run documents through the program.
    fn machine(&self) -> RegoVM {
        let mut vm = RegoVM::new_with_policy(self.policy.clone());
        vm.load_program(Arc::clone(&self.code));
        vm.set_max_instructions(usize::MAX);
        vm.set_execution_timer_config(Some(timer()));
        vm
    }
}

/// The rule id of a policy package: `atlas9.ci.unpinned_action` is `ci/unpinned-action`.
pub fn rule_id(package: &str) -> Option<String> {
    let rest = package
        .strip_prefix("data.")
        .unwrap_or(package)
        .strip_prefix("atlas9.")?;
    let (domain, name) = rest.split_once('.')?;
    Some(format!("{domain}/{}", name.replace(['_', '.'], "-")))
}

/// A rule's documentation when its policy has no `description`.
fn default_docs(title: &str, file: &str) -> String {
    format!("{title}.\n\nDefined by the policy `{file}`.")
}

/// The registry entry of the rule `id` that a policy in `file` declares.
pub(super) fn declare(id: String, file: &str, meta: Metadata, builtin: bool) -> &'static Rule {
    let title = meta.title.unwrap_or_else(|| id.clone());
    // Stored as doc comments give it, one space before each line, which `Rule::markdown`
    // takes off: indentation inside the policy's code examples survives.
    let docs: String = meta
        .description
        .unwrap_or_else(|| default_docs(&title, file))
        .lines()
        .map(|l| format!(" {l}\n"))
        .collect();
    let essay = match (builtin, id.split('/').next()) {
        (true, Some("terraform")) => Essay::TerraformGuardrails,
        (true, _) => Essay::CiSupplyChain,
        (false, _) => Essay::Team(meta.link.map(|l| &*Box::leak(l.into_boxed_str()))),
    };
    let fix = if builtin && super::fixes::offers_fix(&id) {
        FixAvailability::Sometimes
    } else {
        FixAvailability::None
    };
    Box::leak(Box::new(Rule {
        id: Box::leak(id.into_boxed_str()),
        title: Box::leak(title.into_boxed_str()),
        severity: meta.severity.unwrap_or(Severity::Error),
        fix,
        essay,
        anchor: None,
        docs: Box::leak(docs.into_boxed_str()),
    }))
}

/// atlas9's time limit per policy run.
fn timer() -> ExecutionTimerConfig {
    ExecutionTimerConfig {
        limit: TIME_LIMIT,
        check_interval: NonZeroU32::new(64).expect("non-zero"),
    }
}

/// A new engine with atlas9's limits.
pub(super) fn engine() -> Engine {
    let mut engine = Engine::new();
    engine.set_execution_timer_config(timer());
    // As in OPA: a builtin given values it cannot take (`lower(5)`) is undefined, so a policy
    // meeting an unexpected value in a document stays quiet rather than failing the run.
    engine.set_strict_builtin_errors(false);
    engine
}

impl Policies {
    /// Compile `sources`. `known` gives the metadata of rules declared before (the built-in
    /// ones, so they are leaked once per process). A syntax error, a package outside the
    /// conventions or a rule declared twice is an error naming the file.
    pub fn new(
        sources: &[Source],
        known: &dyn Fn(&str) -> Option<&'static Rule>,
    ) -> Result<Self, String> {
        let mut engine = engine();
        let mut rules: Vec<PolicyRule> = Vec::new();
        let mut queries = Vec::new();
        for source in sources {
            let package = engine
                .add_policy(source.path.clone(), source.text.clone())
                .map_err(|e| e.to_string())?;
            let sets: Vec<bool> = ["deny", "warn"]
                .iter()
                .filter(|set| {
                    engine
                        .has_declared_rule_rooted_at(&source.path, set)
                        .unwrap_or(false)
                })
                .map(|set| *set == "warn")
                .collect();
            if sets.is_empty() {
                continue; // a library of helpers
            }
            let id = rule_id(&package)
                .filter(|id| source.builtin || id.starts_with("user/"))
                .ok_or_else(|| {
                    format!(
                        "{}: package `{}` declares deny/warn rules but is not named `atlas9.user.<name>`",
                        source.path,
                        package.trim_start_matches("data.")
                    )
                })?;
            if let Some(other) = rules.iter().find(|r| r.meta.id == id) {
                return Err(format!(
                    "{}: package `{}` is already declared in {} (one package, one file)",
                    source.path,
                    package.trim_start_matches("data."),
                    other.file
                ));
            }
            let meta = match known(&id) {
                Some(meta) => meta,
                None => declare(
                    id,
                    &source.path,
                    metadata::parse(&source.path, &source.text)?,
                    source.builtin,
                ),
            };
            let group = Group::of_rule(meta);
            for warn in sets {
                let set = if warn { "warn" } else { "deny" };
                let line = source
                    .text
                    .lines()
                    .position(|l| l.starts_with(set))
                    .map_or(1, |i| i + 1);
                queries.push(Query {
                    path: format!("{package}.{set}"),
                    rule: rules.len(),
                    group,
                    warn,
                    at: format!("{}:{line}", source.path),
                });
            }
            rules.push(PolicyRule {
                meta,
                file: source.path.clone(),
            });
        }
        // The built-in policies are tested; a team's are checked for unknown functions.
        if sources.iter().any(|s| !s.builtin) {
            super::calls::check(&engine)?;
        }
        // The sets in one evaluation per group, not one per policy: each has a fixed cost of
        // its own. Queries are kept in group order, the order results are gathered in.
        queries.sort_by_key(|q| q.group);
        let gather = |group: Group| {
            let sets: Vec<&str> = queries
                .iter()
                .filter(|q| q.group == group)
                .map(|q| q.path.as_str())
                .collect();
            sets.join(", ")
        };
        engine
            .add_policy(
                "<atlas9>".to_string(),
                format!(
                    "package {GATHER}\n\nci := [{}]\n\nterraform := [{}]\n\nteam := [{}]\n",
                    gather(Group::Ci),
                    gather(Group::Terraform),
                    gather(Group::Team)
                ),
            )
            .map_err(|e| e.to_string())?;
        let programs = [Group::Ci, Group::Terraform].map(|g| Program::compile(&mut engine, g));
        let policies = Self {
            engine,
            programs,
            rules,
            queries: queries.into(),
        };
        // Analysis errors (unsafe variables, recursion, unknown functions in reachable rules)
        // show at the first evaluation: have it now, over an empty document of each kind.
        let mut worker = policies.worker();
        for kind in ["workflow", "terraform"] {
            worker.evaluate(super::obj([("kind", Value::from(kind))]))?;
        }
        Ok(policies)
    }

    /// The rules the policies declare.
    pub fn rules(&self) -> &[PolicyRule] {
        &self.rules
    }

    /// An evaluator for one worker thread (the engine is cloned once, not per document).
    pub fn worker(&self) -> Worker {
        Worker {
            engine: self.engine.clone(),
            machines: self
                .programs
                .each_ref()
                .map(|p| p.as_ref().map(Program::machine)),
            queries: Arc::clone(&self.queries),
        }
    }
}

/// One thread's copy of the policies.
pub struct Worker {
    engine: Engine,
    machines: [Option<RegoVM>; 2],
    queries: Arc<[Query]>,
}

impl std::fmt::Debug for Worker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Worker")
            .field("queries", &self.queries)
            .field("machines", &self.machines.each_ref().map(Option::is_some))
            .finish_non_exhaustive()
    }
}

impl Worker {
    /// Evaluate the built-in policies of `input`'s kind and every team policy over it. A
    /// runtime error or a run past the time limit is an error naming the policy's file and line.
    pub fn evaluate(&mut self, input: Value) -> Result<Vec<Raw>, String> {
        let group = Group::of(&input);
        let fast = self.machines[group as usize].as_mut().and_then(|vm| {
            vm.set_input(input.clone());
            vm.execute_entry_point_by_name(group.entry()).ok()
        });
        let mut sets = Vec::new();
        let interpret = fast.is_none();
        if let Some(found) = fast {
            sets.extend(found.as_array().into_iter().flatten().cloned());
        }
        let team = self.queries.last().is_some_and(|q| q.group == Group::Team);
        if interpret || team {
            self.engine.set_input(input);
        }
        // Without the machine, and for teams' policies, the interpreter; on an error it
        // says which policy failed and where.
        for (run, entry) in [(interpret, group), (team, Group::Team)] {
            if run {
                match self.engine.eval_rule(entry.entry().to_string()) {
                    Ok(found) => sets.extend(found.as_array().into_iter().flatten().cloned()),
                    Err(e) => return Err(self.blame(e.to_string())),
                }
            }
        }
        let queries = self
            .queries
            .iter()
            .filter(|q| q.group == group || q.group == Group::Team);
        let mut out = Vec::new();
        for (q, set) in queries.zip(&sets) {
            let Ok(items) = set.as_set() else { continue };
            out.extend(items.iter().map(|item| Raw {
                rule: q.rule,
                warn: q.warn,
                value: item.clone(),
            }));
        }
        Ok(out)
    }

    /// The error of the gathered evaluation, naming the policy that failed: each set is
    /// evaluated alone until one fails.
    fn blame(&mut self, gathered: String) -> String {
        for q in self.queries.iter() {
            if let Err(e) = self.engine.eval_rule(q.path.clone()) {
                return format!("the policy at {} failed: {e}", q.at);
            }
        }
        gathered
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::locate::{Step, locate};
    use crate::syntax::tree;
    use crate::workspace::LineIndex;

    const POLICY: &str = r#"# METADATA
# title: Actions are pinned
package atlas9.user.pins

import rego.v1

deny contains f if {
    some id, job in input.jobs
    some i, step in job.steps
    step.action
    not step.action.pinned
    f := {"message": "pin it", "path": ["jobs", id, "steps", i, "uses"]}
}
"#;

    fn compile(path: &str, text: &str) -> Result<Policies, String> {
        let source = Source {
            path: path.into(),
            text: text.into(),
            builtin: false,
        };
        Policies::new(&[source], &|_| None)
    }

    #[test]
    fn a_policy_reports_paths_that_resolve_to_lines() {
        let text = "on: push\njobs:\n  b:\n    steps:\n      - uses: a/b@v1\n      - run: x\n";
        let policies = compile("pins.rego", POLICY).expect("compiles");
        assert_eq!(policies.rules()[0].meta.id, "user/pins");
        assert_eq!(policies.rules()[0].meta.title, "Actions are pinned");
        let doc = crate::policy::input(".github/workflows/ci.yml", text).expect("a document");
        let found = policies.worker().evaluate(doc).expect("evaluates");
        assert_eq!(found.len(), 1, "{found:?}");
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
        let policies = compile("pins.rego", POLICY).expect("compiles");
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
    fn broken_policies_name_their_file() {
        for (text, want) in [
            ("package atlas9.user.x\ndeny contains if {", "bad.rego:2"),
            (
                "package team.x\nimport rego.v1\ndeny contains 1 if { true }\n",
                "not named `atlas9.user.<name>`",
            ),
            (
                "package atlas9.user.x\nimport rego.v1\ndeny contains x if { x := nosuch.fn(1) }\n",
                "bad.rego:3",
            ),
        ] {
            let err = compile("bad.rego", text).expect_err("fails");
            assert!(err.contains(want), "{err}");
        }
    }

    #[test]
    fn helper_packages_declare_no_rule() {
        let lib = "package atlas9.user.lib\nimport rego.v1\nshout(s) := upper(s)\n";
        assert!(
            compile("lib.rego", lib)
                .expect("compiles")
                .rules()
                .is_empty()
        );
        assert_eq!(
            rule_id("data.atlas9.ci.unpinned_action").as_deref(),
            Some("ci/unpinned-action")
        );
        assert_eq!(rule_id("team.x"), None);
    }
}
