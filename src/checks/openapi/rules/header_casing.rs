//! `openapi/header-casing`: see the rule's documentation below.

use super::naming;
use super::prelude::*;
use crate::checks::openapi::names::Kind;

declare_rule! {
    /// ## What it does
    /// Flags a header parameter or response header whose name differs from the API's convention for
    /// headers (configured in `[openapi.casing] headers`, or inferred). Registered HTTP headers
    /// (`ETag`, `WWW-Authenticate`, `Content-MD5`…) are exempt: their spelling is not the API's
    /// choice.
    ///
    /// ## Why is this bad?
    /// Header names are case-insensitive on the wire but not in documentation, generated code and
    /// log pipelines that key on them; mixed styles make every consumer guess.
    ///
    /// ## Example
    /// ```yaml
    /// headers:
    ///   X-Request-Id: {schema: {type: string}}
    ///   x_trace_id: {schema: {type: string}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// headers:
    ///   X-Request-Id: {schema: {type: string}}
    ///   X-Trace-Id: {schema: {type: string}}
    /// ```
    ///
    /// ## Fix safety
    /// The fix renames the name (unsafe: it changes the wire contract, so clients must change with
    /// it).
    pub static RULE = {
        id: "openapi/header-casing",
        title: "A header name breaks the API's casing convention",
        severity: Warning,
        fix: Sometimes,
        essay: ApiConsistency,
    }
}

/// Report headers that break the API's convention.
pub fn check(api: &Api, out: &mut ApiSink) {
    let openapi = &out.config().openapi;
    let (configured, acronyms) = (openapi.casing.headers, openapi.acronyms);
    naming::check(
        api,
        out,
        &RULE,
        Kind::Header,
        "headers",
        configured,
        acronyms,
    );
}
