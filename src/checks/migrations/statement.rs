//! Recognising the statement shapes migration rules care about, on atlas9's own tokens, so that
//! every part keeps an exact span and shapes a full SQL parser rejects (`DROP INDEX CONCURRENTLY`,
//! `REINDEX`, `DETACH PARTITION … CONCURRENTLY`) are still understood.

use crate::diagnostics::Span;
use crate::syntax::sql::lexer::{Token, TokenKind};
use sqlparser::ast::Statement as SqlStatement;
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;

/// A possibly schema-qualified name, normalised (unquoted parts lowercased).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// `schema.table`, `table`, `column`…
    pub text: String,
    /// Where it is written.
    pub span: Span,
}

impl Name {
    /// The last component (`users` for `public.users`).
    pub fn base(&self) -> &str {
        self.text.rsplit('.').next().unwrap_or(&self.text)
    }
}

/// A column type as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeRef {
    /// Normalised text: lowercase words, single spaces, no spaces around punctuation
    /// (`varchar(255)`, `timestamp without time zone`, `int[]`).
    pub text: String,
    /// Where it is written.
    pub span: Span,
}

/// A column definition (`CREATE TABLE` element or `ADD COLUMN`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Its name.
    pub name: Name,
    /// Its type.
    pub ty: TypeRef,
    /// The `DEFAULT` expression, unless it is `NULL`.
    pub default: Option<Span>,
    /// The first volatile function the default calls (`random`, `gen_random_uuid`…).
    pub volatile_call: Option<String>,
    /// `NOT NULL`.
    pub not_null: bool,
    /// `GENERATED ALWAYS AS (…) STORED`.
    pub generated_stored: bool,
    /// `GENERATED … AS IDENTITY`.
    pub identity: bool,
}

/// A table constraint being added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Constraint {
    /// `FOREIGN KEY … REFERENCES`.
    ForeignKey,
    /// `CHECK (…)`; `not_null_of` names the column when the check is exactly `col IS NOT NULL`.
    Check {
        /// The column a `col IS NOT NULL` check covers.
        not_null_of: Option<String>,
    },
    /// `UNIQUE`.
    Unique {
        /// `USING INDEX name`.
        using_index: bool,
    },
    /// `PRIMARY KEY`.
    PrimaryKey {
        /// `USING INDEX name`.
        using_index: bool,
    },
    /// `EXCLUDE`.
    Exclude,
}

/// One action of an `ALTER TABLE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// `ADD [COLUMN]`.
    AddColumn(Column),
    /// `ADD [CONSTRAINT name] …`.
    AddConstraint {
        /// The constraint name.
        name: Option<Name>,
        /// Its kind.
        kind: Constraint,
        /// `NOT VALID`.
        not_valid: bool,
    },
    /// `DROP [COLUMN]`.
    DropColumn(Name),
    /// `RENAME [COLUMN] a TO b`.
    RenameColumn(Name),
    /// `RENAME TO b`.
    RenameTable(Name),
    /// `VALIDATE CONSTRAINT name`.
    ValidateConstraint(Name),
    /// `ALTER [COLUMN] c SET NOT NULL`.
    SetNotNull(Name),
    /// `ALTER [COLUMN] c [SET DATA] TYPE t [USING …]`.
    SetType {
        /// The column.
        column: Name,
        /// The new type.
        ty: TypeRef,
        /// A `USING` clause (always a rewrite).
        using: bool,
    },
    /// `DETACH PARTITION p [CONCURRENTLY | FINALIZE]`.
    DetachPartition {
        /// `CONCURRENTLY`.
        concurrently: bool,
        /// `FINALIZE`.
        finalize: bool,
    },
    /// An action taking SHARE UPDATE EXCLUSIVE or weaker (statistics, storage parameters…).
    Light,
    /// Anything else (ACCESS EXCLUSIVE or SHARE ROW EXCLUSIVE).
    Other,
}

/// An action and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionAt {
    /// What it does.
    pub action: Action,
    /// Its text within the statement.
    pub span: Span,
}

