//! `openapi/unresolved-ref`: see the rule's documentation below.

use super::prelude::*;
use crate::checks::openapi::document::RefError;

declare_rule! {
    /// ## What it does
    /// Flags a `$ref` that points nowhere: a file that is not in the repository, a JSON Pointer
    /// that names no node (with the closest existing key), or `$ref`s that only point at each
    /// other. References to `http:`/`https:` URLs are not fetched and not reported.
    ///
    /// ## Why is this bad?
    /// Code generators, documentation sites and validators fail on the broken reference, usually
    /// far from the change that broke it; until then the API silently lacks the schema.
    ///
    /// ## Example
    /// ```yaml
    /// schema:
    ///   $ref: '#/components/schemas/Usr'
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// schema:
    ///   $ref: '#/components/schemas/User'
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: the intended target is a guess.
    pub static RULE = {
        id: "openapi/unresolved-ref",
        title: "A $ref does not resolve",
        severity: Error,
        fix: None,
        essay: ApiConsistency,
    }
}

/// Report every reference that does not resolve, in every document the API reaches.
pub fn check(api: &Api, out: &mut ApiSink) {
    for (doc, d) in api.corpus.docs.iter().enumerate() {
        for (reference, span) in &d.refs {
            let (reference, span) = (reference.as_str(), *span);
            // A target that is itself a reference must lead somewhere real.
            let resolved = api.corpus.resolve(doc, reference).and_then(|at| {
                api.corpus.deref(at).map(|_| ()).or_else(|e| match e {
                    RefError::Loop => Err(RefError::Loop),
                    _ => Ok(()),
                })
            });
            let message = match resolved {
                Ok(()) | Err(RefError::Remote) | Err(RefError::Unparsable(_)) => continue,
                Err(RefError::MissingFile(f)) => {
                    format!("`{reference}` points at `{f}`, which is not in the repository")
                }
                Err(RefError::MissingTarget {
                    found,
                    missing,
                    suggestion,
                }) => {
                    let hint =
                        suggestion.map_or(String::new(), |s| format!("; did you mean `{s}`?"));
                    format!("`{reference}` does not resolve: `{found}` has no `{missing}`{hint}")
                }
                Err(RefError::Loop) => {
                    format!("`{reference}` only leads to other references, in a loop")
                }
            };
            out.push(&RULE, doc, Finding::new(&RULE, span, message));
        }
    }
}
