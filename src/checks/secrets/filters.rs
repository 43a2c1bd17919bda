//! Reasons a match is not a secret: placeholders and references, hash and id shapes, public
//! material, encrypted blobs, and values too regular to be random.

use aho_corasick::AhoCorasick;
use memchr::memmem::Finder;
use std::sync::LazyLock;

/// Words that mark a value as a stand-in (`rules/secrets/placeholders.txt`): substrings, and
/// whole values (the lines starting with `=`).
static PLACEHOLDERS: LazyLock<(AhoCorasick, Vec<String>)> = LazyLock::new(|| {
    let (exact, words): (Vec<&str>, Vec<&str>) =
        include_str!("../../../rules/secrets/placeholders.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .partition(|l| l.starts_with('='));
    (
        caseless(&words),
        exact.iter().map(|e| e[1..].to_ascii_lowercase()).collect(),
    )
});

/// Code on the line that means the value comes from somewhere else.
static REFERENCE_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| caseless(REFERENCES));

/// Key names of digests and public material.
static NOT_SECRET_KEYS: LazyLock<AhoCorasick> =
    LazyLock::new(|| caseless(&[DIGEST_KEYS, PUBLIC_KEYS].concat()));

fn caseless(words: &[&str]) -> AhoCorasick {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(words)
        .expect("plain literals")
}

/// Code on the line that means the value comes from somewhere else.
const REFERENCES: &[&str] = &[
    "process.env",
    "os.environ",
    "os.getenv",
    "getenv(",
    "env::var",
    "env(",
    "env[",
    "secrets.",
    "var.",
    "vault(",
    "!vault",
    "secretkeyref",
    "valuefrom",
    "ssm:",
    "secretsmanager",
    "keyvault",
    "$(",
];

/// Key names whose values are digests, not credentials.
const DIGEST_KEYS: &[&str] = &[
    "integrity",
    "checksum",
    "digest",
    "nonce",
    "hash",
    "sha1",
    "sha256",
    "sha512",
    "etag",
    "fingerprint",
    "commit",
    "revision",
    "salt",
];

/// Key names that hold public material.
const PUBLIC_KEYS: &[&str] = &["public", "publishable", "pubkey", "pub_key", "certificate"];

/// Value prefixes of public or encrypted material.
const NOT_SECRET_PREFIXES: &[&str] = &[
    "pk_live_",
    "pk_test_",
    "age1",
    "ssh-rsa",
    "ssh-ed25519",
    "ecdsa-sha2-",
    "AAAAB3NzaC1",
    "AAAAC3NzaC1",
    "$ANSIBLE_VAULT",
    "ENC[",
    "vault:v",
    "-----BEGIN PUBLIC",
    "-----BEGIN CERTIFICATE",
    "-----BEGIN PGP PUBLIC",
    "-----BEGIN SSH2 PUBLIC",
];

/// A template, variable reference, redaction or documented example instead of a value.
pub fn is_placeholder(secret: &str) -> bool {
    let s = secret.trim_matches(|c| c == '"' || c == '\'');
    if s.is_empty() {
        return true;
    }
    let (words, exact) = &*PLACEHOLDERS;
    let wrapped = |open: char, close: char| s.starts_with(open) && s.ends_with(close);
    let b = s.as_bytes();
    // Byte windows rather than substring searches: a candidate is short, and a searcher's
    // set-up would cost more than the scan.
    let run = |c: u8, n: usize| b.windows(n).any(|w| w.iter().all(|&x| x == c));
    b.windows(2)
        .any(|w| matches!(w, b"${" | b"{{" | b"}}" | b"#{" | b"%(" | b"$("))
        || (s.starts_with('$')
            && s[1..]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_'))
        || wrapped('<', '>')
        || wrapped('%', '%')
        || wrapped('[', ']')
        || wrapped('{', '}')
        || words.is_match(s)
        || exact.iter().any(|e| s.eq_ignore_ascii_case(e))
        || run(b'x', 4)
        || run(b'X', 4)
        || run(b'*', 4)
        || run(b'.', 3)
        || s.contains('…')
        || s.ends_with("EXAMPLE")
        || s.ends_with("EXAMPLEKEY")
        || single_repeated(s)
}

fn single_repeated(s: &str) -> bool {
    let mut chars = s.chars().filter(|c| c.is_ascii_alphanumeric());
    match chars.next() {
        Some(first) => chars.all(|c| c == first),
        None => true,
    }
}

/// A value shaped like a digest or identifier rather than a credential.
pub fn is_hash_or_id(secret: &str) -> bool {
    let s = secret;
    let hex = !s.is_empty() && s.bytes().all(|b| b.is_ascii_hexdigit());
    let lower = s.to_ascii_lowercase();
    (hex && matches!(s.len(), 32 | 40 | 56 | 64 | 96 | 128))
        || is_uuid(s)
        || is_ulid(s)
        || [
            "sha1-", "sha256-", "sha384-", "sha512-", "h1:", "md5:", "sha1:", "sha256:", "sha512:",
        ]
        .iter()
        .any(|p| lower.starts_with(p))
}

fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                *c == b'-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
}

