//! Naming conventions: splitting names into words, which conventions a name fits, and the
//! convention an API follows (inferred from its own names, or configured).

use serde::Deserialize;
use std::collections::HashSet;
use std::fmt;
use std::sync::OnceLock;

/// A naming convention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
pub enum Convention {
    /// `userName`
    #[serde(rename = "camelCase")]
    Camel,
    /// `UserName`
    #[serde(rename = "PascalCase")]
    Pascal,
    /// `user_name`
    #[serde(rename = "snake_case")]
    Snake,
    /// `user-name`
    #[serde(rename = "kebab-case")]
    Kebab,
    /// `USER_NAME`
    #[serde(rename = "SCREAMING_SNAKE_CASE")]
    ScreamingSnake,
    /// `User-Name` (HTTP header style)
    #[serde(rename = "Train-Case")]
    Train,
}

/// Every convention, in a fixed order.
pub const ALL: [Convention; 6] = [
    Convention::Camel,
    Convention::Pascal,
    Convention::Snake,
    Convention::Kebab,
    Convention::ScreamingSnake,
    Convention::Train,
];

impl fmt::Display for Convention {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Convention::Camel => "camelCase",
            Convention::Pascal => "PascalCase",
            Convention::Snake => "snake_case",
            Convention::Kebab => "kebab-case",
            Convention::ScreamingSnake => "SCREAMING_SNAKE_CASE",
            Convention::Train => "Train-Case",
        })
    }
}

/// How initialisms are written in camel and Pascal names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Acronyms {
    /// Whatever most of the API's names do.
    #[default]
    Consistent,
    /// `userId`, `httpUrl`.
    AsWords,
    /// `userID`, `httpURL`.
    Upper,
}

/// A word list from `rules/openapi/`, uppercased, built once.
fn word_list(
    cell: &'static OnceLock<HashSet<String>>,
    text: &'static str,
) -> &'static HashSet<String> {
    cell.get_or_init(|| {
        text.lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_uppercase)
            .collect()
    })
}

fn initialisms() -> &'static HashSet<String> {
    static CELL: OnceLock<HashSet<String>> = OnceLock::new();
    word_list(
        &CELL,
        include_str!("../../../rules/openapi/initialisms.txt"),
    )
}

/// Standard HTTP header names, which an API does not choose.
pub fn is_standard_header(name: &str) -> bool {
    static CELL: OnceLock<HashSet<String>> = OnceLock::new();
    word_list(
        &CELL,
        include_str!("../../../rules/openapi/standard-headers.txt"),
    )
    .contains(&name.to_uppercase())
}

