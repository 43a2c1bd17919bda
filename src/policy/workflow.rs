//! The input document of a GitHub workflow or composite action.
//!
//! The document keeps the file's own keys (`runs-on`, `timeout-minutes`), so a policy's path
//! into it is also a path into the YAML and resolves to the exact key or value. Facts a policy
//! would otherwise recompute in Rego sit under snake_case keys GitHub never uses:
//! `triggers`, `effective_permissions`, a parsed `action` beside each `uses`, the
//! `expressions` of a `run:` or `script:`, and whether a job checks out pull-request code.

use super::{arr, obj};
use crate::syntax::tree::{Node, Value as Yaml};
use regorus::Value;

/// A string, or null.
fn opt(s: Option<&str>) -> Value {
    s.map_or(Value::Null, Value::from)
}

/// The object `v`'s field `key`, to change.
fn field<'a>(v: &'a mut Value, key: &str) -> Option<&'a mut Value> {
    v.as_object_mut().ok()?.get_mut(&Value::from(key))
}

/// Set `key` of the object `v`.
fn set(v: &mut Value, key: &str, value: Value) {
    if let Ok(o) = v.as_object_mut() {
        o.insert(Value::from(key), value);
    }
}

/// Triggers that run with the base repository's secrets and a write token, whatever the
/// pull request or comment that caused them.
const PRIVILEGED_TRIGGERS: &[&str] = &["pull_request_target", "workflow_run", "issue_comment"];

/// Deeper than any real workflow; bounds the recursion of JSON values.
const MAX_DEPTH: usize = 128;

/// What kind of file a document comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `.github/workflows/*.y{a,}ml`.
    Workflow,
    /// `action.y{a,}ml` (composite or other actions).
    Action,
}

impl Kind {
    /// The kind of the file at `rel`, if it is one.
    pub fn of(rel: &str) -> Option<Self> {
        let name = rel.rsplit('/').next().unwrap_or(rel);
        let yaml = name.ends_with(".yml") || name.ends_with(".yaml");
        if !yaml {
            None
        } else if rel.starts_with(".github/workflows/") || rel.contains("/.github/workflows/") {
            Some(Self::Workflow)
        } else if name == "action.yml" || name == "action.yaml" {
            Some(Self::Action)
        } else {
            None
        }
    }
}

/// The input document for `root`, the parsed file at `rel` whose text is `text` (for the
/// version comments after `uses:`).
pub fn document(kind: Kind, rel: &str, root: &Node, text: &str) -> Result<Value, String> {
    let Yaml::Map(_) = &root.value else {
        return Err("a workflow or action must be a mapping at the top".into());
    };
    // JSON values are dropped and printed recursively: a hostile nesting depth must stop here.
    if depth(root) > MAX_DEPTH {
        return Err(format!("nested more than {MAX_DEPTH} levels deep"));
    }
    shape(kind, root)?;
    let mut doc = to_value(root);
    set(
        &mut doc,
        "kind",
        Value::from(match kind {
            Kind::Workflow => "workflow",
            Kind::Action => "action",
        }),
    );
    set(&mut doc, "path", Value::from(rel));
    let triggers = triggers(root.get("on"));
    let privileged = triggers
        .iter()
        .any(|t| PRIVILEGED_TRIGGERS.contains(&t.as_str()));
    set(
        &mut doc,
        "triggers",
        arr(triggers.iter().map(|t| Value::from(t.as_str()))),
    );
    set(&mut doc, "privileged_trigger", Value::from(privileged));
    set(&mut doc, "all_expressions", all_expressions(root));
    let workflow_permissions = root.get("permissions");
    if let Some(jobs) = root.get("jobs") {
        for (id, job) in entries(jobs) {
            if let Some(out) = field(&mut doc, "jobs").and_then(|j| field(j, id)) {
                enrich_job(out, job, workflow_permissions, text);
            }
        }
    }
    if let (Some(runs), Some(out)) = (root.get("runs"), field(&mut doc, "runs")) {
        enrich_steps(out, runs, text);
    }
    for (key, index) in super::indexes::of(&doc) {
        set(&mut doc, key, index);
    }
    Ok(doc)
}

