//! `openapi/pagination-limit-unbounded`: see the rule's documentation below.

use super::prelude::*;
use crate::checks::openapi::edit::insert_value;
use crate::diagnostics::Fix;

declare_rule! {
    /// ## What it does
    /// Flags the page-size parameter of a list operation (`limit`, `page_size`, `perPage`,
    /// `maxResults`…) that has no `maximum`. The finding points at the parameter's `name`.
    ///
    /// ## Why is this bad?
    /// Without a maximum, `?limit=1000000` is a valid request: pagination no longer protects the
    /// server, and clients cannot know what the server will really accept.
    ///
    /// ## Example
    /// ```yaml
    /// - {name: limit, in: query, schema: {type: integer}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// - {name: limit, in: query, schema: {type: integer, maximum: 100}}
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `maximum` with the value of `[openapi] max_page_size` (100 by default). It is
    /// safe as documentation; make sure the server enforces the same bound.
    pub static RULE = {
        id: "openapi/pagination-limit-unbounded",
        title: "A page-size parameter has no maximum",
        severity: Warning,
        fix: Sometimes,
        essay: ApiConsistency,
    }
}

/// Report page-size parameters without a maximum.
pub fn check(api: &Api, out: &mut ApiSink) {
    let max = out.config().openapi.max_page_size;
    for l in api.lists() {
        let Some(p) = l.page_size else { continue };
        let Some(c) = p.constraints(api) else {
            continue;
        };
        if c.node.get("maximum").is_some() {
            continue;
        }
        // The bound goes where the type is: the parameter's own schema (not a shared one) or,
        // in Swagger 2.0, the parameter itself.
        let local = c.doc == p.at.doc && c.node.get("$ref").is_none();
        let fix = local
            .then(|| {
                insert_value(
                    &api.corpus.docs[c.doc],
                    c.node,
                    "maximum",
                    &serde_json::Value::from(max),
                )
            })
            .flatten()
            .map(|e| Fix::safe(format!("add `maximum: {max}`"), vec![e]));
        let msg = format!(
            "page-size parameter `{}` of GET {} has no maximum",
            p.name, l.op.path
        );
        out.push(
            &RULE,
            p.at.doc,
            Finding::new(&RULE, p.name_span, msg).with_fix(fix),
        );
    }
}
