//! `atlas9 init`: an annotated `atlas9.toml` with every setting at its default.

use super::{EXIT_OK, fail};
use crate::config::{DEFAULT_MAX_FILE_SIZE, DEFAULT_POSTGRES_VERSION, FILE_NAME};

fn template() -> String {
    format!(
        r#"# atlas9 configuration. Every key is optional; unknown keys are errors.

[rules]
# Rules or domains to run (default: all). Example: ["migrations", "timeouts"]
# select = ["migrations"]
# Rules or domains to skip.
ignore = []
# The lowest severity that fails `atlas9 check`: "error", "warning" or "note".
fail_on = "warning"

# Change the severity of a rule or domain, or turn it "off" (a severity never re-enables an ignored rule).
[rules.severity]
# "migrations/prefer-text" = "off"

[files]
# Only check files matching these globs (default: everything not ignored by .gitignore).
include = []
# Never check files matching these globs.
exclude = []
# Skip files larger than this many bytes.
max_file_size = {DEFAULT_MAX_FILE_SIZE}

# Per-path overrides, applied in order.
# [[overrides]]
# paths = ["legacy/**"]
# ignore = ["migrations/prefer-bigint"]
# severity = {{ "migrations/drop-column" = "note" }}

[migrations]
# The Postgres major version your migrations run on; rules gate on it.
postgres_version = {DEFAULT_POSTGRES_VERSION}
# Globs of migration files; when set, only these are linted (default: detected by layout).
paths = []
# Force a framework: golang-migrate, goose, flyway, sqlx, dbmate, prisma, atlas or plain.
# framework = "goose"
# Values the timeout fixes insert.
lock_timeout = "5s"
statement_timeout = "10min"
# Lint down migrations too.
check_down = false

[openapi]
# Globs of API descriptions that do not say `openapi:`/`swagger:` at the top (found by content
# otherwise).
paths = []
# How initialisms are written: "consistent" (learned from the API), "as-words" or "upper".
acronyms = "consistent"
# The `maximum` the fix gives an unbounded page-size parameter.
max_page_size = 100
# Require this idempotency header on POSTs that create (default: only when the API uses one).
# idempotency_header = "Idempotency-Key"

# A naming convention per kind; unset kinds are learned from the API's own names.
# One of camelCase, PascalCase, snake_case, kebab-case, SCREAMING_SNAKE_CASE, Train-Case.
[openapi.casing]
# properties = "camelCase"
# parameters = "camelCase"
# headers = "Train-Case"
# paths = "kebab-case"
# operation_ids = "camelCase"
# enums = "SCREAMING_SNAKE_CASE"
# schema_names = "PascalCase"

[secrets]
# Your own rule packs (TOML, the format of rules/secrets/*.toml in atlas9's repository).
packs = []
# Values that are never secrets (regexes over the value) and paths never scanned (globs).
allow_values = []
allow_paths = []
# Rules below this confidence (low, medium, high) report notes, which do not fail the run.
min_confidence = "low"
# Honour other scanners' allow comments (gitleaks:allow, pragma: allowlist secret, ...).
other_tools = true
# An environment variable holding a key: SARIF secret fingerprints become HMACs instead of
# plain SHA-256 hashes.
# fingerprint_key_env = "ATLAS9_FINGERPRINT_KEY"

[policies]
# Your team's Rego policies: files or directories of .rego files (package atlas9.user.<name>,
# `deny`/`warn` sets). Test them with `atlas9 policy test DIR`; see docs/policies.md.
paths = []

[ci]
# The timeout-minutes the ci/missing-timeout fix gives a job.
timeout_minutes = 30
"#
    )
}

/// Write `atlas9.toml` in the working directory.
pub fn run(force: bool) -> i32 {
    let path = std::path::Path::new(FILE_NAME);
    if path.exists() && !force {
        return fail(format!(
            "{FILE_NAME} already exists (use --force to overwrite)"
        ));
    }
    match std::fs::write(path, template()) {
        Ok(()) => {
            eprintln!("wrote {FILE_NAME}");
            EXIT_OK
        }
        Err(e) => fail(format!("cannot write {FILE_NAME}: {e}")),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn template_is_a_valid_config() {
        let cfg =
            crate::config::Config::parse(&super::template(), std::path::Path::new("atlas9.toml"));
        assert!(cfg.is_ok(), "{:?}", cfg.err());
    }
}
