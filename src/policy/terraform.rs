//! The input document of a Terraform module: every `.tf` file of one directory, because real
//! patterns cross files (a bucket in one file, its encryption resource in another). What can be
//! known is evaluated: literals, variable defaults, locals, `jsonencode` and heredoc JSON (so IAM
//! statements are data), conditionals with known conditions, and `dynamic` blocks over known
//! collections. Anything else is `{"unknown": "<source text>"}`, which equals no literal, so a
//! policy comparing values stays quiet about it.
//!
//! `atlas9 policy input DIR` prints it; the Terraform policies that will read it come next.

use super::locate::Step;
use super::{arr, obj};
use crate::diagnostics::Span;
use hcl_edit::Span as _;
use hcl_edit::expr::{Expression, ObjectKey, TraversalOperator};
use hcl_edit::structure::{Block, Body, Structure};
use hcl_edit::template::Element;
use regorus::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// How deep locals may refer to locals before the value is unknown (a cycle, or a trap).
const MAX_DEPTH: usize = 32;

/// Deeper than any real configuration; bounds the parser's recursion.
const MAX_NESTING: usize = 256;

/// The deepest nesting of brackets and braces in `text`, outside strings and comments.
fn nesting_depth(text: &str) -> usize {
    let b = text.as_bytes();
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0);
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' && b[i] != b'\n' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'#' => i = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n),
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n);
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = memchr::memmem::find(&b[i + 2..], b"*/").map_or(b.len(), |n| i + n + 3);
            }
            b'[' | b'{' | b'(' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' | b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    deepest
}

/// A parsed file of the module.
struct File<'t> {
    rel: &'t str,
    text: &'t str,
    body: Body,
}

/// Where a path of the document is written: the file (an index into the module's files) and
/// the span (an attribute's value, or a block's header).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// Which file.
    pub file: usize,
    /// Which bytes.
    pub span: Span,
}

/// A module's document and where its values are written.
#[derive(Debug)]
pub struct Module {
    /// The input document.
    pub doc: Value,
    /// The files, in the order [`Place::file`] counts them.
    pub files: Vec<String>,
    /// Paths of the document and their places in the files.
    pub index: HashMap<Vec<Step>, Place>,
}

impl Module {
    /// The place of `path`, or of its longest prefix written in the files (a missing attribute
    /// is reported at its block, a block at its resource), with how many steps of `path` that
    /// prefix has.
    pub fn locate(&self, path: &[Step]) -> Option<(Place, usize)> {
        (1..=path.len())
            .rev()
            .find_map(|n| self.index.get(&path[..n]).map(|p| (*p, n)))
    }
}

fn key(k: &str) -> Step {
    Step::Key(k.to_string())
}

fn span_of(range: Option<std::ops::Range<usize>>) -> Span {
    range.map_or(Span::default(), |r| Span::new(r.start, r.end))
}

/// A file of a module that cannot be read as HCL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    /// Which file (an index into the files given).
    pub file: usize,
    /// Where in it, in bytes.
    pub offset: usize,
    /// The file's path, then the line and what is wrong.
    pub message: String,
}

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// The document of the module in `dir` made of `files` (path relative to the repository, text).
/// A file that is not valid HCL is an error naming it and the line.
pub fn document(dir: &str, files: &[(&str, &str)]) -> Result<Module, Invalid> {
    let mut parsed = Vec::new();
    for (file, (rel, text)) in files.iter().enumerate() {
        // The parser recurses: a hostile nesting depth must stop before it.
        if nesting_depth(text) > MAX_NESTING {
            return Err(Invalid {
                file,
                offset: 0,
                message: format!("{rel}: nested more than {MAX_NESTING} levels deep"),
            });
        }
        let body = hcl_edit::parser::parse_body(text).map_err(|e| {
            let loc = e.location();
            Invalid {
                file,
                offset: loc.offset().min(text.len()),
                message: format!("{rel}:{}: invalid HCL: {}", loc.line(), e.message()),
            }
        })?;
        parsed.push(File { rel, text, body });
    }
    let mut builder = Builder {
        files: &parsed,
        variables: HashMap::new(),
        locals: HashMap::new(),
        index: HashMap::new(),
    };
    for (i, f) in parsed.iter().enumerate() {
        for block in f.body.blocks() {
            match block.ident.as_str() {
                "variable" => {
                    if let (Some(name), Some(default)) =
                        (label(block, 0), block.body.get_attribute("default"))
                    {
                        builder.variables.insert(name, (i, &default.value));
                    }
                }
                "locals" => {
                    for attr in block.body.attributes() {
                        builder.locals.insert(attr.key.as_str(), (i, &attr.value));
                    }
                }
                _ => {}
            }
        }
    }
    Ok(builder.build(dir))
}

