//! `openapi/post-without-idempotency-key`: see the rule's documentation below.

use super::prelude::*;
use crate::checks::openapi::shapes::{named_any, params, responses, squash};
use crate::syntax::tree::Node;

declare_rule! {
    /// ## What it does
    /// Flags a POST that creates (it documents a `201`, or its operationId starts with `create`)
    /// and accepts no idempotency-key header. The header is `Idempotency-Key` unless
    /// `[openapi] idempotency_header` names another; the rule applies only when that option is
    /// set or some operation of the API already accepts the header.
    ///
    /// ## Why is this bad?
    /// Networks time out after the server has acted. A client that retries a create without an
    /// idempotency key creates the order, the payment or the user twice.
    ///
    /// ## Example
    /// ```yaml
    /// post:
    ///   operationId: createPayment
    ///   responses: {"201": {description: Created}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// post:
    ///   operationId: createPayment
    ///   parameters: [{name: Idempotency-Key, in: header, schema: {type: string}}]
    ///   responses: {"201": {description: Created}}
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: the server must honour the key.
    pub static RULE = {
        id: "openapi/post-without-idempotency-key",
        title: "A create operation accepts no idempotency key",
        severity: Warning,
        fix: None,
        essay: ApiConsistency,
    }
}

/// Report creating POSTs without the idempotency header, where the API uses one.
pub fn check(api: &Api, out: &mut ApiSink) {
    let configured = out.config().openapi.idempotency_header.clone();
    let header = configured
        .clone()
        .unwrap_or_else(|| "Idempotency-Key".to_string());
    let ops = api.operations();
    let wanted = squash(&header);
    let accepts = |op| {
        params(api, op)
            .iter()
            .any(|p| p.location == "header" && named_any(p.name, &[&wanted]))
    };
    if configured.is_none() && !ops.iter().any(accepts) {
        return;
    }
    for op in ops.iter().filter(|op| op.method == "post" && !op.webhook) {
        let creates = responses(api, op).iter().any(|r| r.status() == "201")
            || op
                .node
                .get("operationId")
                .and_then(Node::as_str)
                .is_some_and(|id| id.to_ascii_lowercase().starts_with("create"));
        if creates && !accepts(op) {
            let msg = format!(
                "POST {} creates but accepts no `{header}` header, so a retry can create twice",
                op.path
            );
            out.push_op(&RULE, op, Finding::new(&RULE, op.method_key, msg));
        }
    }
}
