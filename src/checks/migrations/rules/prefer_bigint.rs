//! `migrations/prefer-bigint`: see the rule's documentation below.

use super::prelude::*;
use super::types::{Preferred, base_type, check_columns};
use crate::diagnostics::Applicability;

declare_rule! {
    /// ## What it does
    /// Flags identifier columns (`id` and `*_id`) declared as `integer`, `smallint`, `serial` or
    /// `smallserial`.
    ///
    /// ## Why is this bad?
    /// A 32-bit id runs out at about 2.1 billion. Busy tables get there, and widening the column
    /// later rewrites the table and every table that references it.
    ///
    /// ## Example
    /// ```sql
    /// CREATE TABLE events (id serial PRIMARY KEY, user_id integer);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// CREATE TABLE events (id bigserial PRIMARY KEY, user_id bigint);
    /// ```
    ///
    /// ## Fix safety
    /// In a `CREATE TABLE` (or on a table created in the same file) the fix widens the type. It is
    /// safe: the table is empty and every integer fits.
    pub static RULE = {
        id: "migrations/prefer-bigint",
        title: "An identifier column is 32-bit",
        severity: Note,
        fix: Sometimes,
        essay: ZeroDowntimeMigrations,
    }
}

/// Report 32-bit identifier columns.
pub fn check(m: &Migration, out: &mut Sink) {
    check_columns(m, out, &RULE, Applicability::Safe, |col| {
        let name = col.name.text.as_str();
        if name != "id" && !name.ends_with("_id") {
            return None;
        }
        let (base, _) = base_type(&col.ty.text)?;
        let replacement = match base {
            "int" | "integer" | "int4" | "smallint" | "int2" => "bigint",
            "serial" | "serial4" | "smallserial" | "serial2" => "bigserial",
            _ => return None,
        };
        Some(Preferred {
            replacement: replacement.into(),
            message: format!("`{name}` is `{base}`; ids outgrow 32 bits, use `{replacement}`"),
        })
    });
}
