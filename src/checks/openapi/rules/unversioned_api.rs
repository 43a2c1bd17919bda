//! `openapi/unversioned-api`: see the rule's documentation below.

use super::prelude::*;
use super::versioning::version_in;
use crate::checks::openapi::shapes::{named_any, params};
use crate::syntax::tree::{Node, Value};

declare_rule! {
    /// ## What it does
    /// Flags an API that carries no version anywhere a client could send or see it: not in a
    /// server URL, not in `basePath` (Swagger 2.0), not in its paths, and not as a version header
    /// or parameter (`API-Version`, `api-version`, `Accept-Version`…). The finding points at the
    /// first server `url` (or `basePath`), else at the `openapi`/`swagger` key. `info.version`
    /// describes the document, not the API, and does not count.
    ///
    /// ## Why is this bad?
    /// The first breaking change needs somewhere to go. Without a version in the contract, it
    /// either breaks every client at once or waits forever.
    ///
    /// ## Example
    /// ```yaml
    /// servers: [{url: https://api.example.com}]
    /// paths: {/orders: {}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// servers: [{url: https://api.example.com/v1}]
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix.
    pub static RULE = {
        id: "openapi/unversioned-api",
        title: "The API carries no version",
        severity: Note,
        fix: None,
        essay: ApiConsistency,
    }
}

/// Version parameter and header names, squashed.
const VERSION_PARAMS: &[&str] = &[
    "apiversion",
    "version",
    "acceptversion",
    "xapiversion",
    "xversion",
];

/// Report APIs with no version in servers, base path, paths or parameters.
pub fn check(api: &Api, out: &mut ApiSink) {
    let root = api.root_node();
    let server_urls: Vec<&Node> = match root.get("servers").map(|n| &n.value) {
        Some(Value::Seq(servers)) => servers.iter().filter_map(|s| s.get("url")).collect(),
        _ => Vec::new(),
    };
    let base_path = root.get("basePath");
    let in_urls = server_urls
        .iter()
        .chain(base_path.iter())
        .filter_map(|n| n.as_str())
        .any(|u| version_in(u).is_some());
    let ops = api.operations();
    let in_paths = ops
        .iter()
        .any(|op| !op.webhook && version_in(op.path).is_some());
    let in_params = ops.iter().any(|op| {
        params(api, op)
            .iter()
            .any(|p| named_any(p.name, VERSION_PARAMS))
    });
    if in_urls || in_paths || in_params || ops.is_empty() {
        return;
    }
    let at = server_urls
        .first()
        .copied()
        .or(base_path)
        .map(|n| n.span)
        .or_else(|| {
            root.entry("openapi")
                .or_else(|| root.entry("swagger"))
                .map(|e| e.key_span)
        });
    if let Some(span) = at {
        let msg =
            "this API has no version in its servers, base path, paths or parameters".to_string();
        out.push(&RULE, api.root, Finding::new(&RULE, span, msg));
    }
}
