//! What operations return and accept, seen through `$ref`s and `allOf`: success and error
//! responses, body schemas, their shape (array, envelope), parameters by role.

use super::api::{Api, Operation, Spec};
use super::document::At;
use crate::diagnostics::Span;
use crate::syntax::tree::{Entry, Node, Value};

/// A response of an operation.
#[derive(Clone, Copy)]
pub struct Response<'n> {
    /// The status code key (`"200"`, `default`, `4XX`).
    pub code: &'n Entry,
    /// The response object, after `$ref`s, with its document.
    pub at: At<'n>,
}

impl<'n> Response<'n> {
    /// The status text.
    pub fn status(&self) -> &'n str {
        &self.code.key
    }

    /// The body schema and the span of its `schema:` key, preferring JSON media types.
    pub fn schema(&self, api: &Api<'n>) -> Option<(At<'n>, Span)> {
        let node = self.at.node;
        let entry = if api.spec == Spec::Swagger2 {
            node.entry("schema")
        } else {
            let Value::Map(media) = &node.get("content")?.value else {
                return None;
            };
            let pick = media
                .iter()
                .find(|m| m.key.contains("json"))
                .or_else(|| media.first())?;
            pick.value.entry("schema")
        }?;
        Some((
            At {
                doc: self.at.doc,
                node: &entry.value,
            },
            entry.key_span,
        ))
    }

    /// The names of its response headers.
    pub fn header_names(&self) -> Vec<&'n str> {
        match self.at.node.get("headers").map(|n| &n.value) {
            Some(Value::Map(h)) => h.iter().map(|e| e.key.as_str()).collect(),
            _ => Vec::new(),
        }
    }
}

/// Every response of `op`, after `$ref`s (responses that do not resolve are skipped).
pub fn responses<'n>(api: &Api<'n>, op: &Operation<'n>) -> Vec<Response<'n>> {
    let Some(Value::Map(codes)) = op.node.get("responses").map(|n| &n.value) else {
        return Vec::new();
    };
    codes
        .iter()
        .filter_map(|code| {
            let at = api
                .corpus
                .deref(At {
                    doc: op.doc,
                    node: &code.value,
                })
                .ok()?;
            Some(Response { code, at })
        })
        .collect()
}

/// The first success (2xx) response, preferring 200.
pub fn success<'n>(api: &Api<'n>, op: &Operation<'n>) -> Option<Response<'n>> {
    let all = responses(api, op);
    let ok = |r: &&Response| r.status().starts_with('2');
    all.iter()
        .find(|r| r.status() == "200")
        .or_else(|| all.iter().find(ok))
        .copied()
}

/// True for 4xx, 5xx and `default` responses.
pub fn is_error(status: &str) -> bool {
    status.starts_with('4') || status.starts_with('5') || status == "default"
}

/// A parameter of an operation (path-item parameters included), after `$ref`s.
#[derive(Clone, Copy)]
pub struct Param<'n> {
    /// Its name.
    pub name: &'n str,
    /// Where it is: `query`, `header`, `path`, `cookie`, `body`, `formData`.
    pub location: &'n str,
    /// The `name:` value, where findings point.
    pub name_span: Span,
    /// The parameter object.
    pub at: At<'n>,
}

