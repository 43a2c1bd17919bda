//! Policies see documents, not files: a workflow, an action or a Terraform module is
//! turned into one input document, the same for built-in and teams' policies, and every
//! policy's findings are mapped back to places in the file.

mod buckets;
mod calls;
mod check;
mod ebs;
pub mod engine;
mod fixes;
mod hcl_fixes;
mod iam;
mod indexes;
mod ingress;
pub mod locate;
pub mod metadata;
mod module_sources;
pub mod modules;
pub mod terraform;
pub mod testing;
mod versions;
pub mod workflow;

pub use check::check;

use crate::registry::{Essay, Rule};
use crate::syntax::tree;
use crate::workspace::LineIndex;
use engine::{Policies, Source};
use regorus::Value;
use std::path::Path;
use std::sync::{Arc, LazyLock, RwLock};

/// The policies built into the binary, by path under `policies/`.
const BUILTIN: &[(&str, &str)] = &[
    (
        "ci/cache_poisoning.rego",
        include_str!("../../policies/ci/cache_poisoning.rego"),
    ),
    (
        "ci/curl_pipe_shell.rego",
        include_str!("../../policies/ci/curl_pipe_shell.rego"),
    ),
    (
        "ci/dangerous_trigger.rego",
        include_str!("../../policies/ci/dangerous_trigger.rego"),
    ),
    (
        "ci/excessive_permissions.rego",
        include_str!("../../policies/ci/excessive_permissions.rego"),
    ),
    (
        "ci/github_env_injection.rego",
        include_str!("../../policies/ci/github_env_injection.rego"),
    ),
    (
        "ci/hardcoded_credentials.rego",
        include_str!("../../policies/ci/hardcoded_credentials.rego"),
    ),
    (
        "ci/insecure_commands.rego",
        include_str!("../../policies/ci/insecure_commands.rego"),
    ),
    (
        "ci/missing_permissions.rego",
        include_str!("../../policies/ci/missing_permissions.rego"),
    ),
    (
        "ci/missing_timeout.rego",
        include_str!("../../policies/ci/missing_timeout.rego"),
    ),
    (
        "ci/overprovisioned_secrets.rego",
        include_str!("../../policies/ci/overprovisioned_secrets.rego"),
    ),
    (
        "ci/persist_credentials.rego",
        include_str!("../../policies/ci/persist_credentials.rego"),
    ),
    (
        "ci/secrets_inherit.rego",
        include_str!("../../policies/ci/secrets_inherit.rego"),
    ),
    (
        "ci/self_hosted_runner_on_pr.rego",
        include_str!("../../policies/ci/self_hosted_runner_on_pr.rego"),
    ),
    (
        "ci/spoofable_bot_check.rego",
        include_str!("../../policies/ci/spoofable_bot_check.rego"),
    ),
    (
        "ci/template_injection.rego",
        include_str!("../../policies/ci/template_injection.rego"),
    ),
    (
        "ci/unpinned_action.rego",
        include_str!("../../policies/ci/unpinned_action.rego"),
    ),
    (
        "ci/unpinned_container_image.rego",
        include_str!("../../policies/ci/unpinned_container_image.rego"),
    ),
    (
        "terraform/cloudtrail_disabled.rego",
        include_str!("../../policies/terraform/cloudtrail_disabled.rego"),
    ),
    (
        "terraform/db_no_backup_retention.rego",
        include_str!("../../policies/terraform/db_no_backup_retention.rego"),
    ),
    (
        "terraform/ebs_unencrypted.rego",
        include_str!("../../policies/terraform/ebs_unencrypted.rego"),
    ),
    (
        "terraform/ec2_imdsv1.rego",
        include_str!("../../policies/terraform/ec2_imdsv1.rego"),
    ),
    (
        "terraform/hardcoded_credentials.rego",
        include_str!("../../policies/terraform/hardcoded_credentials.rego"),
    ),
    (
        "terraform/iam_wildcard.rego",
        include_str!("../../policies/terraform/iam_wildcard.rego"),
    ),
    (
        "terraform/kms_no_rotation.rego",
        include_str!("../../policies/terraform/kms_no_rotation.rego"),
    ),
    (
        "terraform/lib.rego",
        include_str!("../../policies/terraform/lib.rego"),
    ),
    (
        "terraform/module_unpinned.rego",
        include_str!("../../policies/terraform/module_unpinned.rego"),
    ),
    (
        "terraform/no_remote_backend.rego",
        include_str!("../../policies/terraform/no_remote_backend.rego"),
    ),
    (
        "terraform/provider_unpinned.rego",
        include_str!("../../policies/terraform/provider_unpinned.rego"),
    ),
    (
        "terraform/rds_no_deletion_protection.rego",
        include_str!("../../policies/terraform/rds_no_deletion_protection.rego"),
    ),
    (
        "terraform/rds_public.rego",
        include_str!("../../policies/terraform/rds_public.rego"),
    ),
    (
        "terraform/rds_unencrypted.rego",
        include_str!("../../policies/terraform/rds_unencrypted.rego"),
    ),
    (
        "terraform/s3_no_encryption.rego",
        include_str!("../../policies/terraform/s3_no_encryption.rego"),
    ),
    (
        "terraform/s3_no_versioning.rego",
        include_str!("../../policies/terraform/s3_no_versioning.rego"),
    ),
    (
        "terraform/s3_public_access.rego",
        include_str!("../../policies/terraform/s3_public_access.rego"),
    ),
    (
        "terraform/sg_open_ingress.rego",
        include_str!("../../policies/terraform/sg_open_ingress.rego"),
    ),
];

