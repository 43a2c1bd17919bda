//! The documents of an API: the root description and every file its `$ref`s reach, each parsed
//! once into a span tree, and `$ref` resolution between them (relative files, JSON Pointer
//! escaping, `$ref` chains with loop detection). Network references are never fetched.

use crate::diagnostics::Span;
use crate::syntax::tree::{Node, Value};
use crate::workspace::SourceFile;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

/// A parsed document.
pub struct Doc<'a> {
    /// Index of the file in the run (where findings go).
    pub file: usize,
    /// Its text.
    pub source: &'a SourceFile,
    /// Its tree (the first YAML document of the stream).
    pub root: Node,
    /// It is JSON (edits quote keys).
    pub json: bool,
    /// Every `$ref` in it, with the span of its value, in document order.
    pub refs: Vec<(String, Span)>,
}

/// Why a `$ref` does not resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefError {
    /// `http:`/`https:` references are not fetched; they are not errors either.
    Remote,
    /// The file is not among the checked files.
    MissingFile(String),
    /// The file exists but could not be parsed (reported there as a parse error).
    Unparsable(String),
    /// The pointer names nothing; carries the deepest existing prefix and the missing part.
    MissingTarget {
        /// The part of the pointer that exists.
        found: String,
        /// The first segment that does not.
        missing: String,
        /// A close key that does exist.
        suggestion: Option<String>,
    },
    /// `$ref`s that only point at each other.
    Loop,
}

/// Every document of one run that an API may reach.
pub struct Corpus<'a> {
    /// Parsed documents.
    pub docs: Vec<Doc<'a>>,
    by_rel: BTreeMap<&'a str, usize>,
    /// Files that failed to parse.
    unparsable: BTreeSet<&'a str>,
    /// Key → entry position for large mappings that pointers step through (`components/schemas`
    /// of a big API), built on first use. Keyed by the mapping's address: trees never move once
    /// loaded.
    key_index: RefCell<HashMap<usize, HashMap<String, usize>>>,
}

/// Mappings smaller than this are searched directly.
const INDEXED_MAP: usize = 32;

/// `http://…` and friends: never fetched.
fn is_remote(reference: &str) -> bool {
    reference
        .find(':')
        .is_some_and(|i| reference[i..].starts_with("://"))
}

/// A node and the document it lives in.
#[derive(Clone, Copy)]
pub struct At<'n> {
    /// Index into [`Corpus::docs`].
    pub doc: usize,
    /// The node.
    pub node: &'n Node,
}

/// Every `$ref` string in a tree, with the span of its value.
fn refs(root: &Node) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        match &n.value {
            Value::Map(entries) => {
                for e in entries {
                    if e.key == "$ref"
                        && let Some(r) = e.value.as_str()
                    {
                        out.push((r.to_string(), e.value.span));
                    }
                    stack.push(&e.value);
                }
            }
            Value::Seq(items) => stack.extend(items),
            _ => {}
        }
    }
    out.sort_by_key(|(_, s)| s.start);
    out
}

