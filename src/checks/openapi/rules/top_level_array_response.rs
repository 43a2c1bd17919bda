//! `openapi/top-level-array-response`: see the rule's documentation below.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Flags a list operation whose success body is a bare JSON array rather than an object. The
    /// finding points at the response's `schema`.
    ///
    /// ## Why is this bad?
    /// An array cannot grow: there is nowhere to add a next cursor, a total count or a warning
    /// later without breaking every client that parses the body as a list.
    ///
    /// ## Example
    /// ```yaml
    /// schema: {type: array, items: {$ref: '#/components/schemas/Order'}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// schema:
    ///   type: object
    ///   properties:
    ///     items: {type: array, items: {$ref: '#/components/schemas/Order'}}
    ///     nextCursor: {type: string}
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: wrapping the array changes the body.
    pub static RULE = {
        id: "openapi/top-level-array-response",
        title: "A list response is a bare array",
        severity: Warning,
        fix: None,
        essay: ApiConsistency,
    }
}

/// Report list responses that are bare arrays.
pub fn check(api: &Api, out: &mut ApiSink) {
    for l in api.lists().iter().filter(|l| l.bare) {
        let msg = format!(
            "GET {} returns a bare array, which cannot grow a cursor or metadata later",
            l.op.path
        );
        out.push(
            &RULE,
            l.response.at.doc,
            Finding::new(&RULE, l.schema_key, msg),
        );
    }
}