fn label(block: &Block, n: usize) -> Option<&str> {
    block.labels.get(n).map(|l| l.as_str())
}

/// Values bound while evaluating: a `dynamic` block's iterator.
#[derive(Clone, Default)]
struct Bindings {
    vars: Vec<(String, Value)>,
}

struct Builder<'a> {
    files: &'a [File<'a>],
    variables: HashMap<&'a str, (usize, &'a Expression)>,
    locals: HashMap<&'a str, (usize, &'a Expression)>,
    index: HashMap<Vec<Step>, Place>,
}

impl<'a> Builder<'a> {
    fn build(mut self, dir: &str) -> Module {
        let mut resources = BTreeMap::new();
        let mut data = BTreeMap::new();
        let mut modules = BTreeMap::new();
        let mut providers = Vec::new();
        let mut variables = BTreeMap::new();
        let mut locals = BTreeMap::new();
        let mut backend = Value::Null;
        let mut required_providers = Value::new_object();
        let files = self.files;
        for (i, f) in files.iter().enumerate() {
            for block in f.body.blocks() {
                let header = Place {
                    file: i,
                    span: header_span(block),
                };
                match (block.ident.as_str(), label(block, 0), label(block, 1)) {
                    (kind @ ("resource" | "data"), Some(ty), Some(name)) => {
                        let address = format!("{ty}.{name}");
                        let section = if kind == "resource" {
                            "resources"
                        } else {
                            "data"
                        };
                        let path = vec![key(section), key(&address)];
                        self.index.insert(path.clone(), header);
                        let mut config_path = path;
                        config_path.push(key("config"));
                        self.index.insert(config_path.clone(), header);
                        let config = self.body(i, &block.body, &config_path, &Bindings::default());
                        let repeated = ["count", "for_each"]
                            .into_iter()
                            .find(|k| block.body.has_attribute(k))
                            .map_or(Value::Null, Value::from);
                        let entry = obj([
                            ("type", Value::from(ty)),
                            ("name", Value::from(name)),
                            ("address", Value::from(address.as_str())),
                            ("file", Value::from(f.rel)),
                            ("repeated", repeated),
                            ("config", config),
                        ]);
                        let target = if kind == "resource" {
                            &mut resources
                        } else {
                            &mut data
                        };
                        target.insert(Value::from(address), entry);
                    }
                    ("module", Some(name), _) => {
                        let path = vec![key("modules"), key(name)];
                        self.index.insert(path.clone(), header);
                        let config = self.body(i, &block.body, &path, &Bindings::default());
                        let mut entry = config;
                        if let Ok(o) = entry.as_object_mut() {
                            o.insert(Value::from("file"), Value::from(f.rel));
                        }
                        modules.insert(Value::from(name), entry);
                    }
                    ("provider", Some(name), _) => {
                        let path = vec![key("providers"), Step::Index(providers.len())];
                        self.index.insert(path.clone(), header);
                        let config = self.body(i, &block.body, &path, &Bindings::default());
                        let mut entry = config;
                        if let Ok(o) = entry.as_object_mut() {
                            o.insert(Value::from("_name"), Value::from(name));
                            o.insert(Value::from("file"), Value::from(f.rel));
                        }
                        providers.push(entry);
                    }
                    ("variable", Some(name), _) => {
                        let default = block
                            .body
                            .get_attribute("default")
                            .map_or(Value::Null, |a| {
                                self.eval(i, &a.value, &Bindings::default(), 0)
                            });
                        variables.insert(Value::from(name), obj([("default", default)]));
                    }
                    ("locals", _, _) => {
                        for attr in block.body.attributes() {
                            let v = self.eval(i, &attr.value, &Bindings::default(), 0);
                            locals.insert(Value::from(attr.key.as_str()), v);
                        }
                    }
                    ("terraform", _, _) => {
                        self.index.entry(vec![key("terraform")]).or_insert(header);
                        for inner in block.body.blocks() {
                            match (inner.ident.as_str(), label(inner, 0)) {
                                // HCP Terraform keeps the state remotely, as a backend does.
                                (kind @ ("backend" | "cloud"), ty) => {
                                    let ty = if kind == "cloud" { Some("cloud") } else { ty };
                                    let Some(ty) = ty else { continue };
                                    let path = vec![key("terraform"), key("backend")];
                                    self.index.insert(
                                        path.clone(),
                                        Place {
                                            file: i,
                                            span: header_span(inner),
                                        },
                                    );
                                    let mut config =
                                        self.body(i, &inner.body, &path, &Bindings::default());
                                    if let Ok(o) = config.as_object_mut() {
                                        o.insert(Value::from("type"), Value::from(ty));
                                    }
                                    backend = config;
                                }
                                ("required_providers", _) => {
                                    let path = vec![key("terraform"), key("required_providers")];
                                    required_providers =
                                        self.body(i, &inner.body, &path, &Bindings::default());
                                }
                                _ => {}
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        // Resources by type, so a policy visits only the resources it is about.
        let mut by_type: BTreeMap<Value, Vec<Value>> = BTreeMap::new();
        for r in resources.values() {
            by_type
                .entry(r["type"].clone())
                .or_default()
                .push(r.clone());
        }
        let types: BTreeSet<Value> = by_type.keys().cloned().collect();
        let aws_ingress = super::ingress::rules(&by_type);
        let ebs_volumes = super::ebs::volumes(&by_type);
        let by_type: BTreeMap<Value, Value> = by_type
            .into_iter()
            .map(|(k, v)| (k, Value::from(v)))
            .collect();
        let doc = obj([
            ("kind", Value::from("terraform")),
            ("by_type", Value::from(by_type)),
            // The types as a set, so a policy about many types intersects them with its own.
            ("types", Value::from(types)),
            ("path", Value::from(dir)),
            // A module under a `modules/` directory is a child module; a run also marks the
            // modules other modules call by a local path.
            ("root", Value::from(!dir.split('/').any(|s| s == "modules"))),
            ("files", arr(files.iter().map(|f| Value::from(f.rel)))),
            ("iam_statements", super::iam::statements(&resources, &data)),
            ("aws_ingress", aws_ingress),
            ("ebs_volumes", ebs_volumes),
            ("bucket_resources", super::buckets::resources(&resources)),
            ("resources", Value::from(resources)),
            ("data", Value::from(data)),
            ("module_sources", super::module_sources::sources(&modules)),
            ("modules", Value::from(modules)),
            ("providers", Value::from(providers)),
            (
                "provider_versions",
                super::versions::providers(&required_providers),
            ),
            ("variables", Value::from(variables)),
            ("locals", Value::from(locals)),
            (
                "terraform",
                obj([
                    ("backend", backend),
                    ("required_providers", required_providers),
                ]),
            ),
        ]);
        Module {
            doc,
            files: files.iter().map(|f| f.rel.to_string()).collect(),
            index: self.index,
        }
    }

    /// A block body as an object: attributes by name, nested blocks as lists by type, `dynamic`
    /// blocks expanded into their type when the collection is known.
    fn body(&mut self, file: usize, body: &'a Body, path: &[Step], env: &Bindings) -> Value {
        let mut out: BTreeMap<Value, Value> = BTreeMap::new();
        let mut blocks: BTreeMap<String, Vec<Value>> = BTreeMap::new();
        for structure in body.iter() {
            match structure {
                Structure::Attribute(attr) => {
                    let name = attr.key.as_str();
                    let mut p = path.to_vec();
                    p.push(key(name));
                    self.index_literal(file, &attr.value, p, 0);
                    let v = self.eval(file, &attr.value, env, 0);
                    out.insert(Value::from(name), v);
                }
                Structure::Block(block) if block.ident.as_str() == "dynamic" => {
                    let Some(ty) = label(block, 0) else { continue };
                    for v in self.expand(file, block, ty, path, &mut blocks, env) {
                        blocks.entry(ty.to_string()).or_default().push(v);
                    }
                }
                Structure::Block(block) => {
                    let ty = block.ident.as_str();
                    let n = blocks.get(ty).map_or(0, Vec::len);
                    let mut p = path.to_vec();
                    p.extend([key(ty), Step::Index(n)]);
                    self.index.insert(
                        p.clone(),
                        Place {
                            file,
                            span: header_span(block),
                        },
                    );
                    let v = self.body(file, &block.body, &p, env);
                    blocks.entry(ty.to_string()).or_default().push(v);
                }
            }
        }
        for (ty, list) in blocks {
            out.insert(Value::from(ty.as_str()), Value::from(list));
        }
        Value::from(out)
    }

    /// Index `expr` at `path`, and, inside object and list literals (`jsonencode` included),
    /// each element at its own path: an IAM statement's `Action` has its own line.
    fn index_literal(&mut self, file: usize, expr: &Expression, path: Vec<Step>, depth: usize) {
        if depth <= MAX_DEPTH {
            match expr {
                Expression::Object(o) => {
                    for (k, v) in o.iter() {
                        if let ObjectKey::Ident(name) = k {
                            let mut p = path.clone();
                            p.push(key(name.as_str()));
                            self.index_literal(file, v.expr(), p, depth + 1);
                        }
                    }
                }
                Expression::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        let mut p = path.clone();
                        p.push(Step::Index(i));
                        self.index_literal(file, item, p, depth + 1);
                    }
                }
                Expression::FuncCall(call) if call.name.name.as_str() == "jsonencode" => {
                    if let Some(arg) = call.args.iter().next() {
                        return self.index_literal(file, arg, path, depth + 1);
                    }
                }
                _ => {}
            }
        }
        self.index.insert(
            path,
            Place {
                file,
                span: span_of(expr.span()),
            },
        );
    }

    /// The blocks a `dynamic "ty"` block stands for: one per element of a known `for_each`,
    /// each placed at the `dynamic` block; an unknown collection gives one block whose values
    /// are those of `content` with the iterator unknown.
    fn expand(
        &mut self,
        file: usize,
        block: &'a Block,
        ty: &str,
        path: &[Step],
        blocks: &mut BTreeMap<String, Vec<Value>>,
        env: &Bindings,
    ) -> Vec<Value> {
        let Some(content) = block.body.get_blocks("content").next() else {
            return Vec::new();
        };
        let iterator = block
            .body
            .get_attribute("iterator")
            .and_then(|a| match &a.value {
                Expression::Variable(v) => Some(v.as_str().to_string()),
                _ => None,
            })
            .unwrap_or_else(|| ty.to_string());
        let collection = block
            .body
            .get_attribute("for_each")
            .map(|a| self.eval(file, &a.value, env, 0));
        let elements: Vec<(Value, Value)> = match &collection {
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, v)| (Value::from(i), v.clone()))
                .collect(),
            Some(Value::Set(items)) => items.iter().map(|v| (v.clone(), v.clone())).collect(),
            Some(Value::Object(map)) => map.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            _ => {
                let unknown = unknown("each element of an unknown collection");
                vec![(unknown.clone(), unknown)]
            }
        };
        let start = blocks.get(ty).map_or(0, Vec::len);
        let mut out = Vec::new();
        for (n, (k, v)) in elements.into_iter().enumerate() {
            let mut bound = env.clone();
            bound
                .vars
                .push((iterator.clone(), obj([("key", k), ("value", v)])));
            let mut p = path.to_vec();
            p.extend([key(ty), Step::Index(start + n)]);
            self.index.insert(
                p.clone(),
                Place {
                    file,
                    span: header_span(block),
                },
            );
            let mut value = self.body(file, &content.body, &p, &bound);
            if let Ok(o) = value.as_object_mut() {
                o.insert(Value::from("_dynamic"), Value::from(true));
            }
            out.push(value);
        }
        out
    }

    /// The value of `expr` (in file `file`), or an unknown marker.
    fn eval(&self, file: usize, expr: &Expression, env: &Bindings, depth: usize) -> Value {
        let text = &self.files[file].text;
        let unknown_here = || unknown(expr.span().and_then(|r| text.get(r)).unwrap_or("?").trim());
        if depth > MAX_DEPTH {
            return unknown_here();
        }
        match expr {
            Expression::Null(_) => Value::Null,
            Expression::Bool(b) => Value::from(*b.value()),
            Expression::Number(n) => {
                let n = n.value();
                n.as_i64()
                    .map(Value::from)
                    .or_else(|| n.as_f64().map(Value::from))
                    .unwrap_or_else(unknown_here)
            }
            Expression::String(s) => Value::from(s.value().as_str()),
            Expression::Array(items) => Value::from(
                items
                    .iter()
                    .map(|e| self.eval(file, e, env, depth + 1))
                    .collect::<Vec<_>>(),
            ),
            Expression::Object(o) => {
                let mut out = BTreeMap::new();
                for (k, v) in o.iter() {
                    let k = match k {
                        ObjectKey::Ident(i) => Value::from(i.as_str()),
                        ObjectKey::Expression(e) => self.eval(file, e, env, depth + 1),
                    };
                    out.insert(k, self.eval(file, v.expr(), env, depth + 1));
                }
                Value::from(out)
            }
            Expression::StringTemplate(t) => self
                .template(file, t.iter(), env, depth)
                .map_or_else(unknown_here, Value::from),
            Expression::HeredocTemplate(h) => {
                match self.template(file, h.template.iter(), env, depth) {
                    // JSON written as a heredoc is data to a policy (an IAM policy's statements).
                    Some(s) => Value::from_json_str(&s)
                        .ok()
                        .filter(|v| matches!(v, Value::Object(_) | Value::Array(_)))
                        .unwrap_or_else(|| Value::from(s)),
                    None => unknown_here(),
                }
            }
            Expression::Parenthesis(p) => self.eval(file, p.inner(), env, depth + 1),
            Expression::Variable(v) => env
                .vars
                .iter()
                .rev()
                .find(|(n, _)| n == v.as_str())
                .map_or_else(unknown_here, |(_, v)| v.clone()),
            Expression::Conditional(c) => match self.eval(file, &c.cond_expr, env, depth + 1) {
                Value::Bool(true) => self.eval(file, &c.true_expr, env, depth + 1),
                Value::Bool(false) => self.eval(file, &c.false_expr, env, depth + 1),
                _ => unknown_here(),
            },
            Expression::FuncCall(call) => {
                let name = call.name.name.as_str();
                let args: Vec<&Expression> = call.args.iter().collect();
                match (name, args.as_slice()) {
                    // The data `jsonencode` encodes is what a policy wants to read.
                    ("jsonencode" | "tolist" | "toset" | "tomap", [arg]) => {
                        self.eval(file, arg, env, depth + 1)
                    }
                    _ => unknown_here(),
                }
            }
            Expression::Traversal(t) => self
                .traverse(file, &t.expr, &t.operators, env, depth)
                .unwrap_or_else(unknown_here),
            _ => unknown_here(),
        }
    }

    /// `var.x`, `local.x`, a bound iterator, then attribute and index steps into known values.
    fn traverse(
        &self,
        file: usize,
        root: &Expression,
        ops: &[hcl_edit::Decorated<TraversalOperator>],
        env: &Bindings,
        depth: usize,
    ) -> Option<Value> {
        let Expression::Variable(root) = root else {
            return None;
        };
        let attr = |op: &hcl_edit::Decorated<TraversalOperator>| match op.value() {
            TraversalOperator::GetAttr(i) => Some(i.as_str().to_string()),
            _ => None,
        };
        let (mut value, rest) = match root.as_str() {
            "var" => {
                let name = attr(ops.first()?)?;
                let (f, e) = self.variables.get(name.as_str())?;
                (self.eval(*f, e, &Bindings::default(), depth + 1), &ops[1..])
            }
            "local" => {
                let name = attr(ops.first()?)?;
                let (f, e) = self.locals.get(name.as_str())?;
                (self.eval(*f, e, &Bindings::default(), depth + 1), &ops[1..])
            }
            other => (
                env.vars.iter().rev().find(|(n, _)| n == other)?.1.clone(),
                ops,
            ),
        };
        for op in rest {
            value = match op.value() {
                TraversalOperator::GetAttr(i) => value[i.as_str()].clone(),
                TraversalOperator::Index(e) => match self.eval(file, e, env, depth + 1) {
                    Value::Number(n) => value[&Value::Number(n)].clone(),
                    Value::String(s) => value[s.as_ref()].clone(),
                    _ => return None,
                },
                TraversalOperator::LegacyIndex(i) => value[*i.value() as usize].clone(),
                _ => return None,
            };
            if value == Value::Undefined {
                return None;
            }
        }
        (!is_unknown(&value)).then_some(value)
    }

    /// A template's text when every interpolation is known and there are no directives.
    fn template<'t>(
        &self,
        file: usize,
        elements: impl Iterator<Item = &'t Element>,
        env: &Bindings,
        depth: usize,
    ) -> Option<String> {
        let mut out = String::new();
        for e in elements {
            match e {
                Element::Literal(s) => out.push_str(s.value()),
                Element::Interpolation(i) => match self.eval(file, &i.expr, env, depth + 1) {
                    Value::String(s) => out.push_str(&s),
                    Value::Number(n) => out.push_str(&n.format_decimal()),
                    Value::Bool(b) => out.push_str(if b { "true" } else { "false" }),
                    _ => return None,
                },
                Element::Directive(_) => return None,
            }
        }
        Some(out)
    }
}

/// A value atlas9 cannot know before `terraform plan`, with the text that computes it.
fn unknown(text: &str) -> Value {
    obj([("unknown", Value::from(text))])
}

/// Whether `v` is a marker made by [`unknown`].
pub(super) fn is_unknown(v: &Value) -> bool {
    matches!(v, Value::Object(o) if o.contains_key(&Value::from("unknown")))
}

/// The text that computes a value marked [`unknown`].
pub(super) fn unknown_text(v: &Value) -> Option<&str> {
    match &v["unknown"] {
        Value::String(s) => Some(s),
        _ => None,
    }
}

/// The path of `rest` inside the configuration of resource `r`, as facts give it to policies:
/// `["resources", address, "config", ...rest]`.
pub(super) fn config_path(r: &Value, rest: impl IntoIterator<Item = Value>) -> Value {
    let head = [
        Value::from("resources"),
        r["address"].clone(),
        Value::from("config"),
    ];
    arr(head.into_iter().chain(rest))
}

/// The resources of type `ty`, from resources grouped by type as facts are built from them.
pub(super) fn of_type<'a>(
    by_type: &'a BTreeMap<Value, Vec<Value>>,
    ty: &str,
) -> impl Iterator<Item = &'a Value> {
    by_type.get(&Value::from(ty)).into_iter().flatten()
}