fn enrich_job(out: &mut Value, job: &Node, workflow: Option<&Node>, text: &str) {
    let (source, permissions) = match (job.get("permissions"), workflow) {
        (Some(p), _) => ("job", to_value(p)),
        (None, Some(p)) => ("workflow", to_value(p)),
        (None, None) => ("default", Value::Null),
    };
    set(
        out,
        "effective_permissions",
        obj([
            ("source", Value::from(source)),
            ("permissions", permissions),
        ]),
    );
    if let Some(uses) = job.get("uses").and_then(Node::as_str) {
        set(out, "action", action(uses, None));
    }
    let images = images(job).map(|(image, path)| {
        obj([
            ("image", Value::from(image)),
            ("pinned", Value::from(image.contains("@sha256:"))),
            ("path", arr(path.into_iter().map(Value::from))),
        ])
    });
    set(out, "images", arr(images));
    let labels: Vec<&str> = match job.get("runs-on").map(|n| &n.value) {
        Some(Yaml::String(s)) => vec![s.as_str()],
        Some(Yaml::Seq(items)) => items.iter().filter_map(Node::as_str).collect(),
        _ => Vec::new(),
    };
    set(
        out,
        "self_hosted",
        Value::from(labels.iter().any(|l| l.eq_ignore_ascii_case("self-hosted"))),
    );
    enrich_steps(out, job, text);
}

/// Parse every step's `uses`, collect the expressions of its `run` and `script`, and record
/// whether the steps check out pull-request code.
fn enrich_steps(out: &mut Value, parent: &Node, text: &str) {
    let Some(Yaml::Seq(steps)) = parent.get("steps").map(|s| &s.value) else {
        set(out, "checks_out_pr_code", Value::from(false));
        return;
    };
    let mut pr_code = false;
    if let Some(Ok(json_steps)) = field(out, "steps").map(Value::as_array_mut) {
        for (step, o) in steps.iter().zip(json_steps.iter_mut()) {
            if let Some(uses) = step.get("uses")
                && let Some(u) = uses.as_str()
            {
                set(o, "action", action(u, version_comment(text, uses.span.end)));
            }
            let mut expressions = Vec::new();
            if let Some(run) = step.get("run").and_then(Node::as_str) {
                expressions.extend(find_expressions(run, "run"));
                pr_code |= runs_pr_code(run);
            }
            if let Some(script) = step
                .get("with")
                .and_then(|w| w.get("script"))
                .and_then(Node::as_str)
            {
                expressions.extend(find_expressions(script, "script"));
            }
            set(o, "expressions", arr(expressions));
            pr_code |= checks_out_pr(step);
        }
    }
    set(out, "checks_out_pr_code", Value::from(pr_code));
}

/// What a key must hold, as GitHub requires it.
#[derive(Clone, Copy)]
enum Shape {
    Map,
    /// A sequence of mappings.
    List,
    /// A string or a mapping.
    TextOrMap,
}

