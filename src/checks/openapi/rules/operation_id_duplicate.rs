//! `openapi/operation-id-duplicate`: see the rule's documentation below.

use super::prelude::*;
use std::collections::HashMap;

declare_rule! {
    /// ## What it does
    /// Flags an `operationId` already used by an earlier operation of the same API (the later
    /// one is reported).
    ///
    /// ## Why is this bad?
    /// `operationId` must be unique: generated clients get two methods with one name (a compile
    /// error, or one silently replacing the other), and links and docs that name the operation
    /// become ambiguous.
    ///
    /// ## Example
    /// ```yaml
    /// /users:
    ///   get: {operationId: listUsers}
    /// /admins:
    ///   get: {operationId: listUsers}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// /admins:
    ///   get: {operationId: listAdmins}
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: renaming changes generated client code.
    pub static RULE = {
        id: "openapi/operation-id-duplicate",
        title: "An operationId is used twice",
        severity: Error,
        fix: None,
        essay: ApiConsistency,
    }
}

/// Report operationIds seen before.
pub fn check(api: &Api, out: &mut ApiSink) {
    let mut seen: HashMap<&str, (&str, &str)> = HashMap::new();
    for op in api.operations() {
        let Some(entry) = op.node.entry("operationId") else {
            continue;
        };
        let Some(id) = entry.value.as_str() else {
            continue;
        };
        match seen.get(id) {
            Some((method, path)) => {
                let msg = format!(
                    "`{id}` is already the operationId of {} {path}",
                    method.to_uppercase()
                );
                out.push_op(&RULE, op, Finding::new(&RULE, entry.value.span, msg));
            }
            None => {
                seen.insert(id, (op.method, op.path));
            }
        }
    }
}
