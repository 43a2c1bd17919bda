//! `openapi/enum-casing`: see the rule's documentation below.

use super::naming;
use super::prelude::*;
use crate::checks::openapi::names::Kind;

declare_rule! {
    /// ## What it does
    /// Flags a string enum value whose casing differs from the API's convention for enum values,
    /// taken over all of the API's enums together (configured in `[openapi.casing] enums`, or
    /// inferred). Values that are numbers or contain spaces are exempt.
    ///
    /// ## Why is this bad?
    /// Enum values become constants in every client; `ACTIVE` in one enum and `pending_review` in
    /// another means clients compare strings they cannot predict.
    ///
    /// ## Example
    /// ```yaml
    /// status: {type: string, enum: [ACTIVE, SUSPENDED, pending_review]}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// status: {type: string, enum: [ACTIVE, SUSPENDED, PENDING_REVIEW]}
    /// ```
    ///
    /// ## Fix safety
    /// The fix renames the name (unsafe: it changes the wire contract, so clients must change with
    /// it).
    pub static RULE = {
        id: "openapi/enum-casing",
        title: "An enum value breaks the API's casing convention",
        severity: Warning,
        fix: Sometimes,
        essay: ApiConsistency,
    }
}

/// Report enum values that break the API's convention.
pub fn check(api: &Api, out: &mut ApiSink) {
    let openapi = &out.config().openapi;
    let (configured, acronyms) = (openapi.casing.enums, openapi.acronyms);
    naming::check(
        api,
        out,
        &RULE,
        Kind::EnumValue,
        "enum values",
        configured,
        acronyms,
    );
}
