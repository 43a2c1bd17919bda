//! Mechanical repairs of built-in policy findings, as edits on the file's own text (comments
//! and layout kept): a missing key inserted into its block mapping, a wrong scalar replaced.

use super::locate::{Located, Step};
use crate::diagnostics::{Edit, Fix, Span};
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
    "ci/template-injection",
];

/// What a finding points at.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    /// The file's parsed tree.
    pub root: &'a Node,
    /// The policy's path.
    pub path: &'a [Step],
    /// Where the path resolved.
    pub at: Located,
    /// The finding's `match`, if any.
    pub matched: Option<&'a str>,
}

/// True when the built-in rule `id` offers fixes.
pub fn offers_fix(id: &str) -> bool {
    FIXABLE.contains(&id) || super::hcl_fixes::offers_fix(id)
}

/// The fix for a finding of `rule` at `target`, if any.
pub fn fix(rule: &str, target: &Target, file: &SourceFile, settings: FixSettings) -> Option<Fix> {
    let text = &file.text;
    let Target { root, path, at, .. } = *target;
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
        "ci/template-injection" => move_to_env(target, text),
        _ => None,
    }
}

/// Pass an expression pasted into a `run:` script through the step's `env:` instead: the
/// script reads `${NAME}` and `env:` gets `NAME: ${{ … }}`. Unsafe: an unquoted use is now
/// split into words by the shell. `github-script` code is left alone (the expression usually
/// sits inside a JavaScript string, which `process.env.NAME` cannot simply replace).
fn move_to_env(target: &Target, text: &str) -> Option<Fix> {
    let (Some(Step::Key(last)), Some(expr)) = (target.path.last(), target.matched) else {
        return None;
    };
    if last != "run" || !target.at.exact {
        return None;
    }
    let step_path = &target.path[..target.path.len() - 1];
    let step = walk(target.root, step_path)?;
    let name: String = expr
        .trim_start_matches("github.event.")
        .trim_start_matches("github.")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    let shell = step.get("shell").and_then(Node::as_str).unwrap_or("bash");
    let reference = if shell.starts_with("pwsh") || shell.starts_with("powershell") {
        format!("$env:{name}")
    } else {
        format!("${{{name}}}")
    };
    let wanted = format!("${{{{ {expr} }}}}");
    let mut edits = Vec::new();
    match step.get("env").and_then(|e| e.get(&name)) {
        // The variable is there already, holding this expression: only the script changes.
        Some(v) if v.as_str().map(str::trim) == Some(wanted.as_str()) => {}
        Some(_) => return None,
        None => {
            let mut env_path = step_path.to_vec();
            env_path.extend([Step::Key("env".into()), Step::Key(name.clone())]);
            edits.push(insert(target.root, &env_path, text, &wanted)?);
        }
    }
    let span = target.at.span;
    let script = text.get(span.start..span.end)?;
    let mut from = 0;
    let mut replaced = 0;
    while let Some(open) = script[from..].find("${{") {
        let open = from + open;
        let close = open + script[open..].find("}}")? + 2;
        if script[open + 3..close - 2].trim() == expr {
            edits.push(Edit::replace(
                Span::new(span.start + open, span.start + close),
                reference.clone(),
            ));
            replaced += 1;
        }
        from = close;
    }
    (replaced > 0).then(|| Fix::unsafe_(format!("pass `{expr}` through `env: {name}`"), edits))
}

/// The node at `path`, if the file holds it.
fn walk<'a>(root: &'a Node, path: &[Step]) -> Option<&'a Node> {
    path.iter()
        .try_fold(root, |node, step| match (step, &node.value) {
            (Step::Key(k), Value::Map(entries)) => {
                entries.iter().find(|e| e.key == *k).map(|e| &e.value)
            }
            (Step::Index(i), Value::Seq(items)) => items.get(*i),
            _ => None,
        })
}

