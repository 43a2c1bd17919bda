//! Every name an API chooses, with where it is written: the input of the casing rules.

use super::api::{Api, Spec};
use super::casing::is_standard_header;
use super::document::At;
use crate::diagnostics::Span;
use crate::syntax::tree::{Node, Value};
use std::collections::HashSet;

/// What kind of name it is; each kind has its own convention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A schema property.
    Property,
    /// A query, path or cookie parameter.
    Parameter,
    /// A header parameter or response header.
    Header,
    /// A static path segment.
    PathSegment,
    /// An `operationId`.
    OperationId,
    /// A string `enum` value.
    EnumValue,
    /// A component (3.x) or definition (2.0) schema name.
    SchemaName,
}

/// Where the walk crossed into another document: the `$ref` (document, span) that led there.
pub type Via = Option<(usize, Span)>;

/// One name and where it is written.
#[derive(Debug, Clone)]
pub struct Element<'n> {
    /// Its kind.
    pub kind: Kind,
    /// The name.
    pub name: String,
    /// The document holding it.
    pub doc: usize,
    /// The key or value where the finding points (the whole path key for a path segment).
    pub span: Span,
    /// For a property, the schema whose `properties` hold it (for `required` and discriminators).
    pub schema: Option<&'n Node>,
    /// The `$ref` through which the walk last entered another document.
    pub via: Via,
}

fn exempt(name: &str) -> bool {
    !super::casing::has_letters(name) || name.starts_with(['_', '$', '@']) || name.starts_with("x-")
}

struct Collector<'a, 'n> {
    api: &'a Api<'n>,
    out: Vec<Element<'n>>,
    seen: HashSet<(usize, usize)>,
    schemas: Vec<(At<'n>, Via)>,
}

impl<'n> Collector<'_, 'n> {
    fn push(
        &mut self,
        kind: Kind,
        name: &str,
        (doc, span): (usize, Span),
        schema: Option<&'n Node>,
        via: Via,
    ) {
        // Path segments share their path's span; the others are written once each.
        if exempt(name) || !self.seen.insert((doc, span.start)) && kind != Kind::PathSegment {
            return;
        }
        self.out.push(Element {
            kind,
            name: name.to_string(),
            doc,
            span,
            schema,
            via,
        });
    }

    /// Follow `$ref`s, remembering the last one that entered another document.
    fn deref(&self, at: At<'n>, mut via: Via) -> Option<(At<'n>, Via)> {
        let mut cur = at;
        for _ in 0..64 {
            let Some(r) = cur.node.entry("$ref") else {
                return Some((cur, via));
            };
            let Some(text) = r.value.as_str() else {
                return Some((cur, via));
            };
            let next = self.api.corpus.resolve(cur.doc, text).ok()?;
            if next.doc != cur.doc {
                via = Some((cur.doc, r.value.span));
            }
            cur = next;
        }
        None
    }

    fn schema(&mut self, doc: usize, node: &'n Node, via: Via) {
        self.schemas.push((At { doc, node }, via));
    }

    fn parameter(&mut self, at: At<'n>, via: Via) {
        let Some((p, via)) = self.deref(at, via) else {
            return;
        };
        let Some(name) = p.node.entry("name") else {
            return;
        };
        let Some(text) = name.value.as_str() else {
            return;
        };
        let kind = match p.node.get("in").and_then(Node::as_str) {
            Some("header") if !is_standard_header(text) => Some(Kind::Header),
            Some("query" | "path" | "cookie" | "formData") => Some(Kind::Parameter),
            _ => None,
        };
        if let Some(kind) = kind {
            self.push(kind, text, (p.doc, name.value.span), None, via);
        }
        if let Some(s) = p.node.get("schema") {
            self.schema(p.doc, s, via);
        }
        self.content(p, via);
    }

    /// `content: {media: {schema}}` (3.x) or `schema` (2.0) of a body, response or parameter.
    fn content(&mut self, at: At<'n>, via: Via) {
        if let Some(Value::Map(media)) = at.node.get("content").map(|n| &n.value) {
            for m in media {
                if let Some(s) = m.value.get("schema") {
                    self.schema(at.doc, s, via);
                }
            }
        }
        if self.api.spec == Spec::Swagger2
            && let Some(s) = at.node.get("schema")
        {
            self.schema(at.doc, s, via);
        }
    }

    fn response(&mut self, at: At<'n>, via: Via) {
        let Some((r, via)) = self.deref(at, via) else {
            return;
        };
        self.content(r, via);
        let Some(Value::Map(headers)) = r.node.get("headers").map(|n| &n.value) else {
            return;
        };
        for h in headers {
            if !is_standard_header(&h.key) {
                self.push(Kind::Header, &h.key, (r.doc, h.key_span), None, via);
            }
            if let Some((hd, hvia)) = self.deref(
                At {
                    doc: r.doc,
                    node: &h.value,
                },
                via,
            ) {
                self.content(hd, hvia);
                if let Some(s) = hd.node.get("schema") {
                    self.schema(hd.doc, s, hvia);
                }
            }
        }
    }