/// What a statement is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stmt {
    /// `CREATE TABLE`.
    CreateTable {
        /// The table.
        table: Name,
        /// Its column definitions.
        columns: Vec<Column>,
        /// `IF NOT EXISTS`: the table may already exist, with rows.
        if_not_exists: bool,
    },
    /// `CREATE [UNIQUE] INDEX`.
    CreateIndex {
        /// The table indexed.
        table: Name,
        /// The index name.
        name: Option<Name>,
        /// `CONCURRENTLY`.
        concurrently: bool,
        /// The `INDEX` keyword (where `CONCURRENTLY` goes).
        index_kw: Span,
    },
    /// `DROP INDEX`.
    DropIndex {
        /// The indexes.
        names: Vec<Name>,
        /// `CONCURRENTLY`.
        concurrently: bool,
        /// The `INDEX` keyword.
        index_kw: Span,
    },
    /// `REINDEX`.
    Reindex {
        /// `CONCURRENTLY`.
        concurrently: bool,
        /// The `INDEX`/`TABLE`/`SCHEMA`/`DATABASE`/`SYSTEM` keyword (where `CONCURRENTLY` goes).
        kind_kw: Option<Span>,
    },
    /// `ALTER TABLE`.
    AlterTable {
        /// The table.
        table: Name,
        /// Its actions.
        actions: Vec<ActionAt>,
    },
    /// `DROP TABLE`.
    DropTable {
        /// The tables.
        names: Vec<Name>,
    },
    /// `TRUNCATE`.
    Truncate,
    /// `VACUUM FULL`.
    VacuumFull,
    /// `CLUSTER`.
    Cluster,
    /// `LOCK [TABLE]`.
    LockTable {
        /// The tables.
        names: Vec<Name>,
    },
    /// `CREATE TRIGGER … ON table`.
    CreateTrigger {
        /// The table.
        table: Option<Name>,
    },
    /// `UPDATE` or `DELETE`.
    Dml {
        /// The table written.
        table: Option<Name>,
        /// A `WHERE` clause bounds the rows.
        bounded: bool,
    },
    /// `SET`, `SET LOCAL`, `RESET`, or `SELECT set_config(…)`.
    Set {
        /// The parameter, lowercased.
        param: String,
        /// The value; `None` for `RESET` or `DEFAULT`.
        value: Option<String>,
        /// `SET LOCAL` or `set_config(…, true)`.
        local: bool,
    },
    /// `ALTER ROLE|USER|DATABASE … SET param …`: a server-side default for new sessions.
    ServerDefault {
        /// The parameter, lowercased.
        param: String,
    },
    /// `BEGIN`, `START TRANSACTION`.
    Begin,
    /// `COMMIT`, `END`, `ROLLBACK`, `ABORT`.
    Commit,
    /// Anything else.
    Other,
}

/// A statement that starts like a shape atlas9 lints but could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// What was expected.
    pub expected: &'static str,
    /// Where reading stopped.
    pub span: Span,
}

struct Cur<'a> {
    src: &'a str,
    toks: &'a [Token],
    i: usize,
}

const COLUMN_CONSTRAINT_WORDS: &[&str] = &[
    "constraint",
    "not",
    "null",
    "default",
    "primary",
    "unique",
    "check",
    "references",
    "generated",
    "collate",
    "compression",
    "storage",
    "deferrable",
    "initially",
];

const VOLATILE_FUNCTIONS: &[&str] = &[
    "random",
    "gen_random_uuid",
    "uuid_generate_v1",
    "uuid_generate_v1mc",
    "uuid_generate_v4",
    "uuidv4",
    "uuidv7",
    "clock_timestamp",
    "timeofday",
    "nextval",
    "setseed",
    "gen_random_bytes",
    "txid_current",
    "pg_current_xact_id",
];

