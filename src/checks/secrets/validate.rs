//! Offline checks of a candidate's structure. A look-alike that fails its format's checksum or
//! does not decode is not a secret, so these drop false positives without any network access.

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde::Deserialize;

/// A structural check a rule asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Validator {
    /// `prefix_` + random part + 6-character base62 CRC32 of the random part (GitHub classic
    /// tokens, npm tokens).
    Crc32Base62,
    /// `github_pat_` + 22 + `_` + 59 base62 characters.
    GithubFineGrained,
    /// Three base64url parts; header and payload decode to JSON objects, the header has `alg`.
    Jwt,
    /// A PEM, OpenSSH or armored PGP private key whose body decodes (OpenSSH: to its magic
    /// header).
    PrivateKey,
    /// A PyPI macaroon: base64 of a version-2 macaroon whose location is PyPI.
    PypiMacaroon,
    /// Base64 that decodes to exactly 64 bytes (Azure storage account keys).
    Base64Key64,
    /// Base64 of `user:password` with a non-empty password (docker `auths`).
    BasicAuth,
}

impl Validator {
    /// What is checked, for the documentation.
    pub fn describe(self) -> &'static str {
        match self {
            Validator::Crc32Base62 => "the CRC32 checksum in the last 6 characters",
            Validator::GithubFineGrained => "the two-part token structure",
            Validator::Jwt => "header and payload decode to JSON",
            Validator::PrivateKey => "the key body decodes",
            Validator::PypiMacaroon => "the macaroon decodes and names PyPI",
            Validator::Base64Key64 => "the value decodes to a 64-byte key",
            Validator::BasicAuth => "the value decodes to user:password",
        }
    }

    /// True when `secret` has the structure.
    pub fn accepts(self, secret: &[u8]) -> bool {
        match self {
            Validator::Crc32Base62 => crc32_base62(secret),
            Validator::GithubFineGrained => github_fine_grained(secret),
            Validator::Jwt => jwt(secret),
            Validator::PrivateKey => private_key(secret),
            Validator::PypiMacaroon => pypi(secret),
            Validator::Base64Key64 => STANDARD.decode(secret).is_ok_and(|k| k.len() == 64),
            Validator::BasicAuth => STANDARD.decode(secret).is_ok_and(|d| {
                d.iter()
                    .position(|&b| b == b':')
                    .is_some_and(|at| at > 0 && at + 1 < d.len())
            }),
        }
    }
}

/// The base62 alphabet these formats use: digits, then upper case, then lower case.
const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// `n` in base62, left-padded with `0` to `width` digits.
pub fn base62(mut n: u64, width: usize) -> String {
    let mut digits = vec![b'0'; width];
    for d in digits.iter_mut().rev() {
        *d = BASE62[(n % 62) as usize];
        n /= 62;
    }
    String::from_utf8(digits).unwrap_or_default()
}

fn crc32_base62(secret: &[u8]) -> bool {
    let Some(sep) = secret.iter().position(|&b| b == b'_') else {
        return false;
    };
    let body = &secret[sep + 1..];
    if body.len() <= 6 || !body.iter().all(u8::is_ascii_alphanumeric) {
        return false;
    }
    let (random, check) = body.split_at(body.len() - 6);
    base62(u64::from(crc32fast::hash(random)), 6).as_bytes() == check
}

fn github_fine_grained(secret: &[u8]) -> bool {
    let Some(rest) = secret.strip_prefix(b"github_pat_") else {
        return false;
    };
    match rest.iter().position(|&b| b == b'_') {
        Some(22) => {
            rest.len() == 22 + 1 + 59
                && rest
                    .iter()
                    .enumerate()
                    .all(|(i, b)| i == 22 || b.is_ascii_alphanumeric())
        }
        _ => false,
    }
}

fn json_object(part: &[u8]) -> Option<serde_json::Map<String, serde_json::Value>> {
    let bytes = URL_SAFE_NO_PAD.decode(part).ok()?;
    match serde_json::from_slice(&bytes).ok()? {
        serde_json::Value::Object(m) => Some(m),
        _ => None,
    }
}

