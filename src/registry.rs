//! The one explicit list of rules. A rule is declared once, next to its logic, with
//! [`declare_rule!`]: its doc comment is its documentation (`atlas9 explain`, `docs/rules.md`).

use crate::checks::openapi::{ApiSink, api::Api};
use crate::checks::{Sink, meta, migrations, openapi, secrets, timeouts};
use crate::diagnostics::Severity;

/// Whether a rule can offer a fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixAvailability {
    /// Never.
    None,
    /// For some or all findings.
    Sometimes,
}

/// The pattern essay a rule's explanation belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Essay {
    /// `docs/patterns/zero-downtime-migrations.md`.
    ZeroDowntimeMigrations,
    /// `docs/patterns/timeouts.md`.
    Timeouts,
    /// `docs/patterns/working-with-atlas9.md`.
    WorkingWithAtlas9,
    /// `docs/patterns/api-consistency.md`.
    ApiConsistency,
    /// `docs/patterns/secrets.md`.
    Secrets,
    /// `docs/patterns/ci-supply-chain.md`.
    CiSupplyChain,
    /// `docs/patterns/terraform-guardrails.md`.
    TerraformGuardrails,
    /// A team's policy: the link its metadata gives, if any.
    Team(Option<&'static str>),
}

impl Essay {
    /// The essay's path in the repository (`None` for a team's rule).
    pub fn path(self) -> Option<&'static str> {
        Some(match self {
            Essay::ZeroDowntimeMigrations => "docs/patterns/zero-downtime-migrations.md",
            Essay::Timeouts => "docs/patterns/timeouts.md",
            Essay::WorkingWithAtlas9 => "docs/patterns/working-with-atlas9.md",
            Essay::ApiConsistency => "docs/patterns/api-consistency.md",
            Essay::Secrets => "docs/patterns/secrets.md",
            Essay::CiSupplyChain => "docs/patterns/ci-supply-chain.md",
            Essay::TerraformGuardrails => "docs/patterns/terraform-guardrails.md",
            Essay::Team(_) => return None,
        })
    }
}

/// A rule's metadata.
#[derive(Debug)]
pub struct Rule {
    /// `domain/name`, kebab-case, stable forever.
    pub id: &'static str,
    /// A one-line summary.
    pub title: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// Whether it offers fixes.
    pub fix: FixAvailability,
    /// The essay explaining the pattern.
    pub essay: Essay,
    /// The essay section, when it is not the rule's name (secret rules share one per family).
    pub anchor: Option<&'static str>,
    /// Markdown documentation, from the rule's doc comment.
    pub docs: &'static str,
}

impl Rule {
    /// The part after the domain.
    pub fn name(&self) -> &'static str {
        self.id.split_once('/').map_or(self.id, |(_, n)| n)
    }

    /// The domain (`migrations`).
    pub fn domain(&self) -> &'static str {
        self.id.split_once('/').map_or(self.id, |(d, _)| d)
    }

    /// The essay section: the anchor, or else the rule's name.
    pub fn anchor(&self) -> &'static str {
        self.anchor.unwrap_or_else(|| self.name())
    }

    /// `docs/patterns/<essay>.md#<anchor>`, or a team rule's own link (empty without one).
    pub fn essay_link(&self) -> String {
        match (self.essay.path(), self.essay) {
            (Some(path), _) => format!("{path}#{}", self.anchor()),
            (None, Essay::Team(link)) => link.unwrap_or_default().to_string(),
            (None, _) => String::new(),
        }
    }

    /// The essay section on the web (SARIF `helpUri`), or a team rule's own link.
    pub fn help_uri(&self) -> Option<String> {
        match self.essay {
            Essay::Team(link) => link.map(str::to_string),
            _ => Some(format!(
                "{}/blob/main/{}",
                env!("CARGO_PKG_REPOSITORY"),
                self.essay_link()
            )),
        }
    }

    /// The documentation as Markdown, with the doc-comment indentation removed.
    pub fn markdown(&self) -> String {
        let mut out = String::with_capacity(self.docs.len());
        for line in self.docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim().to_string()
    }
}

