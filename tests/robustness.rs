//! Random token soup through every parser and check: nothing may panic, every span must lie on
//! character boundaries inside the file, and applying the offered fixes must not panic either.

use atlas9::checks::Sink;
use atlas9::checks::migrations::{self, framework::Framework, framework::MigrationFile};
use atlas9::checks::timeouts;
use atlas9::config::Config;
use atlas9::diagnostics::{Finding, fix};
use atlas9::syntax::{json, tree};
use atlas9::workspace::{FileKind, LineIndex, SourceFile};

/// A small deterministic generator, so failures reproduce.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const SQL: &[&str] = &[
    "CREATE",
    "TABLE",
    "INDEX",
    "CONCURRENTLY",
    "UNIQUE",
    "ON",
    "ONLY",
    "ALTER",
    "ADD",
    "COLUMN",
    "CONSTRAINT",
    "FOREIGN",
    "KEY",
    "REFERENCES",
    "CHECK",
    "NOT",
    "NULL",
    "VALID",
    "VALIDATE",
    "DEFAULT",
    "GENERATED",
    "ALWAYS",
    "AS",
    "STORED",
    "IDENTITY",
    "DROP",
    "RENAME",
    "TO",
    "TYPE",
    "USING",
    "SET",
    "LOCAL",
    "RESET",
    "lock_timeout",
    "statement_timeout",
    "BEGIN",
    "COMMIT",
    "ATOMIC",
    "END",
    "CASE",
    "REINDEX",
    "DETACH",
    "PARTITION",
    "FINALIZE",
    "VACUUM",
    "FULL",
    "CLUSTER",
    "LOCK",
    "UPDATE",
    "DELETE",
    "FROM",
    "WHERE",
    "WITH",
    "SELECT",
    "set_config",
    "PRIMARY",
    "EXCLUDE",
    "serial",
    "int",
    "varchar(10)",
    "timestamp",
    "json",
    "t",
    "id",
    "x_id",
    "public.t",
    "\"Q\"",
    "(",
    ")",
    "((",
    ")",
    ",",
    ";",
    ";",
    ".",
    "*",
    "=",
    "'s'",
    "'",
    "E'\\'",
    "$$",
    "$a$",
    "$1",
    "--",
    "/*",
    "*/",
    "\n",
    "0",
    "'0'",
    "5s",
    "é",
    "\u{1F600}",
    "-- +goose Up\n",
    "-- +goose Down\n",
    "-- +goose StatementBegin\n",
    "-- +goose StatementEnd\n",
    "-- migrate:up\n",
    "-- atlas9: allow(migrations) x\n",
    "gen_random_uuid()",
    "\r\n",
];

const YAML: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"k\"",
    ":",
    ",",
    "\"\\u00e9\"",
    "\"\\ud83d\"",
    "1e5",
    "-",
    "true",
    "nul",
    "a",
    ":",
    " ",
    "\n",
    "  ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&x",
    "*x",
    "<<",
    "'",
    "\"",
    "#",
    "postgres://u@h/db",
    "adapter: postgresql\n",
    "variables:",
    "statement_timeout",
    "?",
    "|",
    ">",
    "---\n",
    "\t",
    "é",
    "200",
];

fn soup(rng: &mut XorShift, vocab: &[&str], len: usize) -> String {
    let mut s = String::new();
    for _ in 0..len {
        s.push_str(rng.pick(vocab));
        if !rng.next().is_multiple_of(3) {
            s.push(' ');
        }
    }
    s
}

fn assert_spans(src: &str, findings: &[Finding]) {
    for f in findings {
        for span in std::iter::once(f.span)
            .chain(f.labels.iter().map(|l| l.span))
            .chain(f.fix.iter().flat_map(|x| x.edits.iter().map(|e| e.span)))
        {
            assert!(
                span.start <= span.end && span.end <= src.len(),
                "{} span {span:?} outside {src:?}",
                f.rule
            );
            assert!(
                src.is_char_boundary(span.start) && src.is_char_boundary(span.end),
                "{} span {span:?} splits a character",
                f.rule
            );
        }
    }
}

#[test]
fn migrations_never_panic_on_random_sql() {
    let root = std::env::temp_dir();
    let mut config = Config::default_for(root);
    let frameworks = [
        Framework::GolangMigrate,
        Framework::Goose,
        Framework::Flyway,
        Framework::Sqlx,
        Framework::Dbmate,
        Framework::Prisma,
        Framework::Atlas,
        Framework::Plain,
    ];
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let (mut total, mut fixed_any) = (0, 0);
    for round in 0..3000 {
        let len = 1 + (rng.next() % 60) as usize;
        let src = soup(&mut rng, SQL, len);
        config.migrations.postgres_version = [10, 11, 12, 14, 17][round % 5];
        let file = MigrationFile {
            framework: frameworks[round % frameworks.len()],
            down: false,
        };
        let mut sink = Sink::new(&config, "migrations/x.sql");
        migrations::check(&src, file, &config.migrations, &mut sink);
        let (findings, _) = sink.finish();
        assert_spans(&src, &findings);
        let fixes: Vec<_> = findings.iter().filter_map(|f| f.fix.as_ref()).collect();
        let (fixed, applied) = fix::apply(&src, &fixes);
        total += findings.len();
        fixed_any += applied;
        let mut again = Sink::new(&config, "migrations/x.sql");
        migrations::check(&fixed, file, &config.migrations, &mut again);
    }
    // The soup must exercise the rules and fixes, or this test proves nothing.
    assert!(
        total > 1000 && fixed_any > 20,
        "{total} findings, {fixed_any} fixes"
    );
}

#[test]
fn yaml_and_dsn_checks_never_panic_on_random_text() {
    let config = Config::default_for(std::env::temp_dir());
    let mut rng = XorShift(0x0123_4567_89ab_cdef);
    for _ in 0..3000 {
        let len = 1 + (rng.next() % 40) as usize;
        let text = soup(&mut rng, YAML, len);
        let _ = tree::parse(&text, &LineIndex::new(&text));
        let _ = json::parse(&text);
        for (rel, kind) in [
            ("config/database.yml", FileKind::Yaml),
            (".env", FileKind::Env),
            ("a.json", FileKind::Json),
        ] {
            let file = SourceFile::new(rel.into(), rel.into(), text.clone());
            let mut sink = Sink::new(&config, rel);
            timeouts::check(&file, kind, &mut sink);
            let (findings, _) = sink.finish();
            assert_spans(&text, &findings);
        }
    }
}
