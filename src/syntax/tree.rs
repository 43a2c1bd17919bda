//! A span-carrying document tree for YAML and JSON.
//!
//! Every node and every mapping key keeps its byte span, so a rule can point at the exact key or
//! value it objects to. JSON is read by the same YAML 1.2 parser, so both formats produce the
//! same tree. Building is iterative: deep nesting cannot overflow the stack here. Aliases are
//! expanded (with a budget, so an alias bomb is an error rather than an exhausted machine) and
//! merge keys (`<<: *base`) are applied.

use crate::diagnostics::Span;
use crate::workspace::LineIndex;
use saphyr_parser::{Event, Marker, Parser, ScalarStyle, SpannedEventReceiver};
use std::collections::HashMap;

/// A node of a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Where the node's text is.
    pub span: Span,
    /// What it holds.
    pub value: Value,
}

/// The value of a node.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    /// `null`, `~` or an empty value.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, kept as written.
    Number(String),
    /// A string (a quoted scalar, or a plain one that is not null, bool or number).
    String(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in document order; keys are always strings (`200:` is `"200"`).
    Map(Vec<Entry>),
}

/// One mapping entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key text.
    pub key: String,
    /// The key's span.
    pub key_span: Span,
    /// The value.
    pub value: Node,
}

impl Drop for Node {
    /// Drops children iteratively: a document nested 100,000 deep must not overflow the stack.
    fn drop(&mut self) {
        let mut pending = Vec::new();
        take_children(&mut self.value, &mut pending);
        while let Some(mut n) = pending.pop() {
            take_children(&mut n.value, &mut pending);
        }
    }
}

fn take_children(v: &mut Value, out: &mut Vec<Node>) {
    match v {
        Value::Seq(items) => out.append(items),
        Value::Map(entries) => out.extend(entries.drain(..).map(|mut e| Node {
            span: e.value.span,
            value: std::mem::take(&mut e.value.value),
        })),
        _ => {}
    }
}

impl Node {
    /// The value under `key` when this node is a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    /// The entry under `key` when this node is a mapping.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|e| e.key == key),
            _ => None,
        }
    }

    /// The text of a string or number scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) | Value::Number(s) => Some(s),
            _ => None,
        }
    }
}

/// Why a document could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeError {
    /// The parser's message.
    pub message: String,
    /// Where it stopped.
    pub span: Span,
}

/// How many nodes alias expansion may create in one stream.
const ALIAS_BUDGET: usize = 1_000_000;

/// Parse every document of a YAML (or JSON) stream.
pub fn parse(src: &str, lines: &LineIndex) -> Result<Vec<Node>, TreeError> {
    let mut builder = Builder {
        src,
        lines,
        stack: Vec::new(),
        docs: Vec::new(),
        anchors: HashMap::new(),
        budget: ALIAS_BUDGET,
        exhausted: None,
    };
    let mut parser = Parser::new_from_str(src);
    parser.load(&mut builder, true).map_err(|e| TreeError {
        message: e.info().to_string(),
        span: Span::at(byte_of(src, lines, *e.marker())),
    })?;
    if let Some(span) = builder.exhausted {
        let message = format!("aliases expand to more than {ALIAS_BUDGET} nodes (an alias bomb?)");
        return Err(TreeError { message, span });
    }
    Ok(builder.docs)
}

/// Nodes in a tree, counted without recursion.
fn size(node: &Node) -> usize {
    let mut count = 0;
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        count += 1;
        match &n.value {
            Value::Seq(items) => stack.extend(items),
            Value::Map(entries) => stack.extend(entries.iter().map(|e| &e.value)),
            _ => {}
        }
    }
    count
}

/// Apply YAML merge keys: entries of `<<` maps that the mapping does not define itself.
fn merge(entries: Vec<Entry>) -> Vec<Entry> {
    if !entries.iter().any(|e| e.key == "<<") {
        return entries;
    }
    let (merges, mut own): (Vec<Entry>, Vec<Entry>) =
        entries.into_iter().partition(|e| e.key == "<<");
    for mut m in merges {
        let sources = match std::mem::take(&mut m.value.value) {
            map @ Value::Map(_) => vec![map],
            Value::Seq(items) => items
                .into_iter()
                .map(|mut n| std::mem::take(&mut n.value))
                .collect(),
            _ => Vec::new(),
        };
        for source in sources {
            if let Value::Map(inherited) = source {
                for e in inherited {
                    if !own.iter().any(|o| o.key == e.key) {
                        own.push(e);
                    }
                }
            }
        }
    }
    own
}

enum Frame {
    Seq {
        start: usize,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        start: usize,
        anchor: usize,
        entries: Vec<Entry>,
        key: Option<(String, Span)>,
    },
}

struct Builder<'a> {
    src: &'a str,
    lines: &'a LineIndex,
    stack: Vec<Frame>,
    docs: Vec<Node>,
    /// Anchored nodes with their sizes.
    anchors: HashMap<usize, (Node, usize)>,
    /// Nodes alias expansion may still create.
    budget: usize,
    /// Where the budget ran out.
    exhausted: Option<Span>,
}

fn byte_of(src: &str, lines: &LineIndex, m: Marker) -> usize {
    let line = m.line().saturating_sub(1);
    // The parser does not count a byte order mark as a column.
    let bom = usize::from(line == 0 && src.starts_with('\u{feff}'));
    lines.offset_of_char_column(src, line, m.col() + bom)
}

