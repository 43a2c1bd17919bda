//! What our outputs may show of a secret: its provider prefix and at most its last four
//! characters, and a one-way fingerprint to recognise it again.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

/// Secrets shorter than this show no tail at all.
const TAIL_FROM: usize = 20;

/// The part of `secret` that may be shown before the redaction: its first line when it is a
/// PEM block (the header names the key type), else the longest of `keywords` it starts with
/// (case-sensitively), as long as at least 8 characters stay hidden.
fn shown_prefix<'a>(secret: &'a str, keywords: &[String]) -> &'a str {
    if secret.starts_with("-----BEGIN") {
        let end = secret.find(['\n', '\\']).unwrap_or(secret.len());
        return &secret[..end];
    }
    keywords
        .iter()
        .filter(|k| secret.starts_with(k.as_str()) && secret.len() >= k.len() + 8)
        .map(|k| &secret[..k.len()])
        .max_by_key(|k| k.len())
        .unwrap_or("")
}

fn tail(secret: &str) -> &str {
    let n = secret.chars().count();
    if n < TAIL_FROM || secret.starts_with("-----BEGIN") {
        return "";
    }
    let at = secret.char_indices().nth(n - 4).map_or(0, |(i, _)| i);
    &secret[at..]
}

/// `ghp_…x7Qa`: the prefix, an ellipsis and the tail.
pub fn redact(secret: &str, keywords: &[String]) -> String {
    format!("{}…{}", shown_prefix(secret, keywords), tail(secret))
}

/// `secret` with every hidden character replaced by `*`, keeping its length in characters so
/// carets under a snippet still line up.
pub fn mask(secret: &str, keywords: &[String]) -> String {
    let prefix = shown_prefix(secret, keywords);
    let tail = tail(secret);
    let hidden = secret.chars().count() - prefix.chars().count() - tail.chars().count();
    format!("{prefix}{}{tail}", "*".repeat(hidden))
}

/// A hex SHA-256 of the secret, or an HMAC-SHA256 keyed by the environment variable `key_env`
/// when it is set (so a low-entropy password cannot be recovered from the hash by guessing).
pub fn fingerprint(secret: &str, key_env: Option<&str>) -> String {
    let key = key_env
        .and_then(|k| std::env::var(k).ok())
        .filter(|k| !k.is_empty());
    match key {
        Some(key) => {
            let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key.as_bytes())
                .expect("HMAC takes keys of any length");
            mac.update(secret.as_bytes());
            format!("hmac-sha256:{}", hex(&mac.finalize().into_bytes()))
        }
        None => format!("sha256:{}", hex(&Sha256::digest(secret.as_bytes()))),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_prefix_and_last_four_only() {
        let kw = vec!["tok_".to_string()];
        let secret = format!("tok_{}", "ab1C".repeat(8));
        assert_eq!(redact(&secret, &kw), "tok_…ab1C");
        assert_eq!(mask(&secret, &kw).len(), secret.len());
        assert!(mask(&secret, &kw).starts_with("tok_****"));
        assert_eq!(redact("short-pass", &kw), "…");
    }

    #[test]
    fn fingerprints_are_stable_hashes() {
        let a = fingerprint("s3cr3t-value", None);
        assert!(a.starts_with("sha256:") && a.len() == 7 + 64);
        assert_eq!(a, fingerprint("s3cr3t-value", None));
        assert!(!a.contains("s3cr3t"));
    }
}
