//! `openapi/parameter-casing`: see the rule's documentation below.

use super::naming;
use super::prelude::*;
use crate::checks::openapi::names::Kind;

declare_rule! {
    /// ## What it does
    /// Flags a query, path or cookie parameter whose name differs from the API's convention for
    /// parameters (configured in `[openapi.casing] parameters`, or inferred from the API's own
    /// parameters), or writes an initialism differently from the rest of the API. The finding
    /// points at the parameter's `name`.
    ///
    /// ## Why is this bad?
    /// Callers build query strings by hand as often as with generated clients; `page_size` on one
    /// list and `pageToken` on the next is a bug waiting in every integration.
    ///
    /// ## Example
    /// ```yaml
    /// parameters:
    ///   - {name: pageSize, in: query}
    ///   - {name: sort_order, in: query}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// parameters:
    ///   - {name: pageSize, in: query}
    ///   - {name: sortOrder, in: query}
    /// ```
    ///
    /// ## Fix safety
    /// The fix renames the name (unsafe: it changes the wire contract, so clients must change with
    /// it).
    pub static RULE = {
        id: "openapi/parameter-casing",
        title: "A parameter name breaks the API's casing convention",
        severity: Warning,
        fix: Sometimes,
        essay: ApiConsistency,
    }
}

/// Report parameters that break the API's convention.
pub fn check(api: &Api, out: &mut ApiSink) {
    let openapi = &out.config().openapi;
    let (configured, acronyms) = (openapi.casing.parameters, openapi.acronyms);
    naming::check(
        api,
        out,
        &RULE,
        Kind::Parameter,
        "parameters",
        configured,
        acronyms,
    );
}
