//! Edits on a description's original text, so comments, quoting and key order survive.

use super::document::Doc;
use crate::diagnostics::Edit;
use crate::syntax::tree::{Node, Value};

/// Add `key: value` to the mapping `map` as its first entry, in the document's own style
/// (quoted for JSON, indented like its siblings for YAML). `None` for an empty mapping, whose
/// layout cannot be inferred.
pub fn insert_first(doc: &Doc, map: &Node, key: &str, value: &str) -> Option<Edit> {
    insert_value(doc, map, key, &serde_json::Value::String(value.to_string()))
}

/// Like [`insert_first`] for any JSON value; YAML gets it in flow style (JSON is valid YAML),
/// except plain words, which stay unquoted.
pub fn insert_value(doc: &Doc, map: &Node, key: &str, value: &serde_json::Value) -> Option<Edit> {
    let Value::Map(entries) = &map.value else {
        return None;
    };
    let first = entries.first()?;
    let text = &doc.source.text;
    let line_start = text[..first.key_span.start]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let before = &text[line_start..first.key_span.start];
    // A key alone on its line keeps its indentation; in a one-line mapping stay on the line.
    let separator = if before.chars().all(char::is_whitespace) {
        format!("\n{before}")
    } else {
        " ".to_string()
    };
    let rendered = match value {
        serde_json::Value::String(s)
            if !doc.json && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') =>
        {
            s.clone()
        }
        v => v.to_string(),
    };
    let entry = if doc.json {
        format!("\"{key}\": {rendered},{separator}")
    } else if text[map.span.start..].starts_with('{') {
        format!("{key}: {rendered},{separator}")
    } else {
        format!("{key}: {rendered}{separator}")
    };
    Some(Edit::insert(first.key_span.start, entry))
}
