//! One file per OpenAPI rule.

pub mod enum_casing;
pub mod error_schema_inconsistent;
pub mod header_casing;
pub mod id_type_inconsistent;
pub mod missing_error_responses;
pub mod missing_rate_limit_response;
mod naming;
pub mod operation_id_casing;
pub mod operation_id_duplicate;
pub mod operation_id_missing;
pub mod pagination_inconsistent;
pub mod pagination_limit_unbounded;
pub mod pagination_missing;
pub mod pagination_next_missing;
pub mod parameter_casing;
pub mod path_casing;
pub mod path_version_inconsistent;
pub mod post_without_idempotency_key;
pub mod property_casing;
pub mod rate_limit_retry_after_missing;
pub mod schema_name_casing;
pub mod top_level_array_response;
pub mod unresolved_ref;
pub mod unversioned_api;
mod versioning;

/// What every rule file needs.
mod prelude {
    pub use crate::checks::openapi::ApiSink;
    pub use crate::checks::openapi::api::Api;
    pub use crate::diagnostics::Finding;
    pub(crate) use crate::registry::declare_rule;
}
