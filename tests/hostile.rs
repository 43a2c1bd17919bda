//! Hostile input is normal input: no panic, a clear finding or message, every other file checked.

mod common;

use common::{atlas9, json_findings};
use std::path::Path;
use std::process::Command;

fn write(dir: &Path, path: &str, bytes: &[u8]) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, bytes).expect("write");
}

/// A repository with one ordinary bad migration, so we can see it is still checked.
fn repo() -> tempfile::TempDir {
    // Under /tmp (world-traversable) rather than $TMPDIR, so a check run as `nobody` can reach it.
    let base = if Path::new("/tmp").is_dir() {
        std::path::PathBuf::from("/tmp")
    } else {
        std::env::temp_dir()
    };
    let tmp = tempfile::Builder::new()
        .prefix("atlas9-")
        .tempdir_in(base)
        .expect("tempdir");
    std::fs::create_dir(tmp.path().join(".git")).expect("git marker");
    write(
        tmp.path(),
        "migrations/000_ok.sql",
        b"SET lock_timeout = '1s'; SET statement_timeout = '1min';\nCREATE INDEX a_idx ON a (x);\n",
    );
    tmp
}

fn assert_survives(dir: &Path, args: &[&str]) -> Vec<(String, String, String)> {
    let o = atlas9(dir, args);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "exit {:?}: {err}",
        o.status.code()
    );
    let f = json_findings(&o, "message");
    assert!(
        f.iter().any(|(p, r, _)| p == "migrations/000_ok.sql"
            && r == "migrations/create-index-non-concurrently"),
        "{f:?}"
    );
    f
}

#[test]
fn binary_and_invalid_utf8_files() {
    let dir = repo();
    write(
        dir.path(),
        "migrations/001_binary.sql",
        b"CREATE INDEX\0\x01\x02 b ON c (d);",
    );
    write(
        dir.path(),
        "migrations/002_latin1.sql",
        b"-- caf\xe9\nCREATE INDEX e_idx ON e (x);\n",
    );
    let f = assert_survives(dir.path(), &["check", "--format", "json"]);
    assert!(
        !f.iter().any(|(p, _, _)| p.contains("001_binary")),
        "binary files are skipped: {f:?}"
    );
    assert!(
        f.iter().any(|(p, r, m)| p.contains("002_latin1")
            && r == "atlas9/parse-error"
            && m.contains("UTF-8")),
        "{f:?}"
    );
    assert!(
        f.iter()
            .any(|(p, r, _)| p.contains("002_latin1")
                && r == "migrations/create-index-non-concurrently"),
        "{f:?}"
    );
}

#[test]
fn a_10_mb_single_line_file() {
    let dir = repo();
    let mut big = b"UPDATE t SET a = '".to_vec();
    big.extend(std::iter::repeat_n(b'x', 10 * 1024 * 1024));
    big.extend(b"';");
    write(dir.path(), "migrations/001_big.sql", &big);
    let o = atlas9(dir.path(), &["check", "--format", "json"]);
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("001_big.sql: skipped"),
        "over the default cap"
    );
    assert_survives(dir.path(), &["check", "--format", "json"]);
    write(
        dir.path(),
        "atlas9.toml",
        b"[files]\nmax_file_size = 20000000\n",
    );
    let f = assert_survives(dir.path(), &["check", "--format", "json"]);
    assert!(
        f.iter()
            .any(|(p, r, _)| p.contains("001_big") && r == "migrations/unbatched-backfill"),
        "{f:?}"
    );
    let human = atlas9(dir.path(), &["check", "--no-color"]);
    assert!(
        human.stdout.len() < 100_000,
        "snippets of huge lines are windowed"
    );
}