/// The blocks of a nested block list (`ingress`, `root_block_device`…) with their positions; a
/// value that is not a list of blocks (one known only at plan time) has none.
pub(super) fn blocks(list: &Value) -> impl Iterator<Item = (usize, &Value)> {
    list.as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .filter(|(_, b)| matches!(b, Value::Object(_)))
}

/// A block's header: its type and labels, up to the opening brace.
fn header_span(block: &Block) -> Span {
    let whole = span_of(block.span());
    let end = block
        .labels
        .last()
        .and_then(|l| l.span())
        .or_else(|| block.ident.span())
        .map_or(whole.end, |r| r.end);
    Span::new(whole.start, end.max(whole.start))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::locate::steps;

    fn module() -> (Module, Vec<String>) {
        let dir = crate::policy::tests_fixture("policy/terraform");
        let names = ["main.tf", "variables.tf"];
        let texts: Vec<String> = names
            .iter()
            .map(|n| std::fs::read_to_string(dir.join(n)).expect("fixture"))
            .collect();
        let files: Vec<(&str, &str)> = names
            .iter()
            .copied()
            .zip(texts.iter().map(String::as_str))
            .collect();
        (document(".", &files).expect("valid HCL"), texts)
    }

    /// The text at `path` (its steps separated by spaces) and whether it was found exactly.
    fn at(path: &str) -> (String, bool) {
        let (m, texts) = module();
        let path = steps(path);
        let (place, matched) = m.locate(&path).expect("placed");
        let text = &texts[place.file][place.span.start..place.span.end];
        (text.to_string(), matched == path.len())
    }

    #[test]
    fn known_values_are_evaluated_and_the_rest_marked_unknown() {
        let (m, _) = module();
        let r = &m.doc["resources"];
        let sg = &r["aws_security_group.ssh"]["config"];
        // Port 22 hidden in a dynamic block fed by a local list.
        assert_eq!(sg["ingress"][0]["from_port"], Value::from(22));
        assert_eq!(sg["ingress"][1]["cidr_blocks"][0], Value::from("0.0.0.0/0"));
        assert_eq!(sg["name"], Value::from("acme-ssh"));
        let admin = &r["aws_iam_policy.admin"]["config"]["policy"];
        assert_eq!(admin["Statement"][0]["Action"], Value::from("*"));
        let read = &r["aws_iam_policy.read"]["config"]["policy"];
        assert_eq!(read["Statement"][0]["Action"], Value::from("s3:Get*"));
        let db = &r["aws_db_instance.main"]["config"];
        assert_eq!(db["storage_encrypted"], Value::from(false));
        assert_eq!(
            db["publicly_accessible"]["unknown"],
            Value::from("var.public")
        );
        assert_eq!(r["aws_s3_bucket.logs"]["repeated"], Value::from("for_each"));
        assert_eq!(m.doc["terraform"]["backend"]["type"], Value::from("s3"));
    }

    #[test]
    fn paths_resolve_to_attributes_blocks_and_resource_headers() {
        assert_eq!(
            at("resources aws_db_instance.main config publicly_accessible"),
            ("var.public".to_string(), true)
        );
        // A missing attribute is reported at its resource's header.
        assert_eq!(
            at("resources aws_db_instance.main config deletion_protection"),
            ("resource \"aws_db_instance\" \"main\"".to_string(), false)
        );
        // Elements of a `jsonencode` literal have their own places.
        assert_eq!(
            at("resources aws_iam_policy.admin config policy Statement 0 Action"),
            ("\"*\"".to_string(), true)
        );
        // An expanded dynamic block is reported at the `dynamic` block.
        assert_eq!(
            at("resources aws_security_group.ssh config ingress 0 from_port"),
            ("ingress.value".to_string(), true)
        );
        assert_eq!(
            at("resources aws_security_group.ssh config ingress 1"),
            ("dynamic \"ingress\"".to_string(), true)
        );
    }

    #[test]
    fn invalid_hcl_and_hostile_nesting_name_the_file() {
        let files = [("bad.tf", "resource \"a\" \"b\" {\n  x = \n")];
        let err = document(".", &files).expect_err("invalid");
        assert!(err.message.starts_with("bad.tf:2:"), "{err}");
        let deep = format!("x = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        let err = document(".", &[("deep.tf", &deep)]).expect_err("too deep");
        assert_eq!(err.to_string(), "deep.tf: nested more than 256 levels deep");
        // Brackets in strings and comments do not count.
        let quiet = format!("# {}\nx = \"{}\"\n", "[".repeat(300), "{".repeat(300));
        assert!(document(".", &[("ok.tf", &quiet)]).is_ok());
    }
}
