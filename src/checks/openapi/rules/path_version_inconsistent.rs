//! `openapi/path-version-inconsistent`: see the rule's documentation below.

use super::prelude::*;
use super::versioning::is_version_segment;
use std::collections::HashSet;

declare_rule! {
    /// ## What it does
    /// Flags a path that has no version segment when most of the API's paths (at least 60% of at
    /// least 3) start with one (`/v1/…`, `/2010-04-01/…`). The finding points at the path key.
    ///
    /// ## Why is this bad?
    /// The unversioned path is outside the versioning scheme: the next breaking change cannot be
    /// introduced for it alongside the others, and routers and gateways need a special case.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /v1/orders: {}
    ///   /v1/invoices: {}
    ///   /refunds: {}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /v1/refunds: {}
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: moving a path moves the route.
    pub static RULE = {
        id: "openapi/path-version-inconsistent",
        title: "A path lacks the version prefix the others share",
        severity: Warning,
        fix: None,
        essay: ApiConsistency,
    }
}

fn first_segment(path: &str) -> &str {
    path.split('/').find(|s| !s.is_empty()).unwrap_or("")
}

/// Report paths without the version prefix most paths have.
pub fn check(api: &Api, out: &mut ApiSink) {
    let mut seen = HashSet::new();
    let paths: Vec<_> = api
        .operations()
        .iter()
        .filter(|op| !op.webhook && seen.insert(op.path_key.start))
        .collect();
    let versioned = paths
        .iter()
        .filter(|op| is_version_segment(first_segment(op.path)))
        .count();
    if paths.len() < 3 || versioned * 10 < paths.len() * 6 || versioned == paths.len() {
        return;
    }
    for op in paths
        .iter()
        .filter(|op| !is_version_segment(first_segment(op.path)))
    {
        let msg = format!(
            "`{}` has no version prefix, unlike {versioned} of {} paths",
            op.path,
            paths.len()
        );
        out.push(&RULE, api.root, Finding::new(&RULE, op.path_key, msg));
    }
}
