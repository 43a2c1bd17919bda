//! From regex matches to secrets: the filters, and one rule per secret occurrence.

use super::Settings;
use super::filters;
use super::pack::{Confidence, SecretRule};
use super::scanner::{Candidate, Scanner};
use crate::diagnostics::Span;
use std::collections::BTreeMap;

/// A secret that passed every filter.
pub(super) struct Accepted {
    /// Index of the rule in the scanner.
    pub rule: usize,
    /// The secret.
    pub secret: Span,
}

/// What the filters make of a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// A secret.
    Keep,
    /// Not a secret.
    Drop,
    /// A checksummed or structured format that failed its check: not a secret, and no generic
    /// rule may report the same text either.
    Veto,
}

/// Filter candidates and keep one rule per secret occurrence: where matches overlap, the rule
/// with the higher priority, then confidence, then the specific over the generic wins.
pub(super) fn accept_all(
    scanner: &Scanner,
    text: &[u8],
    rel: &str,
    candidates: Vec<Candidate>,
    settings: &Settings,
) -> Vec<Accepted> {
    let rules = scanner.rules();
    let mut vetoed: Vec<Span> = Vec::new();
    let mut ok: Vec<Accepted> = Vec::new();
    for c in candidates {
        match verdict(scanner, rules[c.rule], &c, text, rel, settings) {
            Verdict::Keep => ok.push(Accepted {
                rule: c.rule,
                secret: c.secret,
            }),
            Verdict::Veto => vetoed.push(c.secret),
            Verdict::Drop => {}
        }
    }
    let overlaps = |a: Span, b: Span| a.start < b.end && b.start < a.end;
    ok.retain(|a| {
        rules[a.rule].confidence == Confidence::High
            || !vetoed.iter().any(|v| overlaps(*v, a.secret))
    });
    ok.sort_by_key(|a| {
        let r = rules[a.rule];
        (
            std::cmp::Reverse((
                r.priority,
                r.confidence,
                !r.generic,
                a.secret.end - a.secret.start,
            )),
            a.secret.start,
            a.rule,
        )
    });
    // Kept spans by start, to test overlap in logarithmic time.
    let mut kept: BTreeMap<usize, usize> = BTreeMap::new();
    let mut out = Vec::new();
    for a in ok {
        let before = kept.range(..a.secret.end).next_back();
        if before.is_some_and(|(_, &end)| end > a.secret.start) {
            continue;
        }
        kept.insert(a.secret.start, a.secret.end);
        out.push(a);
    }
    out.sort_by_key(|a| (a.secret.start, a.rule));
    out
}

fn verdict(
    scanner: &Scanner,
    rule: &SecretRule,
    c: &Candidate,
    text: &[u8],
    rel: &str,
    settings: &Settings,
) -> Verdict {
    let bytes = &text[c.secret.start..c.secret.end];
    let Ok(secret) = std::str::from_utf8(bytes) else {
        return Verdict::Drop;
    };
    if rule.validator.is_some_and(|v| !v.accepts(bytes)) {
        return Verdict::Veto;
    }
    if rule
        .entropy
        .is_some_and(|floor| !filters::entropy_reaches(bytes, floor))
        || filters::is_placeholder(secret)
        || filters::is_public_or_encrypted(secret)
        || filters::is_hashed_password(secret)
        || settings.allow_values.is_match(secret)
    {
        return Verdict::Drop;
    }
    if rule.confidence == Confidence::High {
        return Verdict::Keep;
    }
    // A value spliced with a template (`abc${SUFFIX}`, `pw{{ .x }}`) is not a literal, and a
    // password equal to its user name is a local default.
    let spliced = text
        .get(c.secret.end)
        .is_some_and(|b| matches!(b, b'{' | b'$' | b'<' | b'%'))
        || c.secret.start > 0 && matches!(text[c.secret.start - 1], b'}' | b'>');
    if spliced || c.user.is_some_and(|u| text[u.start..u.end] == *bytes) {
        return Verdict::Drop;
    }
    let line_start = memchr::memrchr(b'\n', &text[..c.secret.start]).map_or(0, |i| i + 1);
    let line_end =
        memchr::memchr(b'\n', &text[c.secret.end..]).map_or(text.len(), |i| c.secret.end + i);
    let before = String::from_utf8_lossy(&text[line_start..c.secret.start]);
    let excluded = filters::line_refers(&text[line_start..line_end])
        || (rule.generic
            && (filters::is_hash_or_id(secret)
                || scanner.has_provider_prefix(secret)
                || filters::key_is_not_secret(&before)
                || filters::generic_value_excluded(secret, &before, filters::is_code(rel))));
    if excluded {
        Verdict::Drop
    } else {
        Verdict::Keep
    }
}
