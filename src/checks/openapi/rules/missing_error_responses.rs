//! `openapi/missing-error-responses`: see the rule's documentation below.

use super::prelude::*;
use crate::checks::openapi::shapes::responses;

declare_rule! {
    /// ## What it does
    /// Flags an operation that documents no 4xx response and no `default` response.
    ///
    /// ## Why is this bad?
    /// Every operation can fail: invalid input, missing authentication, a resource that is gone.
    /// When the description documents only success, generated clients have no type for the
    /// error body and callers discover the error shape in production.
    ///
    /// ## Example
    /// ```yaml
    /// responses:
    ///   "200": {description: OK}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// responses:
    ///   "200": {description: OK}
    ///   "400": {$ref: '#/components/responses/BadRequest'}
    ///   default: {$ref: '#/components/responses/Error'}
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: the error responses must match what the server does.
    pub static RULE = {
        id: "openapi/missing-error-responses",
        title: "An operation documents no error response",
        severity: Warning,
        fix: None,
        essay: ApiConsistency,
    }
}

/// Report operations without a 4xx or `default` response.
pub fn check(api: &Api, out: &mut ApiSink) {
    for op in api
        .operations()
        .iter()
        .filter(|op| !op.webhook && op.node.get("responses").is_some())
    {
        let documented = responses(api, op)
            .iter()
            .any(|r| r.status().starts_with('4') || r.status() == "default");
        if !documented {
            let msg = format!(
                "{} {} documents no 4xx and no default response",
                op.method.to_uppercase(),
                op.path
            );
            out.push_op(&RULE, op, Finding::new(&RULE, op.method_key, msg));
        }
    }
}