/// Declare a rule: its doc comment becomes both rustdoc and the runtime documentation.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis static $name:ident = {
            id: $id:literal,
            title: $title:literal,
            severity: $severity:ident,
            fix: $fix:ident,
            essay: $essay:ident $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        $vis static $name: $crate::registry::Rule = $crate::registry::Rule {
            id: $id,
            title: $title,
            severity: $crate::diagnostics::Severity::$severity,
            fix: $crate::registry::FixAvailability::$fix,
            essay: $crate::registry::Essay::$essay,
            anchor: None,
            docs: concat!($($doc, "\n"),*),
        };
    };
}
pub(crate) use declare_rule;

/// A check over one migration file.
pub type MigrationCheck = fn(&migrations::Migration, &mut Sink);

/// Every migration rule with its check, in id order.
pub static MIGRATION_RULES: &[(&Rule, MigrationCheck)] = {
    use migrations::rules::*;
    &[
        (
            &add_check_without_not_valid::RULE,
            add_check_without_not_valid::check,
        ),
        (
            &add_column_not_null_without_default::RULE,
            add_column_not_null_without_default::check,
        ),
        (
            &add_column_stored_generated::RULE,
            add_column_stored_generated::check,
        ),
        (
            &add_column_volatile_default::RULE,
            add_column_volatile_default::check,
        ),
        (
            &add_exclusion_constraint::RULE,
            add_exclusion_constraint::check,
        ),
        (
            &add_foreign_key_without_not_valid::RULE,
            add_foreign_key_without_not_valid::check,
        ),
        (
            &add_primary_key_without_index::RULE,
            add_primary_key_without_index::check,
        ),
        (
            &add_unique_constraint_without_index::RULE,
            add_unique_constraint_without_index::check,
        ),
        (&change_column_type::RULE, change_column_type::check),
        (
            &concurrently_in_transaction::RULE,
            concurrently_in_transaction::check,
        ),
        (
            &create_index_non_concurrently::RULE,
            create_index_non_concurrently::check,
        ),
        (
            &detach_partition_non_concurrently::RULE,
            detach_partition_non_concurrently::check,
        ),
        (&disabled_lock_timeout::RULE, disabled_lock_timeout::check),
        (
            &disabled_statement_timeout::RULE,
            disabled_statement_timeout::check,
        ),
        (&drop_column::RULE, drop_column::check),
        (
            &drop_index_non_concurrently::RULE,
            drop_index_non_concurrently::check,
        ),
        (&drop_table::RULE, drop_table::check),
        (&lock_table::RULE, lock_table::check),
        (
            &lock_timeout_on_concurrently::RULE,
            lock_timeout_on_concurrently::check,
        ),
        (&missing_lock_timeout::RULE, missing_lock_timeout::check),
        (
            &missing_statement_timeout::RULE,
            missing_statement_timeout::check,
        ),
        (&prefer_bigint::RULE, prefer_bigint::check),
        (&prefer_identity::RULE, prefer_identity::check),
        (&prefer_jsonb::RULE, prefer_jsonb::check),
        (&prefer_text::RULE, prefer_text::check),
        (&prefer_timestamptz::RULE, prefer_timestamptz::check),
        (
            &reindex_non_concurrently::RULE,
            reindex_non_concurrently::check,
        ),
        (&rename_column::RULE, rename_column::check),
        (&rename_table::RULE, rename_table::check),
        (&set_not_null_full_scan::RULE, set_not_null_full_scan::check),
        (&unbatched_backfill::RULE, unbatched_backfill::check),
        (&vacuum_full_or_cluster::RULE, vacuum_full_or_cluster::check),
        (
            &validate_constraint_same_transaction::RULE,
            validate_constraint_same_transaction::check,
        ),
    ]
};

