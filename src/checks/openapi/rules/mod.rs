//! One file per OpenAPI rule.

pub mod enum_casing;
pub mod header_casing;
mod naming;
pub mod operation_id_casing;
pub mod operation_id_duplicate;
pub mod operation_id_missing;
pub mod parameter_casing;
pub mod path_casing;
pub mod property_casing;
pub mod schema_name_casing;
pub mod unresolved_ref;

/// What every rule file needs.
mod prelude {
    pub use crate::checks::openapi::ApiSink;
    pub use crate::checks::openapi::api::Api;
    pub use crate::diagnostics::Finding;
    pub(crate) use crate::registry::declare_rule;
}