/// Split a name into words: at separators (`_ - . space`), at lower→Upper and letter↔digit
/// boundaries, and where an upper-case run gives its last capital to the next word
/// (`HTTPServer` → `HTTP`, `Server`; a plural `IDs` stays one word).
pub fn words(name: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = name.char_indices().collect();
    let mut start: Option<usize> = None;
    for (k, &(i, c)) in chars.iter().enumerate() {
        if matches!(c, '_' | '-' | '.' | ' ') {
            if let Some(s) = start.take() {
                out.push(&name[s..i]);
            }
            continue;
        }
        let Some(s) = start else {
            start = Some(i);
            continue;
        };
        let prev = chars[k - 1].1;
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let boundary = (prev.is_lowercase() && c.is_uppercase())
            || (prev.is_alphabetic() && c.is_ascii_digit())
            || (prev.is_ascii_digit() && c.is_alphabetic())
            || (prev.is_uppercase()
                && c.is_uppercase()
                && next.is_some_and(char::is_lowercase)
                // `IDs`: a lone trailing `s` is a plural, not the start of a word.
                && !(next == Some('s') && chars.get(k + 2).is_none_or(|&(_, n)| !n.is_lowercase())));
        if boundary {
            out.push(&name[s..i]);
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(&name[s..]);
    }
    out
}

fn capitalized(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && cs.all(|c| !c.is_uppercase())
}

fn upper(w: &str) -> bool {
    w.chars().all(|c| !c.is_lowercase())
}

fn lower(w: &str) -> bool {
    w.chars().all(|c| !c.is_uppercase())
}

/// Whether `name` is written in convention `c`. Dots separate namespaces
/// (`api.v2010.account_address`), each of which must fit.
pub fn fits(name: &str, c: Convention) -> bool {
    name.split('.').all(|part| fits_part(part, &words(part), c))
}

fn fits_part(name: &str, ws: &[&str], c: Convention) -> bool {
    if ws.is_empty() {
        return false;
    }
    let has = |sep: char| name.contains(sep);
    let no_sep = !has('_') && !has('-') && !has(' ') && !has('.');
    match c {
        Convention::Camel => {
            no_sep && lower(ws[0]) && ws[1..].iter().all(|w| capitalized(w) || upper(w))
        }
        Convention::Pascal => {
            no_sep && ws.iter().all(|w| capitalized(w) || upper(w)) && !upper(name)
        }
        Convention::Snake => !has('-') && !has(' ') && !has('.') && lower(name),
        Convention::Kebab => !has('_') && !has(' ') && !has('.') && lower(name),
        Convention::ScreamingSnake => {
            !has('-')
                && !has(' ')
                && !has('.')
                && upper(name)
                && name.chars().any(char::is_alphabetic)
        }
        Convention::Train => {
            let parts: Vec<&str> = name.split('-').collect();
            !has('_')
                && !has(' ')
                && !has('.')
                && parts.len() == ws.len()
                && parts.iter().all(|w| capitalized(w) || upper(w))
                && !upper(name)
        }
    }
}

/// The one convention `name` fits, if exactly one: such names vote. A one-word lowercase name
/// fits camel, snake and kebab alike, and a one-word capitalised or all-caps name fits several
/// too (`ID` may be an initialism in any style): they do not vote.
pub fn vote(name: &str) -> Option<Convention> {
    let parts: Vec<(&str, Vec<&str>)> = name.split('.').map(|p| (p, words(p))).collect();
    if parts.len() == 1 && parts[0].1.len() == 1 && upper(name) {
        return None;
    }
    let mut fitting = ALL
        .iter()
        .copied()
        .filter(|&c| parts.iter().all(|(p, ws)| fits_part(p, ws, c)));
    let first = fitting.next()?;
    fitting.next().is_none().then_some(first)
}

/// How a name looks, for messages: its convention, or what makes it fit none or several.
pub fn describe(name: &str) -> String {
    if let Some(c) = vote(name) {
        return c.to_string();
    }
    match words(name).as_slice() {
        [w] if lower(w) => "one lowercase word".into(),
        [w] if upper(w) => "all capitals".into(),
        [w] if capitalized(w) => "one capitalised word".into(),
        _ => "mixed".into(),
    }
}

/// True for names casing cannot apply to (`2010-04-01`).
pub fn has_letters(name: &str) -> bool {
    name.chars().any(char::is_alphabetic)
}

/// The convention most names follow: at least 60% of the voting names and at least 3 voters.
/// Every use votes (a field repeated in many schemas is that many fields on the wire), unless
/// `distinct` asks each name to vote once (a path prefix repeated in every path is one choice).
pub fn dominant<'a>(
    names: impl IntoIterator<Item = &'a str>,
    distinct: bool,
) -> Option<(Convention, usize, usize)> {
    let mut counts = [0usize; ALL.len()];
    let mut voters = 0;
    let mut seen = HashSet::new();
    for n in names.into_iter().filter(|n| !distinct || seen.insert(*n)) {
        if let Some(c) = vote(n) {
            counts[ALL.iter().position(|&x| x == c).unwrap_or(0)] += 1;
            voters += 1;
        }
    }
    let (i, &best) = counts
        .iter()
        .enumerate()
        .max_by_key(|&(i, &n)| (n, std::cmp::Reverse(i)))?;
    (voters >= 3 && best * 10 >= voters * 6).then_some((ALL[i], best, voters))
}

/// Rewrite `name` in convention `c` (initialisms follow `acronyms`, as words by default).
pub fn render(name: &str, c: Convention, acronyms: Acronyms) -> String {
    let ws = words(name);
    let title = |w: &str| {
        let lower = w.to_lowercase();
        if acronyms == Acronyms::Upper && is_initialism(w) {
            return w.to_uppercase();
        }
        let mut cs = lower.chars();
        cs.next()
            .map_or_else(String::new, |f| f.to_uppercase().chain(cs).collect())
    };
    match c {
        Convention::Camel => ws
            .iter()
            .enumerate()
            .map(|(i, w)| if i == 0 { w.to_lowercase() } else { title(w) })
            .collect(),
        Convention::Pascal => ws.iter().map(|w| title(w)).collect(),
        Convention::Snake => ws
            .iter()
            .map(|w| w.to_lowercase())
            .collect::<Vec<_>>()
            .join("_"),
        Convention::Kebab => ws
            .iter()
            .map(|w| w.to_lowercase())
            .collect::<Vec<_>>()
            .join("-"),
        Convention::ScreamingSnake => ws
            .iter()
            .map(|w| w.to_uppercase())
            .collect::<Vec<_>>()
            .join("_"),
        Convention::Train => ws.iter().map(|w| title(w)).collect::<Vec<_>>().join("-"),
    }
}

