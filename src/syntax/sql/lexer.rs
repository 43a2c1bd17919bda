//! A Postgres lexer that never fails: every byte lands in some token, and an unterminated
//! string, quoted identifier, dollar quote or block comment is marked rather than rejected.

use crate::diagnostics::Span;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A bare word: keyword or unquoted identifier.
    Word,
    /// `"quoted identifier"`.
    QuotedIdent,
    /// `'string'`, `E'escaped'`, `B'0101'`, `X'ff'`, `N'text'`, `U&'text'`.
    String,
    /// `$tag$ ... $tag$`.
    DollarString,
    /// A numeric literal.
    Number,
    /// `$1`.
    Param,
    /// `-- line comment`.
    LineComment,
    /// `/* block comment */`, nested as Postgres allows.
    BlockComment,
    /// `;`
    Semicolon,
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `,`
    Comma,
    /// `.`
    Dot,
    /// Any other operator or punctuation character run.
    Op,
}

/// One token and where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Its kind.
    pub kind: TokenKind,
    /// Its bytes in the file.
    pub span: Span,
    /// True when the token runs to the end of input without its closing delimiter.
    pub unterminated: bool,
}

impl Token {
    /// The token's text in `src`.
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        &src[self.span.start..self.span.end]
    }

    /// True for comments, which carry no meaning to Postgres.
    pub fn is_comment(&self) -> bool {
        matches!(self.kind, TokenKind::LineComment | TokenKind::BlockComment)
    }

    /// True when this is the bare word `kw` (ASCII case-insensitive).
    pub fn is_word(&self, src: &str, kw: &str) -> bool {
        self.kind == TokenKind::Word && self.text(src).eq_ignore_ascii_case(kw)
    }
}

/// Split `src` into tokens, skipping whitespace. Linear in the input, no recursion.
pub fn tokenize(src: &str) -> Vec<Token> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let (kind, end, unterminated) = match b {
            b'-' if bytes.get(i + 1) == Some(&b'-') => {
                let end = memchr_newline(bytes, i);
                (TokenKind::LineComment, end, false)
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let (end, ok) = block_comment(bytes, i);
                (TokenKind::BlockComment, end, !ok)
            }
            b'\'' => {
                let (end, ok) = quoted(bytes, i + 1, b'\'', false);
                (TokenKind::String, end, !ok)
            }
            b'"' => {
                let (end, ok) = quoted(bytes, i + 1, b'"', false);
                (TokenKind::QuotedIdent, end, !ok)
            }
            b'$' => dollar(bytes, src, i),
            b';' => (TokenKind::Semicolon, i + 1, false),
            b'(' => (TokenKind::LParen, i + 1, false),
            b')' => (TokenKind::RParen, i + 1, false),
            b',' => (TokenKind::Comma, i + 1, false),
            b'.' if !bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                (TokenKind::Dot, i + 1, false)
            }
            b'0'..=b'9' | b'.' => (TokenKind::Number, number(bytes, i), false),
            _ if is_word_start(b) => word_or_prefixed_string(bytes, i),
            // One operator byte at a time keeps `-` before `--` from swallowing the comment.
            _ => (TokenKind::Op, i + 1, false),
        };
        out.push(Token {
            kind,
            span: Span::new(start, end),
            unterminated,
        });
        i = end;
    }
    out
}

fn is_word_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b >= 0x80
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80
}

fn memchr_newline(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(bytes.len(), |p| from + p)
}

/// Returns the end offset and whether the comment was closed.
fn block_comment(bytes: &[u8], start: usize) -> (usize, bool) {
    let mut depth = 0usize;
    let mut i = start;
    while i + 1 < bytes.len() {
        match (bytes[i], bytes[i + 1]) {
            (b'/', b'*') => {
                depth += 1;
                i += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return (i, true);
                }
            }
            _ => i += 1,
        }
    }
    (bytes.len(), false)
}

/// Scan a quoted run whose body starts at `from`; a doubled quote is an escaped quote, and with
/// `backslash` a backslash escapes the next byte (`E''` strings).
fn quoted(bytes: &[u8], from: usize, quote: u8, backslash: bool) -> (usize, bool) {
    let mut i = from;
    while i < bytes.len() {
        let c = bytes[i];
        if backslash && c == b'\\' {
            i += 2;
            continue;
        }
        if c == quote {
            if bytes.get(i + 1) == Some(&quote) {
                i += 2;
                continue;
            }
            return (i + 1, true);
        }
        i += 1;
    }
    (bytes.len(), false)
}

