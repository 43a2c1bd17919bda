//! Committed credentials, in every text file: rules are data (`rules/secrets/*.toml`), matched
//! through a keyword prefilter, then filtered (checksums, structure, placeholders, hash shapes,
//! public material) so what is reported is a secret. No output of ours ever holds one whole:
//! messages carry [`redact`]ed forms and SARIF a hash.

mod keywords;
mod kubernetes;
pub mod pack;
pub mod redact;
pub mod scanner;
pub mod validate;

mod accept;
mod filters;
mod settings;

pub use settings::{RawSettings, Settings};

use crate::checks::Sink;
use crate::config::Config;
use crate::diagnostics::{Finding, Severity, Span};
use crate::workspace::{FileKind, SourceFile};
use accept::accept_all;
use aho_corasick::AhoCorasick;
use pack::{Confidence, SecretRule};
use scanner::Scanner;
use std::sync::{Arc, LazyLock, RwLock};

/// The packs built into the binary, in file-name order.
const BUILTIN_PACKS: &[(&str, &str)] = &[
    ("ai.toml", include_str!("../../../rules/secrets/ai.toml")),
    (
        "cloud.toml",
        include_str!("../../../rules/secrets/cloud.toml"),
    ),
    (
        "code-hosts.toml",
        include_str!("../../../rules/secrets/code-hosts.toml"),
    ),
    (
        "credential-files.toml",
        include_str!("../../../rules/secrets/credential-files.toml"),
    ),
    (
        "generic.toml",
        include_str!("../../../rules/secrets/generic.toml"),
    ),
    (
        "infrastructure.toml",
        include_str!("../../../rules/secrets/infrastructure.toml"),
    ),
    (
        "keys.toml",
        include_str!("../../../rules/secrets/keys.toml"),
    ),
    (
        "messaging.toml",
        include_str!("../../../rules/secrets/messaging.toml"),
    ),
    (
        "payments.toml",
        include_str!("../../../rules/secrets/payments.toml"),
    ),
    (
        "saas.toml",
        include_str!("../../../rules/secrets/saas.toml"),
    ),
];

/// The built-in rules, parsed once.
static BUILTIN: LazyLock<Vec<&'static SecretRule>> = LazyLock::new(|| {
    BUILTIN_PACKS
        .iter()
        .flat_map(|(name, text)| {
            pack::parse(text, &format!("rules/secrets/{name}"))
                .unwrap_or_else(|e| panic!("built-in pack is invalid: {e}"))
        })
        .map(|r| &*Box::leak(Box::new(r)))
        .collect()
});

/// The scanner in use: the built-in rules plus the packs of the loaded configuration.
static ACTIVE: RwLock<Option<Arc<Scanner>>> = RwLock::new(None);

/// The built-in rules.
pub fn builtin() -> &'static [&'static SecretRule] {
    &BUILTIN
}

/// The scanner over every known rule (built-in, then the configuration's packs).
pub fn scanner() -> Arc<Scanner> {
    if let Some(s) = ACTIVE.read().ok().and_then(|g| g.clone()) {
        return s;
    }
    install(Vec::new())
}

/// Make the built-in rules plus `extra` the known rules, and return their scanner.
pub fn install(extra: Vec<&'static SecretRule>) -> Arc<Scanner> {
    let rules = BUILTIN.iter().copied().chain(extra).collect();
    let s = Arc::new(Scanner::new(rules));
    if let Ok(mut g) = ACTIVE.write() {
        *g = Some(Arc::clone(&s));
    }
    s
}

/// Load user packs (paths relative to `root`), failing with a message that names the pack.
pub fn load_packs(
    root: &std::path::Path,
    packs: &[String],
) -> Result<Vec<&'static SecretRule>, String> {
    let mut out: Vec<&'static SecretRule> = Vec::new();
    for p in packs {
        let path = root.join(p);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read secret pack {}: {e}", path.display()))?;
        for r in pack::parse(&text, &path.display().to_string())? {
            r.pattern
                .check()
                .map_err(|e| format!("{}: rule `{}`: {e}", path.display(), r.meta.id))?;
            let clash = BUILTIN.iter().chain(&out).any(|b| b.meta.id == r.meta.id);
            if clash {
                return Err(format!(
                    "{}: rule `{}` is already defined",
                    path.display(),
                    r.meta.id
                ));
            }
            out.push(Box::leak(Box::new(r)));
        }
    }
    Ok(out)
}

/// Comments other scanners use to allow a line; honoured unless `[secrets] other_tools = false`.
pub const OTHER_TOOL_ALLOWS: &[&str] = &[
    "gitleaks:allow",
    "pragma: allowlist secret",
    "trufflehog:ignore",
    "kingfisher:allow",
    "ggignore",
];

/// Lockfiles: only `high` rules run in them, since their hashes look like anything.
fn is_lockfile(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.ends_with(".lock")
        || name.ends_with("-lock.json")
        || name.ends_with("-lock.yaml")
        || name.ends_with(".lockfile")
        || matches!(
            name,
            "go.sum"
                | "npm-shrinkwrap.json"
                | "packages.lock.json"
                | "bun.lockb"
                | "Package.resolved"
        )
}

/// Generated and minified files: only `high` rules run in them.
fn is_generated(rel: &str, text: &str) -> bool {
    static MARKERS: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::new(["@generated", "Code generated", "DO NOT EDIT"]).expect("literal markers")
    });
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.contains(".min.")
        || name.ends_with(".map")
        || name.ends_with(".pb.go")
        || name.ends_with("_pb2.py")
        || MARKERS.is_match(&text.as_bytes()[..text.len().min(1024)])
}

