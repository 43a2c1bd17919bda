//! Kubernetes `Secret` manifests: `data` values are base64, so they are decoded and the decoded
//! text is checked as `key: value`; a finding sits on the encoded value.

use super::accept::{Accepted, accept_all};
use super::{Scanner, finding, push};
use crate::checks::Sink;
use crate::config::Config;
use crate::diagnostics::Span;
use crate::syntax::tree::{self, Value};
use crate::workspace::SourceFile;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

/// Check the `data` of every `Secret` document in `file`, and return the spans of the values
/// decoded, whose encoded text is not checked again as it is.
pub fn check(file: &SourceFile, scanner: &Scanner, config: &Config, out: &mut Sink) -> Vec<Span> {
    let mut decoded_spans = Vec::new();
    let Ok(docs) = tree::parse(&file.text, &file.lines) else {
        return decoded_spans;
    };
    let rules = scanner.rules();
    for doc in &docs {
        if doc.get("kind").and_then(|k| k.as_str()) != Some("Secret") {
            continue;
        }
        let Some(Value::Map(entries)) = doc.get("data").map(|d| &d.value) else {
            continue;
        };
        for e in entries {
            let Some(encoded) = e.value.as_str() else {
                continue;
            };
            let compact: String = encoded.split_whitespace().collect();
            let Some(decoded) = STANDARD
                .decode(compact.as_bytes())
                .ok()
                .and_then(|d| String::from_utf8(d).ok())
            else {
                continue;
            };
            decoded_spans.push(e.value.span);
            let text = format!("{}: {decoded}\n", e.key);
            let candidates = scanner.candidates(text.as_bytes(), |i| out.enabled(rules[i].meta));
            // One finding per value: the best rule for the decoded text.
            if let Some(Accepted { rule, secret }) =
                accept_all(scanner, text.as_bytes(), "", candidates, &config.secrets)
                    .into_iter()
                    .next()
            {
                let r = rules[rule];
                let f = finding(
                    r,
                    e.value.span,
                    &text[secret.start..secret.end],
                    " (base64 in Secret data)",
                    config,
                );
                push(r, f, config, out);
            }
        }
    }
    decoded_spans
}
