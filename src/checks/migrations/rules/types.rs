//! What the `prefer-*` type rules share: every column definition, and a type swap that is only
//! offered while the table is still new.

use super::prelude::*;
use crate::checks::migrations::statement::Column;
use crate::diagnostics::Applicability;
use crate::registry::Rule;

/// A type a rule would rather see, and why.
pub struct Preferred {
    /// The replacement type text.
    pub replacement: String,
    /// The finding's message.
    pub message: String,
}

/// Report every column `prefer` objects to; offer the swap when the table is new in this file.
pub fn check_columns(
    m: &Migration,
    out: &mut Sink,
    rule: &'static Rule,
    applicability: Applicability,
    prefer: impl Fn(&Column) -> Option<Preferred>,
) {
    for (col, new_table) in m.columns() {
        let Some(p) = prefer(col) else { continue };
        let fix = new_table.then(|| {
            let edits = vec![Edit::replace(col.ty.span, p.replacement.clone())];
            let description = format!("use `{}`", p.replacement);
            match applicability {
                Applicability::Safe => Fix::safe(description, edits),
                Applicability::Unsafe => Fix::unsafe_(description, edits),
            }
        });
        out.push(
            rule,
            Finding::new(rule, col.ty.span, p.message).with_fix(fix),
        );
    }
}

/// `(base, args)`: `varchar(20)` → (`varchar`, `Some("20")`); arrays yield `None`.
pub fn base_type(ty: &str) -> Option<(&str, Option<&str>)> {
    if ty.contains('[') || ty.ends_with(" array") {
        return None;
    }
    match ty.split_once('(') {
        Some((base, rest)) => {
            let (args, tail) = rest.split_once(')')?;
            let tail = tail.trim();
            (tail.is_empty() || tail.starts_with("with")).then_some((base.trim(), Some(args)))
        }
        None => Some((ty, None)),
    }
}
