//! OpenAPI conformance: descriptions found by content (`openapi:`/`swagger:` at the top level) or
//! by `[openapi] paths`, read with everything their `$ref`s reach, and checked as one logical API
//! whose findings land in the file where the offending key lives.

pub mod api;
pub mod casing;
pub mod document;
mod edit;
pub mod names;
pub mod pagination;
pub mod rules;
pub mod shapes;

use crate::checks::meta::PARSE_ERROR;
use crate::config::Config;
use crate::diagnostics::Finding;
use crate::registry::{OPENAPI_RULES, Rule};
use crate::workspace::{FileKind, SourceFile};
use api::Api;
use document::Corpus;
use std::collections::HashMap;

/// Where OpenAPI rules report: per file, at the configured severity.
pub struct ApiSink<'a> {
    config: &'a Config,
    corpus: &'a Corpus<'a>,
    findings: HashMap<usize, Vec<Finding>>,
}

impl ApiSink<'_> {
    /// The run's configuration.
    pub fn config(&self) -> &Config {
        self.config
    }

    /// True when `rule` reports anything in the API's root file.
    pub fn enabled(&self, rule: &Rule) -> bool {
        self.config.severity(rule, "").is_some()
    }

    /// A label for a location in document `doc`, resolved to a path and positions now.
    pub fn elsewhere(
        &self,
        doc: usize,
        span: crate::diagnostics::Span,
    ) -> Option<crate::diagnostics::Elsewhere> {
        let d = self.corpus.docs.get(doc)?;
        let (start, end) = crate::output::range(d.source, span);
        Some(crate::diagnostics::Elsewhere {
            display: d.source.display.clone(),
            rel: d.source.rel.clone(),
            start,
            end,
        })
    }

    /// Report a finding about operation `op`, in its document; when the operation lives in
    /// another file than the root, the `$ref` that leads there becomes a related location.
    pub fn push_op(&mut self, rule: &Rule, op: &api::Operation, mut finding: Finding) {
        if let Some((doc, span)) = op.via
            && let Some(at) = self.elsewhere(doc, span)
        {
            finding = finding.with_label_elsewhere(at, "reached through this $ref");
        }
        self.push(rule, op.doc, finding);
    }

    /// Report a finding of `rule` in document `doc`.
    pub fn push(&mut self, rule: &Rule, doc: usize, mut finding: Finding) {
        let Some(d) = self.corpus.docs.get(doc) else {
            return;
        };
        if let Some(severity) = self.config.severity(rule, &d.source.rel) {
            finding.severity = severity;
            self.findings.entry(d.file).or_default().push(finding);
        }
    }
}

/// A cheap look for a top-level `openapi`/`swagger` key before anything is parsed.
fn looks_like_root(text: &str, json: bool) -> bool {
    if json {
        text.contains("\"openapi\"") || text.contains("\"swagger\"")
    } else {
        text.starts_with("openapi:")
            || text.starts_with("swagger:")
            || text.contains("\nopenapi:")
            || text.contains("\nswagger:")
            || text.starts_with("\u{feff}openapi:")
    }
}

/// Check every API among the run's YAML and JSON documents: `(file index, text, kind)`.
/// Returns findings by file index.
pub fn check(
    documents: &[(usize, &SourceFile, FileKind)],
    config: &Config,
) -> HashMap<usize, Vec<Finding>> {
    let files: Vec<(usize, &SourceFile, bool)> = documents
        .iter()
        .map(|&(i, s, k)| (i, s, k == FileKind::Json))
        .collect();
    let roots: Vec<usize> = files
        .iter()
        .enumerate()
        .filter(|(_, (_, s, json))| {
            looks_like_root(&s.text, *json) || config.openapi_paths.is_match(&s.rel)
        })
        .map(|(i, _)| i)
        .collect();
    if roots.is_empty() {
        return HashMap::new();
    }
    let (corpus, errors) = Corpus::load(&roots, &files);
    let mut sink = ApiSink {
        config,
        corpus: &corpus,
        findings: HashMap::new(),
    };
    for (file, span, message) in errors {
        if let Some(rel) = files.iter().find(|f| f.0 == file).map(|f| f.1.rel.as_str())
            && let Some(severity) = config.severity(&PARSE_ERROR, rel)
        {
            let mut f = Finding::new(&PARSE_ERROR, span, message);
            f.severity = severity;
            sink.findings.entry(file).or_default().push(f);
        }
    }
    for root in roots {
        let Some(doc) = corpus.doc_index(&files[root].1.rel) else {
            continue;
        };
        let Some(api) = Api::new(&corpus, doc) else {
            continue;
        };
        for (rule, check) in OPENAPI_RULES {
            if sink.enabled(rule) {
                check(&api, &mut sink);
            }
        }
    }
    sink.findings
}
