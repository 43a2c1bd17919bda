//! One file per OpenAPI rule.

pub mod operation_id_duplicate;
pub mod operation_id_missing;
pub mod unresolved_ref;

/// What every rule file needs.
mod prelude {
    pub use crate::checks::openapi::ApiSink;
    pub use crate::checks::openapi::api::Api;
    pub use crate::diagnostics::Finding;
    pub(crate) use crate::registry::declare_rule;
}