impl<'a> Cur<'a> {
    fn peek(&self) -> Option<&'a Token> {
        self.toks.get(self.i)
    }

    fn word_at(&self, i: usize) -> Option<String> {
        let t = self.toks.get(i)?;
        (t.kind == TokenKind::Word).then(|| t.text(self.src).to_ascii_lowercase())
    }

    fn at(&self, w: &str) -> bool {
        self.peek().is_some_and(|t| t.is_word(self.src, w))
    }

    fn eat(&mut self, w: &str) -> bool {
        let hit = self.at(w);
        if hit {
            self.i += 1;
        }
        hit
    }

    /// Eat the first of `ws` that is next, if any.
    fn eat_any(&mut self, ws: &[&str]) -> bool {
        ws.iter().any(|w| self.eat(w))
    }

    /// Eat all of `ws` in order, or nothing.
    fn eat_all(&mut self, ws: &[&str]) -> bool {
        let ok = ws.iter().enumerate().all(|(k, w)| {
            self.toks
                .get(self.i + k)
                .is_some_and(|t| t.is_word(self.src, w))
        });
        if ok {
            self.i += ws.len();
        }
        ok
    }

    fn eat_kind(&mut self, kind: TokenKind) -> Option<&'a Token> {
        let t = self.peek().filter(|t| t.kind == kind)?;
        self.i += 1;
        Some(t)
    }

    fn ident(&mut self) -> Option<Name> {
        let t = self.peek()?;
        let text = match t.kind {
            TokenKind::Word => t.text(self.src).to_ascii_lowercase(),
            TokenKind::QuotedIdent => unquote(t.text(self.src)),
            _ => return None,
        };
        self.i += 1;
        Some(Name { text, span: t.span })
    }

    /// `a`, `a.b`, `a.b.c`.
    fn name(&mut self) -> Option<Name> {
        let mut name = self.ident()?;
        while self.peek().is_some_and(|t| t.kind == TokenKind::Dot) {
            self.i += 1;
            let part = self.ident()?;
            name.text = format!("{}.{}", name.text, part.text);
            name.span.end = part.span.end;
        }
        Some(name)
    }

    /// Advance over tokens until `stop` holds for a token outside parentheses; returns them.
    fn take_until(&mut self, stop: impl Fn(&Token) -> bool) -> &'a [Token] {
        let start = self.i;
        let mut depth = 0i32;
        while let Some(t) = self.peek() {
            match t.kind {
                TokenKind::LParen => depth += 1,
                TokenKind::RParen => depth -= 1,
                _ if depth == 0 && stop(t) => break,
                _ => {}
            }
            self.i += 1;
        }
        &self.toks[start..self.i]
    }

    /// Skip a parenthesised group if the cursor is at one.
    fn skip_group(&mut self) {
        if self.peek().is_none_or(|t| t.kind != TokenKind::LParen) {
            return;
        }
        let mut depth = 0usize;
        while let Some(t) = self.peek() {
            self.i += 1;
            match t.kind {
                TokenKind::LParen => depth += 1,
                TokenKind::RParen => {
                    depth -= 1;
                    if depth == 0 {
                        return;
                    }
                }
                _ => {}
            }
        }
    }

    fn done(&self) -> bool {
        self.i >= self.toks.len()
    }
}

fn unquote(q: &str) -> String {
    let inner = q.strip_prefix("U&").unwrap_or(q);
    inner
        .trim_start_matches('"')
        .trim_end_matches('"')
        .replace("\"\"", "\"")
}

