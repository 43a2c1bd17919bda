//! The indexes of a workflow document: values already in it, regrouped by a fact, so a policy
//! visits only what it is about. Visiting a value costs about a microsecond in Rego and a
//! document has dozens of steps; a policy that loops over every step for each of its checks
//! costs hundreds of microseconds per file, one that looks up an index a few.

use super::{arr, obj};
use regorus::Value;
use std::collections::BTreeMap;

/// The indexes of `doc` (a workflow or action with its jobs and steps enriched), by the key
/// they are stored under.
pub(super) fn of(doc: &Value) -> Vec<(&'static str, Value)> {
    let steps = all_steps(doc);
    let (runs, run_text): (Vec<Value>, Vec<&str>) = entries(&steps)
        .filter_map(|e| match &e["step"]["run"] {
            Value::String(run) => Some((e.clone(), &**run)),
            _ => None,
        })
        .unzip();
    vec![
        ("steps_by_action", steps_by_action(&steps)),
        ("steps_with", steps_with(&steps)),
        ("jobs_with", jobs_with(doc)),
        ("uses_by_kind", uses_by_kind(doc, &steps)),
        ("inputs_by_name", inputs_by_name(&steps)),
        ("env_by_name", env_by_name(doc, &steps)),
        ("script_expressions", script_expressions(&steps)),
        (
            "expressions_by_root",
            expressions_by_root(&doc["all_expressions"]),
        ),
        ("run_text", Value::from(run_text.join("\n"))),
        ("run_steps", arr(runs)),
        ("all_images", all_images(doc, &steps)),
        ("all_steps", steps),
    ]
}

/// `path` extended by `keys`.
fn path_to(path: &Value, keys: impl IntoIterator<Item = Value>) -> Value {
    let mut out: Vec<Value> = path.as_array().into_iter().flatten().cloned().collect();
    out.extend(keys);
    arr(out)
}

/// The entries of `items` under each key `keys_of` gives them, in order.
fn group<'a>(
    items: impl IntoIterator<Item = &'a Value>,
    keys_of: impl Fn(&Value) -> Vec<Value>,
) -> Value {
    let mut by: BTreeMap<Value, Vec<Value>> = BTreeMap::new();
    for item in items {
        for key in keys_of(item) {
            by.entry(key).or_default().push(item.clone());
        }
    }
    Value::from(
        by.into_iter()
            .map(|(k, v)| (k, arr(v)))
            .collect::<BTreeMap<_, _>>(),
    )
}

/// The entries of a list value.
fn entries(list: &Value) -> impl Iterator<Item = &Value> {
    list.as_array().into_iter().flatten()
}

/// Every step of the document with its path, so a policy visits them in one loop (the step
/// values are shared with the jobs, not copied).
fn all_steps(doc: &Value) -> Value {
    let mut out = Vec::new();
    let mut add = |prefix: Vec<Value>, steps: &Value| {
        for (i, step) in entries(steps).enumerate() {
            let mut path = prefix.clone();
            path.extend([Value::from("steps"), Value::from(i)]);
            out.push(obj([("path", arr(path)), ("step", step.clone())]));
        }
    };
    if let Ok(jobs) = doc["jobs"].as_object() {
        for (id, job) in jobs.iter() {
            add(vec![Value::from("jobs"), id.clone()], &job["steps"]);
        }
    }
    add(vec![Value::from("runs")], &doc["runs"]["steps"]);
    arr(out)
}

/// The entries of `all_steps` that use a remote action, by its lower-cased `owner/repo`, so a
/// policy about one action visits only its steps.
fn steps_by_action(steps: &Value) -> Value {
    group(
        entries(steps),
        |entry| match &entry["step"]["action"]["name"] {
            Value::String(name) => vec![Value::String(name.clone())],
            _ => Vec::new(),
        },
    )
}

