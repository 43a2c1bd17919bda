//! Policies see documents, not files: a workflow, an action or (later) a Terraform module is
//! turned into one JSON input document, the same for built-in and teams' policies.

pub mod engine;
pub mod locate;
pub mod workflow;

use crate::syntax::tree;
use crate::workspace::LineIndex;
use regorus::Value;

/// The input document a policy sees for the file at `rel` with content `text`.
pub fn input(rel: &str, text: &str) -> Result<Value, String> {
    let kind = workflow::Kind::of(rel).ok_or_else(|| {
        format!(
            "{rel}: not a policy document (a workflow under .github/workflows/ or an action.yml)"
        )
    })?;
    let lines = LineIndex::new(text);
    let docs = tree::parse(text, &lines).map_err(|e| {
        let line = lines.line_of(e.span.start) + 1;
        format!("{rel}:{line}: {}", e.message)
    })?;
    let [root] = docs.as_slice() else {
        return Err(format!(
            "{rel}: expected one YAML document, found {}",
            docs.len()
        ));
    };
    workflow::document(kind, rel, root, text).map_err(|e| format!("{rel}: {e}"))
}

/// A file under `fixtures/`, for unit tests.
#[cfg(test)]
pub(crate) fn tests_fixture(rel: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}