/// A check over one API (its root and every document it references).
pub type OpenApiCheck = fn(&Api, &mut ApiSink);

/// Every OpenAPI rule with its check, in id order.
pub static OPENAPI_RULES: &[(&Rule, OpenApiCheck)] = {
    use openapi::rules::*;
    &[
        (&enum_casing::RULE, enum_casing::check),
        (
            &error_schema_inconsistent::RULE,
            error_schema_inconsistent::check,
        ),
        (&header_casing::RULE, header_casing::check),
        (&id_type_inconsistent::RULE, id_type_inconsistent::check),
        (
            &missing_error_responses::RULE,
            missing_error_responses::check,
        ),
        (
            &missing_rate_limit_response::RULE,
            missing_rate_limit_response::check,
        ),
        (&operation_id_casing::RULE, operation_id_casing::check),
        (&operation_id_duplicate::RULE, operation_id_duplicate::check),
        (&operation_id_missing::RULE, operation_id_missing::check),
        (
            &pagination_inconsistent::RULE,
            pagination_inconsistent::check,
        ),
        (
            &pagination_limit_unbounded::RULE,
            pagination_limit_unbounded::check,
        ),
        (&pagination_missing::RULE, pagination_missing::check),
        (
            &pagination_next_missing::RULE,
            pagination_next_missing::check,
        ),
        (&parameter_casing::RULE, parameter_casing::check),
        (&path_casing::RULE, path_casing::check),
        (
            &path_version_inconsistent::RULE,
            path_version_inconsistent::check,
        ),
        (
            &post_without_idempotency_key::RULE,
            post_without_idempotency_key::check,
        ),
        (&property_casing::RULE, property_casing::check),
        (
            &rate_limit_retry_after_missing::RULE,
            rate_limit_retry_after_missing::check,
        ),
        (&schema_name_casing::RULE, schema_name_casing::check),
        (
            &top_level_array_response::RULE,
            top_level_array_response::check,
        ),
        (&unresolved_ref::RULE, unresolved_ref::check),
        (&unversioned_api::RULE, unversioned_api::check),
    ]
};

/// Rules whose findings come from the engine itself.
pub static META_RULES: &[&Rule] = &[
    &meta::INVALID_SUPPRESSION,
    &meta::PARSE_ERROR,
    &meta::UNUSED_SUPPRESSION,
];

/// Rules of the `timeouts` domain.
pub static TIMEOUT_RULES: &[&Rule] = &[&timeouts::dsn::RULE];

/// The rules written in Rust, meta rules first, then by domain.
fn native() -> impl Iterator<Item = &'static Rule> {
    META_RULES
        .iter()
        .copied()
        .chain(MIGRATION_RULES.iter().map(|(r, _)| *r))
        .chain(OPENAPI_RULES.iter().map(|(r, _)| *r))
        .chain(TIMEOUT_RULES.iter().copied())
}

/// Every rule: the native ones, the policies' (built-in, then the team's), then the secret
/// rules of the built-in and configured packs.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    let secrets: Vec<&'static Rule> = secrets::scanner().rules().iter().map(|r| r.meta).collect();
    native().chain(crate::policy::rules()).chain(secrets)
}

/// The rules atlas9 itself defines: every rule but the teams' own policies.
pub fn builtin() -> impl Iterator<Item = &'static Rule> {
    all().filter(|r| !matches!(r.essay, Essay::Team(_)))
}

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static Rule> {
    if id.starts_with("secrets/") {
        secrets::scanner().rule(id).map(|r| r.meta)
    } else {
        native()
            .find(|r| r.id == id)
            .or_else(|| crate::policy::find(id))
    }
}

/// Every domain, once.
pub fn domains() -> impl Iterator<Item = &'static str> {
    let mut seen: Vec<&'static str> = all().map(Rule::domain).collect();
    seen.dedup();
    seen.into_iter()
}