/// Check the shape of the keys policies walk (`jobs`, `steps`, `env`, `with`…): GitHub rejects
/// a workflow where they hold something else, and Rego cannot iterate a scalar, so such a file
/// is reported as invalid rather than handed to the policies.
fn shape(kind: Kind, root: &Node) -> Result<(), String> {
    let check = |node: Option<&Node>, path: &str, shape: Shape| {
        let Some(node) = node else { return Ok(()) };
        let ok = match (shape, &node.value) {
            (Shape::Map | Shape::TextOrMap, Yaml::Map(_)) => true,
            (Shape::TextOrMap, Yaml::String(_)) => true,
            (Shape::List, Yaml::Seq(items)) => {
                items.iter().all(|i| matches!(i.value, Yaml::Map(_)))
            }
            _ => false,
        };
        if ok {
            return Ok(());
        }
        Err(format!(
            "`{path}` must be {}",
            match shape {
                Shape::Map => "a mapping",
                Shape::List => "a list of mappings",
                Shape::TextOrMap => "a string or a mapping",
            }
        ))
    };
    let steps = |parent: &Node, at: &str| -> Result<(), String> {
        let at_steps = format!("{at}steps");
        check(parent.get("steps"), &at_steps, Shape::List)?;
        let Some(Yaml::Seq(items)) = parent.get("steps").map(|s| &s.value) else {
            return Ok(());
        };
        for (i, step) in items.iter().enumerate() {
            check(step.get("env"), &format!("{at_steps}[{i}].env"), Shape::Map)?;
            check(
                step.get("with"),
                &format!("{at_steps}[{i}].with"),
                Shape::Map,
            )?;
        }
        Ok(())
    };
    check(root.get("env"), "env", Shape::Map)?;
    check(root.get("permissions"), "permissions", Shape::TextOrMap)?;
    check(root.get("jobs"), "jobs", Shape::Map)?;
    for (id, job) in root.get("jobs").into_iter().flat_map(entries) {
        let at = format!("jobs.{id}.");
        check(Some(job), &format!("jobs.{id}"), Shape::Map)?;
        check(job.get("env"), &format!("{at}env"), Shape::Map)?;
        check(job.get("with"), &format!("{at}with"), Shape::Map)?;
        check(
            job.get("permissions"),
            &format!("{at}permissions"),
            Shape::TextOrMap,
        )?;
        check(
            job.get("container"),
            &format!("{at}container"),
            Shape::TextOrMap,
        )?;
        check(job.get("services"), &format!("{at}services"), Shape::Map)?;
        for (name, service) in job.get("services").into_iter().flat_map(entries) {
            check(Some(service), &format!("{at}services.{name}"), Shape::Map)?;
        }
        steps(job, &at)?;
    }
    if kind == Kind::Action {
        check(root.get("runs"), "runs", Shape::Map)?;
        if let Some(runs) = root.get("runs") {
            steps(runs, "runs.")?;
        }
    }
    Ok(())
}

/// The container and service images of a job, with their paths from the job.
fn images(job: &Node) -> impl Iterator<Item = (&str, Vec<&str>)> {
    let container = job.get("container").and_then(|c| match c.get("image") {
        Some(i) => Some((i.as_str()?, vec!["container", "image"])),
        None => Some((c.as_str()?, vec!["container"])),
    });
    let services = job
        .get("services")
        .into_iter()
        .flat_map(entries)
        .filter_map(|(name, s)| Some((s.get("image")?.as_str()?, vec!["services", name, "image"])));
    container.into_iter().chain(services)
}

/// Every `${{ … }}` anywhere in the file, with the path of the value holding it.
fn all_expressions(root: &Node) -> Value {
    enum Work<'a> {
        /// A node, and the key or index that leads to it from its parent.
        Visit(&'a Node, Option<Value>),
        /// Leave the node entered last.
        Leave,
    }
    let mut out = Vec::new();
    // One path, extended and shortened on the way: no copy per node.
    let mut path: Vec<Value> = Vec::new();
    let mut work = vec![Work::Visit(root, None)];
    while let Some(w) = work.pop() {
        let (node, step) = match w {
            Work::Leave => {
                path.pop();
                continue;
            }
            Work::Visit(node, step) => (node, step),
        };
        if let Some(step) = step {
            path.push(step);
            work.push(Work::Leave);
        }
        match &node.value {
            Yaml::String(s) if s.contains("${{") => {
                for mut e in find_expressions(s, "value") {
                    set(&mut e, "path", arr(path.iter().cloned()));
                    if let Ok(o) = e.as_object_mut() {
                        o.remove(&Value::from("in"));
                    }
                    out.push(e);
                }
            }
            Yaml::Seq(items) => work.extend(
                items
                    .iter()
                    .enumerate()
                    .rev()
                    .map(|(i, item)| Work::Visit(item, Some(Value::from(i)))),
            ),
            Yaml::Map(entries) => work.extend(
                entries
                    .iter()
                    .rev()
                    .map(|e| Work::Visit(&e.value, Some(Value::from(e.key.as_str())))),
            ),
            _ => {}
        }
    }
    arr(out)
}

