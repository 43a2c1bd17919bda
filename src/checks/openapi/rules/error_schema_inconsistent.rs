//! `openapi/error-schema-inconsistent`: see the rule's documentation below.

use super::prelude::*;
use crate::checks::openapi::shapes::{is_error, properties, responses};
use crate::syntax::tree::Node;
use std::collections::HashMap;

declare_rule! {
    /// ## What it does
    /// Flags an error response (4xx, 5xx or `default`) whose body schema differs from the one
    /// most of the API's error responses share (at least 60% of at least 3). Schemas are compared
    /// by their property names, after `$ref`s and `allOf`, so an inline copy of the shared error
    /// schema agrees with it. The finding points at the response's `schema`.
    ///
    /// ## Why is this bad?
    /// Clients handle errors in one place. A second error shape means a second parser, and the
    /// one nobody wrote turns a helpful message into "unexpected response".
    ///
    /// ## Example
    /// ```yaml
    /// "404": {content: {application/json: {schema: {$ref: '#/components/schemas/Error'}}}}
    /// "409": {content: {application/json: {schema: {properties: {msg: {type: string}}}}}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// "409": {content: {application/json: {schema: {$ref: '#/components/schemas/Error'}}}}
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: the server decides the body.
    pub static RULE = {
        id: "openapi/error-schema-inconsistent",
        title: "An error response does not use the API's error schema",
        severity: Warning,
        fix: None,
        essay: ApiConsistency,
    }
}

/// Report error bodies that differ from the API's usual error schema.
pub fn check(api: &Api, out: &mut ApiSink) {
    let mut found = Vec::new();
    for op in api.operations().iter().filter(|op| !op.webhook) {
        for r in responses(api, op)
            .into_iter()
            .filter(|r| is_error(r.status()))
        {
            let Some((schema, key)) = r.schema(api) else {
                continue;
            };
            // Compared by shape, so a `$ref` to `Error` and an inline copy of it agree.
            let mut names: Vec<&str> = properties(api, schema)
                .iter()
                .map(|(p, _)| p.key.as_str())
                .collect();
            names.sort_unstable();
            names.dedup();
            let label = match schema.node.get("$ref").and_then(Node::as_str) {
                Some(reference) => format!("`{reference}`"),
                None if names.is_empty() => "an inline schema with no properties".to_string(),
                None => format!("an inline object with {}", names.join(", ")),
            };
            let signature = (names.join(","), label);
            found.push((signature, r.at.doc, key));
        }
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for ((id, _), _, _) in &found {
        *counts.entry(id.as_str()).or_default() += 1;
    }
    let Some((winner, n)) = counts
        .iter()
        .max_by_key(|&(id, n)| (*n, std::cmp::Reverse(*id)))
        .map(|(id, n)| (*id, *n))
    else {
        return;
    };
    if found.len() < 3 || n * 10 < found.len() * 6 {
        return;
    }
    let label = found
        .iter()
        .find(|((id, _), _, _)| id == winner)
        .map(|((_, l), _, _)| l.clone())
        .unwrap_or_default();
    for ((id, own), doc, key) in &found {
        if id != winner {
            let msg = format!(
                "this error body is {own}, but this API's errors use {label} ({n} of {})",
                found.len()
            );
            out.push(&RULE, *doc, Finding::new(&RULE, *key, msg));
        }
    }
}
