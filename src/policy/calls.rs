//! Unknown functions, found when policies load: regorus resolves a call only when evaluation
//! reaches it, so a misspelt builtin in a branch that rarely runs would otherwise surface on
//! some later document, or never.

use regorus::Engine;
use serde_json::Value;
use std::collections::BTreeSet;

/// Check that every call in the loaded policies names a builtin or a function some policy
/// defines; the error names the file, line and column of the first that does not.
pub fn check(engine: &Engine) -> Result<(), String> {
    let json = engine.get_ast_as_json().map_err(|e| e.to_string())?;
    let modules: Vec<Value> = serde_json::from_str(&json).map_err(|e| e.to_string())?;
    let text = |module: &Value, span: &Value| -> Option<String> {
        let contents = module["source"]["contents"].as_str()?;
        let (start, end) = (span["start"].as_u64()?, span["end"].as_u64()?);
        contents
            .get(usize::try_from(start).ok()?..usize::try_from(end).ok()?)
            .map(str::to_string)
    };
    let mut defined = BTreeSet::new();
    for module in &modules {
        for rule in module["ast"]["rules"].as_array().into_iter().flatten() {
            let func = &rule["Spec"]["head"]["Func"]["refr"];
            if let Some(name) = expr_span(func).and_then(|s| text(module, s)) {
                defined.insert(last_segment(&name).to_string());
            }
        }
    }
    for module in &modules {
        let mut pending = vec![&module["ast"]];
        while let Some(node) = pending.pop() {
            match node {
                Value::Object(map) => {
                    if let Some(call) = map.get("Call")
                        && let Some(span) = expr_span(&call["fcn"])
                        && let Some(name) = text(module, span)
                        && !known(&name, &defined)
                    {
                        // A dotted reference's `line`/`col` name its last dot; its offset
                        // is where the name starts.
                        let contents = module["source"]["contents"].as_str().unwrap_or("");
                        let start = span["start"].as_u64().map_or(0, |s| s as usize);
                        let before = contents.get(..start).unwrap_or("");
                        let line = before.matches('\n').count() + 1;
                        let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
                        return Err(format!(
                            "{}:{line}:{col}: unknown function `{name}`",
                            module["source"]["file"].as_str().unwrap_or("?"),
                        ));
                    }
                    pending.extend(map.values());
                }
                Value::Array(items) => pending.extend(items),
                _ => {}
            }
        }
    }
    Ok(())
}

/// The span of an expression: `{"Var": {"span": …}}` and the like.
fn expr_span(expr: &Value) -> Option<&Value> {
    expr.as_object()?.values().next()?.get("span")
}

fn last_segment(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or(name)
}

/// A builtin, `print`, or a function a policy defines (matched by its last name segment, so
/// imported and fully qualified calls of it pass).
fn known(name: &str, defined: &BTreeSet<String>) -> bool {
    name == "print"
        || regorus::unstable::BUILTINS.contains_key(name)
        || defined.contains(last_segment(name))
}
