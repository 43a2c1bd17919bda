//! `openapi/pagination-inconsistent`: see the rule's documentation below.

use super::prelude::*;
use crate::checks::openapi::pagination::Style;

declare_rule! {
    /// ## What it does
    /// Flags a list operation that paginates in a different style than most of the API's list
    /// operations (at least 60% of at least 3): cursor, `Link` header, offset/limit or
    /// page/per-page.
    ///
    /// ## Why is this bad?
    /// Each style needs its own client loop. An SDK, a CLI or a sync job written against the
    /// API's usual style silently fetches only the first page of the odd one out.
    ///
    /// ## Example
    /// ```yaml
    /// /orders:   {get: {parameters: [{name: cursor, in: query}]}}
    /// /invoices: {get: {parameters: [{name: cursor, in: query}]}}
    /// /refunds:  {get: {parameters: [{name: page, in: query}]}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// /refunds:  {get: {parameters: [{name: cursor, in: query}]}}
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: changing pagination changes the server.
    pub static RULE = {
        id: "openapi/pagination-inconsistent",
        title: "A list operation paginates differently from the rest of the API",
        severity: Warning,
        fix: None,
        essay: ApiConsistency,
    }
}

/// Report list operations whose style differs from the API's dominant one.
pub fn check(api: &Api, out: &mut ApiSink) {
    let lists = api.lists();
    let styles: Vec<Style> = lists.iter().filter_map(|l| l.style).collect();
    let dominant = [Style::Cursor, Style::LinkHeader, Style::Offset, Style::Page]
        .into_iter()
        .map(|s| (s, styles.iter().filter(|&&x| x == s).count()))
        .max_by_key(|&(_, n)| n)
        .filter(|&(_, n)| styles.len() >= 3 && n * 10 >= styles.len() * 6);
    let Some((style, n)) = dominant else { return };
    for l in lists {
        let Some(own) = l.style.filter(|&s| s != style) else {
            continue;
        };
        let msg = format!(
            "GET {} paginates by {}, but this API's lists paginate by {} ({n} of {})",
            l.op.path,
            own.describe(),
            style.describe(),
            styles.len()
        );
        out.push_op(&RULE, &l.op, Finding::new(&RULE, l.op.method_key, msg));
    }
}