impl<'n> Param<'n> {
    /// The node that holds `type`, `maximum`…: the schema (3.x) or the parameter itself (2.0).
    pub fn constraints(&self, api: &Api<'n>) -> Option<At<'n>> {
        match self.at.node.get("schema") {
            Some(s) => api
                .corpus
                .deref(At {
                    doc: self.at.doc,
                    node: s,
                })
                .ok(),
            None => Some(self.at),
        }
    }
}

/// Every parameter of `op`, the operation's own overriding the path item's of the same name.
pub fn params<'n>(api: &Api<'n>, op: &Operation<'n>) -> Vec<Param<'n>> {
    let mut out: Vec<Param<'n>> = Vec::new();
    for (holder, doc) in [(op.node, op.doc), (op.item.node, op.item.doc)] {
        let Some(Value::Seq(list)) = holder.get("parameters").map(|n| &n.value) else {
            continue;
        };
        for p in list {
            let Ok(at) = api.corpus.deref(At { doc, node: p }) else {
                continue;
            };
            let (Some(name), Some(location)) = (
                at.node.entry("name"),
                at.node.get("in").and_then(Node::as_str),
            ) else {
                continue;
            };
            let Some(text) = name.value.as_str() else {
                continue;
            };
            if !out.iter().any(|q| q.name == text && q.location == location) {
                out.push(Param {
                    name: text,
                    location,
                    name_span: name.value.span,
                    at,
                });
            }
        }
    }
    out
}

/// The shape of a body schema.
pub enum Shape<'n> {
    /// A bare array; `max_items` when bounded.
    Array {
        /// `maxItems`.
        max_items: Option<u64>,
    },
    /// An object with an array property (an envelope).
    Envelope {
        /// The array property.
        items: &'n str,
        /// Its `maxItems`.
        max_items: Option<u64>,
        /// Every property name of the envelope (and nested one level, as `a.b`).
        properties: Vec<String>,
    },
    /// Anything else.
    Other,
}

fn max_items(node: &Node) -> Option<u64> {
    node.get("maxItems")
        .and_then(Node::as_str)
        .and_then(|s| s.parse().ok())
}

fn is_array(node: &Node) -> bool {
    match node.get("type").map(|n| &n.value) {
        Some(Value::String(t)) => t == "array",
        Some(Value::Seq(ts)) => ts.iter().any(|t| t.as_str() == Some("array")),
        _ => node.get("items").is_some(),
    }
}

/// The properties of an object schema, merged through `allOf`, each after `$ref`s.
pub fn properties<'n>(api: &Api<'n>, schema: At<'n>) -> Vec<(&'n Entry, At<'n>)> {
    let mut out = Vec::new();
    let mut stack = vec![schema];
    let mut visited = std::collections::HashSet::new();
    while let Some(at) = stack.pop() {
        let Ok(s) = api.corpus.deref(at) else {
            continue;
        };
        // `allOf` may lead back to a schema already merged.
        if !visited.insert((s.doc, s.node.span.start)) {
            continue;
        }
        if let Some(Value::Map(props)) = s.node.get("properties").map(|n| &n.value) {
            for p in props {
                let own = At {
                    doc: s.doc,
                    node: &p.value,
                };
                out.push((p, api.corpus.deref(own).unwrap_or(own)));
            }
        }
        if let Some(Value::Seq(parts)) = s.node.get("allOf").map(|n| &n.value) {
            stack.extend(parts.iter().rev().map(|n| At {
                doc: s.doc,
                node: n,
            }));
        }
    }
    out
}

/// The shape of `schema`.
pub fn shape<'n>(api: &Api<'n>, schema: At<'n>) -> Shape<'n> {
    let Ok(s) = api.corpus.deref(schema) else {
        return Shape::Other;
    };
    if is_array(s.node) {
        return Shape::Array {
            max_items: max_items(s.node),
        };
    }
    let props = properties(api, s);
    let Some((items, target)) = props.iter().find(|(_, t)| is_array(t.node)) else {
        return Shape::Other;
    };
    let mut names: Vec<String> = Vec::new();
    for (p, t) in &props {
        names.push(p.key.clone());
        for (inner, _) in properties(api, *t).iter().filter(|_| !is_array(t.node)) {
            names.push(format!("{}.{}", p.key, inner.key));
        }
    }
    Shape::Envelope {
        items: &items.key,
        max_items: max_items(target.node),
        properties: names,
    }
}

/// A name with casing and separators removed: `page_size`, `pageSize`, `page[size]` and
/// `Page-Size` all give `pagesize`.
pub fn squash(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// True when `name` squashes to one of `squashed` (which must be lowercase, without separators).
pub fn named_any(name: &str, squashed: &[&str]) -> bool {
    let s = squash(name);
    squashed.contains(&s.as_str())
}
