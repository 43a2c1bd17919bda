//! One file per migration rule.

pub mod add_check_without_not_valid;
pub mod add_column_not_null_without_default;
pub mod add_column_stored_generated;
pub mod add_column_volatile_default;
pub mod add_exclusion_constraint;
pub mod add_foreign_key_without_not_valid;
pub mod add_primary_key_without_index;
pub mod add_unique_constraint_without_index;
pub mod change_column_type;
pub mod concurrently_in_transaction;
pub mod create_index_non_concurrently;
pub mod detach_partition_non_concurrently;
pub mod disabled_lock_timeout;
pub mod disabled_statement_timeout;
pub mod drop_column;
pub mod drop_index_non_concurrently;
pub mod drop_table;
pub mod lock_table;
pub mod lock_timeout_on_concurrently;
pub mod missing_lock_timeout;
pub mod missing_statement_timeout;
pub mod prefer_bigint;
pub mod prefer_identity;
pub mod prefer_jsonb;
pub mod prefer_text;
pub mod prefer_timestamptz;
pub mod reindex_non_concurrently;
pub mod rename_column;
pub mod rename_table;
pub mod set_not_null_full_scan;
mod timeouts;
mod types;
pub mod unbatched_backfill;
pub mod vacuum_full_or_cluster;
pub mod validate_constraint_same_transaction;

/// What every rule file needs.
mod prelude {
    pub use crate::checks::Sink;
    pub use crate::checks::migrations::statement::{Action, Constraint, Stmt};
    pub use crate::checks::migrations::{Migration, Timeout};
    pub use crate::diagnostics::{Edit, Finding, Fix};
    pub(crate) use crate::registry::declare_rule;
}

use crate::checks::migrations::Analyzed;
use crate::diagnostics::{Edit, Fix};

/// Append `NOT VALID` to an `ALTER TABLE` that has exactly one action.
fn not_valid_fix(stmt: &Analyzed) -> Option<Fix> {
    let single =
        matches!(&stmt.stmt, prelude::Stmt::AlterTable { actions, .. } if actions.len() == 1);
    single.then(|| {
        Fix::unsafe_(
            "append NOT VALID",
            vec![Edit::insert(stmt.span.end, " NOT VALID")],
        )
    })
}
