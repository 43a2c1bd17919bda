//! Mechanical repairs of built-in policy findings, as edits on the file's own text (comments
//! and layout kept): a missing key inserted into its block mapping, a wrong scalar replaced.

use super::locate::{Located, Step};
use crate::diagnostics::{Edit, Fix};
use crate::syntax::tree::{Node, Value};
use crate::workspace::SourceFile;

/// What a fix needs from the configuration.
#[derive(Debug, Clone, Copy)]
pub struct FixSettings {
    /// The `timeout-minutes` a job without one gets.
    pub timeout_minutes: u32,
}

/// The built-in rules that offer a fix.
const FIXABLE: &[&str] = &[
    "ci/missing-permissions",
    "ci/missing-timeout",
    "ci/persist-credentials",
];

/// True when the built-in rule `id` offers fixes.
pub fn offers_fix(id: &str) -> bool {
    FIXABLE.contains(&id)
}

/// The fix for a finding of `rule` whose policy path is `path` (located at `at`), if any.
pub fn fix(
    rule: &str,
    root: &Node,
    path: &[Step],
    at: Located,
    file: &SourceFile,
    settings: FixSettings,
) -> Option<Fix> {
    let text = &file.text;
    match rule {
        "ci/missing-permissions" => {
            // One block at the top covers every job; the repository default is write for many.
            let Value::Map(entries) = &root.value else {
                return None;
            };
            let jobs = entries.iter().find(|e| e.key == "jobs")?;
            let start = line_start(text, jobs.key_span.start);
            (start == jobs.key_span.start).then(|| {
                Fix::unsafe_(
                    "add `permissions: contents: read` at the top of the workflow",
                    vec![Edit::insert(start, "permissions:\n  contents: read\n")],
                )
            })
        }
        "ci/missing-timeout" if !at.exact => {
            insert(root, path, text, &settings.timeout_minutes.to_string())
                .map(|e| Fix::unsafe_("add `timeout-minutes`", vec![e]))
        }
        "ci/persist-credentials" => {
            let edit = if at.exact {
                Edit::replace(at.span, "false")
            } else {
                insert(root, path, text, "false")?
            };
            Some(Fix::unsafe_(
                "set `persist-credentials: false` on the checkout",
                vec![edit],
            ))
        }
        _ => None,
    }
}

/// An edit inserting the missing end of `path` (one or more keys) with `value` into the deepest
/// block mapping of the path that exists; `None` for flow mappings or anything unusual.
fn insert(root: &Node, path: &[Step], text: &str, value: &str) -> Option<Edit> {
    let mut node = root;
    let mut rest = path;
    while let Some((step, tail)) = rest.split_first() {
        let next = match (step, &node.value) {
            (Step::Key(k), Value::Map(entries)) => {
                entries.iter().find(|e| e.key == *k).map(|e| &e.value)
            }
            (Step::Index(i), Value::Seq(items)) => items.get(*i),
            _ => None,
        };
        match next {
            Some(n) => {
                node = n;
                rest = tail;
            }
            None => break,
        }
    }
    let Value::Map(entries) = &node.value else {
        return None;
    };
    let keys: Vec<&str> = rest
        .iter()
        .map(|s| match s {
            Step::Key(k) => Some(k.as_str()),
            Step::Index(_) => None,
        })
        .collect::<Option<_>>()?;
    let first = entries.first()?;
    let last = entries.last()?;
    let indent = first.key_span.start - line_start(text, first.key_span.start);
    if text[line_start(text, first.key_span.start)..first.key_span.start]
        .trim_start_matches([' ', '-'])
        .contains(|c: char| !c.is_whitespace())
        || text.get(node.span.start..node.span.start + 1) == Some("{")
    {
        return None;
    }
    let mut lines = String::new();
    for (depth, key) in keys.iter().enumerate() {
        let pad = " ".repeat(indent + 2 * depth);
        if depth + 1 == keys.len() {
            lines.push_str(&format!("{pad}{key}: {value}\n"));
        } else {
            lines.push_str(&format!("{pad}{key}:\n"));
        }
    }
    // After the last line with content of the last entry, its own comment included. A block's
    // span may run on to the next key, so step back over blank lines and the comment lines
    // that introduce what follows.
    let mut end = last.value.span.end.max(last.key_span.end);
    loop {
        while end > last.key_span.end && text.as_bytes()[end - 1].is_ascii_whitespace() {
            end -= 1;
        }
        let start = line_start(text, end);
        if start <= last.key_span.start || !text[start..end].trim_start().starts_with('#') {
            break;
        }
        end = start;
    }
    match text[end..].find('\n') {
        Some(nl) => Some(Edit::insert(end + nl + 1, lines)),
        None => Some(Edit::insert(text.len(), format!("\n{}", lines.trim_end()))),
    }
}