/// An edit inserting the missing end of `path` (one or more keys) with `value` into the deepest
/// block mapping of the path that exists; `None` for flow mappings or anything unusual.
fn insert(root: &Node, path: &[Step], text: &str, value: &str) -> Option<Edit> {
    // The deepest part of the path the file holds.
    let held = (0..=path.len())
        .rev()
        .find(|&n| walk(root, &path[..n]).is_some())?;
    let node = walk(root, &path[..held])?;
    let rest = &path[held..];
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
    use crate::policy::locate::{locate, steps};
    use crate::syntax::tree;

    fn fixed_at(rule: &str, text: &str, path: &[Step], matched: Option<&str>) -> Option<String> {
        let file = SourceFile::new(
            "w.yml".into(),
            ".github/workflows/w.yml".into(),
            text.into(),
        );
        let root = &tree::parse(text, &file.lines).expect("parses")[0];
        let target = Target {
            root,
            path,
            at: locate(root, path),
            matched,
        };
        let settings = FixSettings {
            timeout_minutes: 30,
        };
        let f = fix(rule, &target, &file, settings)?;
        Some(fix::apply(text, &[&f]).0)
    }

    fn fixed(rule: &str, text: &str, path: &[Step]) -> Option<String> {
        fixed_at(rule, text, path, None)
    }

    #[test]
    fn missing_keys_are_inserted_into_their_block_with_comments_kept() {
        let text = "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest # the cheap one\n    steps:\n      - uses: actions/checkout@v4 # v4.2.0\n      - run: |\n          make\n";
        assert_eq!(
            fixed("ci/missing-timeout", text, &steps("jobs b timeout-minutes")).as_deref(),
            Some(
                "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest # the cheap one\n    steps:\n      - uses: actions/checkout@v4 # v4.2.0\n      - run: |\n          make\n    timeout-minutes: 30\n"
            )
        );
        assert_eq!(
            fixed(
                "ci/persist-credentials",
                text,
                &steps("jobs b steps 0 with persist-credentials")
            )
            .as_deref(),
            Some(
                "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest # the cheap one\n    steps:\n      - uses: actions/checkout@v4 # v4.2.0\n        with:\n          persist-credentials: false\n      - run: |\n          make\n"
            )
        );
        assert_eq!(
            fixed("ci/missing-permissions", text, &steps("jobs b")).as_deref(),
            Some(
                "on: push\npermissions:\n  contents: read\njobs:\n  b:\n    runs-on: ubuntu-latest # the cheap one\n    steps:\n      - uses: actions/checkout@v4 # v4.2.0\n      - run: |\n          make\n"
            )
        );
    }

    #[test]
    fn a_key_goes_into_its_own_block_when_another_follows() {
        let text = "jobs:\n  a:\n    steps:\n      - run: x\n        env:\n          A: b\n  # next\n  b:\n    runs-on: y\n";
        assert_eq!(
            fixed("ci/missing-timeout", text, &steps("jobs a timeout-minutes")).as_deref(),
            Some(
                "jobs:\n  a:\n    steps:\n      - run: x\n        env:\n          A: b\n    timeout-minutes: 30\n  # next\n  b:\n    runs-on: y\n"
            )
        );
    }

    #[test]
    fn a_wrong_value_is_replaced_and_flow_mappings_are_left_alone() {
        let text = "jobs:\n  b:\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          persist-credentials: true\n";
        let path = steps("jobs b steps 0 with persist-credentials");
        assert_eq!(
            fixed("ci/persist-credentials", text, &path).as_deref(),
            Some(
                "jobs:\n  b:\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n"
            )
        );
        let flow = "jobs:\n  b: {runs-on: x}\n";
        assert_eq!(
            fixed("ci/missing-timeout", flow, &steps("jobs b timeout-minutes")),
            None
        );
    }

    #[test]
    fn an_injected_expression_moves_to_env() {
        let text = "jobs:\n  t:\n    steps:\n      - run: |\n          echo \"${{ github.event.issue.title }}\"\n          echo ${{github.event.issue.title}} done\n        env:\n          A: b\n";
        let path = steps("jobs t steps 0 run");
        assert_eq!(
            fixed_at(
                "ci/template-injection",
                text,
                &path,
                Some("github.event.issue.title")
            )
            .as_deref(),
            Some(
                "jobs:\n  t:\n    steps:\n      - run: |\n          echo \"${ISSUE_TITLE}\"\n          echo ${ISSUE_TITLE} done\n        env:\n          A: b\n          ISSUE_TITLE: ${{ github.event.issue.title }}\n"
            )
        );
        let pwsh = "jobs:\n  t:\n    steps:\n      - run: echo \"${{ github.head_ref }}\"\n        shell: pwsh\n";
        assert_eq!(
            fixed_at(
                "ci/template-injection",
                pwsh,
                &path,
                Some("github.head_ref")
            )
            .as_deref(),
            Some(
                "jobs:\n  t:\n    steps:\n      - run: echo \"$env:HEAD_REF\"\n        shell: pwsh\n        env:\n          HEAD_REF: ${{ github.head_ref }}\n"
            )
        );
        // A variable of that name holding something else: no guess.
        let taken = "jobs:\n  t:\n    steps:\n      - run: echo \"${{ github.head_ref }}\"\n        env:\n          HEAD_REF: main\n";
        assert_eq!(
            fixed_at(
                "ci/template-injection",
                taken,
                &path,
                Some("github.head_ref")
            ),
            None
        );
    }
}