fn is_ulid(s: &str) -> bool {
    s.len() == 26
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b.is_ascii_uppercase() && !b"ILOU".contains(&b)))
        && s.as_bytes()[0] <= b'7'
}

/// The line says where the value really comes from (for rules below `high`, whose context
/// alone does not make a secret).
pub fn line_refers(line: &[u8]) -> bool {
    REFERENCE_WORDS.is_match(line)
}

/// The key before the value names a digest or public material (for generic rules).
pub fn key_is_not_secret(line_before_secret: &str) -> bool {
    NOT_SECRET_KEYS.is_match(line_before_secret)
}

/// A password stored as a hash (SCRAM, bcrypt, crypt, argon2, Postgres md5, LDAP SSHA).
pub fn is_hashed_password(secret: &str) -> bool {
    let hex_after = |p: &str| {
        secret
            .strip_prefix(p)
            .is_some_and(|h| h.len() == 32 && h.bytes().all(|b| b.is_ascii_hexdigit()))
    };
    [
        "SCRAM-SHA-256$",
        "$2a$",
        "$2b$",
        "$2y$",
        "$argon2",
        "$1$",
        "$5$",
        "$6$",
        "{SSHA}",
        "{SHA}",
        "pbkdf2_sha256$",
    ]
    .iter()
    .any(|p| secret.starts_with(p))
        || hex_after("md5")
}

/// Key-name endings that describe a secret rather than hold one (`password_file`,
/// `token_url`, `passwordLabel`).
const METADATA_SUFFIXES: &[&str] = &[
    "file",
    "path",
    "dir",
    "field",
    "label",
    "name",
    "prompt",
    "placeholder",
    "length",
    "len",
    "min",
    "max",
    "policy",
    "regex",
    "pattern",
    "reset",
    "url",
    "uri",
    "endpoint",
    "env",
    "var",
    "type",
    "hint",
    "help",
    "message",
    "msg",
    "text",
    "title",
    "required",
    "rule",
    "rules",
    "id",
    "ttl",
    "expiry",
    "expires",
    "expiration",
    "timeout",
    "count",
    "header",
    "param",
    "size",
    "format",
    "version",
    "mode",
    "enabled",
    "kind",
    "source",
];

/// What a generic rule's value must not be: a number, a path, a URL, a variable name, or the
/// value of a key that only describes a secret. `before` is the line up to the value; `code` is
/// true for programming-language files, where an unquoted value is an expression.
pub fn generic_value_excluded(secret: &str, before: &str, code: bool) -> bool {
    let key_end = before.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '`' | ':' | '=' | '>' | '@')
    });
    let key: String = key_end
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<String>()
        .to_ascii_lowercase();
    let quoted = before.ends_with(['"', '\'', '`']);
    let snake = |upper: bool| {
        secret.contains('_')
            && secret.bytes().all(|b| {
                b == b'_'
                    || if upper {
                        b.is_ascii_uppercase()
                    } else {
                        b.is_ascii_lowercase()
                    }
            })
    };
    secret.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        || secret.starts_with('/')
        || secret.starts_with("./")
        || secret.contains("://")
        || snake(true)
        || snake(false)
        || (!quoted && code && before.ends_with([' ', '\t']))
        || (!quoted
            && code
            && secret.contains('.')
            && secret
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.'))
        || METADATA_SUFFIXES
            .iter()
            .any(|s| key.ends_with(s) && key.len() > s.len())
}

/// Programming-language files, where `key = value` without quotes assigns an expression.
pub fn is_code(rel: &str) -> bool {
    let ext = rel.rsplit_once('.').map_or("", |(_, e)| e);
    matches!(
        ext,
        "py" | "js"
            | "jsx"
            | "ts"
            | "tsx"
            | "mjs"
            | "cjs"
            | "go"
            | "rs"
            | "java"
            | "kt"
            | "kts"
            | "scala"
            | "rb"
            | "php"
            | "cs"
            | "fs"
            | "vb"
            | "swift"
            | "c"
            | "h"
            | "cc"
            | "cpp"
            | "hpp"
            | "m"
            | "dart"
            | "lua"
            | "pl"
            | "ex"
            | "exs"
            | "erl"
            | "clj"
            | "groovy"
            | "rego"
            | "tf"
            | "hcl"
            | "gradle"
            | "r"
            | "jl"
            | "vue"
            | "svelte"
    )
}

