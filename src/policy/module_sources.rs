//! Module sources parsed once, as `uses:` is for workflows: what kind of source a `module`
//! block calls, and the `ref` a git source asks for.

use super::obj;
use regorus::Value;
use std::collections::BTreeMap;

/// The prefixes Terraform reads as a git source.
const GIT: [&str; 4] = ["git::", "git@", "github.com/", "bitbucket.org/"];

/// For each module call whose `source` is a known string, `{"type", "ref"}`: `type` is `"git"`,
/// `"registry"` (`namespace/name/provider`, optionally behind a host), `"local"` (`./` or `../`)
/// or `"other"` (archives, buckets, absolute paths, other version control); `ref` is the
/// `?ref=` of a git source, or `null`.
pub(super) fn sources(modules: &BTreeMap<Value, Value>) -> Value {
    let parsed: BTreeMap<Value, Value> = modules
        .iter()
        .filter_map(|(name, call)| {
            let Value::String(source) = &call["source"] else {
                return None;
            };
            let (kind, git_ref) = classify(source);
            let git_ref = git_ref.map_or(Value::Null, Value::from);
            Some((
                name.clone(),
                obj([("type", Value::from(kind)), ("ref", git_ref)]),
            ))
        })
        .collect();
    Value::from(parsed)
}

/// The type of `source`, and its `ref` when it is a git source that names one.
fn classify(source: &str) -> (&'static str, Option<&str>) {
    if GIT.iter().any(|p| source.starts_with(p)) {
        return ("git", git_ref(source));
    }
    if source.starts_with("./") || source.starts_with("../") {
        return ("local", None);
    }
    let registry = !source.starts_with(['.', '/'])
        && !source.contains("::")
        && !source.contains('?')
        && matches!(source.split('/').count(), 3 | 4);
    (if registry { "registry" } else { "other" }, None)
}

/// The value of `ref` in the query of `source` (`…?ref=v1.2.0&depth=1`).
fn git_ref(source: &str) -> Option<&str> {
    let (_, query) = source.split_once('?')?;
    if query.contains('?') {
        return None;
    }
    query
        .split('&')
        .find_map(|pair| match pair.split_once('=') {
            Some(("ref", value)) if !value.contains('=') => Some(value),
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::classify;

    #[test]
    fn sources_are_classified_as_terraform_reads_them() {
        for (source, want) in [
            (
                "git::https://example.com/vpc.git?ref=v1.2.0",
                ("git", Some("v1.2.0")),
            ),
            (
                "github.com/acme/vpc?depth=1&ref=main",
                ("git", Some("main")),
            ),
            ("git@github.com:acme/vpc.git", ("git", None)),
            ("bitbucket.org/acme/vpc?ref=", ("git", Some(""))),
            ("acme/vpc/aws", ("registry", None)),
            ("app.terraform.io/acme/vpc/aws", ("registry", None)),
            ("./modules/vpc", ("local", None)),
            ("../vpc", ("local", None)),
            ("/opt/modules/vpc/x", ("other", None)),
            (
                "s3::https://s3.amazonaws.com/bucket/vpc.zip",
                ("other", None),
            ),
            ("https://example.com/vpc.zip?archive=zip", ("other", None)),
        ] {
            assert_eq!(classify(source), want, "{source}");
        }
    }
}