/// The built-in policies as sources.
pub fn builtin_sources() -> Vec<Source> {
    builtin_where(|_| true)
}

/// The built-in policies whose file (`ci/unpinned_action.rego`) `keep` accepts.
fn builtin_where(keep: impl Fn(&str) -> bool) -> Vec<Source> {
    BUILTIN
        .iter()
        .filter(|(path, _)| keep(path))
        .map(|(path, text)| Source {
            path: format!("policies/{path}"),
            text: (*text).to_string(),
            builtin: true,
        })
        .collect()
}

/// The rules of the built-in policies, read from their text without compiling them (listing
/// rules or checking a selection should not cost a Rego compilation).
static BUILTIN_RULES: LazyLock<Vec<&'static Rule>> = LazyLock::new(|| {
    builtin_sources()
        .iter()
        .filter(|s| {
            s.text
                .lines()
                .any(|l| l.starts_with("deny ") || l.starts_with("warn "))
        })
        .filter_map(|s| {
            let id = engine::rule_id(testing::package_of(&s.text)?)?;
            let meta = metadata::parse(&s.path, &s.text)
                .unwrap_or_else(|e| panic!("a built-in policy is invalid: {e}"));
            Some(engine::declare(id, &s.path, meta, true))
        })
        .collect()
});

/// The built-in rule with this id.
fn builtin_rule(id: &str) -> Option<&'static Rule> {
    BUILTIN_RULES.iter().copied().find(|r| r.id == id)
}

/// The built-in policies, compiled once, when a document first needs them.
static BUILTIN_POLICIES: LazyLock<Policies> = LazyLock::new(|| {
    Policies::new(&builtin_sources(), &builtin_rule)
        .unwrap_or_else(|e| panic!("a built-in policy is invalid: {e}"))
});

/// Every team rule declared in this process (by the configuration loaded, or by each one a
/// test loads), so rules can be listed and a finding's rule looked up without a configuration.
static DECLARED: RwLock<Vec<&'static Rule>> = RwLock::new(Vec::new());

/// The built-in policies alone.
pub fn builtin() -> Arc<Policies> {
    static SHARED: LazyLock<Arc<Policies>> = LazyLock::new(|| Arc::new(BUILTIN_POLICIES.clone()));
    Arc::clone(&SHARED)
}

/// The rules of the built-in policies, then of every team policy loaded so far.
pub fn rules() -> Vec<&'static Rule> {
    let declared = DECLARED.read().map(|d| d.clone()).unwrap_or_default();
    BUILTIN_RULES.iter().copied().chain(declared).collect()
}