/// The events of `on:` (a name, a list of names, or a mapping).
fn triggers(on: Option<&Node>) -> Vec<String> {
    let Some(on) = on else { return Vec::new() };
    match &on.value {
        Yaml::String(s) => vec![s.clone()],
        Yaml::Seq(items) => items
            .iter()
            .filter_map(Node::as_str)
            .map(str::to_string)
            .collect(),
        Yaml::Map(entries) => entries.iter().map(|e| e.key.clone()).collect(),
        _ => Vec::new(),
    }
}

/// `uses:` parsed: `owner/repo[/path]@ref`, `./local`, or `docker://image`.
fn action(uses: &str, version_comment: Option<String>) -> Value {
    if uses.starts_with("./") || uses.starts_with("../") {
        return obj([("local", Value::from(true)), ("pinned", Value::from(true))]);
    }
    if let Some(image) = uses.strip_prefix("docker://") {
        return obj([
            ("docker", Value::from(image)),
            ("pinned", Value::from(image.contains("@sha256:"))),
        ]);
    }
    let (target, reference) = uses.split_once('@').unwrap_or((uses, ""));
    let mut parts = target.splitn(3, '/');
    let owner = parts.next().unwrap_or("");
    let repo = parts.next().unwrap_or("");
    let path = parts.next();
    let pinned = reference.len() == 40 && reference.bytes().all(|b| b.is_ascii_hexdigit());
    obj([
        (
            "name",
            Value::from(format!("{owner}/{repo}").to_ascii_lowercase()),
        ),
        ("owner", Value::from(owner)),
        ("repo", Value::from(repo)),
        ("path", opt(path)),
        ("ref", Value::from(reference)),
        ("pinned", Value::from(pinned)),
        ("version_comment", opt(version_comment.as_deref())),
        ("local", Value::from(false)),
    ])
}

/// The comment after a `uses:` value ending at `end`: `# v4.1.1` records what a SHA is.
fn version_comment(text: &str, end: usize) -> Option<String> {
    let rest = text.get(end..)?;
    let line = rest.split('\n').next().unwrap_or("");
    let comment = line.trim_start().strip_prefix('#')?.trim();
    (!comment.is_empty()).then(|| comment.to_string())
}

/// Every `${{ … }}` in `script`, with the contexts it reads (`github.event.issue.title`).
fn find_expressions(script: &str, place: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut rest = script;
    while let Some(open) = rest.find("${{") {
        let after = &rest[open + 3..];
        let Some(close) = after.find("}}") else { break };
        let inner = after[..close].trim();
        let contexts = contexts(inner);
        let untrusted = contexts.iter().filter(|c| is_untrusted(c));
        out.push(obj([
            ("text", Value::from(inner)),
            (
                "contexts",
                arr(contexts.iter().map(|c| Value::from(c.as_str()))),
            ),
            ("untrusted", arr(untrusted.map(|c| Value::from(c.as_str())))),
            ("in", Value::from(place)),
        ]));
        rest = &after[close + 2..];
    }
    out
}

/// Contexts whose text whoever opens an issue, a pull request, a comment or a branch writes:
/// titles, bodies, branch names, commit messages, author names.
fn is_untrusted(context: &str) -> bool {
    const EXACT: &[&str] = &[
        "github.head_ref",
        "github.event.issue.title",
        "github.event.issue.body",
        "github.event.pull_request.title",
        "github.event.pull_request.body",
        "github.event.discussion.title",
        "github.event.discussion.body",
        "github.event.comment.body",
        "github.event.review.body",
        "github.event.review_comment.body",
        "github.event.pull_request.head.ref",
        "github.event.pull_request.head.label",
        "github.event.pull_request.head.repo.default_branch",
        "github.event.head_commit.message",
        "github.event.head_commit.author.email",
        "github.event.head_commit.author.name",
        "github.event.workflow_run.head_branch",
        "github.event.workflow_run.display_title",
        "github.event.workflow_run.head_commit.message",
        "github.event.workflow_run.head_commit.author.email",
        "github.event.workflow_run.head_commit.author.name",
    ];
    // Every commit's message and author, every wiki page's name.
    const TREES: &[&str] = &["github.event.commits", "github.event.pages"];
    EXACT.contains(&context)
        || TREES.iter().any(|t| {
            context
                .strip_prefix(t)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
        })
}