fn jwt(secret: &[u8]) -> bool {
    let parts: Vec<&[u8]> = secret.split(|&b| b == b'.').collect();
    let [header, payload, signature] = parts.as_slice() else {
        return false;
    };
    // An unsigned token (`alg: none`) authenticates nothing.
    !signature.is_empty()
        && json_object(header).is_some_and(|h| h.get("alg").is_some_and(|a| a != "none"))
        && json_object(payload).is_some()
}

/// The base64 body of a PEM or OpenSSH block, with header fields and line breaks (real or
/// escaped as `\n` inside JSON strings) removed.
fn pem_body(block: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(block).ok()?.replace("\\n", "\n");
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    lines.next().filter(|l| l.starts_with("-----BEGIN"))?;
    let mut body = String::new();
    for line in lines {
        if line.starts_with("-----END") {
            return STANDARD.decode(body.as_bytes()).ok();
        }
        // Header fields (`Proc-Type: …`) and an armor checksum (`=abcd`) are not the body.
        if !line.contains(':') && !line.starts_with('=') {
            body.push_str(line);
        }
    }
    None
}

fn private_key(secret: &[u8]) -> bool {
    let Some(body) = pem_body(secret) else {
        return false;
    };
    if secret.windows(7).any(|w| w == b"OPENSSH") {
        body.starts_with(b"openssh-key-v1\0")
    } else {
        body.len() >= 64
    }
}

fn pypi(secret: &[u8]) -> bool {
    let Some(b64) = secret.strip_prefix(b"pypi-") else {
        return false;
    };
    let Ok(bytes) = URL_SAFE_NO_PAD.decode(b64.strip_suffix(b"=").unwrap_or(b64)) else {
        return false;
    };
    // Version 2 macaroon, then the location field, which PyPI sets to its host.
    bytes.starts_with(&[0x02, 0x01]) && bytes.windows(8).any(|w| w == b"pypi.org")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base62_pads_and_orders_digits_before_letters() {
        assert_eq!(base62(0, 6), "000000");
        assert_eq!(base62(61, 2), "0z");
        assert_eq!(base62(62, 2), "10");
        assert_eq!(base62(36, 1), "a");
    }

    #[test]
    fn crc32_base62_checks_the_random_part_only() {
        let random = "Qx7".repeat(10);
        let good = format!(
            "zzz_{random}{}",
            base62(u64::from(crc32fast::hash(random.as_bytes())), 6)
        );
        assert!(Validator::Crc32Base62.accepts(good.as_bytes()));
        let mut bad = good.into_bytes();
        let last = bad.len() - 1;
        bad[last] = if bad[last] == b'A' { b'B' } else { b'A' };
        assert!(!Validator::Crc32Base62.accepts(&bad));
    }

    #[test]
    fn jwt_needs_json_parts_and_a_signature() {
        let enc = |s: &str| URL_SAFE_NO_PAD.encode(s);
        let header = enc(r#"{"alg":"HS256"}"#);
        let payload = enc(r#"{"sub":"1"}"#);
        let ok = format!("{header}.{payload}.c2ln");
        assert!(Validator::Jwt.accepts(ok.as_bytes()));
        assert!(!Validator::Jwt.accepts(format!("{header}.{payload}.").as_bytes()));
        let none = format!("{}.{payload}.c2ln", enc(r#"{"alg":"none"}"#));
        assert!(!Validator::Jwt.accepts(none.as_bytes()));
        assert!(!Validator::Jwt.accepts(b"a.b.c"));
    }

    #[test]
    fn basic_auth_needs_a_password() {
        assert!(Validator::BasicAuth.accepts(STANDARD.encode("u:p").as_bytes()));
        assert!(!Validator::BasicAuth.accepts(STANDARD.encode("u:").as_bytes()));
        assert!(!Validator::BasicAuth.accepts(STANDARD.encode(":p").as_bytes()));
    }
}