#[test]
fn the_size_limit_is_exact_and_reads_never_mix_files() {
    let dir = repo();
    write(
        dir.path(),
        "atlas9.toml",
        b"[files]\nmax_file_size = 70000\n",
    );
    // Larger than the first read buffer, so it grows; exactly the limit, so it is checked.
    let mut exact =
        b"SET lock_timeout = '1s'; SET statement_timeout = '1min';\nCREATE INDEX i ON t (x);\n"
            .to_vec();
    exact.resize(70_000, b'\n');
    write(dir.path(), "migrations/001_exact.sql", &exact);
    exact.push(b'\n');
    write(dir.path(), "migrations/002_over.sql", &exact);
    // Read next by the same worker, into the same buffer: only its own bytes are checked.
    write(dir.path(), "migrations/003_short.sql", b"SELECT 1;\n");
    let o = atlas9(dir.path(), &["check", "--format", "json", "--threads", "1"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("002_over.sql: skipped"), "{err}");
    assert!(!err.contains("001_exact.sql: skipped"), "{err}");
    let files: Vec<(String, String)> =
        assert_survives(dir.path(), &["check", "--format", "json", "--threads", "1"])
            .into_iter()
            .map(|(p, r, _)| (p, r))
            .filter(|(p, _)| !p.ends_with("000_ok.sql"))
            .collect();
    assert_eq!(
        files,
        [(
            "migrations/001_exact.sql".to_string(),
            "migrations/create-index-non-concurrently".to_string()
        )]
    );
}

#[test]
fn unterminated_dollar_quote_and_deep_nesting() {
    let dir = repo();
    write(
        dir.path(),
        "migrations/001_open.sql",
        b"CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1;\nCREATE INDEX never ON seen (x);\n",
    );
    let deep = format!(
        "UPDATE t SET a = {}1{};\n",
        "(".repeat(50_000),
        ")".repeat(50_000)
    );
    write(dir.path(), "migrations/002_deep.sql", deep.as_bytes());
    let open = format!("SELECT {};\n", "(".repeat(100_000));
    write(dir.path(), "migrations/003_unbalanced.sql", open.as_bytes());
    let yaml = format!(
        "default:\n  adapter: postgresql\n  x: {}1{}\n",
        "[".repeat(20_000),
        "]".repeat(20_000)
    );
    write(dir.path(), "config/database.yml", yaml.as_bytes());
    write(
        dir.path(),
        "config/app.json",
        format!(
            "{}\"postgres://u@h/db\"{}",
            "[".repeat(20_000),
            "]".repeat(20_000)
        )
        .as_bytes(),
    );
    let f = assert_survives(dir.path(), &["check", "--format", "json"]);
    assert!(
        f.iter().any(|(p, r, m)| p.contains("001_open")
            && r == "atlas9/parse-error"
            && m.contains("dollar-quoted")),
        "{f:?}"
    );
    assert!(
        f.iter()
            .any(|(p, r, _)| p.contains("002_deep") && r == "migrations/unbatched-backfill"),
        "{f:?}"
    );
}

#[cfg(unix)]
#[test]
fn unreadable_files_symlink_loops_and_fifos() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let dir = repo();
    write(
        dir.path(),
        "migrations/001_secret.sql",
        b"CREATE INDEX s ON t (x);\n",
    );
    let locked = dir.path().join("migrations/001_secret.sql");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    symlink(dir.path(), dir.path().join("migrations/loop")).expect("symlink");
    symlink("b.sql", dir.path().join("migrations/a.sql")).expect("symlink");
    symlink("a.sql", dir.path().join("migrations/b.sql")).expect("symlink");
    let fifo = dir.path().join("migrations/pipe.sql");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    let f = assert_survives(dir.path(), &["check", "--format", "json"]);
    let err = unprivileged_stderr(dir.path());
    assert!(err.contains("001_secret.sql: cannot read"), "{err}");
    assert!(
        !f.iter().any(|(p, _, _)| p.contains("loop/")),
        "symlinks are not followed: {f:?}"
    );
    if made {
        assert!(!f.iter().any(|(p, _, _)| p.contains("pipe")), "{f:?}");
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).expect("chmod back");
}

