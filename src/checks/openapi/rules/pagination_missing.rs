//! `openapi/pagination-missing`: see the rule's documentation below.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Flags a list operation (a GET whose success body is an array, bare or as the array property
    /// of an envelope) that offers no recognised pagination: no cursor or page-token parameter,
    /// no `Link` response header, no offset/limit and no page/per-page parameters. Arrays bounded
    /// by a small `maxItems` (50 or fewer) are fixed lists and are not flagged.
    ///
    /// ## Why is this bad?
    /// Every collection grows. Without pages, the response grows with it until it times out or
    /// runs a client out of memory, and adding pagination later changes the contract for every
    /// caller that assumed it had everything.
    ///
    /// ## Example
    /// ```yaml
    /// /orders:
    ///   get:
    ///     responses:
    ///       "200":
    ///         content:
    ///           application/json:
    ///             schema: {type: array, items: {$ref: '#/components/schemas/Order'}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// /orders:
    ///   get:
    ///     parameters:
    ///       - {name: cursor, in: query, schema: {type: string}}
    ///       - {name: limit, in: query, schema: {type: integer, maximum: 100}}
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: pagination is a design decision and a server change.
    pub static RULE = {
        id: "openapi/pagination-missing",
        title: "A list operation has no pagination",
        severity: Warning,
        fix: None,
        essay: ApiConsistency,
    }
}

/// Report list operations without pagination.
pub fn check(api: &Api, out: &mut ApiSink) {
    for l in api.lists().iter().filter(|l| l.style.is_none()) {
        let msg = format!(
            "GET {} returns a list but offers no pagination (cursor, Link header, offset or page)",
            l.op.path
        );
        out.push_op(&RULE, &l.op, Finding::new(&RULE, l.op.method_key, msg));
    }
}
