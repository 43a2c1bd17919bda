//! `openapi/operation-id-missing`: see the rule's documentation below.

use super::prelude::*;
use crate::checks::openapi::edit::insert_first;
use crate::diagnostics::Fix;
use crate::syntax::tree::Node;
use std::collections::HashSet;

declare_rule! {
    /// ## What it does
    /// Flags an operation without an `operationId`.
    ///
    /// ## Why is this bad?
    /// Client generators invent names from the path and method when there is none, so a harmless
    /// path change renames methods in every generated client; docs and links have nothing stable
    /// to point at.
    ///
    /// ## Example
    /// ```yaml
    /// /users/{id}:
    ///   get:
    ///     summary: Fetch a user
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// /users/{id}:
    ///   get:
    ///     operationId: getUsersById
    ///     summary: Fetch a user
    /// ```
    ///
    /// ## Fix safety
    /// The fix inserts an `operationId` derived from the method and the path, unique within the
    /// API. It is safe: nothing could depend on a name that did not exist.
    pub static RULE = {
        id: "openapi/operation-id-missing",
        title: "An operation has no operationId",
        severity: Warning,
        fix: Sometimes,
        essay: ApiConsistency,
    }
}

/// `get` + `/users/{id}/orders` → `getUsersByIdOrders`.
fn derive(method: &str, path: &str) -> String {
    let mut out = method.to_ascii_lowercase();
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        let (param, text) = match seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(p) => (true, p),
            None => (false, seg),
        };
        if param {
            out.push_str("By");
        }
        for word in text
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                out.push(first.to_ascii_uppercase());
                out.push_str(chars.as_str());
            }
        }
    }
    out
}

/// Report operations without an operationId, offering a unique derived one.
pub fn check(api: &Api, out: &mut ApiSink) {
    let operations = api.operations();
    let mut taken: HashSet<String> = operations
        .iter()
        .filter_map(|op| op.node.get("operationId").and_then(Node::as_str))
        .map(str::to_string)
        .collect();
    for op in operations {
        if op.node.get("operationId").is_some() || op.node.get("$ref").is_some() {
            continue;
        }
        let base = derive(op.method, op.path);
        let id = (1..)
            .map(|n| {
                if n == 1 {
                    base.clone()
                } else {
                    format!("{base}{n}")
                }
            })
            .find(|c| !taken.contains(c))
            .unwrap_or(base);
        taken.insert(id.clone());
        let doc = &api.corpus.docs[op.doc];
        let fix = insert_first(doc, op.node, "operationId", &id)
            .map(|e| Fix::safe(format!("add `operationId: {id}`"), vec![e]));
        let msg = format!(
            "{} {} has no operationId",
            op.method.to_uppercase(),
            op.path
        );
        out.push(
            &RULE,
            op.doc,
            Finding::new(&RULE, op.method_key, msg).with_fix(fix),
        );
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn derived_ids() {
        assert_eq!(
            super::derive("get", "/users/{id}/orders"),
            "getUsersByIdOrders"
        );
        assert_eq!(
            super::derive("post", "/v1/things:batch-get"),
            "postV1ThingsBatchGet"
        );
        assert_eq!(super::derive("delete", "/"), "delete");
    }
}
