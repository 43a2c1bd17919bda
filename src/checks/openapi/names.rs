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
}

fn exempt(name: &str) -> bool {
    !super::casing::has_letters(name) || name.starts_with(['_', '$', '@']) || name.starts_with("x-")
}

struct Collector<'a, 'n> {
    api: &'a Api<'n>,
    out: Vec<Element<'n>>,
    seen: HashSet<(usize, usize)>,
    schemas: Vec<At<'n>>,
}

impl<'n> Collector<'_, 'n> {
    fn push(&mut self, kind: Kind, name: &str, doc: usize, span: Span, schema: Option<&'n Node>) {
        if exempt(name) || !self.seen.insert((doc, span.start)) && kind != Kind::PathSegment {
            return;
        }
        self.out.push(Element {
            kind,
            name: name.to_string(),
            doc,
            span,
            schema,
        });
    }

    fn deref(&self, at: At<'n>) -> Option<At<'n>> {
        self.api.corpus.deref(at).ok()
    }

    fn parameter(&mut self, at: At<'n>) {
        let Some(p) = self.deref(at) else { return };
        let Some(name) = p.node.entry("name") else {
            return;
        };
        let Some(text) = name.value.as_str() else {
            return;
        };
        match p.node.get("in").and_then(Node::as_str) {
            Some("header") if !is_standard_header(text) => {
                self.push(Kind::Header, text, p.doc, name.value.span, None)
            }
            Some("header") => {}
            Some("query" | "path" | "cookie" | "formData") => {
                self.push(Kind::Parameter, text, p.doc, name.value.span, None)
            }
            _ => {}
        }
        for key in ["schema"] {
            if let Some(s) = p.node.get(key) {
                self.schemas.push(At {
                    doc: p.doc,
                    node: s,
                });
            }
        }
        self.content(p);
    }

    /// `content: {media: {schema}}` (3.x) or `schema` (2.0) of a body, response or parameter.
    fn content(&mut self, at: At<'n>) {
        if let Some(Value::Map(media)) = at.node.get("content").map(|n| &n.value) {
            for m in media {
                if let Some(s) = m.value.get("schema") {
                    self.schemas.push(At {
                        doc: at.doc,
                        node: s,
                    });
                }
            }
        }
        if self.api.spec == Spec::Swagger2
            && let Some(s) = at.node.get("schema")
        {
            self.schemas.push(At {
                doc: at.doc,
                node: s,
            });
        }
    }

    fn response(&mut self, at: At<'n>) {
        let Some(r) = self.deref(at) else { return };
        self.content(r);
        if let Some(Value::Map(headers)) = r.node.get("headers").map(|n| &n.value) {
            for h in headers {
                if !is_standard_header(&h.key) {
                    self.push(Kind::Header, &h.key, r.doc, h.key_span, None);
                }
                if let Some(hd) = self.deref(At {
                    doc: r.doc,
                    node: &h.value,
                }) {
                    self.content(hd);
                    if let Some(s) = hd.node.get("schema") {
                        self.schemas.push(At {
                            doc: hd.doc,
                            node: s,
                        });
                    }
                }
            }
        }
    }

    fn schema_walk(&mut self) {
        let mut visited: HashSet<(usize, usize)> = HashSet::new();
        while let Some(at) = self.schemas.pop() {
            let Some(s) = self.deref(at) else { continue };
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
                            self.push(Kind::Property, &p.key, s.doc, p.key_span, Some(s.node));
                            self.schemas.push(At {
                                doc: s.doc,
                                node: &p.value,
                            });
                        }
                    }
                    (
                        "items" | "additionalProperties" | "not" | "contains" | "propertyNames",
                        Value::Map(_),
                    ) => {
                        self.schemas.push(At {
                            doc: s.doc,
                            node: &e.value,
                        });
                    }
                    ("allOf" | "anyOf" | "oneOf" | "prefixItems" | "items", Value::Seq(items)) => {
                        self.schemas.extend(items.iter().map(|n| At {
                            doc: s.doc,
                            node: n,
                        }));
                    }
                    ("enum", Value::Seq(values)) => {
                        for v in values {
                            if let Value::String(text) = &v.value
                                && !text.contains(' ')
                                && text.parse::<f64>().is_err()
                            {
                                self.push(Kind::EnumValue, text, s.doc, v.span, None);
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
                c.push(Kind::SchemaName, &s.key, api.root, s.key_span, None);
                c.schemas.push(At {
                    doc: api.root,
                    node: &s.value,
                });
            }
        }
    }
    let mut paths_seen = HashSet::new();
    for op in api.operations() {
        if let Some(id) = op.node.entry("operationId")
            && let Some(text) = id.value.as_str()
        {
            c.push(Kind::OperationId, text, op.doc, id.value.span, None);
        }
        if !op.webhook && paths_seen.insert(op.path_key.start) {
            for seg in segments(op.path) {
                c.push(Kind::PathSegment, seg, api.root, op.path_key, None);
            }
            if let Some(Value::Seq(params)) = op.item.node.get("parameters").map(|n| &n.value) {
                for p in params {
                    c.parameter(At {
                        doc: op.item.doc,
                        node: p,
                    });
                }
            }
        }
        if let Some(Value::Seq(params)) = op.node.get("parameters").map(|n| &n.value) {
            for p in params {
                c.parameter(At {
                    doc: op.doc,
                    node: p,
                });
            }
        }
        if let Some(body) = op.node.get("requestBody")
            && let Some(b) = c.deref(At {
                doc: op.doc,
                node: body,
            })
        {
            c.content(b);
        }
        if let Some(Value::Map(responses)) = op.node.get("responses").map(|n| &n.value) {
            for r in responses {
                c.response(At {
                    doc: op.doc,
                    node: &r.value,
                });
            }
        }
    }
    let components = root.get("components");
    for (section, is_param) in [
        ("parameters", true),
        ("responses", false),
        ("headers", false),
        ("requestBodies", false),
    ] {
        let holder = components.and_then(|n| n.get(section)).or_else(|| {
            (api.spec == Spec::Swagger2)
                .then(|| root.get(section))
                .flatten()
        });
        if let Some(Value::Map(items)) = holder.map(|n| &n.value) {
            for item in items {
                let at = At {
                    doc: api.root,
                    node: &item.value,
                };
                match (is_param, section) {
                    (true, _) => c.parameter(at),
                    (false, "headers") => {
                        if let Some(s) = item.value.get("schema") {
                            c.schemas.push(At {
                                doc: api.root,
                                node: s,
                            });
                        }
                    }
                    (false, "requestBodies") => c.content(at),
                    _ => c.response(at),
                }
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
