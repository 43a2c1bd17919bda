//! Test-time secrets: `{{gen:KIND:ARG}}` templates in rule examples and fixtures expand to
//! token-shaped strings here, deterministically from a seed, so the repository itself never
//! holds a string a secret scanner would report.

use atlas9::checks::secrets::pack::fill_templates;
use atlas9::checks::secrets::validate::base62;
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};

/// A small deterministic generator (splitmix64).
struct Rng(u64);

impl Rng {
    fn new(seed: &str) -> Self {
        Self(atlas9::output::fnv1a(&[seed]))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn pick(&mut self, alphabet: &[u8], n: usize) -> String {
        (0..n)
            .map(|_| alphabet[(self.next() % alphabet.len() as u64) as usize] as char)
            .collect()
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

const DIGITS: &[u8] = b"0123456789";
const HEX: &[u8] = b"0123456789abcdef";
const LETTERS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const B62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64URL: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
const LOWER_ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
const UPPER_ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const UPPER: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const B32: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

fn crc62(rng: &mut Rng, n: usize, good: bool) -> String {
    let random = rng.pick(B62, n);
    let crc = u64::from(crc32fast::hash(random.as_bytes())) + u64::from(!good);
    format!("{random}{}", base62(crc % (1 << 32), 6))
}

fn one(kind: &str, arg: &str, rng: &mut Rng) -> String {
    let n = || {
        arg.parse::<usize>()
            .unwrap_or_else(|_| panic!("{kind}: bad length {arg}"))
    };
    match kind {
        "digits" => rng.pick(DIGITS, n()),
        "hex" => rng.pick(HEX, n()),
        "letters" => rng.pick(LETTERS, n()),
        "b62" => rng.pick(B62, n()),
        "b64" => rng.pick(B64, n()),
        "b64url" => rng.pick(B64URL, n()),
        "alnum-lower" => rng.pick(LOWER_ALNUM, n()),
        "alnum-upper" => rng.pick(UPPER_ALNUM, n()),
        "upper" => rng.pick(UPPER, n()),
        "b32" => rng.pick(B32, n()),
        "crc62" => crc62(rng, n(), true),
        "crc62-bad" => crc62(rng, n(), false),
        "der" => STANDARD.encode(rng.bytes(n())),
        "ssh" => {
            let mut body = b"openssh-key-v1\0".to_vec();
            body.extend(rng.bytes(n()));
            STANDARD.encode(body)
        }
        "macaroon" => {
            let mut body = vec![0x02, 0x01, 0x08];
            body.extend(b"pypi.org");
            body.extend([0x02, 0x01]);
            body.extend(rng.bytes(n()));
            URL_SAFE_NO_PAD.encode(body)
        }
        "key64" => STANDARD.encode(rng.bytes(64)),
        "basic" => STANDARD.encode(format!("user:{}", rng.pick(B62, n()))),
        "jwt" => {
            let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"HS256","typ":"JWT"}"#);
            let payload = URL_SAFE_NO_PAD.encode(format!(
                r#"{{"sub":"{}","iat":1700000000}}"#,
                rng.pick(B62, 12)
            ));
            format!("{header}.{payload}.{}", rng.pick(B64URL, 43))
        }
        "b64of" => STANDARD.encode(arg),
        "b64of-gh" => STANDARD.encode(format!("ghp_{}", crc62(rng, 30, true))),
        "x" => "x".repeat(n()),
        "X" => "X".repeat(n()),
        "zeros" => "0".repeat(n()),
        "begin" => format!("-----BEGIN {arg}-----"),
        "end" => format!("-----END {arg}-----"),
        _ => panic!("unknown template kind {kind}"),
    }
}

/// True when `text` holds a template.
pub fn has_templates(text: &str) -> bool {
    text.contains("{{gen:")
}

/// `text` with every template expanded; `seed` makes the output repeatable.
pub fn expand(text: &str, seed: &str) -> String {
    let mut rng = Rng::new(seed);
    fill_templates(text, |kind, arg| one(kind, arg, &mut rng))
}