/// Standard error of a check that cannot read `001_secret.sql`. Root reads any file, so as root
/// the check runs as `nobody` through `setpriv`, with the rest of the tree opened up to it.
#[cfg(unix)]
fn unprivileged_stderr(dir: &Path) -> String {
    let uid = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .map(|l| l.split_whitespace().nth(1).unwrap_or("").to_string())
        });
    let o = if uid.as_deref() == Some("0") {
        // The build directory may be closed to `nobody`, so run a copy from the opened-up tree.
        let bin = dir.join("atlas9-bin");
        std::fs::copy(env!("CARGO_BIN_EXE_atlas9"), &bin).expect("copy binary");
        Command::new("chmod")
            .arg("-R")
            .arg("a+rX")
            .arg(dir)
            .status()
            .expect("chmod");
        let locked = dir.join("migrations/001_secret.sql");
        Command::new("chmod")
            .arg("000")
            .arg(&locked)
            .status()
            .expect("chmod");
        Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin)
            .args(["check", "--format", "json"])
            .current_dir(dir)
            .output()
            .expect("setpriv runs (util-linux)")
    } else {
        atlas9(dir, &["check", "--format", "json"])
    };
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(matches!(o.status.code(), Some(0 | 1)), "{err}");
    err
}

#[test]
fn malformed_configuration_is_an_error_not_a_panic() {
    let dir = repo();
    write(dir.path(), "atlas9.toml", b"[rules\nselect = 3\n");
    let o = atlas9(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("atlas9.toml"));
    write(dir.path(), "atlas9.toml", b"[rules]\nselect = 3\n");
    assert_eq!(atlas9(dir.path(), &["check"]).status.code(), Some(2));
    write(dir.path(), "atlas9.toml", b"\xff\xfe");
    assert_eq!(atlas9(dir.path(), &["check"]).status.code(), Some(2));
}