/// The entries of `all_steps` by each key their step sets (`if`, `with`, `env`…), so a policy
/// about one key visits only the steps that have it.
fn steps_with(steps: &Value) -> Value {
    group(entries(steps), |entry| {
        entry["step"]
            .as_object()
            .into_iter()
            .flat_map(|o| o.keys().cloned())
            .collect()
    })
}

/// The jobs by each key they have (`secrets`, `if`, `permissions`…), by id as in `jobs`, so a
/// policy about a key most jobs leave out visits only the jobs that set it.
fn jobs_with(doc: &Value) -> Value {
    let mut by: BTreeMap<Value, BTreeMap<Value, Value>> = BTreeMap::new();
    for (id, job) in doc["jobs"].as_object().into_iter().flatten() {
        for key in job.as_object().into_iter().flat_map(|o| o.keys()) {
            by.entry(key.clone())
                .or_default()
                .insert(id.clone(), job.clone());
        }
    }
    Value::from(
        by.into_iter()
            .map(|(k, v)| (k, Value::from(v)))
            .collect::<BTreeMap<_, _>>(),
    )
}

/// Every container image of the document: each job's `images` and each `docker://` step, as
/// `{"image", "pinned", "path"}` with `path` from the top of the document.
fn all_images(doc: &Value, steps: &Value) -> Value {
    let mut out = Vec::new();
    for (id, job) in doc["jobs"].as_object().into_iter().flatten() {
        for image in entries(&job["images"]) {
            let job_path = arr([Value::from("jobs"), id.clone()]);
            out.push(obj([
                ("image", image["image"].clone()),
                ("pinned", image["pinned"].clone()),
                ("path", path_to(&job_path, entries(&image["path"]).cloned())),
            ]));
        }
    }
    for entry in entries(steps) {
        let action = &entry["step"]["action"];
        if let Value::String(_) = action["docker"] {
            out.push(obj([
                ("image", action["docker"].clone()),
                ("pinned", action["pinned"].clone()),
                ("path", path_to(&entry["path"], [Value::from("uses")])),
            ]));
        }
    }
    arr(out)
}

/// Every `uses:` of the document (steps, and jobs calling a reusable workflow), each
/// `{"uses", "action", "path"}` with `path` to the value, by the kind of reference it makes:
/// `sha` (a full commit SHA), `ref` (any other tag or branch, or none), `local` or `docker`.
fn uses_by_kind(doc: &Value, steps: &Value) -> Value {
    let jobs = doc["jobs"].as_object().into_iter().flatten();
    let callers = jobs.map(|(id, job)| (job, arr([Value::from("jobs"), id.clone()])));
    let steps = entries(steps).map(|e| (&e["step"], e["path"].clone()));
    let all: Vec<Value> = callers
        .chain(steps)
        .filter(|(holder, _)| matches!(holder["action"], Value::Object(_)))
        .map(|(holder, path)| {
            obj([
                ("uses", holder["uses"].clone()),
                ("action", holder["action"].clone()),
                ("path", path_to(&path, [Value::from("uses")])),
            ])
        })
        .collect();
    group(&all, |entry| {
        let action = &entry["action"];
        let kind = if action["local"] == Value::from(true) {
            "local"
        } else if let Value::String(_) = action["docker"] {
            "docker"
        } else if action["pinned"] == Value::from(true) {
            "sha"
        } else {
            "ref"
        };
        vec![Value::from(kind)]
    })
}

/// Every input of a step's `with:`, each `{"name", "value", "path"}`, by its lower-cased name.
fn inputs_by_name(steps: &Value) -> Value {
    let mut all = Vec::new();
    for entry in entries(steps) {
        for (name, value) in entry["step"]["with"].as_object().into_iter().flatten() {
            all.push(obj([
                ("name", name.clone()),
                ("value", value.clone()),
                (
                    "path",
                    path_to(&entry["path"], [Value::from("with"), name.clone()]),
                ),
            ]));
        }
    }
    group(&all, |input| match &input["name"] {
        Value::String(name) => vec![Value::from(name.to_lowercase())],
        _ => Vec::new(),
    })
}