/// Split `toks` at top-level commas.
fn split_commas(toks: &[Token]) -> Vec<&[Token]> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, t) in toks.iter().enumerate() {
        match t.kind {
            TokenKind::LParen => depth += 1,
            TokenKind::RParen => depth -= 1,
            TokenKind::Comma if depth == 0 => {
                parts.push(&toks[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&toks[start..]);
    parts
}

fn span_of(toks: &[Token]) -> Span {
    match (toks.first(), toks.last()) {
        (Some(a), Some(b)) => Span::new(a.span.start, b.span.end),
        _ => Span::default(),
    }
}

/// Recognise one statement from its code tokens.
pub fn recognize(src: &str, toks: &[Token]) -> Result<Stmt, Unreadable> {
    let mut c = Cur { src, toks, i: 0 };
    let end = Span::at(toks.last().map_or(0, |t| t.span.end));
    let fail = |expected, c: &Cur| Unreadable {
        expected,
        span: c.peek().map_or(end, |t| t.span),
    };
    let Some(first) = c.word_at(0) else {
        return Ok(Stmt::Other);
    };
    match first.as_str() {
        "create" => {
            c.i = 1;
            c.eat_all(&["or", "replace"]);
            let unique = c.eat("unique");
            if c.at("index") {
                let index_kw = c.peek().map(|t| t.span).unwrap_or_default();
                c.i += 1;
                let concurrently = c.eat("concurrently");
                c.eat_all(&["if", "not", "exists"]);
                let name = if c.at("on") { None } else { c.name() };
                if !c.eat("on") {
                    return Err(fail("ON after the index name", &c));
                }
                c.eat("only");
                let table = c.name().ok_or_else(|| fail("a table name", &c))?;
                return Ok(Stmt::CreateIndex {
                    table,
                    name,
                    concurrently,
                    index_kw,
                });
            }
            if unique {
                return Ok(Stmt::Other);
            }
            // CREATE [GLOBAL|LOCAL] [TEMP|TEMPORARY|UNLOGGED] TABLE
            c.eat_any(&["global", "local"]);
            c.eat_any(&["temp", "temporary", "unlogged"]);
            if c.eat("table") {
                let if_not_exists = c.eat_all(&["if", "not", "exists"]);
                let table = c.name().ok_or_else(|| fail("a table name", &c))?;
                let columns = match c.peek() {
                    Some(t) if t.kind == TokenKind::LParen => table_columns(&mut c),
                    _ => Vec::new(),
                };
                return Ok(Stmt::CreateTable {
                    table,
                    columns,
                    if_not_exists,
                });
            }
            c.eat("constraint");
            if c.eat("trigger") {
                let on = (c.i..toks.len()).find(|&k| toks[k].is_word(src, "on"));
                let table = on.and_then(|k| {
                    c.i = k + 1;
                    c.name()
                });
                return Ok(Stmt::CreateTrigger { table });
            }
            Ok(Stmt::Other)
        }
        "alter" if c.word_at(1).as_deref() == Some("table") => {
            c.i = 2;
            c.eat_all(&["if", "exists"]);
            c.eat("only");
            let table = c.name().ok_or_else(|| fail("a table name", &c))?;
            if c.peek()
                .is_some_and(|t| t.kind == TokenKind::Op && t.text(src) == "*")
            {
                c.i += 1;
            }
            let rest = &toks[c.i..];
            if rest.is_empty() {
                return Err(fail("an ALTER TABLE action", &c));
            }
            let actions = split_commas(rest)
                .into_iter()
                .map(|part| alter_action(src, part))
                .collect();
            Ok(Stmt::AlterTable { table, actions })
        }
        "alter" if matches!(c.word_at(1).as_deref(), Some("role" | "user" | "database")) => {
            let set = toks.iter().position(|t| t.is_word(src, "set"));
            let param = set.and_then(|k| {
                c.i = k + 1;
                c.name()
            });
            Ok(param.map_or(Stmt::Other, |p| Stmt::ServerDefault { param: p.text }))
        }
        "drop" => {
            c.i = 1;
            if c.at("index") {
                let index_kw = c.peek().map(|t| t.span).unwrap_or_default();
                c.i += 1;
                let concurrently = c.eat("concurrently");
                c.eat_all(&["if", "exists"]);
                let names = name_list(&mut c);
                if names.is_empty() {
                    return Err(fail("an index name", &c));
                }
                return Ok(Stmt::DropIndex {
                    names,
                    concurrently,
                    index_kw,
                });
            }
            if c.eat("table") {
                c.eat_all(&["if", "exists"]);
                let names = name_list(&mut c);
                if names.is_empty() {
                    return Err(fail("a table name", &c));
                }
                return Ok(Stmt::DropTable { names });
            }
            Ok(Stmt::Other)
        }
        "reindex" => {
            c.i = 1;
            c.skip_group();
            let kind_kw = ["index", "table", "schema", "database", "system"]
                .iter()
                .find(|w| c.at(w))
                .and_then(|_| c.peek().map(|t| t.span));
            if kind_kw.is_some() {
                c.i += 1;
            }
            let concurrently =
                c.eat("concurrently") || toks.iter().any(|t| t.is_word(src, "concurrently"));
            Ok(Stmt::Reindex {
                concurrently,
                kind_kw,
            })
        }
        "vacuum" => {
            let full = toks
                .iter()
                .take_while(|t| t.kind != TokenKind::RParen)
                .any(|t| t.is_word(src, "full"));
            Ok(if full { Stmt::VacuumFull } else { Stmt::Other })
        }
        "cluster" => Ok(Stmt::Cluster),
        "truncate" => Ok(Stmt::Truncate),
        "lock" => {
            c.i = 1;
            c.eat("table");
            c.eat("only");
            Ok(Stmt::LockTable {
                names: name_list(&mut c),
            })
        }
        "update" | "delete" | "with" => Ok(dml(src, toks).unwrap_or(Stmt::Other)),
        "set" | "reset" => Ok(set(&mut c, first == "reset")),
        "select" => Ok(set_config(&mut c).unwrap_or(Stmt::Other)),
        "begin" | "start" => Ok(Stmt::Begin),
        "commit" | "end" | "rollback" | "abort" => Ok(Stmt::Commit),
        _ => Ok(Stmt::Other),
    }
}

fn name_list(c: &mut Cur) -> Vec<Name> {
    let mut names = Vec::new();
    while let Some(n) = c.name() {
        names.push(n);
        if c.eat_kind(TokenKind::Comma).is_none() {
            break;
        }
    }
    names
}

fn table_columns(c: &mut Cur) -> Vec<Column> {
    let open = c.i;
    c.skip_group();
    let inner = &c.toks[open + 1..c.i.saturating_sub(1).max(open + 1)];
    split_commas(inner)
        .into_iter()
        .filter(|el| {
            let first = el.first().map(|t| t.text(c.src).to_ascii_lowercase());
            !matches!(
                first.as_deref(),
                None | Some(
                    "constraint" | "primary" | "unique" | "check" | "foreign" | "exclude" | "like"
                )
            )
        })
        .filter_map(|el| column(c.src, el))
        .collect()
}

/// Parse `name type [constraints…]`.
fn column(src: &str, toks: &[Token]) -> Option<Column> {
    let mut c = Cur { src, toks, i: 0 };
    let name = c.ident()?;
    let type_toks = c.take_until(|t| is_constraint_word(src, t));
    if type_toks.is_empty() {
        return None;
    }
    let ty = TypeRef {
        text: normalize_type(src, type_toks),
        span: span_of(type_toks),
    };
    let mut col = Column {
        name,
        ty,
        default: None,
        volatile_call: None,
        not_null: false,
        generated_stored: false,
        identity: false,
    };
    while !c.done() {
        if c.eat_all(&["not", "null"]) {
            col.not_null = true;
        } else if c.eat("default") {
            let expr = c.take_until(|t| is_constraint_word(src, t));
            let is_null = expr.len() == 1 && expr[0].is_word(src, "null");
            if !expr.is_empty() && !is_null {
                col.default = Some(span_of(expr));
                col.volatile_call = volatile_call(src, expr);
            }
        } else if c.eat("generated") {
            let before_as = c.take_until(|t| t.is_word(src, "as"));
            c.eat("as");
            if c.eat("identity") {
                col.identity = true;
                c.skip_group();
            } else {
                c.skip_group();
                col.generated_stored =
                    c.eat("stored") || before_as.iter().any(|t| t.is_word(src, "stored"));
            }
        } else {
            c.i += 1;
            c.skip_group();
        }
    }
    Some(col)
}

fn is_constraint_word(src: &str, t: &Token) -> bool {
    let w = t.text(src);
    t.kind == TokenKind::Word
        && COLUMN_CONSTRAINT_WORDS
            .iter()
            .any(|k| k.eq_ignore_ascii_case(w))
}

fn volatile_call(src: &str, expr: &[Token]) -> Option<String> {
    expr.windows(2).find_map(|w| {
        let name = w[0].text(src).to_ascii_lowercase();
        let call = w[0].kind == TokenKind::Word && w[1].kind == TokenKind::LParen;
        (call && VOLATILE_FUNCTIONS.contains(&name.as_str())).then_some(name)
    })
}

fn normalize_type(src: &str, toks: &[Token]) -> String {
    let mut out = String::new();
    for t in toks {
        let text = t.text(src);
        let glue = matches!(
            t.kind,
            TokenKind::LParen | TokenKind::RParen | TokenKind::Comma | TokenKind::Op
        ) || out.ends_with(['(', '[', ',']);
        if !out.is_empty() && !glue {
            out.push(' ');
        }
        match t.kind {
            TokenKind::Word => out.push_str(&text.to_ascii_lowercase()),
            _ => out.push_str(text),
        }
    }
    out
}

fn alter_action(src: &str, toks: &[Token]) -> ActionAt {
    let span = span_of(toks);
    let mut c = Cur { src, toks, i: 0 };
    let action = if c.eat("add") {
        if c.at("constraint")
            || ["check", "foreign", "unique", "primary", "exclude"]
                .iter()
                .any(|w| c.at(w))
        {
            add_constraint(&mut c)
        } else {
            c.eat("column");
            c.eat_all(&["if", "not", "exists"]);
            column(src, &toks[c.i..]).map_or(Action::Other, Action::AddColumn)
        }
    } else if c.eat("drop") {
        if c.eat("column")
            || !["constraint", "not", "default", "expression"]
                .iter()
                .any(|w| c.at(w))
        {
            c.eat_all(&["if", "exists"]);
            c.ident().map_or(Action::Other, Action::DropColumn)
        } else {
            Action::Other
        }
    } else if c.eat("rename") {
        if c.eat("to") {
            c.name().map_or(Action::Other, Action::RenameTable)
        } else if c.eat("constraint") {
            Action::Other
        } else {
            c.eat("column");
            c.ident().map_or(Action::Other, Action::RenameColumn)
        }
    } else if c.eat_all(&["validate", "constraint"]) {
        c.ident().map_or(Action::Other, Action::ValidateConstraint)
    } else if c.eat("alter") {
        c.eat("column");
        match c.ident() {
            Some(column) => alter_column(&mut c, column),
            None => Action::Other,
        }
    } else if c.eat_all(&["detach", "partition"]) {
        c.name();
        Action::DetachPartition {
            concurrently: c.eat("concurrently"),
            finalize: c.eat("finalize"),
        }
    } else if c.at("set") && matches!(c.toks.get(1), Some(t) if t.kind == TokenKind::LParen)
        || c.eat_all(&["cluster", "on"])
        || c.eat_all(&["set", "without", "cluster"])
    {
        Action::Light
    } else {
        Action::Other
    };
    ActionAt { action, span }
}

fn alter_column(c: &mut Cur, column: Name) -> Action {
    if c.eat_all(&["set", "not", "null"]) {
        return Action::SetNotNull(column);
    }
    if c.eat_all(&["set", "statistics"])
        || (c.at("set") && matches!(c.toks.get(c.i + 1), Some(t) if t.kind == TokenKind::LParen))
    {
        return Action::Light;
    }
    c.eat_all(&["set", "data"]);
    if !c.eat("type") {
        return Action::Other;
    }
    let src = c.src;
    let type_toks = c.take_until(|t| t.is_word(src, "using") || t.is_word(src, "collate"));
    let ty = TypeRef {
        text: normalize_type(c.src, type_toks),
        span: span_of(type_toks),
    };
    let using = c.toks[c.i..].iter().any(|t| t.is_word(c.src, "using"));
    Action::SetType { column, ty, using }
}

fn add_constraint(c: &mut Cur) -> Action {
    let name = if c.eat("constraint") { c.ident() } else { None };
    let not_valid = c
        .toks
        .windows(2)
        .any(|w| w[0].is_word(c.src, "not") && w[1].is_word(c.src, "valid"));
    let using_index = c
        .toks
        .windows(2)
        .any(|w| w[0].is_word(c.src, "using") && w[1].is_word(c.src, "index"));
    let kind = if c.eat("check") {
        Constraint::Check {
            not_null_of: check_not_null(c),
        }
    } else if c.eat("foreign") {
        Constraint::ForeignKey
    } else if c.eat("unique") {
        Constraint::Unique { using_index }
    } else if c.eat_all(&["primary", "key"]) {
        Constraint::PrimaryKey { using_index }
    } else if c.eat("exclude") {
        Constraint::Exclude
    } else {
        return Action::Other;
    };
    Action::AddConstraint {
        name,
        kind,
        not_valid,
    }
}

/// `CHECK (col IS NOT NULL)` → `col`.
fn check_not_null(c: &mut Cur) -> Option<String> {
    c.eat_kind(TokenKind::LParen)?;
    let col = c.ident()?;
    let shape = c.eat_all(&["is", "not", "null"]) && c.eat_kind(TokenKind::RParen).is_some();
    shape.then_some(col.text)
}

fn set(c: &mut Cur, reset: bool) -> Stmt {
    c.i = 1;
    let local = !reset && c.eat("local");
    c.eat("session");
    let Some(param) = c.name() else {
        return Stmt::Other;
    };
    if reset {
        return Stmt::Set {
            param: param.text,
            value: None,
            local: false,
        };
    }
    if !(c.eat("to")
        || c.eat_kind(TokenKind::Op)
            .is_some_and(|t| t.text(c.src) == "="))
    {
        return Stmt::Other;
    }
    let value = c.peek().map(|t| literal_text(c.src, t));
    let value = value.filter(|v| !v.eq_ignore_ascii_case("default"));
    Stmt::Set {
        param: param.text,
        value,
        local,
    }
}

fn literal_text(src: &str, t: &Token) -> String {
    let text = t.text(src);
    match t.kind {
        TokenKind::String => text
            .trim_start_matches(['E', 'e'])
            .trim_matches('\'')
            .replace("''", "'"),
        _ => text.to_string(),
    }
}

/// `SELECT set_config('lock_timeout', '5s', false)`.
fn set_config(c: &mut Cur) -> Option<Stmt> {
    c.i = 1;
    if c.eat("pg_catalog") {
        c.eat_kind(TokenKind::Dot)?;
    }
    if !c.eat("set_config") {
        return None;
    }
    c.eat_kind(TokenKind::LParen)?;
    let param = literal_text(c.src, c.eat_kind(TokenKind::String)?).to_ascii_lowercase();
    c.eat_kind(TokenKind::Comma)?;
    let value = literal_text(c.src, c.eat_kind(TokenKind::String)?);
    c.eat_kind(TokenKind::Comma)?;
    let local = c.eat("true");
    Some(Stmt::Set {
        param,
        value: Some(value),
        local,
    })
}

/// `UPDATE`/`DELETE`, with or without a CTE. A `WHERE` outside parentheses bounds the rows, and
/// a token scan sees it cheaply; only statements without one (the ones that become findings) are
/// read by sqlparser, whose structure (CTEs, `FROM` joins, subqueries) confirms it and names the
/// table.
fn dml(src: &str, toks: &[Token]) -> Option<Stmt> {
    let mut depth = 0i32;
    let mut verb = None;
    let mut top_level_where = false;
    for (i, t) in toks.iter().enumerate() {
        match t.kind {
            TokenKind::LParen => depth += 1,
            TokenKind::RParen => depth -= 1,
            _ if depth != 0 => {}
            _ if verb.is_none() && (t.is_word(src, "update") || t.is_word(src, "delete")) => {
                verb = Some(i)
            }
            _ if verb.is_some() && t.is_word(src, "where") => top_level_where = true,
            _ => {}
        }
    }
    let verb = verb?;
    if top_level_where {
        return Some(Stmt::Dml {
            table: None,
            bounded: true,
        });
    }
    let span = span_of(toks);
    let parsed = Parser::new(&PostgreSqlDialect {})
        .with_recursion_limit(64)
        .try_with_sql(&src[span.start..span.end])
        .and_then(|mut p| p.parse_statement());
    let name = |n: &sqlparser::ast::ObjectName| Name {
        text: n.to_string().to_ascii_lowercase(),
        span,
    };
    let table_of = |f: &sqlparser::ast::TableWithJoins| match &f.relation {
        sqlparser::ast::TableFactor::Table { name: n, .. } => Some(name(n)),
        _ => None,
    };
    let (table, bounded) = match parsed {
        Ok(SqlStatement::Update(u)) => (table_of(&u.table), u.selection.is_some()),
        Ok(SqlStatement::Delete(d)) => {
            let (sqlparser::ast::FromTable::WithFromKeyword(t)
            | sqlparser::ast::FromTable::WithoutKeyword(t)) = &d.from;
            (t.first().and_then(table_of), d.selection.is_some())
        }
        // sqlparser does not know every Postgres form; the token scan has already decided.
        _ => {
            let mut c = Cur {
                src,
                toks,
                i: verb + 1,
            };
            c.eat("from");
            c.eat("only");
            (c.name(), false)
        }
    };
    Some(Stmt::Dml { table, bounded })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::sql::split;

    fn one(sql: &str) -> Stmt {
        let script = split(sql);
        recognize(sql, script.tokens(&script.statements[0])).expect("readable")
    }

    #[test]
    fn create_index_forms() {
        let Stmt::CreateIndex {
            table,
            name,
            concurrently,
            ..
        } = one("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS idx ON ONLY public.\"Users\" (a)")
        else {
            panic!("create index")
        };
        assert_eq!(table.text, "public.Users");
        assert_eq!(name.map(|n| n.text).as_deref(), Some("idx"));
        assert!(concurrently);
    }

    #[test]
    fn create_table_columns() {
        let sql = "CREATE TABLE t (id serial PRIMARY KEY, at timestamp(3) without time zone NOT NULL DEFAULT now(), \
                   doc json, name varchar(20) CHECK (name <> ''), n int GENERATED ALWAYS AS (1) STORED, CONSTRAINT c UNIQUE (a))";
        let Stmt::CreateTable { columns, .. } = one(sql) else {
            panic!("create table")
        };
        let types: Vec<&str> = columns.iter().map(|c| c.ty.text.as_str()).collect();
        assert_eq!(
            types,
            [
                "serial",
                "timestamp(3) without time zone",
                "json",
                "varchar(20)",
                "int"
            ]
        );
        assert!(
            columns[1].not_null
                && columns[1].default.is_some()
                && columns[1].volatile_call.is_none()
        );
        assert!(columns[4].generated_stored);
    }

    #[test]
    fn alter_table_actions() {
        let sql = "ALTER TABLE t ADD COLUMN u uuid DEFAULT gen_random_uuid(), ALTER COLUMN a SET NOT NULL, \
                   ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES b (id) NOT VALID, DROP COLUMN z, \
                   ALTER a TYPE bigint USING a::bigint, DETACH PARTITION p CONCURRENTLY, SET (fillfactor = 70)";
        let Stmt::AlterTable { actions, .. } = one(sql) else {
            panic!("alter")
        };
        let a: Vec<&Action> = actions.iter().map(|a| &a.action).collect();
        assert!(
            matches!(a[0], Action::AddColumn(c) if c.volatile_call.as_deref() == Some("gen_random_uuid"))
        );
        assert!(matches!(a[1], Action::SetNotNull(n) if n.text == "a"));
        assert!(matches!(
            a[2],
            Action::AddConstraint {
                kind: Constraint::ForeignKey,
                not_valid: true,
                ..
            }
        ));
        assert!(matches!(a[3], Action::DropColumn(n) if n.text == "z"));
        assert!(matches!(a[4], Action::SetType { using: true, .. }));
        assert!(matches!(
            a[5],
            Action::DetachPartition {
                concurrently: true,
                ..
            }
        ));
        assert_eq!(a[6], &Action::Light);
    }

    #[test]
    fn settings() {
        assert_eq!(
            one("SET LOCAL lock_timeout TO '5s'"),
            Stmt::Set {
                param: "lock_timeout".into(),
                value: Some("5s".into()),
                local: true
            }
        );
        assert_eq!(
            one("RESET statement_timeout"),
            Stmt::Set {
                param: "statement_timeout".into(),
                value: None,
                local: false
            }
        );
        assert_eq!(
            one("SELECT set_config('statement_timeout', '0', false)"),
            Stmt::Set {
                param: "statement_timeout".into(),
                value: Some("0".into()),
                local: false
            }
        );
    }

    #[test]
    fn dml_bounds() {
        assert!(matches!(
            one("UPDATE t SET a = 1"),
            Stmt::Dml { bounded: false, .. }
        ));
        assert!(matches!(
            one("UPDATE t SET a = 1 WHERE id < 1000"),
            Stmt::Dml { bounded: true, .. }
        ));
        assert!(matches!(
            one("DELETE FROM t"),
            Stmt::Dml { bounded: false, .. }
        ));
    }

    #[test]
    fn unreadable_shapes_say_what_was_expected() {
        let sql = "ALTER TABLE";
        let script = split(sql);
        let err = recognize(sql, script.tokens(&script.statements[0])).expect_err("no table");
        assert_eq!(err.expected, "a table name");
    }
}
