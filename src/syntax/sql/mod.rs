//! SQL text as statements: atlas9's own lexer splits a file so that one statement no parser can
//! read does not hide the rest, and every statement keeps its exact byte span.

pub mod lexer;

use crate::diagnostics::Span;
use lexer::{Token, TokenKind, tokenize};
use std::ops::Range;

/// One statement of a script.
#[derive(Debug, Clone)]
pub struct Statement {
    /// From the first byte of the first token to the end of the last one before the `;`.
    pub span: Span,
    /// Index range into [`SqlScript::code`].
    pub tokens: Range<usize>,
}

/// A SQL file split into code tokens, comments and statements.
#[derive(Debug, Clone)]
pub struct SqlScript {
    /// Every token that is not a comment, in order.
    pub code: Vec<Token>,
    /// Every comment, in order.
    pub comments: Vec<Token>,
    /// The statements, in order.
    pub statements: Vec<Statement>,
    /// The first token left open at end of input (string, dollar quote, comment…), if any.
    pub unterminated: Option<Token>,
}

impl SqlScript {
    /// The code tokens of `stmt`.
    pub fn tokens(&self, stmt: &Statement) -> &[Token] {
        &self.code[stmt.tokens.clone()]
    }
}

/// Split a script into statements at top-level `;`. Semicolons inside goose
/// `StatementBegin`/`StatementEnd` blocks and SQL-standard `BEGIN ATOMIC … END` bodies do not end
/// a statement.
pub fn split(src: &str) -> SqlScript {
    let all = tokenize(src);
    let mut code = Vec::with_capacity(all.len());
    let mut comments = Vec::new();
    let mut statements = Vec::new();
    let mut unterminated = None;
    let mut start: Option<usize> = None;
    let mut goose_block = false;
    let mut atomic_depth = 0usize;

    for tok in all {
        if tok.unterminated && unterminated.is_none() {
            unterminated = Some(tok);
        }
        if tok.is_comment() {
            let text = tok.text(src);
            if text.contains("+goose StatementBegin") {
                goose_block = true;
            } else if text.contains("+goose StatementEnd") {
                goose_block = false;
                if let Some(s) = start.take() {
                    push(&mut statements, &code, s, false);
                }
            }
            comments.push(tok);
            continue;
        }
        let idx = code.len();
        code.push(tok);
        let first = *start.get_or_insert(idx);
        if tok.kind == TokenKind::Word {
            track_atomic(src, &code[first..], &mut atomic_depth);
        }
        if tok.kind == TokenKind::Semicolon && !goose_block && atomic_depth == 0 {
            start = None;
            if idx > first {
                push(&mut statements, &code, first, true);
            }
        }
    }
    if let Some(s) = start {
        push(&mut statements, &code, s, false);
    }
    SqlScript {
        code,
        comments,
        statements,
        unterminated,
    }
}

fn push(out: &mut Vec<Statement>, code: &[Token], first: usize, terminated: bool) {
    let last = if terminated {
        code.len() - 1
    } else {
        code.len()
    };
    if last <= first {
        return;
    }
    let span = Span::new(code[first].span.start, code[last - 1].span.end);
    out.push(Statement {
        span,
        tokens: first..last,
    });
}

/// Follows `BEGIN ATOMIC … END` nesting (with `CASE … END` inside) for the statement so far,
/// whose last token is the word just read.
fn track_atomic(src: &str, stmt: &[Token], depth: &mut usize) {
    let n = stmt.len();
    let word = &stmt[n - 1];
    if *depth == 0 {
        let opens = n >= 2
            && word.is_word(src, "ATOMIC")
            && stmt[n - 2].is_word(src, "BEGIN")
            && stmt[0].is_word(src, "CREATE");
        if opens {
            *depth = 1;
        }
    } else if word.is_word(src, "CASE") {
        *depth += 1;
    } else if word.is_word(src, "END") {
        *depth -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<&str> {
        split(src)
            .statements
            .iter()
            .map(|s| &src[s.span.start..s.span.end])
            .collect()
    }

    #[test]
    fn splits_on_top_level_semicolons_only() {
        let src = "CREATE TABLE a (x int); -- c;\nSELECT ';' , $$;$$;;\n  UPDATE a SET x = 1";
        assert_eq!(
            texts(src),
            vec![
                "CREATE TABLE a (x int)",
                "SELECT ';' , $$;$$",
                "UPDATE a SET x = 1"
            ]
        );
    }

    #[test]
    fn goose_blocks_and_begin_atomic_are_one_statement() {
        let src = "-- +goose StatementBegin\nCREATE FUNCTION f() RETURNS int AS 'a;b' LANGUAGE sql; SELECT 1;\n-- +goose StatementEnd\nCREATE FUNCTION g() RETURNS int BEGIN ATOMIC SELECT CASE WHEN true THEN 1 END; SELECT 2; END;\nSELECT 3;";
        let got = texts(src);
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got[1].ends_with("SELECT 2; END"));
        assert_eq!(got[2], "SELECT 3");
    }

    #[test]
    fn reports_the_first_unterminated_token() {
        let script = split("SELECT 1; SELECT $body$ never closed");
        assert_eq!(script.statements.len(), 2);
        assert_eq!(
            script.unterminated.map(|t| t.kind),
            Some(TokenKind::DollarString)
        );
    }
}
