//! A policy's `# METADATA` block: the YAML in the comment lines right above its `package`
//! line, as OPA writes annotations. atlas9 reads `title`, `description` (Markdown, the rule's
//! documentation), the first `related_resources` link and `custom.severity`.

use crate::diagnostics::Severity;
use crate::syntax::tree::{self, Node, Value};
use crate::workspace::LineIndex;

/// What a policy says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// A one-line summary.
    pub title: Option<String>,
    /// Markdown documentation.
    pub description: Option<String>,
    /// A link to read more.
    pub link: Option<String>,
    /// The default severity of `deny` findings.
    pub severity: Option<Severity>,
}

/// The metadata of the policy `text` (at `path`, for messages). No block is no metadata; a
/// block that is not valid YAML, or a field of the wrong type, is an error naming the line.
pub fn parse(path: &str, text: &str) -> Result<Metadata, String> {
    let lines: Vec<&str> = text.lines().collect();
    let Some(package) = lines
        .iter()
        .position(|l| l.trim_start().starts_with("package "))
    else {
        return Ok(Metadata::default());
    };
    // The comment block right above `package`, and where in it `# METADATA` opens.
    let mut start = package;
    while start > 0 && lines[start - 1].trim_start().starts_with('#') {
        start -= 1;
    }
    let Some(open) = (start..package).find(|&i| lines[i].trim() == "# METADATA") else {
        return Ok(Metadata::default());
    };
    let yaml: String = lines[open + 1..package]
        .iter()
        .map(|l| {
            let l = l.trim_start().trim_start_matches('#');
            format!("{}\n", l.strip_prefix(' ').unwrap_or(l))
        })
        .collect();
    let at = |line: usize| format!("{path}:{}", open + 2 + line);
    let index = LineIndex::new(&yaml);
    let docs = tree::parse(&yaml, &index).map_err(|e| {
        format!(
            "{}: METADATA is not valid YAML: {}",
            at(index.line_of(e.span.start)),
            e.message
        )
    })?;
    let Some(root) = docs.first().filter(|r| matches!(r.value, Value::Map(_))) else {
        return Err(format!("{}: METADATA must be a YAML mapping", at(0)));
    };
    let text_of = |node: &Node, field: &str| {
        node.as_str().map(str::to_string).ok_or_else(|| {
            format!(
                "{}: METADATA `{field}` must be text",
                at(index.line_of(node.span.start))
            )
        })
    };
    let mut meta = Metadata {
        title: root.get("title").map(|n| text_of(n, "title")).transpose()?,
        description: root
            .get("description")
            .map(|n| text_of(n, "description"))
            .transpose()?,
        ..Metadata::default()
    };
    if let Some(Value::Seq(items)) = root.get("related_resources").map(|n| &n.value) {
        meta.link = items
            .iter()
            .find_map(|i| i.get("ref").unwrap_or(i).as_str().map(str::to_string));
    }
    if let Some(node) = root.get("custom").and_then(|c| c.get("severity")) {
        meta.severity = Some(match text_of(node, "custom.severity")?.as_str() {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            "note" => Severity::Note,
            other => {
                return Err(format!(
                    "{}: METADATA severity `{other}` is not one of error, warning, note",
                    at(index.line_of(node.span.start))
                ));
            }
        });
    }
    Ok(meta)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_block_above_the_package() {
        let text = "\
# A comment that is not metadata.
# METADATA
# title: Actions come from our org
# description: |
#   ## What it does
#   Reports actions from elsewhere.
# related_resources:
#   - ref: https://wiki.example.com/ci
# custom:
#   severity: warning
package atlas9.user.org_actions
";
        let meta = parse("p.rego", text).expect("valid");
        assert_eq!(meta.title.as_deref(), Some("Actions come from our org"));
        assert_eq!(
            meta.description.as_deref(),
            Some("## What it does\nReports actions from elsewhere.\n")
        );
        assert_eq!(meta.link.as_deref(), Some("https://wiki.example.com/ci"));
        assert_eq!(meta.severity, Some(Severity::Warning));
    }

    #[test]
    fn no_block_is_no_metadata_and_a_bad_one_names_its_line() {
        assert_eq!(
            parse("p.rego", "package x\n# METADATA\n# title: later\n"),
            Ok(Metadata::default())
        );
        let err = parse(
            "p.rego",
            "# METADATA\n# title: t\n# custom:\n#   severity: fatal\npackage x\n",
        )
        .expect_err("bad severity");
        assert_eq!(
            err,
            "p.rego:4: METADATA severity `fatal` is not one of error, warning, note"
        );
        let err = parse("p.rego", "# METADATA\n# title: [\npackage x\n").expect_err("bad YAML");
        assert!(err.starts_with("p.rego:"), "{err}");
    }
}