/// The offset where the line holding `offset` starts.
fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::fix;
    use crate::policy::locate::locate;
    use crate::syntax::tree;

    fn fixed(rule: &str, text: &str, path: &[Step]) -> Option<String> {
        let file = SourceFile::new(
            "w.yml".into(),
            ".github/workflows/w.yml".into(),
            text.into(),
        );
        let root = &tree::parse(text, &file.lines).expect("parses")[0];
        let at = locate(root, path);
        let settings = FixSettings {
            timeout_minutes: 30,
        };
        let f = fix(rule, root, path, at, &file, settings)?;
        Some(fix::apply(text, &[&f]).0)
    }

    fn keys(path: &[&str]) -> Vec<Step> {
        path.iter()
            .map(|k| match k.parse() {
                Ok(i) => Step::Index(i),
                Err(_) => Step::Key((*k).into()),
            })
            .collect()
    }

    #[test]
    fn missing_keys_are_inserted_into_their_block_with_comments_kept() {
        let text = "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest # the cheap one\n    steps:\n      - uses: actions/checkout@v4 # v4.2.0\n      - run: |\n          make\n";
        assert_eq!(
            fixed(
                "ci/missing-timeout",
                text,
                &keys(&["jobs", "b", "timeout-minutes"])
            )
            .as_deref(),
            Some(
                "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest # the cheap one\n    steps:\n      - uses: actions/checkout@v4 # v4.2.0\n      - run: |\n          make\n    timeout-minutes: 30\n"
            )
        );
        assert_eq!(
            fixed(
                "ci/persist-credentials",
                text,
                &keys(&["jobs", "b", "steps", "0", "with", "persist-credentials"])
            )
            .as_deref(),
            Some(
                "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest # the cheap one\n    steps:\n      - uses: actions/checkout@v4 # v4.2.0\n        with:\n          persist-credentials: false\n      - run: |\n          make\n"
            )
        );
        assert_eq!(
            fixed("ci/missing-permissions", text, &keys(&["jobs", "b"])).as_deref(),
            Some(
                "on: push\npermissions:\n  contents: read\njobs:\n  b:\n    runs-on: ubuntu-latest # the cheap one\n    steps:\n      - uses: actions/checkout@v4 # v4.2.0\n      - run: |\n          make\n"
            )
        );
    }

    #[test]
    fn a_key_goes_into_its_own_block_when_another_follows() {
        let text = "jobs:\n  a:\n    steps:\n      - run: x\n        env:\n          A: b\n  # next\n  b:\n    runs-on: y\n";
        assert_eq!(
            fixed(
                "ci/missing-timeout",
                text,
                &keys(&["jobs", "a", "timeout-minutes"])
            )
            .as_deref(),
            Some(
                "jobs:\n  a:\n    steps:\n      - run: x\n        env:\n          A: b\n    timeout-minutes: 30\n  # next\n  b:\n    runs-on: y\n"
            )
        );
    }

    #[test]
    fn a_wrong_value_is_replaced_and_flow_mappings_are_left_alone() {
        let text = "jobs:\n  b:\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          persist-credentials: true\n";
        let path = keys(&["jobs", "b", "steps", "0", "with", "persist-credentials"]);
        assert_eq!(
            fixed("ci/persist-credentials", text, &path).as_deref(),
            Some(
                "jobs:\n  b:\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n"
            )
        );
        let flow = "jobs:\n  b: {runs-on: x}\n";
        assert_eq!(
            fixed(
                "ci/missing-timeout",
                flow,
                &keys(&["jobs", "b", "timeout-minutes"])
            ),
            None
        );
    }
}