/// The rule with this id, built-in or declared by any team policy loaded so far.
pub fn find(id: &str) -> Option<&'static Rule> {
    builtin_rule(id).or_else(|| {
        let declared = DECLARED.read().ok()?;
        declared.iter().copied().find(|r| r.id == id)
    })
}

/// Compile the built-in policies with a team's `sources`, naming the file of any problem.
pub fn compile(sources: Vec<Source>) -> Result<Policies, String> {
    let mut all = builtin_sources();
    all.extend(sources);
    Policies::new(&all, &builtin_rule)
}

/// The built-in policies whose file (`ci/unpinned_action.rego`) `keep` accepts, with the helper
/// packages they import: a subset measured or tested on its own.
pub fn builtin_subset(keep: impl Fn(&str) -> bool) -> Result<Policies, String> {
    let sources = builtin_where(|path| keep(path) || path.ends_with("lib.rego"));
    Policies::new(&sources, &builtin_rule)
}

/// The built-in policies plus a team's `sources` (`None` without any: the built-in ones are
/// compiled only when a document needs them), whose rules become known to the registry.
pub fn install(sources: Vec<Source>) -> Result<Option<Arc<Policies>>, String> {
    if sources.is_empty() {
        return Ok(None);
    }
    let policies = Arc::new(compile(sources)?);
    if let Ok(mut declared) = DECLARED.write() {
        for r in policies.rules() {
            let team = matches!(r.meta.essay, Essay::Team(_));
            if team && !declared.iter().any(|d| d.id == r.meta.id) {
                declared.push(r.meta);
            }
        }
    }
    Ok(Some(policies))
}

/// A team's `.rego` files under `paths` (files or directories, relative to `root`), tests
/// left out, in path order.
pub fn load_sources(root: &Path, paths: &[String], tests: bool) -> Result<Vec<Source>, String> {
    let mut files = Vec::new();
    for p in paths {
        let path = root.join(p);
        if path.is_file() {
            files.push(path);
            continue;
        }
        if !path.is_dir() {
            return Err(format!(
                "[policies] paths: {} is neither a file nor a directory",
                path.display()
            ));
        }
        for entry in walkdir::WalkDir::new(&path).sort_by_file_name() {
            let entry = entry.map_err(|e| format!("{}: {e}", path.display()))?;
            let name = entry.file_name().to_string_lossy();
            if entry.file_type().is_file()
                && name.ends_with(".rego")
                && (tests || !name.ends_with("_test.rego"))
            {
                files.push(entry.into_path());
            }
        }
    }
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read policy {}: {e}", path.display()))?;
            let shown = path.strip_prefix(root).unwrap_or(&path);
            Ok(Source {
                path: shown.to_string_lossy().replace('\\', "/"),
                text,
                builtin: false,
            })
        })
        .collect()
}

/// An object of `pairs`, for building documents.
pub(crate) fn obj<'a>(pairs: impl IntoIterator<Item = (&'a str, Value)>) -> Value {
    Value::from(
        pairs
            .into_iter()
            .map(|(k, v)| (Value::from(k), v))
            .collect::<std::collections::BTreeMap<_, _>>(),
    )
}

/// An array of `items`, for building documents.
pub(crate) fn arr(items: impl IntoIterator<Item = Value>) -> Value {
    Value::from(items.into_iter().collect::<Vec<_>>())
}

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

#[cfg(test)]
mod tests {
    #[test]
    fn built_in_rules_read_from_text_are_the_compiled_ones() {
        let listed: Vec<&str> = super::BUILTIN_RULES.iter().map(|r| r.id).collect();
        let compiled: Vec<&str> = super::builtin().rules().iter().map(|r| r.meta.id).collect();
        assert_eq!(listed, compiled);
        assert!(
            super::builtin()
                .rules()
                .iter()
                .all(|r| std::ptr::eq(r.meta, super::builtin_rule(r.meta.id).expect("listed")))
        );
    }
}
