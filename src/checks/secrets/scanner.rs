//! The matching engine: one Aho-Corasick pass over every rule's keywords, then each hit rule's
//! regex on a window around its hits only. Nothing here backtracks, so time stays linear in the
//! input whatever it holds.

use super::filters;
use super::keywords::Keywords;
use super::pack::{Confidence, SecretRule};
use crate::diagnostics::Span;
use std::collections::{BTreeMap, HashMap};

/// How far a single-line rule looks on each side of a keyword hit, when the line is longer.
const REACH: usize = 1024;
/// How far a multi-line rule (a PEM block) looks past its keyword.
const BLOCK_REACH: usize = 64 * 1024;

/// A regex match of one rule, before any filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    /// Index of the rule in [`Scanner::rules`].
    pub rule: usize,
    /// The secret.
    pub secret: Span,
    /// The user name next to it, when the rule captures one (group `user`).
    pub user: Option<Span>,
}

/// A rule riding on a prefilter keyword.
#[derive(Debug)]
struct Owner {
    rule: usize,
    /// The rule's own longer keywords holding the prefilter keyword, each with where the
    /// prefilter keyword sits in it; empty when the rule lists the keyword itself.
    longer: Vec<(String, Vec<usize>)>,
}

impl Owner {
    /// True when the rule's own keyword occurs around a hit at `start` in `text`.
    fn confirms(&self, text: &[u8], start: usize) -> bool {
        self.longer.is_empty()
            || self.longer.iter().any(|(word, offsets)| {
                offsets.iter().any(|&o| {
                    start.checked_sub(o).is_some_and(|from| {
                        text.get(from..from + word.len())
                            .is_some_and(|t| t.eq_ignore_ascii_case(word.as_bytes()))
                    })
                })
            })
    }
}

/// Compiled rules and their prefilter.
#[derive(Debug)]
pub struct Scanner {
    rules: Vec<&'static SecretRule>,
    keywords: Keywords,
    /// For each keyword pattern, the rules that list it or a longer keyword holding it.
    owners: Vec<Vec<Owner>>,
    by_id: HashMap<&'static str, usize>,
    /// Keywords of `high` rules: a value that starts with one is that provider's format, valid
    /// or not, so generic rules leave it to the provider's rule.
    provider_prefixes: Vec<&'static str>,
}

