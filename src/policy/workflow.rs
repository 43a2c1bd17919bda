//! The input document of a GitHub workflow or composite action.
//!
//! The document keeps the file's own keys (`runs-on`, `timeout-minutes`), so a policy's path
//! into it is also a path into the YAML and resolves to the exact key or value. Facts a policy
//! would otherwise recompute in Rego sit under snake_case keys GitHub never uses:
//! `triggers`, `effective_permissions`, a parsed `action` beside each `uses`, the
//! `expressions` of a `run:` or `script:`, and whether a job checks out pull-request code.

use crate::syntax::tree::{Node, Value as Yaml};
use serde_json::{Map, Value, json};

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
    let mut doc = to_json(root);
    let obj = doc
        .as_object_mut()
        .expect("a mapping converts to an object");
    obj.insert(
        "kind".into(),
        json!(match kind {
            Kind::Workflow => "workflow",
            Kind::Action => "action",
        }),
    );
    obj.insert("path".into(), json!(rel));
    let triggers = triggers(root.get("on"));
    let privileged = triggers
        .iter()
        .any(|t| PRIVILEGED_TRIGGERS.contains(&t.as_str()));
    obj.insert("triggers".into(), json!(triggers));
    obj.insert("privileged_trigger".into(), json!(privileged));
    let workflow_permissions = root.get("permissions");
    if let (Some(jobs), Some(Value::Object(out))) = (root.get("jobs"), obj.get_mut("jobs")) {
        for (id, job) in entries(jobs) {
            if let Some(Value::Object(o)) = out.get_mut(id) {
                enrich_job(o, job, workflow_permissions, text);
            }
        }
    }
    if let (Some(runs), Some(Value::Object(out))) = (root.get("runs"), obj.get_mut("runs")) {
        enrich_steps(out, runs, text);
    }
    Ok(doc)
}

fn enrich_job(out: &mut Map<String, Value>, job: &Node, workflow: Option<&Node>, text: &str) {
    let (source, permissions) = match (job.get("permissions"), workflow) {
        (Some(p), _) => ("job", to_json(p)),
        (None, Some(p)) => ("workflow", to_json(p)),
        (None, None) => ("default", Value::Null),
    };
    out.insert(
        "effective_permissions".into(),
        json!({"source": source, "permissions": permissions}),
    );
    if let Some(uses) = job.get("uses").and_then(Node::as_str) {
        out.insert("action".into(), action(uses, None));
    }
    let images = job
        .get("container")
        .map(|c| c.get("image").unwrap_or(c))
        .into_iter()
        .chain(
            job.get("services")
                .into_iter()
                .flat_map(entries)
                .filter_map(|(_, s)| s.get("image")),
        );
    let images: Vec<Value> = images
        .filter_map(Node::as_str)
        .map(|i| json!({"image": i, "pinned": i.contains("@sha256:")}))
        .collect();
    out.insert("images".into(), json!(images));
    let labels: Vec<&str> = match job.get("runs-on").map(|n| &n.value) {
        Some(Yaml::String(s)) => vec![s.as_str()],
        Some(Yaml::Seq(items)) => items.iter().filter_map(Node::as_str).collect(),
        _ => Vec::new(),
    };
    out.insert(
        "self_hosted".into(),
        json!(labels.iter().any(|l| l.eq_ignore_ascii_case("self-hosted"))),
    );
    enrich_steps(out, job, text);
}

/// Parse every step's `uses`, collect the expressions of its `run` and `script`, and record
/// whether the steps check out pull-request code.
fn enrich_steps(out: &mut Map<String, Value>, parent: &Node, text: &str) {
    let Some(Yaml::Seq(steps)) = parent.get("steps").map(|s| &s.value) else {
        out.insert("checks_out_pr_code".into(), json!(false));
        return;
    };
    let mut pr_code = false;
    if let Some(Value::Array(json_steps)) = out.get_mut("steps") {
        for (step, o) in steps.iter().zip(json_steps.iter_mut()) {
            let Value::Object(o) = o else { continue };
            if let Some(uses) = step.get("uses")
                && let Some(u) = uses.as_str()
            {
                let comment = version_comment(text, uses.span.end);
                o.insert("action".into(), action(u, comment));
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
            o.insert("expressions".into(), json!(expressions));
            pr_code |= checks_out_pr(step);
        }
    }
    out.insert("checks_out_pr_code".into(), json!(pr_code));
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
        return json!({"local": true, "pinned": true});
    }
    if let Some(image) = uses.strip_prefix("docker://") {
        return json!({"docker": image, "pinned": image.contains("@sha256:")});
    }
    let (target, reference) = uses.split_once('@').unwrap_or((uses, ""));
    let mut parts = target.splitn(3, '/');
    let owner = parts.next().unwrap_or("");
    let repo = parts.next().unwrap_or("");
    let path = parts.next();
    let pinned = reference.len() == 40 && reference.bytes().all(|b| b.is_ascii_hexdigit());
    json!({
        "owner": owner,
        "repo": repo,
        "path": path,
        "ref": reference,
        "pinned": pinned,
        "version_comment": version_comment,
        "local": false,
    })
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
        out.push(json!({"text": inner, "contexts": contexts(inner), "in": place}));
        rest = &after[close + 2..];
    }
    out
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

/// The tree as JSON, keys in document order sorted by serde_json's map (deterministic).
/// Iterative, so a deeply nested document cannot overflow the stack.
fn to_json(node: &Node) -> Value {
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
                Yaml::Bool(b) => done.push(Value::Bool(*b)),
                Yaml::Number(s) => done.push(
                    s.parse::<i64>()
                        .map(Value::from)
                        .or_else(|_| s.parse::<f64>().map(Value::from))
                        .unwrap_or_else(|_| Value::String(s.clone())),
                ),
                Yaml::String(s) => done.push(Value::String(s.clone())),
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
                done.push(Value::Array(items));
            }
            Work::Map(keys) => {
                let values = done.split_off(done.len() - keys.len());
                let map: Map<String, Value> =
                    keys.into_iter().map(str::to_string).zip(values).collect();
                done.push(Value::Object(map));
            }
        }
    }
    done.pop().unwrap_or(Value::Null)
}