/// Resolve `reference` (as written in the file `from`) to a path relative to the project root.
fn target_file(from: &str, reference: &str) -> String {
    let dir = from.rsplit_once('/').map_or("", |(d, _)| d);
    let mut parts: Vec<&str> = if dir.is_empty() {
        Vec::new()
    } else {
        dir.split('/').collect()
    };
    for seg in reference.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

fn decode_segment(seg: &str) -> String {
    let unescaped = seg.replace("~1", "/").replace("~0", "~");
    let bytes = unescaped.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(v) = unescaped
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl<'a> Corpus<'a> {
    /// Load `roots` and every document their `$ref`s reach among `files` (index, source, is JSON).
    /// Returns the corpus and the parse errors, as (file index, span, message).
    pub fn load(
        roots: &[usize],
        files: &'a [(usize, &'a SourceFile, bool)],
    ) -> (Self, Vec<(usize, Span, String)>) {
        let by_path: BTreeMap<&str, &(usize, &SourceFile, bool)> =
            files.iter().map(|f| (f.1.rel.as_str(), f)).collect();
        let mut corpus = Corpus {
            docs: Vec::new(),
            by_rel: BTreeMap::new(),
            unparsable: BTreeSet::new(),
            key_index: RefCell::default(),
        };
        let mut errors = Vec::new();
        let mut queue: VecDeque<&str> = roots
            .iter()
            .filter_map(|&i| files.get(i))
            .map(|f| f.1.rel.as_str())
            .collect();
        while let Some(rel) = queue.pop_front() {
            if corpus.by_rel.contains_key(rel) || corpus.unparsable.contains(rel) {
                continue;
            }
            let Some(&&(file, source, json)) = by_path.get(rel) else {
                continue;
            };
            let parsed = if json {
                crate::syntax::json::parse(&source.text)
            } else {
                crate::syntax::tree::parse(&source.text, &source.lines).map(|mut docs| {
                    if docs.is_empty() {
                        Node {
                            span: Span::default(),
                            value: Value::Null,
                        }
                    } else {
                        docs.swap_remove(0)
                    }
                })
            };
            match parsed {
                Ok(root) => {
                    let refs = refs(&root);
                    for (r, _) in &refs {
                        let file_part = r.split('#').next().unwrap_or("");
                        if !file_part.is_empty() && !is_remote(file_part) {
                            let t = target_file(rel, file_part);
                            if let Some((k, _)) = by_path.get_key_value(t.as_str()) {
                                queue.push_back(k);
                            }
                        }
                    }
                    corpus.by_rel.insert(source.rel.as_str(), corpus.docs.len());
                    corpus.docs.push(Doc {
                        file,
                        source,
                        root,
                        json,
                        refs,
                    });
                }
                Err(e) => {
                    corpus.unparsable.insert(source.rel.as_str());
                    let what = if json { "JSON" } else { "YAML" };
                    errors.push((file, e.span, format!("invalid {what}: {}", e.message)));
                }
            }
        }
        (corpus, errors)
    }

    /// The index of the document at `rel`.
    pub fn doc_index(&self, rel: &str) -> Option<usize> {
        self.by_rel.get(rel).copied()
    }

    /// Resolve one `$ref` written in document `from`.
    pub fn resolve(&self, from: usize, reference: &str) -> Result<At<'_>, RefError> {
        if is_remote(reference) {
            return Err(RefError::Remote);
        }
        let (file_part, pointer) = reference.split_once('#').unwrap_or((reference, ""));
        let doc = if file_part.is_empty() {
            from
        } else {
            let rel = target_file(&self.docs[from].source.rel, file_part);
            if self.unparsable.contains(rel.as_str()) {
                return Err(RefError::Unparsable(rel));
            }
            self.doc_index(&rel).ok_or(RefError::MissingFile(rel))?
        };
        let mut node = &self.docs[doc].root;
        let mut found = String::from("#");
        for raw in pointer.split('/').skip(1) {
            let seg = decode_segment(raw);
            let next = match &node.value {
                Value::Map(entries) if entries.len() >= INDEXED_MAP => {
                    let mut index = self.key_index.borrow_mut();
                    let keys = index
                        .entry(node as *const Node as usize)
                        .or_insert_with(|| {
                            entries
                                .iter()
                                .enumerate()
                                .rev()
                                .map(|(i, e)| (e.key.clone(), i))
                                .collect()
                        });
                    keys.get(&seg).map(|&i| &entries[i].value)
                }
                Value::Map(entries) => entries.iter().find(|e| e.key == seg).map(|e| &e.value),
                Value::Seq(items) => seg.parse::<usize>().ok().and_then(|i| items.get(i)),
                _ => None,
            };
            match next {
                Some(n) => {
                    node = n;
                    found.push('/');
                    found.push_str(raw);
                }
                None => {
                    let suggestion = match &node.value {
                        Value::Map(entries) => {
                            crate::config::suggest(&seg, entries.iter().map(|e| e.key.as_str()))
                                .map(str::to_string)
                        }
                        _ => None,
                    };
                    return Err(RefError::MissingTarget {
                        found,
                        missing: seg,
                        suggestion,
                    });
                }
            }
        }
        Ok(At { doc, node })
    }

    /// Follow `$ref`s from `at` until a node that is not a reference.
    pub fn deref<'n>(&'n self, at: At<'n>) -> Result<At<'n>, RefError> {
        let mut current = at;
        for _ in 0..64 {
            let Some(r) = current.node.get("$ref").and_then(Node::as_str) else {
                return Ok(current);
            };
            current = self.resolve(current.doc, r)?;
        }
        Err(RefError::Loop)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_pointers() {
        assert_eq!(
            target_file("api/openapi.yaml", "schemas/user.yaml"),
            "api/schemas/user.yaml"
        );
        assert_eq!(
            target_file("api/v1/openapi.yaml", "../common.yaml"),
            "api/common.yaml"
        );
        assert_eq!(target_file("openapi.yaml", "./a.json"), "a.json");
        assert_eq!(decode_segment("a~1b~0c%20d"), "a/b~c d");
    }
}
