//! Rule packs: secret rules written as data (`rules/secrets/*.toml`, and teams' own packs).
//! A pack is validated when it is loaded, so a bad pattern is an error naming the pack and the
//! rule, never a rule that silently finds nothing.

use super::validate::Validator;
use crate::diagnostics::Severity;
use crate::registry::{Essay, FixAvailability, Rule};
use globset::{Glob, GlobSet, GlobSetBuilder};
use regex::bytes::{Regex, RegexBuilder};
use serde::Deserialize;
use std::sync::OnceLock;

/// The longest keyword: the prefilter's automaton for one keyword of this length always fits
/// its 16-bit table.
pub const MAX_KEYWORD: usize = 256;

/// How sure a rule is that what it matches is a live secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// A generic keyword and an entropy floor.
    Low,
    /// Anchored on its context: a key name, a connection string, a file format.
    Medium,
    /// A provider prefix, a checksum or a structure that validates.
    High,
}

impl Confidence {
    /// The name used in configuration and documentation.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }

    /// The default severity of a rule of this tier: guesses warn, the rest are errors.
    fn severity(self) -> Severity {
        match self {
            Confidence::Low => Severity::Warning,
            Confidence::Medium | Confidence::High => Severity::Error,
        }
    }
}

/// A pack file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    rule: Vec<RawRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: String,
    title: String,
    family: String,
    confidence: Confidence,
    keywords: Vec<String>,
    regex: String,
    #[serde(default)]
    description: String,
    entropy: Option<f64>,
    validator: Option<Validator>,
    #[serde(default)]
    multiline: bool,
    #[serde(default)]
    priority: i32,
    #[serde(default)]
    generic: bool,
    #[serde(default)]
    paths: Vec<String>,
    #[serde(default)]
    allow_paths: Vec<String>,
    #[serde(default)]
    file_contains: Vec<String>,
    examples: Examples,
}

/// Lines a rule must report (`fail`) and must stay silent on (`pass`). Token-shaped parts are
/// written as `{{gen:KIND:LEN}}` templates that tests expand, so no pack holds a real-looking secret.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// The file name the examples are checked as (for rules limited to some paths).
    #[serde(default)]
    pub path: Option<String>,
    /// Each must produce exactly one finding of the rule.
    pub fail: Vec<String>,
    /// Each must produce none.
    pub pass: Vec<String>,
}

/// A rule's regex, compiled on first use: a run needs the few whose keywords occur, and
/// compiling all of them would be most of the start-up time.
#[derive(Debug)]
pub struct Pattern {
    source: String,
    compiled: OnceLock<Result<(Regex, usize), String>>,
}

impl Pattern {
    /// Compile now, for a pack that must be checked when it is loaded (teams' packs; the
    /// built-in ones are compiled by the test suite).
    pub fn check(&self) -> Result<(), String> {
        self.compiled().as_ref().map(|_| ()).map_err(Clone::clone)
    }

    /// The regex and the index of the secret's group.
    pub fn get(&self) -> (&Regex, usize) {
        let (regex, group) = self
            .compiled()
            .as_ref()
            .expect("patterns are checked when their pack is loaded");
        (regex, *group)
    }

    fn compiled(&self) -> &Result<(Regex, usize), String> {
        self.compiled.get_or_init(|| {
            // Byte-oriented ASCII semantics: linear time, and windows may start anywhere.
            let regex = RegexBuilder::new(&self.source)
                .unicode(false)
                .size_limit(1 << 22)
                .build()
                .map_err(|e| format!("invalid regex: {e}"))?;
            let group = regex
                .capture_names()
                .position(|n| n == Some("secret"))
                .or_else(|| (regex.captures_len() > 1).then_some(1))
                .ok_or("the regex needs a capture group for the secret (`(?P<secret>…)`)")?;
            Ok((regex, group))
        })
    }
}

/// One compiled secret rule.
#[derive(Debug)]
pub struct SecretRule {
    /// Its registry metadata (`secrets/<id>`).
    pub meta: &'static Rule,
    /// The essay section of its family.
    pub family: String,
    /// Its tier.
    pub confidence: Confidence,
    /// Literals (ASCII case-insensitive) that must occur near a match.
    pub keywords: Vec<String>,
    /// The pattern; group `secret` (or the first group) is the secret.
    pub pattern: Pattern,
    /// The minimum Shannon entropy for base64-like values, scaled for smaller alphabets.
    pub entropy: Option<f64>,
    /// An offline check of the secret's structure.
    pub validator: Option<Validator>,
    /// Matches may span lines (PEM blocks).
    pub multiline: bool,
    /// Wins over overlapping matches of lower priority.
    pub priority: i32,
    /// A generic rule: hash and id shapes and references on the line are not secrets.
    pub generic: bool,
    /// When set, the rule only runs on these paths.
    pub paths: Option<GlobSet>,
    /// The rule never runs on these paths.
    pub allow_paths: GlobSet,
    /// Literals the file must contain for the rule to run.
    pub file_contains: Vec<String>,
    /// Its examples.
    pub examples: Examples,
}

/// Parse and validate a pack. `origin` names it in errors.
pub fn parse(text: &str, origin: &str) -> Result<Vec<SecretRule>, String> {
    let raw: RawPack = toml::from_str(text).map_err(|e| format!("{origin}: {e}"))?;
    raw.rule
        .into_iter()
        .map(|r| {
            let id = r.id.clone();
            compile(r).map_err(|e| format!("{origin}: rule `{id}`: {e}"))
        })
        .collect()
}

