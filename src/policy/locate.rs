//! From a policy's path to a place in the file. Documents keep the file's own keys, so the
//! parsed tree is the index: a path is walked through it key by key, and a path that goes
//! past what the file holds (a missing attribute, a computed fact) names the nearest place
//! that exists.

use crate::diagnostics::Span;
use crate::syntax::tree::{Node, Value};

/// Computed facts and the key of the file they were worked out from.
const SOURCES: &[(&str, &str)] = &[
    ("action", "uses"),
    ("expressions", "run"),
    ("images", "container"),
    ("effective_permissions", "permissions"),
    ("self_hosted", "runs-on"),
    ("checks_out_pr_code", "steps"),
    ("triggers", "on"),
    ("privileged_trigger", "on"),
];

/// One step of a path: a mapping key or a sequence index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Step {
    /// A mapping key.
    Key(String),
    /// A sequence index.
    Index(usize),
}

impl Step {
    /// The steps of a path as a policy gives it (`["jobs", "build", "steps", 2]`), or `None`
    /// when it is not an array of strings and non-negative integers.
    pub fn path(value: &regorus::Value) -> Option<Vec<Self>> {
        value
            .as_array()
            .ok()?
            .iter()
            .map(|s| match s {
                regorus::Value::String(k) => Some(Self::Key(k.to_string())),
                regorus::Value::Number(n) => n
                    .as_u64()
                    .and_then(|i| usize::try_from(i).ok())
                    .map(Self::Index),
                _ => None,
            })
            .collect()
    }
}

/// The steps of `path` written with spaces (`"jobs build steps 0 uses"`), for tests.
#[cfg(test)]
pub(crate) fn steps(path: &str) -> Vec<Step> {
    path.split(' ')
        .map(|k| {
            k.parse()
                .map_or_else(|_| Step::Key(k.to_string()), Step::Index)
        })
        .collect()
}

/// Where a path points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Located {
    /// The span: a scalar's value, or the key of a block (a job, a trigger, a step's mapping).
    pub span: Span,
    /// False when the path went past the file and `span` is the nearest place that exists.
    pub exact: bool,
}

/// Resolve `path` in the document rooted at `root`.
pub fn locate(root: &Node, path: &[Step]) -> Located {
    // The place named so far: the key of the last entry walked, or a sequence item.
    let mut at = Located {
        span: Span::new(root.span.start, root.span.start),
        exact: true,
    };
    let mut node = root;
    for step in path {
        let next = match (step, &node.value) {
            (Step::Key(k), Value::Map(entries)) => {
                let source = SOURCES.iter().find(|(fact, _)| fact == k).map(|(_, s)| *s);
                entries
                    .iter()
                    .find(|e| e.key == *k)
                    .or_else(|| entries.iter().find(|e| Some(e.key.as_str()) == source))
                    .map(|e| (e.key_span, &e.value, e.key == *k))
            }
            (Step::Index(i), Value::Seq(items)) => items.get(*i).map(|n| (n.span, n, true)),
            _ => None,
        };
        let Some((span, child, same)) = next else {
            at.exact = false;
            return at;
        };
        node = child;
        at = Located {
            span: match (&child.value, step) {
                // A scalar is named by its value, a block by its key (an item by itself).
                (Value::Map(_) | Value::Seq(_) | Value::Null, Step::Key(_)) => span,
                _ => child.span,
            },
            exact: same,
        };
        if !same {
            return at;
        }
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::tree;
    use crate::workspace::LineIndex;

    const WORKFLOW: &str = "\
on:
  pull_request_target:
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: make
";

    fn value(json: serde_json::Value) -> regorus::Value {
        regorus::Value::from_json_str(&json.to_string()).expect("JSON")
    }

    fn at(path: serde_json::Value) -> (String, bool) {
        let lines = LineIndex::new(WORKFLOW);
        let docs = tree::parse(WORKFLOW, &lines).expect("parses");
        let l = locate(&docs[0], &Step::path(&value(path)).expect("a path"));
        (WORKFLOW[l.span.start..l.span.end].to_string(), l.exact)
    }

    #[test]
    fn paths_name_values_keys_and_the_nearest_existing_place() {
        use serde_json::json;
        let exact = |text: &str| (text.to_string(), true);
        let near = |text: &str| (text.to_string(), false);
        assert_eq!(
            at(json!(["jobs", "build", "steps", 0, "uses"])),
            exact("actions/checkout@v4")
        );
        assert_eq!(at(json!(["jobs", "build"])), exact("build"));
        assert_eq!(
            at(json!(["on", "pull_request_target"])),
            exact("pull_request_target")
        );
        // A missing attribute is reported at its block.
        assert_eq!(
            at(json!(["jobs", "build", "timeout-minutes"])),
            near("build")
        );
        // A computed fact is reported where it was worked out from.
        assert_eq!(
            at(json!(["jobs", "build", "steps", 0, "action", "pinned"])),
            near("actions/checkout@v4")
        );
        assert_eq!(
            at(json!(["jobs", "build", "steps", 1, "run"])),
            exact("make")
        );
        assert_eq!(at(json!(["jobs", "build", "steps", 9])), near("steps"));
        assert_eq!(at(json!(["nothing"])), near(""));
        assert_eq!(Step::path(&value(json!(["a", -1]))), None);
    }
}