/// Check one file.
pub fn check(file: &SourceFile, kind: FileKind, config: &Config, out: &mut Sink) {
    if config.secrets.allow_paths.is_match(&file.rel) {
        return;
    }
    let decoded = if kind == FileKind::Yaml && file.text.contains("kind: Secret") {
        kubernetes::check(file, &scanner(), config, out)
    } else {
        Vec::new()
    };
    scan_text(&file.text, &file.rel, config, out, &decoded);
}

/// Check `text`, the content of the file at `rel`, skipping matches inside `skip` (values
/// already checked in decoded form). Needs no line index, so files without a secret cost one
/// pass of the prefilter.
pub fn scan_text(text: &str, rel: &str, config: &Config, out: &mut Sink, skip: &[Span]) {
    if config.secrets.allow_paths.is_match(rel) {
        return;
    }
    let scanner = scanner();
    let rules = scanner.rules();
    // Only `high` rules run in lockfiles, generated and encrypted files; worked out only when a
    // lower rule's keyword is seen (or, for encryption, which reads the whole file, when such a
    // rule matched), since most files never get that far.
    let restricted = std::cell::OnceCell::new();
    let wanted = |i: usize| {
        let r = rules[i];
        out.enabled(r.meta)
            && (r.confidence == Confidence::High
                || !*restricted.get_or_init(|| is_lockfile(rel) || is_generated(rel, text)))
            && r.paths.as_ref().is_none_or(|p| p.is_match(rel))
            && !r.allow_paths.is_match(rel)
            && r.file_contains
                .iter()
                .all(|s| memchr::memmem::find(text.as_bytes(), s.as_bytes()).is_some())
    };
    let bytes = text.as_bytes();
    let mut candidates = scanner.candidates(bytes, wanted);
    let encrypted = std::cell::OnceCell::new();
    candidates.retain(|c| {
        rules[c.rule].confidence == Confidence::High
            || !*encrypted.get_or_init(|| filters::file_is_encrypted(rel, text))
    });
    let found = accept_all(&scanner, bytes, rel, candidates, &config.secrets);
    for a in found {
        if skip
            .iter()
            .any(|d| d.start <= a.secret.start && a.secret.end <= d.end)
        {
            continue;
        }
        let rule = rules[a.rule];
        let secret = &text[a.secret.start..a.secret.end];
        push(
            rule,
            finding(rule, a.secret, secret, "", config),
            config,
            out,
        );
    }
}

/// The finding for `secret` at `span`, with a redacted message and the secret's fingerprint.
fn finding(rule: &SecretRule, span: Span, secret: &str, note: &str, config: &Config) -> Finding {
    let shown = redact::redact(secret, &rule.keywords);
    let mut f = Finding::new(
        rule.meta,
        span,
        format!("{} `{shown}`{note}", rule.meta.title),
    );
    f.fingerprint = Some(redact::fingerprint(
        secret,
        config.secrets.fingerprint_key_env.as_deref(),
    ));
    f
}

/// Report `f` of `rule`: a rule below `[secrets] min_confidence` starts as a note.
fn push(rule: &SecretRule, f: Finding, config: &Config, out: &mut Sink) {
    let default = if rule.confidence < config.secrets.min_confidence {
        Severity::Note
    } else {
        rule.meta.severity
    };
    out.push_at(rule.meta, default, f);
}

/// The secret findings of one text on its own, as if it were the file at `rel` (how a rule's
/// examples are checked).
pub fn scan(rel: &str, text: &str, config: &Config) -> Vec<Finding> {
    let file = SourceFile::new(rel.to_string(), rel.to_string(), text.to_string());
    let ext = rel.rsplit_once('.').map_or("", |(_, e)| e);
    let kind = if matches!(ext, "yaml" | "yml") {
        FileKind::Yaml
    } else {
        FileKind::Other
    };
    let mut sink = Sink::new(config, rel);
    check(&file, kind, config, &mut sink);
    sink.finish().0
}

/// `text` with every secret in it masked (same length in characters, provider prefix and last
/// four kept): the secrets any rule that applies to the file at `rel` finds there, whatever the
/// configuration, and the spans in `known` (relative to `text`). `None` when there is nothing to
/// mask. Renderers pass every source line they print through this, whichever rule it is for.
pub fn mask(text: &str, rel: &str, known: &[Span]) -> Option<String> {
    let scanner = scanner();
    let rules = scanner.rules();
    let bytes = text.as_bytes();
    // Masking ignores the configuration: what any rule recognises is hidden.
    static NO_SETTINGS: LazyLock<Settings> = LazyLock::new(Settings::default);
    let applies = |i: usize| {
        let r = rules[i];
        r.paths.as_ref().is_none_or(|p| p.is_match(rel)) && !r.allow_paths.is_match(rel)
    };
    let mut spans: Vec<(Span, &[String])> = accept_all(
        &scanner,
        bytes,
        rel,
        scanner.candidates(bytes, applies),
        &NO_SETTINGS,
    )
    .into_iter()
    .map(|a| (a.secret, scanner.rules()[a.rule].keywords.as_slice()))
    .collect();
    spans.extend(known.iter().map(|s| (*s, &[][..])));
    if spans.is_empty() {
        return None;
    }
    spans.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (span, keywords) in spans {
        let start = floor_char(text, span.start.max(at));
        let end = ceil_char(text, span.end.min(text.len()));
        if start >= end {
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(&redact::mask(&text[start..end], keywords));
        at = end;
    }
    out.push_str(&text[at..]);
    Some(out)
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}
