//! Rules whose findings the engine raises about the run itself.

use crate::registry::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a file atlas9 could not read or parse: an unterminated string, dollar quote or
    /// comment in SQL, a statement that starts like DDL but cannot be read, or a malformed YAML or
    /// JSON document. The message names what failed and where.
    ///
    /// ## Why is this bad?
    /// Nothing after the failure can be checked, so a broken file hides real problems. The run
    /// goes on for every other file.
    ///
    /// ## Example
    /// ```sql
    /// CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1;
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1 $body$ LANGUAGE sql;
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: only the author knows what was meant.
    pub static PARSE_ERROR = {
        id: "atlas9/parse-error",
        title: "A file could not be parsed",
        severity: Error,
        fix: None,
        essay: WorkingWithAtlas9,
    }
}

declare_rule! {
    /// ## What it does
    /// Reports an `atlas9: allow(…)` comment that suppressed nothing.
    ///
    /// ## Why is this bad?
    /// A stale suppression hides the next real finding on that line, and readers take it as a
    /// statement about the code that is no longer true.
    ///
    /// ## Example
    /// ```sql
    /// -- atlas9: allow(migrations/rename-column) renamed behind a view
    /// CREATE TABLE audit (id bigint);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// CREATE TABLE audit (id bigint);
    /// ```
    ///
    /// ## Fix safety
    /// When nothing in the comment is used, the fix deletes it; that is safe because the comment
    /// changes nothing.
    pub static UNUSED_SUPPRESSION = {
        id: "atlas9/unused-suppression",
        title: "A suppression comment matches no finding",
        severity: Warning,
        fix: Sometimes,
        essay: WorkingWithAtlas9,
    }
}

declare_rule! {
    /// ## What it does
    /// Reports an `atlas9:` comment that cannot be understood: an unknown rule id (with the closest
    /// known one), a missing reason, or a malformed `allow(…)`.
    ///
    /// ## Why is this bad?
    /// A typo in a suppression silently suppresses nothing; a suppression without a reason leaves
    /// the next reader guessing why the pattern is fine here.
    ///
    /// ## Example
    /// ```sql
    /// -- atlas9: allow(migrations/rename-colum)
    /// ALTER TABLE users RENAME COLUMN name TO full_name;
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// -- atlas9: allow(migrations/rename-column) the app reads both names until v42
    /// ALTER TABLE users RENAME COLUMN name TO full_name;
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: atlas9 cannot know the intended rule or the reason.
    pub static INVALID_SUPPRESSION = {
        id: "atlas9/invalid-suppression",
        title: "A suppression comment is malformed or names an unknown rule",
        severity: Warning,
        fix: None,
        essay: WorkingWithAtlas9,
    }
}
