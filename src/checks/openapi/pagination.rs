//! List operations and how they paginate.

use super::api::{Api, Operation};
use super::shapes::{self, Param, Response, Shape, named_any};
use crate::diagnostics::Span;

/// Arrays this small (`maxItems`) are fixed lists, not collections that need pages.
const FIXED_LIST_MAX: u64 = 50;

/// A pagination style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// A cursor or page-token parameter.
    Cursor,
    /// A `Link` response header.
    LinkHeader,
    /// `offset` (or `skip`) with a page size.
    Offset,
    /// `page` with a page size.
    Page,
}

impl Style {
    /// How messages name it.
    pub fn describe(self) -> &'static str {
        match self {
            Style::Cursor => "cursor",
            Style::LinkHeader => "Link header",
            Style::Offset => "offset/limit",
            Style::Page => "page/per-page",
        }
    }
}

const CURSOR: &[&str] = &[
    "cursor",
    "pagetoken",
    "nexttoken",
    "continuationtoken",
    "continuation",
    "after",
    "before",
    "startingafter",
    "endingbefore",
    "marker",
    "pagecursor",
    "startcursor",
    "aftercursor",
    "beforecursor",
    "nextpagetoken",
];
const OFFSET: &[&str] = &["offset", "skip", "startindex"];
const PAGE: &[&str] = &["page", "pagenumber", "pagenum", "pageindex"];
const SIZE: &[&str] = &[
    "limit",
    "pagesize",
    "perpage",
    "size",
    "maxresults",
    "count",
    "top",
    "first",
    "take",
    "pagelimit",
    "numresults",
    "maxpagesize",
];
const NEXT: &[&str] = &[
    "next",
    "nextcursor",
    "nextpagetoken",
    "nexttoken",
    "nextlink",
    "nextpage",
    "nexturl",
    "nextpageurl",
    "cursor",
    "continuationtoken",
    "hasmore",
    "hasnext",
    "hasnextpage",
    "endcursor",
    "nextpageuri",
    "nexturi",
    "nexthref",
    "nextpagelink",
];

/// Parameter and property names, squashed (see [`shapes::squash`]).
fn any_named<'n>(params: &[Param<'n>], names: &[&str]) -> Option<Param<'n>> {
    params
        .iter()
        .find(|p| p.location == "query" && named_any(p.name, names))
        .copied()
}

/// A list operation: a GET whose success body is an array, bare or in an envelope.
pub struct ListOp<'n> {
    /// The operation.
    pub op: Operation<'n>,
    /// Its success response.
    pub response: Response<'n>,
    /// The `schema:` key of the success body.
    pub schema_key: Span,
    /// The body is a bare array.
    pub bare: bool,
    /// How it paginates.
    pub style: Option<Style>,
    /// Its page-size parameter.
    pub page_size: Option<Param<'n>>,
    /// The body (or a `Link` header) tells where the next page is.
    pub has_next: bool,
}

/// Every list operation of the API.
pub fn list_operations<'n>(api: &Api<'n>) -> Vec<ListOp<'n>> {
    let mut out = Vec::new();
    for op in api.operations().iter().cloned() {
        // `/things/{id}` fetches one thing, whatever arrays it holds.
        let last = op.path.rsplit('/').find(|s| !s.is_empty()).unwrap_or("");
        if op.method != "get" || op.webhook || last.starts_with('{') {
            continue;
        }
        let Some(response) = shapes::success(api, &op) else {
            continue;
        };
        let Some((schema, schema_key)) = response.schema(api) else {
            continue;
        };
        let (bare, names) = match shapes::shape(api, schema) {
            Shape::Array { max_items } if max_items.is_none_or(|m| m > FIXED_LIST_MAX) => {
                (true, Vec::new())
            }
            Shape::Envelope {
                max_items,
                properties,
                ..
            } if max_items.is_none_or(|m| m > FIXED_LIST_MAX) => (false, properties),
            _ => continue,
        };
        let params = shapes::params(api, &op);
        let link_header = response
            .header_names()
            .iter()
            .any(|h| h.eq_ignore_ascii_case("link"));
        let style = if any_named(&params, CURSOR).is_some() {
            Some(Style::Cursor)
        } else if link_header {
            Some(Style::LinkHeader)
        } else if any_named(&params, OFFSET).is_some() {
            Some(Style::Offset)
        } else if any_named(&params, PAGE).is_some() {
            Some(Style::Page)
        } else {
            None
        };
        let next_in_body = names.iter().any(|n| {
            let last = n.rsplit('.').next().unwrap_or(n);
            named_any(last, NEXT)
        });
        out.push(ListOp {
            page_size: any_named(&params, SIZE),
            has_next: next_in_body || link_header,
            op,
            response,
            schema_key,
            bare,
            style,
        });
    }
    out
}