/// True when `word` is a known initialism (`Id`, `ID`, `IDs`).
pub fn is_initialism(word: &str) -> bool {
    let w = word
        .strip_suffix('s')
        .filter(|w| w.len() >= 2 && upper(w))
        .unwrap_or(word);
    initialisms().contains(&w.to_uppercase())
}

/// How a camel or Pascal name writes its initialisms: `Some(true)` in capitals (`userID`),
/// `Some(false)` as words (`userId`), `None` when it has none (or only as its first word).
pub fn initialism_style(name: &str) -> Option<bool> {
    let ws = words(name);
    let first_lower = ws.first().is_some_and(|w| lower(w));
    ws.iter()
        .enumerate()
        .filter(|(i, w)| !(*i == 0 && first_lower) && is_initialism(w) && w.chars().count() > 1)
        .map(|(_, w)| upper(w.strip_suffix('s').unwrap_or(w)))
        .next_back()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_splitting() {
        assert_eq!(words("userName"), ["user", "Name"]);
        assert_eq!(words("HTTPServer"), ["HTTP", "Server"]);
        assert_eq!(words("userIDs"), ["user", "IDs"]);
        assert_eq!(words("oauth2Token"), ["oauth", "2", "Token"]);
        assert_eq!(words("X-Request-Id"), ["X", "Request", "Id"]);
        assert_eq!(words("user_name"), ["user", "name"]);
    }

    #[test]
    fn conventions() {
        assert_eq!(vote("userName"), Some(Convention::Camel));
        assert_eq!(vote("userID"), Some(Convention::Camel));
        assert_eq!(vote("UserName"), Some(Convention::Pascal));
        assert_eq!(vote("user_name"), Some(Convention::Snake));
        assert_eq!(vote("user-name"), Some(Convention::Kebab));
        assert_eq!(vote("USER_NAME"), Some(Convention::ScreamingSnake));
        assert_eq!(vote("X-Request-Id"), Some(Convention::Train));
        assert_eq!(
            vote("user"),
            None,
            "one lowercase word fits camel, snake and kebab"
        );
        assert_eq!(vote("User"), None, "fits Pascal and Train");
        assert_eq!(vote("user_Name"), None, "fits nothing");
        assert_eq!(vote("GET"), None, "one all-caps word may be an initialism");
        assert_eq!(vote("api.v2010.account_address"), Some(Convention::Snake));
        assert_eq!(describe("active"), "one lowercase word");
    }

    #[test]
    fn dominance_needs_60_percent_and_3_voters() {
        assert_eq!(
            dominant(["aB", "cD", "e_f"], false).map(|d| d.0),
            Some(Convention::Camel)
        );
        assert_eq!(dominant(["aB", "c_d"], false), None);
        assert_eq!(dominant(["aB", "cD", "e_f", "g_h"], false), None);
        assert_eq!(
            dominant(["a", "b", "cD"], false),
            None,
            "one-word names do not vote"
        );
        let repeated = ["a-b", "a-b", "a-b", "a-b", "a-b", "cD", "eF", "gH"];
        assert_eq!(
            dominant(repeated, false).map(|d| d.0),
            Some(Convention::Kebab),
            "every use votes"
        );
        assert_eq!(
            dominant(repeated, true).map(|d| d.0),
            Some(Convention::Camel),
            "each name votes once"
        );
    }

    #[test]
    fn rendering_and_initialisms() {
        assert_eq!(
            render("user_id", Convention::Camel, Acronyms::AsWords),
            "userId"
        );
        assert_eq!(
            render("user_id", Convention::Camel, Acronyms::Upper),
            "userID"
        );
        assert_eq!(
            render("userName", Convention::Snake, Acronyms::Consistent),
            "user_name"
        );
        assert_eq!(
            render("request_id", Convention::Train, Acronyms::AsWords),
            "Request-Id"
        );
        assert_eq!(initialism_style("userID"), Some(true));
        assert_eq!(initialism_style("userId"), Some(false));
        assert_eq!(initialism_style("idToken"), None);
        assert_eq!(initialism_style("userIDs"), Some(true));
    }
}
