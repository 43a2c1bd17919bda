//! `openapi/property-casing`: see the rule's documentation below.

use super::naming;
use super::prelude::*;
use crate::checks::openapi::names::Kind;

declare_rule! {
    /// ## What it does
    /// Flags a schema property whose casing differs from the API's convention for properties: the
    /// one set in `[openapi.casing] properties`, or the one at least 60% of the API's property
    /// names follow (with at least 3 voting names; one-word lowercase names fit camel, snake and
    /// kebab and do not vote). Also flags a name that writes an initialism (`ID`, `URL`…)
    /// differently from the rest of the API.
    ///
    /// ## Why is this bad?
    /// Clients map JSON to fields by name. A `user_name` among `userId` and `createdAt` forces a
    /// special case into every client, and once published it cannot change without breaking them.
    ///
    /// ## Example
    /// ```yaml
    /// properties:
    ///   userId: {type: string}
    ///   createdAt: {type: string}
    ///   display_name: {type: string}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// properties:
    ///   userId: {type: string}
    ///   createdAt: {type: string}
    ///   displayName: {type: string}
    /// ```
    ///
    /// ## Fix safety
    /// The fix renames the name (unsafe: it changes the wire contract, so clients must change with
    /// it). It also rewrites the schema's `required` entries and discriminator `propertyName`.
    pub static RULE = {
        id: "openapi/property-casing",
        title: "A property name breaks the API's casing convention",
        severity: Warning,
        fix: Sometimes,
        essay: ApiConsistency,
    }
}

/// Report properties that break the API's convention.
pub fn check(api: &Api, out: &mut ApiSink) {
    let openapi = &out.config().openapi;
    let (configured, acronyms) = (openapi.casing.properties, openapi.acronyms);
    naming::check(
        api,
        out,
        &RULE,
        Kind::Property,
        "properties",
        configured,
        acronyms,
    );
}
