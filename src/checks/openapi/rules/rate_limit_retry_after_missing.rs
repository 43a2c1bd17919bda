//! `openapi/rate-limit-retry-after-missing`: see the rule's documentation below.

use super::prelude::*;
use crate::checks::openapi::api::Spec;
use crate::checks::openapi::edit::insert_value;
use crate::checks::openapi::shapes::responses;
use crate::diagnostics::Fix;
use crate::syntax::tree::Value;
use serde_json::json;
use std::collections::HashSet;

declare_rule! {
    /// ## What it does
    /// Flags a `429` response that documents neither a `Retry-After` nor a `RateLimit-Reset`
    /// (or `X-RateLimit-Reset`) header. The finding points at the `429` key.
    ///
    /// ## Why is this bad?
    /// A client told "too many requests" without being told when to come back either hammers the
    /// API or sleeps for an invented interval; both make the overload worse.
    ///
    /// ## Example
    /// ```yaml
    /// "429":
    ///   description: Too many requests
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// "429":
    ///   description: Too many requests
    ///   headers:
    ///     Retry-After: {schema: {type: integer}}
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds a `Retry-After` header (seconds) to a 429 written inline. It is safe as
    /// documentation; make sure the server sends it.
    pub static RULE = {
        id: "openapi/rate-limit-retry-after-missing",
        title: "A 429 response does not say when to retry",
        severity: Warning,
        fix: Sometimes,
        essay: ApiConsistency,
    }
}

const RETRY_HEADERS: &[&str] = &[
    "retry-after",
    "ratelimit-reset",
    "x-ratelimit-reset",
    "ratelimit",
];

/// Report 429 responses without a retry hint; shared ones are reported once.
pub fn check(api: &Api, out: &mut ApiSink) {
    let mut seen = HashSet::new();
    for op in api.operations() {
        for r in responses(api, op)
            .into_iter()
            .filter(|r| r.status() == "429")
        {
            if r.header_names()
                .iter()
                .any(|h| RETRY_HEADERS.contains(&h.to_ascii_lowercase().as_str()))
            {
                continue;
            }
            if !seen.insert((r.at.doc, r.at.node.span.start)) {
                continue;
            }
            let inline = r.code.value.get("$ref").is_none();
            let header = match api.spec {
                Spec::Swagger2 => {
                    json!({"type": "integer", "description": "Seconds to wait before retrying"})
                }
                _ => {
                    json!({"description": "Seconds to wait before retrying", "schema": {"type": "integer"}})
                }
            };
            let doc = &api.corpus.docs[r.at.doc];
            let edit = match r.at.node.get("headers") {
                Some(h) if matches!(h.value, Value::Map(_)) => {
                    insert_value(doc, h, "Retry-After", &header)
                }
                Some(_) => None,
                None => insert_value(doc, r.at.node, "headers", &json!({"Retry-After": header})),
            };
            let fix = edit
                .filter(|_| inline)
                .map(|e| Fix::safe("add a `Retry-After` header", vec![e]));
            let msg = format!(
                "the 429 of {} {} says neither Retry-After nor RateLimit-Reset",
                op.method.to_uppercase(),
                op.path
            );
            out.push(
                &RULE,
                op.doc,
                Finding::new(&RULE, r.code.key_span, msg).with_fix(fix),
            );
        }
    }
}