fn compile(r: RawRule) -> Result<SecretRule, String> {
    let kebab = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    if !kebab(&r.id) {
        return Err("the id must be kebab-case (a-z, 0-9, -)".into());
    }
    if !kebab(&r.family) {
        return Err("the family must be kebab-case (a-z, 0-9, -)".into());
    }
    if r.keywords.is_empty() {
        return Err("at least one keyword is needed for the prefilter".into());
    }
    if let Some(k) = r
        .keywords
        .iter()
        .find(|k| !(3..=MAX_KEYWORD).contains(&k.len()) || !k.is_ascii())
    {
        return Err(format!(
            "keyword `{k}` must be 3 to {MAX_KEYWORD} ASCII characters"
        ));
    }
    let globs = |patterns: &[String]| {
        let mut b = GlobSetBuilder::new();
        for p in patterns {
            b.add(Glob::new(p).map_err(|e| format!("invalid glob `{p}`: {e}"))?);
        }
        b.build().map_err(|e| e.to_string())
    };
    let paths = if r.paths.is_empty() {
        None
    } else {
        Some(globs(&r.paths)?)
    };
    let allow_paths = globs(&r.allow_paths)?;
    let id: &'static str = Box::leak(format!("secrets/{}", r.id).into_boxed_str());
    let docs = docs(&r);
    let meta: &'static Rule = Box::leak(Box::new(Rule {
        id,
        title: Box::leak(r.title.into_boxed_str()),
        severity: r.confidence.severity(),
        fix: FixAvailability::None,
        essay: Essay::Secrets,
        anchor: Some(Box::leak(r.family.clone().into_boxed_str())),
        docs: Box::leak(docs.into_boxed_str()),
    }));
    Ok(SecretRule {
        meta,
        family: r.family,
        confidence: r.confidence,
        keywords: r.keywords,
        pattern: Pattern {
            source: r.regex,
            compiled: OnceLock::new(),
        },
        entropy: r.entropy,
        validator: r.validator,
        multiline: r.multiline,
        priority: r.priority,
        generic: r.generic,
        paths,
        allow_paths,
        file_contains: r.file_contains,
        examples: r.examples,
    })
}

/// The rule's documentation, in the shape of the native rules' doc comments.
fn docs(r: &RawRule) -> String {
    let mut out = String::from("## What it does\n");
    out.push_str(r.description.trim());
    out.push_str(&format!(
        "\n\nConfidence: **{}**{}.\n",
        r.confidence.as_str(),
        match r.validator {
            Some(v) => format!("; candidates are checked offline ({})", v.describe()),
            None => String::new(),
        }
    ));
    out.push_str(
        "\n## Why is this bad?\nAnyone who can read the repository, its forks, clones or \
         history can use the credential. Deleting the line does not remove it from history: \
         rotate it, then move it to a secret store.\n",
    );
    let show = |list: &[String]| {
        list.iter()
            .map(|e| readable(e))
            .collect::<Vec<_>>()
            .join("\n")
    };
    out.push_str(&format!(
        "\n## Example\n```text\n{}\n```\n\nNot reported:\n```text\n{}\n```\n",
        show(&r.examples.fail),
        show(&r.examples.pass)
    ));
    out.push_str(
        "\n## Fix safety\nThere is no fix: the secret must be revoked and replaced where it was \
         issued, and the code must read it from the environment or a secret store.\n",
    );
    out
}

/// `text` with each `{{gen:KIND:ARG}}` template replaced by `fill(KIND, ARG)`; an unclosed
/// template is left as written. The tests expand templates into tokens, the docs into words.
pub fn fill_templates(text: &str, mut fill: impl FnMut(&str, &str) -> String) -> String {
    const OPEN: &str = "{{gen:";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(OPEN) {
        let after = &rest[at + OPEN.len()..];
        let Some(end) = after.find("}}") else {
            break;
        };
        out.push_str(&rest[..at]);
        let (kind, arg) = after[..end].split_once(':').unwrap_or((&after[..end], ""));
        out.push_str(&fill(kind, arg));
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

/// An example with its templates written out as `<ARG KIND>`.
fn readable(example: &str) -> String {
    fill_templates(example, |kind, arg| {
        let what = match kind {
            "hex" => "hex digits",
            "b62" => "letters and digits",
            "b64" => "base64 characters",
            "b64url" => "base64url characters",
            "digits" => "digits",
            "letters" => "letters",
            "alnum-lower" => "lower-case letters and digits",
            "alnum-upper" => "upper-case letters and digits",
            "upper" => "upper-case letters",
            "b32" => "base32 characters",
            "crc62" => "letters and digits, then their 6-character checksum",
            "crc62-bad" => "letters and digits, then a wrong checksum",
            "der" => "random bytes in base64",
            "ssh" => "bytes of an OpenSSH key in base64",
            "macaroon" => "bytes of a PyPI macaroon in base64",
            "x" | "X" => "times x",
            "zeros" => "zeros",
            _ => "",
        };
        match kind {
            "begin" => format!("-----BEGIN {arg}-----"),
            "end" => format!("-----END {arg}-----"),
            "key64" => "<a 64-byte key in base64>".to_string(),
            "basic" => "<base64 of user:password>".to_string(),
            "jwt" => "<a signed JWT>".to_string(),
            "b64of" => format!("<base64 of {arg}>"),
            "b64of-gh" => "<base64 of a GitHub token>".to_string(),
            _ => format!("<{arg} {what}>"),
        }
    })
}
