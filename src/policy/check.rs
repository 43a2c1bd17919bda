//! Running the policies over one file: its document, every rule's findings, each mapped from
//! the policy's path to a span of the file.

use super::engine::{Policies, Raw, Worker};
use super::fixes::{self, FixSettings};
use super::locate::{Step, locate};
use super::workflow;
use crate::checks::Sink;
use crate::checks::meta::PARSE_ERROR;
use crate::config::Config;
use crate::diagnostics::{Finding, Severity, Span};
use crate::syntax::tree::{self, Node};
use crate::workspace::SourceFile;
use regorus::Value;
use std::cell::RefCell;
use std::sync::Arc;

thread_local! {
    /// This thread's copy of the policies in use, cloned once per thread and policy set.
    static WORKER: RefCell<Option<(Arc<Policies>, Worker)>> = const { RefCell::new(None) };
}

/// Evaluate the policies in use over `input` with this thread's engine.
pub(super) fn evaluate(policies: &Arc<Policies>, input: Value) -> Result<Vec<Raw>, String> {
    WORKER.with(|cell| {
        let mut slot = cell.borrow_mut();
        let current = slot.as_ref().is_some_and(|(p, _)| Arc::ptr_eq(p, policies));
        if !current {
            *slot = Some((Arc::clone(policies), policies.worker()));
        }
        let (_, worker) = slot.as_mut().expect("just set");
        worker.evaluate(input)
    })
}

/// The message and path of a policy's finding: `{"message", "path"}` (or another location
/// `other` reads from the object) or a message string. `Err` says what the policy wrote wrongly.
pub(super) fn path_of(
    rule: &crate::registry::Rule,
    value: &Value,
    other: impl Fn(&Value) -> Option<Vec<Step>>,
) -> Result<(String, Vec<Step>), String> {
    match value {
        Value::String(s) => Ok((s.to_string(), Vec::new())),
        Value::Object(_) => {
            let message = value["message"]
                .as_string()
                .map_err(|_| format!("a `{}` finding has no `message` text", rule.id))?;
            let path = match &value["path"] {
                Value::Undefined => other(value).unwrap_or_default(),
                p => Step::path(p).ok_or_else(|| {
                    format!(
                        "a `{}` finding's `path` must be an array of keys and indexes",
                        rule.id
                    )
                })?,
            };
            Ok((message.to_string(), path))
        }
        _ => Err(format!(
            "a `{}` finding must be an object with `message` or a string",
            rule.id
        )),
    }
}

/// Check a workflow or action file. `Err` is a policy that failed to run (a runtime error or
/// its time limit): the run must stop with an error rather than skip it.
pub fn check(
    file: &SourceFile,
    kind: workflow::Kind,
    config: &Config,
    out: &mut Sink,
) -> Result<(), String> {
    let policies = &config.policies();
    if !policies.rules().iter().any(|r| out.enabled(r.meta)) {
        return Ok(());
    }
    let docs = match tree::parse(&file.text, &file.lines) {
        Ok(docs) => docs,
        Err(e) => {
            let msg = format!("invalid YAML: {}", e.message);
            out.push(&PARSE_ERROR, Finding::new(&PARSE_ERROR, e.span, msg));
            return Ok(());
        }
    };
    let Some(root) = docs.first() else {
        return Ok(()); // an empty file
    };
    let input = match workflow::document(kind, &file.rel, root, &file.text) {
        Ok(input) => input,
        Err(e) => {
            let what = match kind {
                workflow::Kind::Workflow => "workflow",
                workflow::Kind::Action => "action",
            };
            let msg = format!("not a valid {what}: {e}");
            let span = Span::new(root.span.start, root.span.start);
            out.push(&PARSE_ERROR, Finding::new(&PARSE_ERROR, span, msg));
            return Ok(());
        }
    };
    for raw in evaluate(policies, input)? {
        let rule = &policies.rules()[raw.rule];
        let settings = FixSettings {
            timeout_minutes: config.ci.timeout_minutes,
        };
        let finding = to_finding(rule.meta, &raw.value, root, file, settings)
            .map_err(|e| format!("{}: {e}", rule.file))?;
        let default = if raw.warn {
            Severity::Warning
        } else {
            rule.meta.severity
        };
        out.push_at(rule.meta, default, finding);
    }
    Ok(())
}

/// A policy's finding as a finding in `file`: `{"message", "path", "match"}` or a message.
fn to_finding(
    rule: &'static crate::registry::Rule,
    value: &Value,
    root: &Node,
    file: &SourceFile,
    settings: FixSettings,
) -> Result<Finding, String> {
    let (message, path) = path_of(rule, value, |_| None)?;
    let at = locate(root, &path);
    let mut span = at.span;
    // `match` narrows a long value (a `run:` script) to the text the finding is about.
    if let Ok(needle) = value["match"].as_string()
        && let Some(found) = file
            .text
            .get(span.start..span.end)
            .and_then(|t| t.find(&**needle))
    {
        span = Span::new(span.start + found, span.start + found + needle.len());
    }
    let mut finding = Finding::new(rule, span, message);
    let target = fixes::Target {
        root,
        path: &path,
        at,
        matched: value["match"].as_string().ok().map(|m| &**m),
    };
    finding.fix = fixes::fix(rule.id, &target, file, settings);
    Ok(finding)
}
