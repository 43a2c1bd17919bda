//! Which migration tool owns a file, because the tool decides the transaction around it.

use serde::Deserialize;
use std::collections::BTreeSet;

/// A migration framework (or none: a plain `migrations/` folder).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Framework {
    /// golang-migrate: `NNN_name.up.sql` / `.down.sql`, the file sent as one multi-statement query.
    GolangMigrate,
    /// goose: `-- +goose Up` / `Down`, wrapped in a transaction unless `NO TRANSACTION`.
    Goose,
    /// Flyway: `V1__name.sql`, `R__name.sql`, wrapped unless every statement is one that cannot
    /// run in a transaction (Flyway detects `CONCURRENTLY`) or a `.sql.conf` file says
    /// `executeInTransaction=false`.
    Flyway,
    /// sqlx: `migrations/<digits>_name.sql`, wrapped unless `-- no-transaction`.
    Sqlx,
    /// dbmate: `-- migrate:up` / `down`, wrapped unless `transaction:false`.
    Dbmate,
    /// Prisma: `prisma/migrations/*/migration.sql`, sent as one multi-statement query.
    Prisma,
    /// Atlas: a directory with `atlas.sum`, wrapped unless `-- atlas:txmode none`.
    Atlas,
    /// SQL files in a migrations folder with no known tool: no implicit transaction.
    Plain,
}

/// How a framework runs a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrapping {
    /// The tool opens a transaction around the file.
    Transaction,
    /// The file is one multi-statement query: with more than one statement, Postgres runs them in
    /// one implicit transaction.
    ImplicitMultiStatement,
    /// No transaction unless the file opens one.
    None,
}

impl Framework {
    /// The name used in config and messages.
    pub fn name(self) -> &'static str {
        match self {
            Framework::GolangMigrate => "golang-migrate",
            Framework::Goose => "goose",
            Framework::Flyway => "flyway",
            Framework::Sqlx => "sqlx",
            Framework::Dbmate => "dbmate",
            Framework::Prisma => "prisma",
            Framework::Atlas => "atlas",
            Framework::Plain => "plain",
        }
    }

    /// The framework runs a file whose statements all refuse a transaction (`CONCURRENTLY`)
    /// without one, by itself.
    pub fn detects_non_transactional(self) -> bool {
        self == Framework::Flyway
    }

    /// How the framework runs a file that carries no opt-out marker.
    pub fn wrapping(self) -> Wrapping {
        match self {
            Framework::GolangMigrate | Framework::Prisma => Wrapping::ImplicitMultiStatement,
            Framework::Plain => Wrapping::None,
            _ => Wrapping::Transaction,
        }
    }

    /// The comment that opts a whole file out of the framework's transaction, when the framework
    /// has one (dbmate's is a modifier on its `-- migrate:up` line instead; Flyway's lives in a
    /// separate `.sql.conf` file).
    pub fn no_transaction_marker(self) -> Option<&'static str> {
        match self {
            Framework::Goose => Some("-- +goose NO TRANSACTION"),
            Framework::Sqlx => Some("-- no-transaction"),
            Framework::Atlas => Some("-- atlas:txmode none"),
            Framework::Dbmate => Some("transaction:false"),
            _ => None,
        }
    }
}

/// A file recognised as a migration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MigrationFile {
    /// Its framework.
    pub framework: Framework,
    /// True for a whole-file down (undo) migration.
    pub down: bool,
}

const OTHER_DIALECTS: &[&str] = &[
    "mysql",
    "mariadb",
    "sqlite",
    "sqlite3",
    "mssql",
    "sqlserver",
    "oracle",
    "clickhouse",
];

/// Decide whether `rel` (with `/` separators) is a Postgres migration, and whose.
/// `configured` is `[migrations] framework`; `in_configured_paths` tells whether
/// `[migrations] paths` is set and matches (`Some(false)`: set and does not match).
pub fn detect(
    rel: &str,
    head: &str,
    atlas_dirs: &BTreeSet<String>,
    configured: Option<Framework>,
    in_configured_paths: Option<bool>,
) -> Option<MigrationFile> {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let lower = name.to_ascii_lowercase();
    let stem = lower.strip_suffix(".sql")?;
    if stem
        .split('.')
        .skip(1)
        .any(|part| OTHER_DIALECTS.contains(&part))
    {
        return None;
    }
    let dir = rel.rsplit_once('/').map_or("", |(d, _)| d);
    let down_name = stem.ends_with(".down") || stem.ends_with("_down");
    let sniffed = sniff(rel, dir, stem, head, atlas_dirs);
    let framework = match (configured, in_configured_paths) {
        (_, Some(false)) => return None,
        (Some(f), _) => f,
        (None, Some(true)) => sniffed.unwrap_or(Framework::Plain),
        (None, None) => sniffed?,
    };
    let down = down_name || (framework == Framework::Flyway && lower.starts_with('u'));
    Some(MigrationFile { framework, down })
}

