//! `openapi/pagination-next-missing`: see the rule's documentation below.

use super::prelude::*;
use crate::checks::openapi::pagination::Style;

declare_rule! {
    /// ## What it does
    /// Flags a list operation that takes a cursor or page token but whose response says nothing
    /// about the next page: no next cursor, token or link in the body (`next`, `nextCursor`,
    /// `next_page_token`, `links.next`, `hasMore`…) and no `Link` header. The finding points at
    /// the response's `schema`.
    ///
    /// ## Why is this bad?
    /// A cursor parameter is useless if the client cannot learn the cursor to send: it has to
    /// guess (the last id?) or stop after the first page.
    ///
    /// ## Example
    /// ```yaml
    /// parameters: [{name: cursor, in: query}]
    /// responses:
    ///   "200":
    ///     content:
    ///       application/json:
    ///         schema:
    ///           properties: {items: {type: array}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    ///         schema:
    ///           properties: {items: {type: array}, nextCursor: {type: string}}
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: the server must return the cursor.
    pub static RULE = {
        id: "openapi/pagination-next-missing",
        title: "A cursor-paginated list never returns the next cursor",
        severity: Warning,
        fix: None,
        essay: ApiConsistency,
    }
}

/// Report cursor-paginated lists whose responses give no next cursor or link.
pub fn check(api: &Api, out: &mut ApiSink) {
    for l in api
        .lists()
        .iter()
        .filter(|l| l.style == Some(Style::Cursor) && !l.has_next)
    {
        let msg = format!(
            "GET {} takes a cursor but its response gives no next cursor, token or link",
            l.op.path
        );
        out.push(
            &RULE,
            l.response.at.doc,
            Finding::new(&RULE, l.schema_key, msg),
        );
    }
}