fn dollar(bytes: &[u8], src: &str, start: usize) -> (TokenKind, usize, bool) {
    let mut i = start + 1;
    if bytes.get(i).is_some_and(u8::is_ascii_digit) {
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        return (TokenKind::Param, i, false);
    }
    while i < bytes.len()
        && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] >= 0x80)
    {
        i += 1;
    }
    if bytes.get(i) != Some(&b'$') {
        return (TokenKind::Op, start + 1, false);
    }
    let tag = &src[start..=i];
    let body = i + 1;
    match src[body..].find(tag) {
        Some(p) => (TokenKind::DollarString, body + p + tag.len(), false),
        None => (TokenKind::DollarString, bytes.len(), true),
    }
}

fn number(bytes: &[u8], start: usize) -> usize {
    let mut i = start;
    while i < bytes.len() {
        let c = bytes[i];
        let exponent_sign = (c == b'+' || c == b'-') && matches!(bytes[i - 1], b'e' | b'E');
        if c.is_ascii_alphanumeric() || c == b'.' || c == b'_' || (i > start && exponent_sign) {
            i += 1;
        } else {
            break;
        }
    }
    i
}

fn word_or_prefixed_string(bytes: &[u8], start: usize) -> (TokenKind, usize, bool) {
    let next = bytes.get(start + 1).copied();
    let first = bytes[start].to_ascii_uppercase();
    // E'..', B'..', X'..', N'..' and U&'..' are strings, not words.
    if next == Some(b'\'') && matches!(first, b'E' | b'B' | b'X' | b'N') {
        let (end, ok) = quoted(bytes, start + 2, b'\'', first == b'E');
        return (TokenKind::String, end, !ok);
    }
    if first == b'U' && next == Some(b'&') {
        match bytes.get(start + 2) {
            Some(b'\'') => {
                let (end, ok) = quoted(bytes, start + 3, b'\'', false);
                return (TokenKind::String, end, !ok);
            }
            Some(b'"') => {
                let (end, ok) = quoted(bytes, start + 3, b'"', false);
                return (TokenKind::QuotedIdent, end, !ok);
            }
            _ => {}
        }
    }
    let mut i = start;
    while i < bytes.len() && is_word_byte(bytes[i]) {
        i += 1;
    }
    (TokenKind::Word, i, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<(TokenKind, &str)> {
        tokenize(src)
            .iter()
            .map(|t| (t.kind, t.text(src)))
            .collect()
    }

    #[test]
    fn strings_comments_and_dollar_quotes() {
        let src = "SELECT E'a\\'b', $fn$ x; $fn$ /* a /* b */ c */ \"Q\"\"x\" -- tail";
        assert_eq!(
            kinds(src),
            vec![
                (TokenKind::Word, "SELECT"),
                (TokenKind::String, "E'a\\'b'"),
                (TokenKind::Comma, ","),
                (TokenKind::DollarString, "$fn$ x; $fn$"),
                (TokenKind::BlockComment, "/* a /* b */ c */"),
                (TokenKind::QuotedIdent, "\"Q\"\"x\""),
                (TokenKind::LineComment, "-- tail"),
            ]
        );
    }

    #[test]
    fn unterminated_runs_to_end() {
        for src in [
            "SELECT $x$ never closed",
            "SELECT 'open",
            "/* open",
            "\"open",
        ] {
            let toks = tokenize(src);
            let last = toks.last().expect("a token");
            assert!(last.unterminated, "{src}");
            assert_eq!(last.span.end, src.len());
        }
    }

    #[test]
    fn params_numbers_and_multibyte() {
        assert_eq!(
            kinds("$1 1.5e-3 .5 é× +"),
            vec![
                (TokenKind::Param, "$1"),
                (TokenKind::Number, "1.5e-3"),
                (TokenKind::Number, ".5"),
                (TokenKind::Word, "é×"),
                (TokenKind::Op, "+"),
            ]
        );
    }
}