/// The dotted context references of an expression (`github.head_ref`, `inputs.name`).
fn contexts(expr: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let bytes = expr.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let in_word = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'*');
        if bytes[i].is_ascii_alphabetic() && (i == 0 || !in_word(bytes[i - 1])) {
            let start = i;
            while i < bytes.len() && in_word(bytes[i]) {
                i += 1;
            }
            let word = &expr[start..i];
            if word.contains('.') && !out.iter().any(|w| w == word) {
                out.push(word.to_string());
            }
        } else {
            i += 1;
        }
    }
    out
}

/// An `actions/checkout` step whose `ref` names the pull request's head.
fn checks_out_pr(step: &Node) -> bool {
    let uses = step.get("uses").and_then(Node::as_str).unwrap_or("");
    if !uses.starts_with("actions/checkout@") {
        return false;
    }
    step.get("with")
        .and_then(|w| w.get("ref"))
        .and_then(Node::as_str)
        .is_some_and(names_pr_head)
}

/// A shell command that fetches or checks out pull-request code.
fn runs_pr_code(run: &str) -> bool {
    run.contains("gh pr checkout")
        || (run.contains("git fetch") && run.contains("pull/"))
        || (run.contains("git checkout") && names_pr_head(run))
}

fn names_pr_head(text: &str) -> bool {
    [
        "github.event.pull_request.head",
        "github.head_ref",
        "github.event.workflow_run.head",
        "refs/pull/",
    ]
    .iter()
    .any(|m| text.contains(m))
}

fn entries(node: &Node) -> impl Iterator<Item = (&str, &Node)> {
    let list: &[crate::syntax::tree::Entry] = match &node.value {
        Yaml::Map(entries) => entries,
        _ => &[],
    };
    list.iter().map(|e| (e.key.as_str(), &e.value))
}

/// How deeply `node` nests (iteratively: the tree may be deeper than the stack allows).
fn depth(node: &Node) -> usize {
    let mut deepest = 0;
    let mut pending = vec![(node, 1)];
    while let Some((n, d)) = pending.pop() {
        deepest = deepest.max(d);
        match &n.value {
            Yaml::Seq(items) => pending.extend(items.iter().map(|i| (i, d + 1))),
            Yaml::Map(entries) => pending.extend(entries.iter().map(|e| (&e.value, d + 1))),
            _ => {}
        }
    }
    deepest
}

/// The tree as a value (objects keep their keys sorted, so the output is deterministic).
/// Iterative, so a deeply nested document cannot overflow the stack.
fn to_value(node: &Node) -> Value {
    enum Work<'a> {
        Visit(&'a Node),
        Seq(usize),
        Map(Vec<&'a str>),
    }
    let mut work = vec![Work::Visit(node)];
    let mut done: Vec<Value> = Vec::new();
    while let Some(w) = work.pop() {
        match w {
            Work::Visit(n) => match &n.value {
                Yaml::Null => done.push(Value::Null),
                Yaml::Bool(b) => done.push(Value::from(*b)),
                Yaml::Number(s) => done.push(
                    s.parse::<i64>()
                        .map(Value::from)
                        .or_else(|_| s.parse::<f64>().map(Value::from))
                        .unwrap_or_else(|_| Value::from(s.as_str())),
                ),
                Yaml::String(s) => done.push(Value::from(s.as_str())),
                Yaml::Seq(items) => {
                    work.push(Work::Seq(items.len()));
                    work.extend(items.iter().rev().map(Work::Visit));
                }
                Yaml::Map(entries) => {
                    work.push(Work::Map(entries.iter().map(|e| e.key.as_str()).collect()));
                    work.extend(entries.iter().rev().map(|e| Work::Visit(&e.value)));
                }
            },
            Work::Seq(n) => {
                let items = done.split_off(done.len() - n);
                done.push(Value::from(items));
            }
            Work::Map(keys) => {
                let values = done.split_off(done.len() - keys.len());
                done.push(obj(keys.into_iter().zip(values)));
            }
        }
    }
    done.pop().unwrap_or(Value::Null)
}
