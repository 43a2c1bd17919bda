//! What the seven casing rules share: the convention of a kind of name (configured, or inferred
//! from the API's own names), the API's way with initialisms, and the rename fix.

use super::prelude::*;
use crate::checks::openapi::casing::{self, Acronyms, Convention};
use crate::checks::openapi::names::{Element, Kind};
use crate::diagnostics::{Edit, Fix, Span};
use crate::registry::Rule;
use crate::syntax::tree::Value;

/// How the API writes initialisms in camel and Pascal names: `Some(true)` in capitals.
fn initialism_convention(api: &Api, acronyms: Acronyms) -> Option<(bool, String)> {
    match acronyms {
        Acronyms::Upper => Some((true, "configured".into())),
        Acronyms::AsWords => Some((false, "configured".into())),
        Acronyms::Consistent => {
            let styles = api.initialism_styles();
            let upper = styles.iter().filter(|&&u| u).count();
            let (winner, n) = if upper * 2 >= styles.len() {
                (true, upper)
            } else {
                (false, styles.len() - upper)
            };
            (styles.len() >= 3 && n * 10 >= styles.len() * 6)
                .then(|| (winner, format!("{n} of {}", styles.len())))
        }
    }
}

/// Replace `old` with `new` inside the text at `span` (keys and values may be quoted).
fn rename_at(text: &str, span: Span, old: &str, new: &str) -> Option<Edit> {
    let slice = text.get(span.start..span.end)?;
    (slice.matches(old).count() == 1).then(|| Edit::replace(span, slice.replacen(old, new, 1)))
}

/// The edits that rename `e` to `new` in its own document, or `None` when a safe, complete rename
/// cannot be written there.
fn rename(api: &Api, e: &Element, new: &str) -> Option<Vec<Edit>> {
    let text = &api.corpus.docs[e.doc].source.text;
    let mut edits = vec![];
    match e.kind {
        Kind::PathSegment => {
            let key = text.get(e.span.start..e.span.end)?;
            let renamed: Vec<String> = key
                .split('/')
                .map(|seg| {
                    let (name, rest) = seg
                        .split_once(':')
                        .map_or((seg, None), |(n, r)| (n, Some(r)));
                    let name = if name == e.name { new } else { name };
                    rest.map_or_else(|| name.to_string(), |r| format!("{name}:{r}"))
                })
                .collect();
            edits.push(Edit::replace(e.span, renamed.join("/")));
        }
        Kind::Property => {
            edits.push(rename_at(text, e.span, &e.name, new)?);
            let schema = e.schema?;
            if let Some(Value::Seq(required)) = schema.get("required").map(|n| &n.value) {
                for r in required.iter().filter(|r| r.as_str() == Some(&e.name)) {
                    edits.push(rename_at(text, r.span, &e.name, new)?);
                }
            }
            if let Some(p) = schema
                .get("discriminator")
                .and_then(|d| d.entry("propertyName"))
                && p.value.as_str() == Some(&e.name)
            {
                edits.push(rename_at(text, p.value.span, &e.name, new)?);
            }
        }
        Kind::SchemaName => {
            edits.push(rename_at(text, e.span, &e.name, new)?);
            let targets = [
                format!("/schemas/{}", e.name),
                format!("/definitions/{}", e.name),
            ];
            for (doc, d) in api.corpus.docs.iter().enumerate() {
                for (reference, span) in &d.refs {
                    if targets.iter().any(|t| reference.ends_with(t.as_str())) {
                        // Every reference must be rewritten in this one fix, so they must live here.
                        if doc != e.doc || !reference.starts_with('#') {
                            return None;
                        }
                        edits.push(rename_at(text, *span, &e.name, new)?);
                    }
                }
            }
            // Discriminator mappings name schemas by reference or by bare name.
            let mut stack = vec![&api.corpus.docs[e.doc].root];
            while let Some(n) = stack.pop() {
                match &n.value {
                    Value::Map(entries) => {
                        if let Some(Value::Map(mapping)) = n.get("mapping").map(|m| &m.value)
                            && n.get("propertyName").is_some()
                        {
                            for m in mapping {
                                let target = m.value.as_str().unwrap_or("");
                                if target == e.name
                                    || targets.iter().any(|t| target.ends_with(t.as_str()))
                                {
                                    edits.push(rename_at(text, m.value.span, &e.name, new)?);
                                }
                            }
                        }
                        stack.extend(entries.iter().map(|x| &x.value));
                    }
                    Value::Seq(items) => stack.extend(items),
                    _ => {}
                }
            }
        }
        Kind::Parameter | Kind::Header | Kind::OperationId | Kind::EnumValue => {
            edits.push(rename_at(text, e.span, &e.name, new)?);
        }
    }
    Some(edits)
}

/// Report every name of `kind` that breaks the API's convention or its way with initialisms.
pub fn check(
    api: &Api,
    out: &mut ApiSink,
    rule: &'static Rule,
    kind: Kind,
    what: &str,
    configured: Option<Convention>,
    acronyms: Acronyms,
) {
    let elements: Vec<&Element> = api.names().iter().filter(|e| e.kind == kind).collect();
    let convention = match configured {
        Some(c) => Some((c, "configured".to_string())),
        None => casing::dominant(
            elements.iter().map(|e| e.name.as_str()),
            kind == Kind::PathSegment,
        )
        .map(|(c, n, of)| (c, format!("{n} of {of}"))),
    };
    let initialisms = initialism_convention(api, acronyms);
    for e in elements {
        let message;
        let suggestion;
        match convention {
            Some((c, ref why)) if !casing::fits(&e.name, c) => {
                let style = casing::describe(&e.name);
                let acr = match initialisms {
                    Some((true, _)) => Acronyms::Upper,
                    _ => Acronyms::AsWords,
                };
                suggestion = casing::render(&e.name, c, acr);
                message = format!(
                    "`{}` is {style}, but this API's {what} are {c} ({why}): `{suggestion}`",
                    e.name
                );
            }
            _ => {
                let Some((upper, ref why)) = initialisms else {
                    continue;
                };
                if casing::initialism_style(&e.name) != Some(!upper) {
                    continue;
                }
                let c = casing::vote(&e.name).unwrap_or(Convention::Camel);
                suggestion = casing::render(
                    &e.name,
                    c,
                    if upper {
                        Acronyms::Upper
                    } else {
                        Acronyms::AsWords
                    },
                );
                let how = if upper { "in capitals" } else { "as words" };
                message = format!(
                    "`{}` writes an initialism differently; this API writes them {how} ({why}): `{suggestion}`",
                    e.name
                );
            }
        }
        let fix = (suggestion != e.name)
            .then(|| rename(api, e, &suggestion))
            .flatten()
            .map(|edits| Fix::unsafe_(format!("rename to `{suggestion}`"), edits));
        let mut finding = Finding::new(rule, e.span, message).with_fix(fix);
        if let Some((doc, span)) = e.via.filter(|(d, _)| *d != e.doc)
            && let Some(at) = out.elsewhere(doc, span)
        {
            finding = finding.with_label_elsewhere(at, "reached through this $ref");
        }
        out.push(rule, e.doc, finding);
    }
}
