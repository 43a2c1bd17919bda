//! The logical API: the root description plus everything it references, seen as operations,
//! parameters and responses wherever they live.

use super::document::{At, Corpus};
use crate::diagnostics::Span;
use crate::syntax::tree::{Node, Value};

/// The HTTP methods an OpenAPI path item can hold.
pub const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Which specification a description follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spec {
    /// Swagger 2.0.
    Swagger2,
    /// OpenAPI 3.0.x.
    OpenApi30,
    /// OpenAPI 3.1.x.
    OpenApi31,
}

/// One operation, located in the document that holds it.
#[derive(Clone)]
pub struct Operation<'n> {
    /// Document of the operation map.
    pub doc: usize,
    /// The path template (`/users/{id}`), or the webhook name.
    pub path: &'n str,
    /// The path key, in the root document.
    pub path_key: Span,
    /// The path item (after following a `$ref`), with its document.
    pub item: At<'n>,
    /// The method, lowercase.
    pub method: &'n str,
    /// The method key (`get:`), where operation findings point.
    pub method_key: Span,
    /// The operation map.
    pub node: &'n Node,
    /// Declared under `webhooks` rather than `paths`.
    pub webhook: bool,
    /// The path item's `$ref` in the root document, when the operation lives in another file.
    pub via: super::names::Via,
}

/// One API description and the documents it reaches.
pub struct Api<'a> {
    /// All loaded documents.
    pub corpus: &'a Corpus<'a>,
    /// The root document.
    pub root: usize,
    /// Its specification.
    pub spec: Spec,
    /// Its named elements, collected once for every casing rule.
    names: std::cell::OnceCell<Vec<super::names::Element<'a>>>,
    /// How its names write initialisms: in capitals or not, per name that has any.
    initialism_styles: std::cell::OnceCell<Vec<bool>>,
    /// Its operations, found once for every rule.
    operations: std::cell::OnceCell<Vec<Operation<'a>>>,
    /// Its list operations, analysed once for the pagination rules.
    lists: std::cell::OnceCell<Vec<super::pagination::ListOp<'a>>>,
}

impl<'a> Api<'a> {
    /// The API whose root is document `root`, if it declares `openapi:` or `swagger:`.
    pub fn new(corpus: &'a Corpus<'a>, root: usize) -> Option<Self> {
        let node = &corpus.docs[root].root;
        let spec = if let Some(v) = node.get("openapi").and_then(Node::as_str) {
            if v.starts_with("3.1") {
                Spec::OpenApi31
            } else {
                Spec::OpenApi30
            }
        } else if node.get("swagger").is_some() {
            Spec::Swagger2
        } else {
            return None;
        };
        Some(Self {
            corpus,
            root,
            spec,
            names: std::cell::OnceCell::new(),
            initialism_styles: std::cell::OnceCell::new(),
            operations: std::cell::OnceCell::new(),
            lists: std::cell::OnceCell::new(),
        })
    }

    /// Every named element of the API (properties, parameters, headers, path segments,
    /// operationIds, enum values, schema names).
    pub fn names(&self) -> &[super::names::Element<'a>] {
        self.names.get_or_init(|| super::names::collect(self))
    }

    /// For each name that contains an initialism, whether it writes it in capitals.
    pub fn initialism_styles(&self) -> &[bool] {
        self.initialism_styles.get_or_init(|| {
            self.names()
                .iter()
                .filter_map(|e| super::casing::initialism_style(&e.name))
                .collect()
        })
    }

    /// The root document's tree.
    pub fn root_node(&self) -> &'a Node {
        &self.corpus.docs[self.root].root
    }

    /// Every operation under `paths` (and `webhooks` in 3.1), in document order. Path items given
    /// by `$ref` are followed; ones that do not resolve are skipped (`unresolved-ref` reports them).
    pub fn operations(&self) -> &[Operation<'a>] {
        self.operations.get_or_init(|| self.find_operations())
    }

    /// Every list operation (see [`super::pagination::list_operations`]).
    pub fn lists(&self) -> &[super::pagination::ListOp<'a>] {
        self.lists
            .get_or_init(|| super::pagination::list_operations(self))
    }

    fn find_operations(&self) -> Vec<Operation<'a>> {
        let mut out = Vec::new();
        for (section, webhook) in [("paths", false), ("webhooks", true)] {
            let Some(Value::Map(items)) = self.root_node().get(section).map(|n| &n.value) else {
                continue;
            };
            for item in items {
                let Ok(at) = self.corpus.deref(At {
                    doc: self.root,
                    node: &item.value,
                }) else {
                    continue;
                };
                let via = item
                    .value
                    .entry("$ref")
                    .filter(|_| at.doc != self.root)
                    .map(|r| (self.root, r.value.span));
                let Value::Map(entries) = &at.node.value else {
                    continue;
                };
                for e in entries.iter().filter(|e| METHODS.contains(&e.key.as_str())) {
                    out.push(Operation {
                        doc: at.doc,
                        path: item.key.as_str(),
                        path_key: item.key_span,
                        item: at,
                        method: e.key.as_str(),
                        method_key: e.key_span,
                        node: &e.value,
                        webhook,
                        via,
                    });
                }
            }
        }
        out
    }
}