fn sniff(
    rel: &str,
    dir: &str,
    stem: &str,
    head: &str,
    atlas_dirs: &BTreeSet<String>,
) -> Option<Framework> {
    if head.contains("+goose Up") || head.contains("+goose up") {
        return Some(Framework::Goose);
    }
    if head.contains("-- migrate:up") {
        return Some(Framework::Dbmate);
    }
    if atlas_dirs.contains(dir) {
        return Some(Framework::Atlas);
    }
    let segments: Vec<&str> = rel.split('/').collect();
    if segments.len() >= 3
        && stem == "migration"
        && segments[..segments.len() - 2].ends_with(&["prisma", "migrations"])
    {
        return Some(Framework::Prisma);
    }
    let digits = stem.bytes().take_while(u8::is_ascii_digit).count();
    let in_migrations_dir = dir
        .rsplit('/')
        .next()
        .is_some_and(|d| d == "migrations" || d == "migrate");
    // sqlx's reversible migrations use the same names; golang-migrate is far more common, and
    // `[migrations] framework = "sqlx"` settles it.
    if digits > 0
        && stem[digits..].starts_with('_')
        && (stem.ends_with(".up") || stem.ends_with(".down"))
    {
        return Some(Framework::GolangMigrate);
    }
    if is_flyway_name(stem) {
        return Some(Framework::Flyway);
    }
    if in_migrations_dir && digits > 0 && stem[digits..].starts_with('_') {
        return Some(Framework::Sqlx);
    }
    let in_any_migrations_dir = segments
        .iter()
        .any(|s| matches!(*s, "migrations" | "migrate" | "migration"));
    in_any_migrations_dir.then_some(Framework::Plain)
}

fn is_flyway_name(stem: &str) -> bool {
    let Some((prefix, desc)) = stem.split_once("__") else {
        return false;
    };
    if desc.is_empty() {
        return false;
    }
    match prefix.as_bytes().first() {
        Some(b'r') => prefix.len() == 1,
        Some(b'v' | b'u') => {
            let version = &prefix[1..];
            !version.is_empty()
                && version
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b'.' || b == b'_')
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fw(rel: &str, head: &str) -> Option<(Framework, bool)> {
        let atlas: BTreeSet<String> = ["db/atlas".to_string()].into();
        detect(rel, head, &atlas, None, None).map(|m| (m.framework, m.down))
    }

    #[test]
    fn layouts() {
        use Framework::*;
        assert_eq!(
            fw("db/migrations/001_init.up.sql", ""),
            Some((GolangMigrate, false))
        );
        assert_eq!(
            fw("db/migrations/001_init.down.sql", ""),
            Some((GolangMigrate, true))
        );
        assert_eq!(
            fw("migrations/20240101120000_init.up.sql", ""),
            Some((GolangMigrate, false))
        );
        assert_eq!(
            fw("migrations/20240101120000_init.sql", ""),
            Some((Sqlx, false))
        );
        assert_eq!(fw("sql/V1.2__add.sql", ""), Some((Flyway, false)));
        assert_eq!(fw("sql/R__views.sql", ""), Some((Flyway, false)));
        assert_eq!(fw("sql/U3__undo.sql", ""), Some((Flyway, true)));
        assert_eq!(fw("x/001.sql", "-- +goose Up\n"), Some((Goose, false)));
        assert_eq!(fw("x/001.sql", "-- migrate:up\n"), Some((Dbmate, false)));
        assert_eq!(
            fw("prisma/migrations/2024_init/migration.sql", ""),
            Some((Prisma, false))
        );
        assert_eq!(fw("db/atlas/1.sql", ""), Some((Atlas, false)));
        assert_eq!(fw("db/migrate/seed.sql", ""), Some((Plain, false)));
        assert_eq!(fw("queries/report.sql", ""), None);
        assert_eq!(fw("db/migrations/001_init.mysql.up.sql", ""), None);
        assert_eq!(fw("db/migrations/001_init.sqlite3.up.sql", ""), None);
    }

    #[test]
    fn configuration_overrides_sniffing() {
        let none = BTreeSet::new();
        let got = detect(
            "schema/1.sql",
            "",
            &none,
            Some(Framework::Goose),
            Some(true),
        );
        assert_eq!(got.map(|m| m.framework), Some(Framework::Goose));
        assert_eq!(
            detect("migrations/1_a.up.sql", "", &none, None, Some(false)),
            None
        );
    }
}
