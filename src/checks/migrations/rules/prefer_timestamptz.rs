//! `migrations/prefer-timestamptz`: see the rule's documentation below.

use super::prelude::*;
use super::types::{Preferred, base_type, check_columns};
use crate::diagnostics::Applicability;

declare_rule! {
    /// ## What it does
    /// Flags `timestamp` (`timestamp without time zone`) columns.
    ///
    /// ## Why is this bad?
    /// A `timestamp` stores wall-clock digits with no zone, so the same instant reads differently
    /// depending on the writer's settings, and daylight-saving changes create duplicate or missing
    /// hours. `timestamptz` stores an instant.
    ///
    /// ## Example
    /// ```sql
    /// CREATE TABLE logins (at timestamp NOT NULL);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// CREATE TABLE logins (at timestamptz NOT NULL);
    /// ```
    ///
    /// ## Fix safety
    /// In a new table the fix swaps the type. It is unsafe: code that writes local times without a
    /// zone will have them interpreted in the session's time zone.
    pub static RULE = {
        id: "migrations/prefer-timestamptz",
        title: "A timestamp column without time zone",
        severity: Note,
        fix: Sometimes,
        essay: ZeroDowntimeMigrations,
    }
}

/// Report timestamp columns without a time zone.
pub fn check(m: &Migration, out: &mut Sink) {
    check_columns(m, out, &RULE, Applicability::Unsafe, |col| {
        let ty = col.ty.text.as_str();
        let (base, args) = base_type(ty)?;
        let no_zone =
            base == "timestamp" && (!ty.contains(" with ") || ty.ends_with("without time zone"));
        if !no_zone {
            return None;
        }
        let replacement = args.map_or_else(
            || "timestamptz".to_string(),
            |a| format!("timestamptz({a})"),
        );
        Some(Preferred {
            replacement,
            message: format!(
                "`{}` stores a time without its zone; use `timestamptz`",
                col.name.text
            ),
        })
    });
}
