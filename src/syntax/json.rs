//! A JSON reader that builds the same span-carrying [`Node`] tree as YAML. Iterative, so deep
//! nesting cannot overflow the stack; strict RFC 8259, with surrogate-pair escapes (which a YAML
//! parser rejects).

use super::tree::{Entry, Node, TreeError, Value};
use crate::diagnostics::Span;

enum Frame {
    Array {
        start: usize,
        items: Vec<Node>,
    },
    Object {
        start: usize,
        entries: Vec<Entry>,
        key: Option<(String, Span)>,
    },
}

struct Reader<'a> {
    src: &'a str,
    bytes: &'a [u8],
    i: usize,
}

/// Parse one JSON document.
pub fn parse(src: &str) -> Result<Node, TreeError> {
    let mut r = Reader {
        src,
        bytes: src.as_bytes(),
        i: 0,
    };
    if src.starts_with('\u{feff}') {
        r.i = 3;
    }
    let mut stack: Vec<Frame> = Vec::new();
    loop {
        r.skip_ws();
        // Inside an object, read the key first.
        if let Some(Frame::Object {
            key: key @ None,
            entries,
            start,
        }) = stack.last_mut()
        {
            if r.peek() == Some(b'}') {
                r.i += 1;
                let node = Node {
                    span: Span::new(*start, r.i),
                    value: Value::Map(std::mem::take(entries)),
                };
                stack.pop();
                if let Some(done) = r.finish(&mut stack, node)? {
                    return r.end(done);
                }
                continue;
            }
            let k_start = r.i;
            let k = r.string()?;
            *key = Some((k, Span::new(k_start, r.i)));
            r.skip_ws();
            r.expect(b':')?;
            r.skip_ws();
        }
        let start = r.i;
        let node = match r.peek() {
            Some(b'{') => {
                r.i += 1;
                stack.push(Frame::Object {
                    start,
                    entries: Vec::new(),
                    key: None,
                });
                continue;
            }
            Some(b'[') => {
                r.i += 1;
                r.skip_ws();
                if r.peek() == Some(b']') {
                    r.i += 1;
                    Node {
                        span: Span::new(start, r.i),
                        value: Value::Seq(Vec::new()),
                    }
                } else {
                    stack.push(Frame::Array {
                        start,
                        items: Vec::new(),
                    });
                    continue;
                }
            }
            Some(b'"') => Node {
                value: Value::String(r.string()?),
                span: Span::new(start, r.i),
            },
            Some(b't') => r.literal("true", Value::Bool(true))?,
            Some(b'f') => r.literal("false", Value::Bool(false))?,
            Some(b'n') => r.literal("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => r.number()?,
            _ => return Err(r.error("expected a value")),
        };
        if let Some(done) = r.finish(&mut stack, node)? {
            return r.end(done);
        }
    }
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.i).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn error(&self, message: &str) -> TreeError {
        let what = match self.peek() {
            None => "end of input".to_string(),
            Some(_) => format!("`{}`", self.src[self.i..].chars().next().unwrap_or(' ')),
        };
        TreeError {
            message: format!("{message}, found {what}"),
            span: Span::at(self.i),
        }
    }

    fn expect(&mut self, b: u8) -> Result<(), TreeError> {
        if self.peek() == Some(b) {
            self.i += 1;
            Ok(())
        } else {
            Err(self.error(&format!("expected `{}`", b as char)))
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Node, TreeError> {
        let start = self.i;
        if self.src[self.i..].starts_with(word) {
            self.i += word.len();
            Ok(Node {
                span: Span::new(start, self.i),
                value,
            })
        } else {
            Err(self.error("expected a value"))
        }
    }

    fn number(&mut self) -> Result<Node, TreeError> {
        let start = self.i;
        while matches!(
            self.peek(),
            Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
        ) {
            self.i += 1;
        }
        let text = &self.src[start..self.i];
        if text.parse::<f64>().is_err() {
            return Err(TreeError {
                message: format!("invalid number `{text}`"),
                span: Span::new(start, self.i),
            });
        }
        Ok(Node {
            span: Span::new(start, self.i),
            value: Value::Number(text.to_string()),
        })
    }

    fn string(&mut self) -> Result<String, TreeError> {
        self.expect(b'"')?;
        let mut out = String::new();
        loop {
            let run = self.bytes[self.i..]
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20);
            let Some(n) = run else {
                self.i = self.bytes.len();
                return Err(self.error("unterminated string"));
            };
            out.push_str(&self.src[self.i..self.i + n]);
            self.i += n;
            match self.bytes[self.i] {
                b'"' => {
                    self.i += 1;
                    return Ok(out);
                }
                b'\\' => {
                    self.i += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.i += 1;
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi)
                                && self.src[self.i..].starts_with("\\u")
                            {
                                self.i += 2;
                                let lo = self.hex4()?;
                                0x10000 + ((hi - 0xD800) << 10) + (lo.wrapping_sub(0xDC00) & 0x3FF)
                            } else {
                                hi
                            };
                            out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                            continue;
                        }
                        _ => return Err(self.error("invalid escape")),
                    };
                    self.i += 1;
                    out.push(c);
                }
                _ => return Err(self.error("control character in string")),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, TreeError> {
        let digits = self
            .src
            .get(self.i..self.i + 4)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
        let Some(d) = digits else {
            return Err(self.error("invalid \\u escape"));
        };
        self.i += 4;
        u32::from_str_radix(d, 16).map_err(|_| self.error("invalid \\u escape"))
    }

    /// Attach a finished node to its parent; returns the root when the document is complete.
    fn finish(
        &mut self,
        stack: &mut Vec<Frame>,
        mut node: Node,
    ) -> Result<Option<Node>, TreeError> {
        loop {
            let Some(top) = stack.last_mut() else {
                return Ok(Some(node));
            };
            match top {
                Frame::Array { items, .. } => items.push(node),
                Frame::Object { entries, key, .. } => {
                    let (k, key_span) = key.take().unwrap_or_default();
                    entries.push(Entry {
                        key: k,
                        key_span,
                        value: node,
                    });
                }
            }
            self.skip_ws();
            let close = match (self.peek(), stack.last()) {
                (Some(b','), _) => {
                    self.i += 1;
                    return Ok(None);
                }
                (Some(b']'), Some(Frame::Array { .. }))
                | (Some(b'}'), Some(Frame::Object { .. })) => true,
                _ => false,
            };
            if !close {
                return Err(self.error("expected `,` or a closing bracket"));
            }
            self.i += 1;
            node = match stack.pop() {
                Some(Frame::Array { start, items }) => Node {
                    span: Span::new(start, self.i),
                    value: Value::Seq(items),
                },
                Some(Frame::Object { start, entries, .. }) => Node {
                    span: Span::new(start, self.i),
                    value: Value::Map(entries),
                },
                None => return Err(self.error("unbalanced brackets")),
            };
        }
    }

    fn end(&mut self, root: Node) -> Result<Node, TreeError> {
        self.skip_ws();
        if self.i < self.bytes.len() {
            return Err(self.error("expected the end of the document"));
        }
        Ok(root)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_arrays_and_spans() {
        let src = r#"{"a": [1, -2.5e3, "x\ud83d\udc4dy", true, null, {}], "b": {"c": "\u00e9"}}"#;
        let root = parse(src).expect("parses");
        let a = root.entry("a").expect("a");
        assert_eq!(&src[a.key_span.start..a.key_span.end], "\"a\"");
        let Value::Seq(items) = &a.value.value else {
            panic!("array")
        };
        assert_eq!(items[1].value, Value::Number("-2.5e3".into()));
        assert_eq!(items[2].as_str(), Some("x\u{1F44D}y"));
        assert_eq!(
            &src[items[2].span.start..items[2].span.end],
            r#""x\ud83d\udc4dy""#
        );
        assert_eq!(items[5].value, Value::Map(Vec::new()));
        assert_eq!(
            root.get("b")
                .and_then(|b| b.get("c"))
                .and_then(Node::as_str),
            Some("é")
        );
    }

    #[test]
    fn errors_say_where() {
        for bad in [
            "{\"a\": }",
            "[1, 2",
            "{\"a\" 1}",
            "\"open",
            "[1] 2",
            "{\"a\": tru}",
            "",
        ] {
            let err = parse(bad).expect_err(bad);
            assert!(err.span.start <= bad.len(), "{bad}");
        }
    }

    #[test]
    fn deep_nesting_is_fine() {
        let src = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(parse(&src).is_ok());
    }
}
