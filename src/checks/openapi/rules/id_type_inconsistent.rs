//! `openapi/id-type-inconsistent`: see the rule's documentation below.

use super::prelude::*;
use crate::checks::openapi::document::At;
use crate::checks::openapi::names::Kind;
use crate::checks::openapi::shapes::squash;
use crate::syntax::tree::{Node, Value};
use std::collections::HashMap;

declare_rule! {
    /// ## What it does
    /// Flags an `id` property whose type differs from the type most of the API's `id`s have
    /// (integer, uuid string, plain string…; at least 60% of at least 3), and an `x_id` / `xId`
    /// property whose type differs from the `id` of the schema named `X`.
    ///
    /// ## Why is this bad?
    /// Identifiers travel between endpoints. An `order.customerId` that is an integer while
    /// `Customer.id` is a uuid cannot be passed back, and an API with integer ids in one place and
    /// uuids in another leaks its storage choices into every client.
    ///
    /// ## Example
    /// ```yaml
    /// Customer: {properties: {id: {type: string, format: uuid}}}
    /// Order: {properties: {customerId: {type: integer}}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// Order: {properties: {customerId: {type: string, format: uuid}}}
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: the type is part of the wire contract.
    pub static RULE = {
        id: "openapi/id-type-inconsistent",
        title: "Identifiers of one kind have different types",
        severity: Warning,
        fix: None,
        essay: ApiConsistency,
    }
}

/// `integer`, `uuid`, `string`, `number`… of a property schema.
fn id_type(api: &Api, at: At) -> Option<String> {
    let s = api.corpus.deref(at).ok()?;
    let ty = match s.node.get("type").map(|n| &n.value) {
        Some(Value::String(t)) => t.clone(),
        Some(Value::Seq(ts)) => ts
            .iter()
            .filter_map(Node::as_str)
            .find(|t| *t != "null")?
            .to_string(),
        _ => return None,
    };
    let format = s.node.get("format").and_then(Node::as_str);
    Some(match (ty.as_str(), format) {
        ("string", Some("uuid")) => "uuid string".into(),
        ("integer", _) => "integer".into(),
        (t, _) => t.into(),
    })
}

/// Report `id`s and `x_id`s whose types disagree.
pub fn check(api: &Api, out: &mut ApiSink) {
    let mut props = Vec::new();
    for e in api.names().iter().filter(|e| e.kind == Kind::Property) {
        let Some(value) = e
            .schema
            .and_then(|s| s.get("properties"))
            .and_then(|p| p.get(&e.name))
        else {
            continue;
        };
        if let Some(t) = id_type(
            api,
            At {
                doc: e.doc,
                node: value,
            },
        ) {
            props.push((e, t));
        }
    }
    let ids: Vec<&(_, String)> = props.iter().filter(|(e, _)| e.name == "id").collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (_, t) in &ids {
        *counts.entry(t.as_str()).or_default() += 1;
    }
    let dominant = counts
        .iter()
        .max_by_key(|&(t, n)| (*n, std::cmp::Reverse(*t)))
        .map(|(t, n)| (*t, *n));
    if let Some((winner, n)) = dominant.filter(|&(_, n)| ids.len() >= 3 && n * 10 >= ids.len() * 6)
    {
        for (e, t) in ids.iter().filter(|(_, t)| t != winner) {
            let msg = format!(
                "`id` is {t} here, but {n} of {} ids in this API are {winner}",
                ids.len()
            );
            out.push(&RULE, e.doc, Finding::new(&RULE, e.span, msg));
        }
    }
    // `customer_id` / `customerId` against `Customer.id`.
    let root = api.root_node();
    let schemas = root
        .get("components")
        .and_then(|c| c.get("schemas"))
        .or_else(|| root.get("definitions"));
    let Some(Value::Map(schemas)) = schemas.map(|n| &n.value) else {
        return;
    };
    let by_name: HashMap<String, &crate::syntax::tree::Entry> =
        schemas.iter().map(|s| (squash(&s.key), s)).collect();
    for (e, t) in &props {
        let Some(owner) = e
            .name
            .strip_suffix("_id")
            .or_else(|| e.name.strip_suffix("Id"))
            .filter(|o| !o.is_empty())
        else {
            continue;
        };
        let Some(target) = by_name.get(&squash(owner)) else {
            continue;
        };
        let Some(id) = target.value.get("properties").and_then(|p| p.get("id")) else {
            continue;
        };
        let Some(expected) = id_type(
            api,
            At {
                doc: api.root,
                node: id,
            },
        ) else {
            continue;
        };
        if *t != expected {
            let msg = format!("`{}` is {t}, but `{}.id` is {expected}", e.name, target.key);
            out.push(&RULE, e.doc, Finding::new(&RULE, e.span, msg));
        }
    }
}
