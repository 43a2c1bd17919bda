//! `openapi/operation-id-casing`: see the rule's documentation below.

use super::naming;
use super::prelude::*;
use crate::checks::openapi::names::Kind;

declare_rule! {
    /// ## What it does
    /// Flags an `operationId` whose casing differs from the API's convention for operationIds
    /// (configured in `[openapi.casing] operation_ids`, or inferred).
    ///
    /// ## Why is this bad?
    /// Generated clients turn operationIds into method names; a mix produces `listUsers()` next to
    /// `get_order()` in one SDK.
    ///
    /// ## Example
    /// ```yaml
    /// get: {operationId: listUsers}
    /// post: {operationId: create_user}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// get: {operationId: listUsers}
    /// post: {operationId: createUser}
    /// ```
    ///
    /// ## Fix safety
    /// The fix renames the name (unsafe: it changes the wire contract, so clients must change with
    /// it).
    pub static RULE = {
        id: "openapi/operation-id-casing",
        title: "An operationId breaks the API's casing convention",
        severity: Warning,
        fix: Sometimes,
        essay: ApiConsistency,
    }
}

/// Report operationIds that break the API's convention.
pub fn check(api: &Api, out: &mut ApiSink) {
    let openapi = &out.config().openapi;
    let (configured, acronyms) = (openapi.casing.operation_ids, openapi.acronyms);
    naming::check(
        api,
        out,
        &RULE,
        Kind::OperationId,
        "operationIds",
        configured,
        acronyms,
    );
}