/// Public keys, certificates, publishable keys, recipients and encrypted blobs.
pub fn is_public_or_encrypted(secret: &str) -> bool {
    NOT_SECRET_PREFIXES.iter().any(|p| secret.starts_with(p))
}

/// A file whose values are encrypted as a whole: an Ansible vault file, or a YAML file that is
/// a SealedSecret, SOPS-encrypted or holds inline vault values. Other files are not searched:
/// these markers only mean encryption in YAML.
pub fn file_is_encrypted(rel: &str, text: &str) -> bool {
    // Built once: the file is asked whenever a lower-tier rule matches in it.
    static MARKERS: LazyLock<[Finder<'static>; 4]> =
        LazyLock::new(|| [VAULT, "kind: SealedSecret", "ENC[AES256_GCM", "sops:"].map(Finder::new));
    const VAULT: &str = "$ANSIBLE_VAULT;";
    if text.starts_with(VAULT) {
        return true;
    }
    if !(rel.ends_with(".yaml") || rel.ends_with(".yml")) {
        return false;
    }
    let [vault, sealed, sops_value, sops_key] = &*MARKERS;
    let has = |f: &Finder| f.find(text.as_bytes()).is_some();
    has(vault) || has(sealed) || (has(sops_value) && has(sops_key))
}

/// The size of the smallest common alphabet `secret` is written in.
fn alphabet(secret: &[u8]) -> f64 {
    let all = |f: fn(&u8) -> bool| secret.iter().all(f);
    if all(u8::is_ascii_digit) {
        10.0
    } else if all(u8::is_ascii_hexdigit) {
        16.0
    } else if all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        || all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        36.0
    } else if all(u8::is_ascii_alphanumeric) {
        62.0
    } else {
        64.0
    }
}

/// Shannon entropy of `secret`, in bits per byte.
pub fn entropy(secret: &[u8]) -> f64 {
    let mut counts = [0u32; 256];
    // The distinct bytes, so the sum visits a value's few symbols rather than all 256.
    let mut seen = Vec::with_capacity(64);
    for &b in secret {
        if counts[usize::from(b)] == 0 {
            seen.push(b);
        }
        counts[usize::from(b)] += 1;
    }
    // In byte order, as a sum over the whole table would add them.
    seen.sort_unstable();
    let n = secret.len() as f64;
    seen.iter()
        .map(|&b| {
            let p = f64::from(counts[usize::from(b)]) / n;
            -p * p.log2()
        })
        .sum()
}

/// True when `secret` reaches `floor`, a floor written for base64 values (6 bits per character
/// at most) and scaled down for values written in a smaller alphabet, so a hex value is held to a
/// hex standard and can never pass as base64.
pub fn entropy_reaches(secret: &[u8], floor: f64) -> bool {
    entropy(secret) >= floor * alphabet(secret).log2() / 6.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders() {
        for p in [
            "${DB_PASSWORD}",
            "{{ .Values.token }}",
            "<your-token>",
            "%API_KEY%",
            "$PASSWORD",
            "xxxxxxxxxxxx",
            "sk_live_...",
            "changeme",
            "your_api_key_here",
            "AKIAABCDEFGHEXAMPLE",
            "aaaaaaaaaaaa",
        ] {
            assert!(is_placeholder(p), "{p}");
        }
        for s in ["hunter2correct", "Zr8vQ2mLx0Pd"] {
            assert!(!is_placeholder(s), "{s}");
        }
    }

    #[test]
    fn hashes_and_ids() {
        assert!(is_hash_or_id(&"ab12".repeat(10)));
        assert!(is_hash_or_id("123e4567-e89b-12d3-a456-426614174000"));
        assert!(is_hash_or_id("01ARZ3NDEKTSV4RRFFQ69G5FAV"));
        assert!(is_hash_or_id("sha512-abc"));
        assert!(!is_hash_or_id("Zr8vQ2mLx0PdZr8vQ2mLx0Pd"));
    }

    #[test]
    fn entropy_floor_is_scaled_to_the_alphabet() {
        let hex: Vec<u8> = (0..64).map(|i| b"0123456789abcdef"[i % 16]).collect();
        // Four bits per character: the most hex can carry, so it meets a hex-scaled 4.5 floor...
        assert!(entropy_reaches(&hex, 4.5));
        // ...but never an unscaled base64 floor of the same number.
        assert!(entropy(&hex) < 4.5);
        assert!(!entropy_reaches(b"aaaaaaaaaaaaaaab", 3.0));
    }
}
