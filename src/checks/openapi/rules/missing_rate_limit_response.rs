//! `openapi/missing-rate-limit-response`: see the rule's documentation below.

use super::prelude::*;
use crate::checks::openapi::shapes::responses;

declare_rule! {
    /// ## What it does
    /// Flags an operation without a `429` response in an API where at least half of the
    /// operations (and at least two) document one.
    ///
    /// ## Why is this bad?
    /// Rate limits apply to the whole API. When most operations document `429 Too Many
    /// Requests`, the ones that do not leave clients without the retry handling the others get.
    ///
    /// ## Example
    /// ```yaml
    /// /orders: {get: {responses: {"200": {}, "429": {}}}}
    /// /invoices: {get: {responses: {"200": {}}}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// /invoices: {get: {responses: {"200": {}, "429": {$ref: '#/components/responses/TooManyRequests'}}}}
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix.
    pub static RULE = {
        id: "openapi/missing-rate-limit-response",
        title: "An operation lacks the 429 response the rest of the API documents",
        severity: Note,
        fix: None,
        essay: ApiConsistency,
    }
}

/// Report operations without 429 where most of the API has one.
pub fn check(api: &Api, out: &mut ApiSink) {
    let ops: Vec<_> = api.operations().iter().filter(|op| !op.webhook).collect();
    let with: Vec<bool> = ops
        .iter()
        .map(|op| responses(api, op).iter().any(|r| r.status() == "429"))
        .collect();
    let n = with.iter().filter(|&&w| w).count();
    if n < 2 || n * 2 < ops.len() {
        return;
    }
    for (op, _) in ops.iter().zip(&with).filter(|(_, w)| !**w) {
        let msg = format!(
            "{} {} documents no 429, unlike {n} of {} operations",
            op.method.to_uppercase(),
            op.path,
            ops.len()
        );
        out.push_op(&RULE, op, Finding::new(&RULE, op.method_key, msg));
    }
}