#[test]
fn hostile_api_descriptions() {
    let dir = repo();
    // 20,000 levels of nested schemas.
    let mut deep = String::from(
        "openapi: 3.0.3\ninfo: {title: Deep, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Deep: ",
    );
    deep.push_str(&"{type: object, properties: {child: ".repeat(20_000));
    deep.push_str("{type: string}");
    deep.push_str(&"}}".repeat(20_000));
    deep.push('\n');
    write(dir.path(), "api/deep.yaml", deep.as_bytes());
    let mut deep_json = String::from(
        "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"Deep\", \"version\": \"1\"}, \"paths\": {}, \"components\": {\"schemas\": {\"Deep\": ",
    );
    deep_json.push_str(&"{\"type\": \"object\", \"properties\": {\"child\": ".repeat(20_000));
    deep_json.push_str("{\"type\": \"string\"}");
    deep_json.push_str(&"}}".repeat(20_000));
    deep_json.push_str("}}}");
    write(dir.path(), "api/deep.json", deep_json.as_bytes());
    // Alias bomb.
    let mut bomb = String::from(
        "openapi: 3.0.3\ninfo: {title: Bomb, version: '1'}\npaths: {}\nx-a: &a [x, x, x, x, x, x, x, x, x, x]\n",
    );
    for i in 1..12u8 {
        let (p, c) = ((b'a' + i - 1) as char, (b'a' + i) as char);
        bomb.push_str(&format!(
            "x-{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        ));
    }
    write(dir.path(), "api/bomb.yaml", bomb.as_bytes());
    // Self-referencing schemas and a reference loop.
    write(
        dir.path(),
        "api/selfref.json",
        br##"{"openapi": "3.1.0", "info": {"title": "Self", "version": "1"}, "paths": {},
  "components": {"schemas": {"Node": {"type": "object", "properties": {"next": {"$ref": "#/components/schemas/Node"}}},
    "A": {"$ref": "#/components/schemas/B"}, "B": {"$ref": "#/components/schemas/A"}}}}"##,
    );
    // A 50 MB description.
    let mut big = String::from(
        "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"Big\", \"version\": \"1\"}, \"paths\": {",
    );
    let mut i = 0;
    while big.len() < 50 * 1024 * 1024 {
        big.push_str(&format!(
            "\"/v1/things{i}\": {{\"get\": {{\"operationId\": \"getThing{i}\", \"responses\": {{\"200\": {{\"description\": \"ok\"}}, \"404\": {{\"description\": \"gone\"}}}}}}}},"
        ));
        i += 1;
    }
    big.push_str("\"/v1/last\": {}}}");
    write(dir.path(), "api/big.json", big.as_bytes());
    write(
        dir.path(),
        "atlas9.toml",
        b"[files]\nmax_file_size = 60000000\n",
    );
    let f = assert_survives(dir.path(), &["check", "--format", "json"]);
    assert!(
        f.iter().any(|(p, r, m)| p == "api/bomb.yaml"
            && r == "atlas9/parse-error"
            && m.contains("alias")),
        "{f:?}"
    );
    assert!(
        f.iter()
            .any(|(p, r, _)| p == "api/selfref.json" && r == "openapi/unresolved-ref"),
        "the A/B loop: {f:?}"
    );
    assert!(
        !f.iter()
            .any(|(p, _, _)| p == "api/big.json" || p == "api/deep.json"),
        "{f:?}"
    );
    // The YAML parser bounds its own nesting; past that the file is a clear parse error.
    assert!(
        f.iter()
            .filter(|(p, _, _)| p == "api/deep.yaml")
            .all(|(_, r, m)| r == "atlas9/parse-error" && m.contains("recursion")),
        "{f:?}"
    );
}

#[test]
fn secrets_in_huge_minified_invalid_and_binary_files() {
    let dir = repo();
    let d = dir.path();
    write(d, "atlas9.toml", b"[files]\nmax_file_size = 200000000\n");
    // 100 MB of wrapped base64-looking text, then one 50 MB line of it.
    let mut line: Vec<u8> = Vec::with_capacity(77);
    let mut b64 = Vec::with_capacity(100 << 20);
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    while b64.len() < 100 << 20 {
        line.clear();
        for _ in 0..76 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            line.push(alphabet[(x % 64) as usize]);
        }
        b64.extend_from_slice(&line);
        b64.push(b'\n');
    }
    write(d, "blob.b64", &b64);
    let one_line: Vec<u8> = b64[..50 << 20]
        .iter()
        .copied()
        .filter(|&b| b != b'\n')
        .collect();
    write(d, "one-line.txt", &one_line);
    drop((b64, one_line));
    // A minified bundle: generic keywords everywhere, one real token.
    let token = common::tokens::expand(
        "xoxb-{{gen:digits:12}}-{{gen:digits:13}}-{{gen:b62:24}}",
        "bundle",
    );
    let mut bundle = "var a={token:t,apiKey:k,secret:s,password:p};".repeat(100_000);
    bundle.push_str(&format!("var slack=\"{token}\";"));
    write(d, "dist/app.min.js", bundle.as_bytes());
    // Invalid UTF-8 before a secret on a later line.
    let mut bad = b"\xff\xfe junk \xc3\x28\n".to_vec();
    bad.extend(common::tokens::expand("KEY=sk_live_{{gen:b62:24}}\n", "invalid").as_bytes());
    write(d, "notes.txt", &bad);
    // A binary with a token inside is skipped, like every binary.
    let mut bin = vec![0u8, 1, 2, 3];
    bin.extend(common::tokens::expand("ghp_{{gen:crc62:30}}", "binary").as_bytes());
    write(d, "tool.bin", &bin);

    let f = assert_survives(d, &["check", "--format", "json"]);
    let secrets: Vec<(&str, &str)> = f
        .iter()
        .filter(|(_, r, _)| r.starts_with("secrets/"))
        .map(|(p, r, _)| (p.as_str(), r.as_str()))
        .collect();
    assert_eq!(
        secrets,
        [
            ("dist/app.min.js", "secrets/slack-token"),
            ("notes.txt", "secrets/stripe-secret-key")
        ],
        "{f:?}"
    );
    let human = atlas9(d, &["check", "--no-color"]);
    assert!(!String::from_utf8_lossy(&human.stdout).contains(&token));
}