impl Scanner {
    /// Build the prefilter over `rules`.
    pub fn new(rules: Vec<&'static SecretRule>) -> Self {
        let mut listed: Vec<(String, usize)> = rules
            .iter()
            .enumerate()
            .flat_map(|(i, r)| r.keywords.iter().map(move |k| (k.to_ascii_lowercase(), i)))
            .collect();
        // Shortest first: a keyword that contains another adds nothing to the prefilter (the
        // shorter one fires wherever it does), so its rules ride on the shorter one and check
        // their own keyword at each hit.
        listed.sort_by(|a, b| (a.0.len(), &a.0).cmp(&(b.0.len(), &b.0)));
        let mut words: Vec<String> = Vec::new();
        let mut owners: Vec<Vec<Owner>> = Vec::new();
        for (k, rule) in listed {
            let at = match words.iter().position(|w| k.contains(w.as_str())) {
                Some(at) => at,
                None => {
                    words.push(k.clone());
                    owners.push(Vec::new());
                    words.len() - 1
                }
            };
            let longer = (k != words[at]).then(|| {
                let offsets = k
                    .match_indices(words[at].as_str())
                    .map(|(o, _)| o)
                    .collect();
                (k, offsets)
            });
            match owners[at].iter_mut().find(|o| o.rule == rule) {
                // The keyword itself already lets every hit through.
                Some(o) if o.longer.is_empty() => {}
                Some(o) => match longer {
                    Some(l) => o.longer.push(l),
                    None => o.longer.clear(),
                },
                None => owners[at].push(Owner {
                    rule,
                    longer: longer.into_iter().collect(),
                }),
            }
        }
        let keywords = Keywords::new(&words);
        let by_id = rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.meta.id, i))
            .collect();
        let provider_prefixes = rules
            .iter()
            .filter(|r| r.confidence == Confidence::High && !r.generic)
            .flat_map(|r| r.keywords.iter().map(String::as_str))
            .filter(|k| {
                k.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
            })
            .collect();
        Self {
            rules,
            keywords,
            owners,
            by_id,
            provider_prefixes,
        }
    }

    /// True when `value` starts with a provider's token prefix.
    pub fn has_provider_prefix(&self, value: &str) -> bool {
        self.provider_prefixes.iter().any(|p| value.starts_with(p))
    }

    /// The rule with this id (`secrets/…`).
    pub fn rule(&self, id: &str) -> Option<&'static SecretRule> {
        self.by_id.get(id).map(|&i| self.rules[i])
    }

    /// Every rule, in pack order.
    pub fn rules(&self) -> &[&'static SecretRule] {
        &self.rules
    }

    /// Regex matches of the rules `wanted` accepts (asked at most once per rule), each found in
    /// a window around that rule's keyword hits.
    pub fn candidates(&self, text: &[u8], mut wanted: impl FnMut(usize) -> bool) -> Vec<Candidate> {
        let hits = self.keywords.hits(text);
        if hits.is_empty() {
            return Vec::new();
        }
        let mut decided: Vec<Option<bool>> = vec![None; self.rules.len()];
        let mut windows: Vec<Vec<Span>> = vec![Vec::new(); self.rules.len()];
        for hit in hits {
            for owner in &self.owners[hit.keyword] {
                let rule = owner.rule;
                if !owner.confirms(text, hit.start)
                    || !*decided[rule].get_or_insert_with(|| wanted(rule))
                {
                    continue;
                }
                let reach = if self.rules[rule].multiline {
                    BLOCK_REACH
                } else {
                    REACH
                };
                let w = window(text, hit.start, hit.end, reach);
                let list = &mut windows[rule];
                match list.last_mut() {
                    Some(last) if w.start <= last.end => last.end = last.end.max(w.end),
                    _ => list.push(w),
                }
            }
        }
        let mut out = Vec::new();
        // Several rules ride on the same words (`password`), so lines are asked once.
        let mut refers: BTreeMap<Span, bool> = BTreeMap::new();
        for (rule, list) in windows.iter().enumerate() {
            if list.is_empty() {
                continue;
            }
            let r = self.rules[rule];
            // Below `high`, a line that says where its value comes from has no secret (see
            // `accept`); a single-line window lies within its line, so asking it first spares
            // the regex.
            let refers_rejects = r.confidence != Confidence::High && !r.multiline;
            let (regex, group) = r.pattern.get();
            for w in list {
                if refers_rejects
                    && *refers
                        .entry(*w)
                        .or_insert_with(|| filters::line_refers(&text[w.start..w.end]))
                {
                    continue;
                }
                for caps in regex.captures_iter(&text[w.start..w.end]) {
                    let Some(secret) = caps.get(group) else {
                        continue;
                    };
                    out.push(Candidate {
                        rule,
                        secret: Span::new(w.start + secret.start(), w.start + secret.end()),
                        user: caps
                            .name("user")
                            .map(|u| Span::new(w.start + u.start(), w.start + u.end())),
                    });
                }
            }
        }
        out
    }
}

/// The lines around `start..end`: at most [`REACH`] bytes before the hit, and after it the rest
/// of the line (single-line rules) or whole lines up to `reach` bytes (block rules).
fn window(text: &[u8], start: usize, end: usize, reach: usize) -> Span {
    let lo = start.saturating_sub(REACH);
    let from = memchr::memrchr(b'\n', &text[lo..start]).map_or(lo, |i| lo + i + 1);
    let hi = (end + reach).min(text.len());
    let to = if reach == REACH {
        memchr::memchr(b'\n', &text[end..hi]).map_or(hi, |i| end + i)
    } else if hi == text.len() {
        hi
    } else {
        memchr::memrchr(b'\n', &text[end..hi]).map_or(hi, |i| end + i)
    };
    Span::new(from, to)
}