impl Builder<'_> {
    fn finish(&mut self, mut node: Node, anchor: usize) {
        if anchor > 0 {
            let n = size(&node);
            self.anchors.insert(anchor, (node.clone(), n));
        }
        match self.stack.last_mut() {
            None => self.docs.push(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => {
                    let text = match std::mem::take(&mut node.value) {
                        Value::String(s) | Value::Number(s) => s,
                        Value::Bool(b) => b.to_string(),
                        Value::Null => String::new(),
                        // A complex key has no name a rule could use; keep its source text.
                        Value::Seq(_) | Value::Map(_) => {
                            self.src[node.span.start..node.span.end].to_string()
                        }
                    };
                    *key = Some((text, node.span));
                }
                Some((k, key_span)) => entries.push(Entry {
                    key: k,
                    key_span,
                    value: node,
                }),
            },
        }
    }
}

fn scalar(text: &str, style: ScalarStyle) -> Value {
    if style != ScalarStyle::Plain {
        return Value::String(text.to_string());
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        _ if looks_numeric(text) => Value::Number(text.to_string()),
        _ => Value::String(text.to_string()),
    }
}

fn looks_numeric(text: &str) -> bool {
    let t = text.strip_prefix(['-', '+']).unwrap_or(text);
    !t.is_empty()
        && t.bytes()
            .next()
            .is_some_and(|b| b.is_ascii_digit() || b == b'.')
        && t.bytes().all(|b| {
            b.is_ascii_hexdigit()
                || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-' | b'x' | b'o' | b'_')
        })
}

impl<'input> SpannedEventReceiver<'input> for Builder<'_> {
    fn on_event(&mut self, ev: Event<'input>, span: saphyr_parser::Span) {
        let start = byte_of(self.src, self.lines, span.start);
        let end = byte_of(self.src, self.lines, span.end);
        match ev {
            Event::Scalar(text, style, anchor, _) => {
                self.finish(
                    Node {
                        span: Span::new(start, end),
                        value: scalar(&text, style),
                    },
                    anchor,
                );
            }
            Event::SequenceStart(anchor, _) => self.stack.push(Frame::Seq {
                start,
                anchor,
                items: Vec::new(),
            }),
            Event::MappingStart(anchor, _) => {
                self.stack.push(Frame::Map {
                    start,
                    anchor,
                    entries: Vec::new(),
                    key: None,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor) = match self.stack.pop() {
                    Some(Frame::Seq {
                        start,
                        anchor,
                        items,
                    }) => (
                        Node {
                            span: Span::new(start, end.max(start)),
                            value: Value::Seq(items),
                        },
                        anchor,
                    ),
                    Some(Frame::Map {
                        start,
                        anchor,
                        entries,
                        ..
                    }) => (
                        Node {
                            span: Span::new(start, end.max(start)),
                            value: Value::Map(merge(entries)),
                        },
                        anchor,
                    ),
                    None => return,
                };
                self.finish(node, anchor);
            }
            Event::Alias(id) => {
                let span = Span::new(start, end);
                let value = match self.anchors.get(&id) {
                    Some((node, n)) if *n <= self.budget => {
                        self.budget -= n;
                        node.value.clone()
                    }
                    Some(_) => {
                        self.exhausted.get_or_insert(span);
                        Value::Null
                    }
                    None => Value::Null,
                };
                self.finish(Node { span, value }, 0);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(src: &str) -> Node {
        let lines = LineIndex::new(src);
        parse(src, &lines).expect("parses").remove(0)
    }

    #[test]
    fn keys_and_values_keep_byte_spans() {
        let src = "top:\n  ünï: \"x\"\n  200: {a: 1}\n";
        let d = doc(src);
        let inner = d.get("top").expect("top");
        let e = inner.entry("ünï").expect("key");
        assert_eq!(&src[e.key_span.start..e.key_span.end], "ünï");
        assert_eq!(e.value.as_str(), Some("x"));
        let code = inner.entry("200").expect("integer key is a string");
        assert_eq!(code.value.get("a").and_then(Node::as_str), Some("1"));
    }

    #[test]
    fn json_reads_like_yaml() {
        let d = doc("{\"a\": [1, \"b\", null, true]}");
        let Some(Value::Seq(items)) = d.get("a").map(|n| &n.value) else {
            panic!("seq")
        };
        assert_eq!(items[2].value, Value::Null);
        assert_eq!(items[3].value, Value::Bool(true));
    }

    #[test]
    fn merge_keys_and_aliases() {
        let d = doc("base: &b {a: 1, b: 2}\nchild:\n  <<: *b\n  b: 3\n");
        let child = d.get("child").expect("child");
        assert_eq!(child.get("a").and_then(Node::as_str), Some("1"));
        assert_eq!(child.get("b").and_then(Node::as_str), Some("3"));
        assert!(child.get("<<").is_none());
    }

    #[test]
    fn an_alias_bomb_is_an_error() {
        let mut src = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let prev = (b'a' + i - 1) as char;
            let cur = (b'a' + i) as char;
            src.push_str(&format!("{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        let lines = LineIndex::new(&src);
        let err = parse(&src, &lines).expect_err("bomb");
        assert!(err.message.contains("alias"), "{}", err.message);
    }

    #[test]
    fn a_byte_order_mark_is_not_content() {
        let src = "\u{feff}openapi: 3.1.0\n";
        let d = doc(src);
        let e = d.entry("openapi").expect("key");
        assert_eq!(&src[e.key_span.start..e.key_span.end], "openapi");
        assert_eq!(e.value.as_str(), Some("3.1.0"));
    }

    #[test]
    fn errors_carry_a_position() {
        let src = "a: [1, 2\nb: c";
        let lines = LineIndex::new(src);
        let err = parse(src, &lines).expect_err("unclosed flow sequence");
        assert!(err.span.start <= src.len());
    }
}