/// Every variable of an `env:` block (the workflow's, a job's or a step's), each
/// `{"name", "value", "path"}`, by its name as written (the runner's names are case-sensitive).
fn env_by_name(doc: &Value, steps: &Value) -> Value {
    let mut blocks = vec![(&doc["env"], arr([Value::from("env")]))];
    for (id, job) in doc["jobs"].as_object().into_iter().flatten() {
        let path = arr([Value::from("jobs"), id.clone(), Value::from("env")]);
        blocks.push((&job["env"], path));
    }
    for entry in entries(steps) {
        let path = path_to(&entry["path"], [Value::from("env")]);
        blocks.push((&entry["step"]["env"], path));
    }
    let mut all = Vec::new();
    for (block, path) in blocks {
        for (name, value) in block.as_object().into_iter().flatten() {
            all.push(obj([
                ("name", name.clone()),
                ("value", value.clone()),
                ("path", path_to(&path, [name.clone()])),
            ]));
        }
    }
    group(&all, |variable| vec![variable["name"].clone()])
}

/// Every expression of a step's `run:` or github-script `script:`, as in the step's
/// `expressions` with `path` to the text that holds it.
fn script_expressions(steps: &Value) -> Value {
    let mut out = Vec::new();
    for entry in entries(steps) {
        for expression in entries(&entry["step"]["expressions"]) {
            let keys = match &expression["in"] {
                Value::String(place) if &**place == "script" => vec!["with", "script"],
                _ => vec!["run"],
            };
            let mut e = expression.clone();
            if let Ok(o) = e.as_object_mut() {
                let path = path_to(&entry["path"], keys.into_iter().map(Value::from));
                o.insert(Value::from("path"), path);
            }
            out.push(e);
        }
    }
    arr(out)
}

/// The entries of `all_expressions` by each name they read from (`github`, `secrets`,
/// `inputs`), lower-cased as GitHub reads them: `toJSON(Secrets)` and `secrets.TOKEN` both
/// read `secrets`.
fn expressions_by_root(all: &Value) -> Value {
    group(entries(all), |expression| match &expression["text"] {
        Value::String(text) => roots(text)
            .into_iter()
            .map(|r| Value::from(r.to_ascii_lowercase()))
            .collect(),
        _ => Vec::new(),
    })
}

/// The names an expression reads from: the first part of every name in it that is not a
/// function, a literal or inside a quoted string.
fn roots(expr: &str) -> Vec<&str> {
    let bytes = expr.as_bytes();
    let mut out: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\'' {
            // A string: `''` inside it is a quote, which the loop reads as two strings.
            i += 1;
            while i < bytes.len() && bytes[i] != b'\'' {
                i += 1;
            }
            i += 1;
            continue;
        }
        if !(b.is_ascii_alphabetic() || b == b'_') {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len()
            && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'_' | b'-'))
        {
            i += 1;
        }
        let name = &expr[start..i];
        // The rest of the reference (`.event.issue`) names no new root.
        while i < bytes.len()
            && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'_' | b'-' | b'.' | b'*'))
        {
            i += 1;
        }
        let call = expr[i..].trim_start().starts_with('(');
        let literal = matches!(name, "true" | "false" | "null");
        if !call && !literal && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::roots;

    #[test]
    fn roots_are_the_names_an_expression_reads_from() {
        assert_eq!(roots("toJSON(secrets)"), ["secrets"]);
        assert_eq!(
            roots("github.event_name == 'push' && secrets.TOKEN || inputs.x"),
            ["github", "secrets", "inputs"]
        );
        // Functions, literals and quoted text are not names.
        assert_eq!(
            roots("format('{0} secrets', matrix.os) != null"),
            ["matrix"]
        );
        assert_eq!(roots("contains (github.ref, 'it''s env.x')"), ["github"]);
        assert_eq!(roots("steps.build.outputs.dir"), ["steps"]);
        assert!(roots("true").is_empty());
    }
}
