//! `openapi/schema-name-casing`: see the rule's documentation below.

use super::naming;
use super::prelude::*;
use crate::checks::openapi::names::Kind;

declare_rule! {
    /// ## What it does
    /// Flags a component (OpenAPI 3) or definition (Swagger 2) schema name whose casing differs
    /// from the API's convention for schema names (configured in `[openapi.casing] schema_names`,
    /// or inferred).
    ///
    /// ## Why is this bad?
    /// Schema names become type names in every generated client; `UserAccount` next to
    /// `payment_method` gives them classes that look like they come from different APIs.
    ///
    /// ## Example
    /// ```yaml
    /// components:
    ///   schemas:
    ///     UserAccount: {type: object}
    ///     payment_method: {type: object}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// components:
    ///   schemas:
    ///     UserAccount: {type: object}
    ///     PaymentMethod: {type: object}
    /// ```
    ///
    /// ## Fix safety
    /// The fix renames the name (unsafe: it changes the wire contract, so clients must change with
    /// it). When the schema is referenced from another file the fix is not offered, since one fix
    /// edits one file; otherwise every local `$ref` to it is rewritten too.
    pub static RULE = {
        id: "openapi/schema-name-casing",
        title: "A schema name breaks the API's casing convention",
        severity: Warning,
        fix: Sometimes,
        essay: ApiConsistency,
    }
}

/// Report schema names that break the API's convention.
pub fn check(api: &Api, out: &mut ApiSink) {
    let openapi = &out.config().openapi;
    let (configured, acronyms) = (openapi.casing.schema_names, openapi.acronyms);
    naming::check(
        api,
        out,
        &RULE,
        Kind::SchemaName,
        "schema names",
        configured,
        acronyms,
    );
}
