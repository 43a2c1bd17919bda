//! `openapi/path-casing`: see the rule's documentation below.

use super::naming;
use super::prelude::*;
use crate::checks::openapi::names::Kind;

declare_rule! {
    /// ## What it does
    /// Flags a static path segment whose casing differs from the API's convention for paths
    /// (configured in `[openapi.casing] paths`, or inferred). Path parameters (`{id}`, checked as
    /// parameters), custom verbs (`/things:batchGet`), `.well-known` and file-like segments
    /// (`openapi.json`) are exempt.
    ///
    /// ## Why is this bad?
    /// URLs are typed, logged, routed and cached by hand; `/user-accounts` next to
    /// `/payment_methods` makes every route table and gateway rule a special case.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /user-accounts: {}
    ///   /payment_methods: {}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /user-accounts: {}
    ///   /payment-methods: {}
    /// ```
    ///
    /// ## Fix safety
    /// The fix renames the name (unsafe: it changes the wire contract, so clients must change with
    /// it).
    pub static RULE = {
        id: "openapi/path-casing",
        title: "A path segment breaks the API's casing convention",
        severity: Warning,
        fix: Sometimes,
        essay: ApiConsistency,
    }
}

/// Report path segments that break the API's convention.
pub fn check(api: &Api, out: &mut ApiSink) {
    let openapi = &out.config().openapi;
    let (configured, acronyms) = (openapi.casing.paths, openapi.acronyms);
    naming::check(
        api,
        out,
        &RULE,
        Kind::PathSegment,
        "path segments",
        configured,
        acronyms,
    );
}