    fn schema_walk(&mut self) {
        let mut visited: HashSet<(usize, usize)> = HashSet::new();
        while let Some((at, via)) = self.schemas.pop() {
            let Some((s, via)) = self.deref(at, via) else {
                continue;
            };
            if !visited.insert((s.doc, s.node.span.start)) {
                continue;
            }
            let Value::Map(entries) = &s.node.value else {
                continue;
            };
            for e in entries {
                match (e.key.as_str(), &e.value.value) {
                    ("properties", Value::Map(props)) => {
                        for p in props {
                            self.push(
                                Kind::Property,
                                &p.key,
                                (s.doc, p.key_span),
                                Some(s.node),
                                via,
                            );
                            self.schema(s.doc, &p.value, via);
                        }
                    }
                    (
                        "items" | "additionalProperties" | "not" | "contains" | "propertyNames",
                        Value::Map(_),
                    ) => {
                        self.schema(s.doc, &e.value, via);
                    }
                    ("allOf" | "anyOf" | "oneOf" | "prefixItems" | "items", Value::Seq(items)) => {
                        for n in items {
                            self.schema(s.doc, n, via);
                        }
                    }
                    ("enum", Value::Seq(values)) => {
                        for v in values {
                            if let Value::String(text) = &v.value
                                && !text.contains(' ')
                                && text.parse::<f64>().is_err()
                            {
                                self.push(Kind::EnumValue, text, (s.doc, v.span), None, via);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}

/// The static segments of a path template: `/v1/user-accounts/{id}:batchGet` → `v1`,
/// `user-accounts`. Parameters, custom verbs and file-like segments (`.well-known`,
/// `openapi.json`) are not names the API chose in a casing.
fn segments(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter_map(|seg| {
        let seg = seg.split(':').next().unwrap_or(seg);
        (!seg.is_empty() && !seg.contains(['{', '}', '.'])).then_some(seg)
    })
}

/// Collect every name of `api`.
pub fn collect<'n>(api: &Api<'n>) -> Vec<Element<'n>> {
    let mut c = Collector {
        api,
        out: Vec::new(),
        seen: HashSet::new(),
        schemas: Vec::new(),
    };
    let root = api.root_node();
    for section in [
        root.get("components").and_then(|n| n.get("schemas")),
        root.get("definitions"),
    ] {
        if let Some(Value::Map(schemas)) = section.map(|n| &n.value) {
            for s in schemas {
                c.push(Kind::SchemaName, &s.key, (api.root, s.key_span), None, None);
                c.schema(api.root, &s.value, None);
            }
        }
    }
    let mut paths_seen = HashSet::new();
    for op in api.operations() {
        let via = op.via;
        if let Some(id) = op.node.entry("operationId")
            && let Some(text) = id.value.as_str()
        {
            c.push(Kind::OperationId, text, (op.doc, id.value.span), None, via);
        }
        if !op.webhook && paths_seen.insert(op.path_key.start) {
            for seg in segments(op.path) {
                c.push(Kind::PathSegment, seg, (api.root, op.path_key), None, None);
            }
            if let Some(Value::Seq(params)) = op.item.node.get("parameters").map(|n| &n.value) {
                for p in params {
                    c.parameter(
                        At {
                            doc: op.item.doc,
                            node: p,
                        },
                        via,
                    );
                }
            }
        }
        if let Some(Value::Seq(params)) = op.node.get("parameters").map(|n| &n.value) {
            for p in params {
                c.parameter(
                    At {
                        doc: op.doc,
                        node: p,
                    },
                    via,
                );
            }
        }
        if let Some(body) = op.node.get("requestBody")
            && let Some((b, bvia)) = c.deref(
                At {
                    doc: op.doc,
                    node: body,
                },
                via,
            )
        {
            c.content(b, bvia);
        }
        if let Some(Value::Map(responses)) = op.node.get("responses").map(|n| &n.value) {
            for r in responses {
                c.response(
                    At {
                        doc: op.doc,
                        node: &r.value,
                    },
                    via,
                );
            }
        }
    }
    let components = root.get("components");
    for section in ["parameters", "responses", "headers", "requestBodies"] {
        let holder = components.and_then(|n| n.get(section)).or_else(|| {
            (api.spec == Spec::Swagger2)
                .then(|| root.get(section))
                .flatten()
        });
        let Some(Value::Map(items)) = holder.map(|n| &n.value) else {
            continue;
        };
        for item in items {
            let at = At {
                doc: api.root,
                node: &item.value,
            };
            match section {
                "parameters" => c.parameter(at, None),
                "headers" => {
                    if let Some(s) = item.value.get("schema") {
                        c.schema(api.root, s, None);
                    }
                }
                "requestBodies" => c.content(at, None),
                _ => c.response(at, None),
            }
        }
    }
    c.schema_walk();
    c.out
}

#[cfg(test)]
mod tests {
    #[test]
    fn path_segments() {
        let got: Vec<&str> =
            super::segments("/v1/user-accounts/{id}/things:batchGet/.well-known/openapi.json")
                .collect();
        assert_eq!(got, ["v1", "user-accounts", "things"]);
    }
}
