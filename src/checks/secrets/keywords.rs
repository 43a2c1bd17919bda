//! The literal prefilter: every keyword of every rule, ASCII case-insensitive, in one pass.
//!
//! An Aho-Corasick automaton, built here as a dense table of 16-bit premultiplied state ids
//! over a few dozen byte classes: the built-in keywords fit in about 70 KiB, and a table with
//! room for any 16-bit id plus any class needs no bounds check in the walk. A DFA walk is one
//! dependent load per byte, so large texts are cut into lanes walked in the same loop, which
//! keeps several loads in flight. Keyword sets too large for 16-bit ids are split over several
//! automata.

use super::pack::MAX_KEYWORD;

/// Texts shorter than this are walked in one lane.
const INTERLEAVE_FROM: usize = 4 * 1024;
/// Slices walked together.
const LANES: usize = 8;
// Every lane's part is at least as long as any keyword, so each lane starts inside the text.
const _: () = assert!(INTERLEAVE_FROM / LANES >= MAX_KEYWORD);
/// The first id of a match state (the high bit of a 16-bit state id).
const MATCH: u16 = 0x8000;
/// Room for every premultiplied state id (`u16`) plus every class (`u8`).
const TABLE: usize = (u16::MAX as usize + 1) + (u8::MAX as usize + 1);

/// A compiled keyword set.
#[derive(Debug)]
pub struct Keywords {
    automata: Vec<Automaton>,
}

/// One keyword occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    /// Where it starts.
    pub start: usize,
    /// Where it ends.
    pub end: usize,
    /// Which keyword.
    pub keyword: usize,
}

impl Keywords {
    /// Compile `words` (literals, matched ASCII case-insensitively).
    pub fn new(words: &[String]) -> Self {
        let words: Vec<(usize, Vec<u8>)> = words
            .iter()
            .enumerate()
            .map(|(i, w)| (i, w.to_ascii_lowercase().into_bytes()))
            .collect();
        let mut automata = Vec::new();
        let mut pending = vec![words.as_slice()];
        while let Some(set) = pending.pop() {
            match Automaton::new(set) {
                Some(a) => automata.push(a),
                None if set.len() > 1 => {
                    let (a, b) = set.split_at(set.len() / 2);
                    pending.extend([b, a]);
                }
                None => panic!("one keyword of at most {MAX_KEYWORD} ASCII bytes fits a table"),
            }
        }
        Self { automata }
    }

    /// Every occurrence of every keyword in `text` (overlapping ones too), in order of start.
    pub fn hits(&self, text: &[u8]) -> Vec<Hit> {
        let mut out = Vec::new();
        for a in &self.automata {
            if text.len() < INTERLEAVE_FROM {
                a.walk(text, 0, &mut out);
            } else {
                a.walk_interleaved(text, &mut out);
            }
        }
        out.sort_unstable();
        out
    }
}

/// One Aho-Corasick DFA over a set of keywords.
#[derive(Debug)]
struct Automaton {
    /// The class of each byte (upper-case letters share their lower-case letter's class).
    classes: [u8; 256],
    /// `table[state + class]` is the next state; states are premultiplied by the class count.
    table: Box<[u16; TABLE]>,
    start: u16,
    stride: usize,
    /// For each match state (index `(state - MATCH) / stride`), the keywords whose classes
    /// end there, to be compared with the text.
    matches: Vec<Vec<(usize, Vec<u8>)>>,
    /// The longest keyword: a lane starts this far before its slice.
    longest: usize,
}

impl Automaton {
    /// Build the automaton for `words` (lower-cased, with their ids), or `None` when its
    /// table would not fit 16-bit state ids.
    fn new(words: &[(usize, Vec<u8>)]) -> Option<Self> {
        // Every byte of a keyword has a class, except that digits share one: the automaton
        // then also stops on look-alikes (`sq1atp-` for `sq0atp-`), which `record` drops, and
        // its table is a third smaller.
        let mut classes = [0u8; 256];
        let mut count = 1usize;
        for (_, w) in words {
            for &b in w {
                if classes[usize::from(b)] == 0 {
                    let class = u8::try_from(count).ok()?;
                    if b.is_ascii_digit() {
                        for d in b'0'..=b'9' {
                            classes[usize::from(d)] = class;
                        }
                    } else {
                        classes[usize::from(b)] = class;
                    }
                    count += 1;
                }
            }
        }
        for b in b'A'..=b'Z' {
            classes[usize::from(b)] = classes[usize::from(b.to_ascii_lowercase())];
        }
        // The trie: children per state and class, and the keywords ending at each state.
        let mut children: Vec<Vec<u32>> = vec![vec![0; count]];
        let mut ends: Vec<Vec<(usize, Vec<u8>)>> = vec![Vec::new()];
        for (id, w) in words {
            let mut s = 0usize;
            for &b in w {
                let c = usize::from(classes[usize::from(b)]);
                if children[s][c] == 0 {
                    children.push(vec![0; count]);
                    ends.push(Vec::new());
                    children[s][c] = (children.len() - 1) as u32;
                }
                s = children[s][c] as usize;
            }
            ends[s].push((*id, w.clone()));
        }
        let states = children.len();
        if states * count > usize::from(MATCH) * 2 {
            return None;
        }
        // Breadth first: a state's failure target is shallower, so it is complete when the
        // state is reached; missing transitions are copied from it, which makes the DFA.
        let mut delta = children.clone();
        let mut fail = vec![0usize; states];
        let mut queue: std::collections::VecDeque<usize> = children[0]
            .iter()
            .filter(|&&child| child != 0)
            .map(|&child| child as usize)
            .collect();
        while let Some(s) = queue.pop_front() {
            let inherited = ends[fail[s]].clone();
            ends[s].extend(inherited);
            for c in 0..count {
                let child = children[s][c] as usize;
                if child == 0 {
                    delta[s][c] = delta[fail[s]][c];
                } else {
                    fail[child] = delta[fail[s]][c] as usize;
                    queue.push_back(child);
                }
            }
        }
        // Match states get ids from MATCH up, the others below it, so "is any lane in a match
        // state" is one test of the lanes' states OR-ed together.
        let (plain, matching): (Vec<usize>, Vec<usize>) =
            (0..states).partition(|&s| ends[s].is_empty());
        if plain.len() * count > usize::from(MATCH) || matching.len() * count > usize::from(MATCH) {
            return None;
        }
        let mut id = vec![0u16; states];
        for (rank, &s) in plain.iter().enumerate() {
            id[s] = (rank * count) as u16;
        }
        for (rank, &s) in matching.iter().enumerate() {
            id[s] = MATCH + (rank * count) as u16;
        }
        let mut table: Box<[u16; TABLE]> = vec![0u16; TABLE]
            .into_boxed_slice()
            .try_into()
            .expect("the table has TABLE entries");
        for s in 0..states {
            for c in 0..count {
                table[usize::from(id[s]) + c] = id[delta[s][c] as usize];
            }
        }
        Some(Self {
            classes,
            table,
            start: id[0],
            stride: count,
            matches: matching
                .iter()
                .map(|&s| std::mem::take(&mut ends[s]))
                .collect(),
            longest: words.iter().map(|(_, w)| w.len()).max().unwrap_or(0),
        })
    }

    fn step(&self, state: u16, byte: u8) -> u16 {
        self.table[usize::from(state) + usize::from(self.classes[usize::from(byte)])]
    }

    /// Report the keywords of match state `state` that do occur in `text` up to `end`.
    fn record(&self, text: &[u8], state: u16, end: usize, out: &mut Vec<Hit>) {
        let i = usize::from(state - MATCH) / self.stride;
        for (keyword, word) in &self.matches[i] {
            let start = end - word.len();
            if text[start..end].eq_ignore_ascii_case(word) {
                out.push(Hit {
                    start,
                    end,
                    keyword: *keyword,
                });
            }
        }
    }

    /// Walk `text` in one lane, reporting matches that end at or after `own`.
    fn walk(&self, text: &[u8], own: usize, out: &mut Vec<Hit>) {
        let mut s = self.start;
        for (i, &b) in text.iter().enumerate() {
            s = self.step(s, b);
            if s >= MATCH && i >= own {
                self.record(text, s, i + 1, out);
            }
        }
    }

    /// Step every lane over its slice of `heads` (all the same length), calling `found` with
    /// the lane, offset and state of each match. The bytes are taken a fixed-size block at a
    /// time and turned into classes first, so the stepping loop reads every lane at a fixed
    /// offset from one buffer and keeps the states in registers.
    // `j` and `l` index every lane at once, which no single iterator can.
    #[allow(clippy::needless_range_loop)]
    fn lockstep(
        &self,
        heads: &[&[u8]; LANES],
        state: &mut [u16; LANES],
        mut found: impl FnMut(usize, usize, u16),
    ) {
        const BLOCK: usize = 64;
        let len = heads[0].len();
        let table: &[u16; TABLE] = &self.table;
        // Widened once, so a step is an add and a load.
        let mut s: [usize; LANES] = state.map(usize::from);
        // Matches are rare; the report takes a copy, so `s` can stay in registers.
        let mut report = |at: [usize; LANES], k: usize| {
            for (l, &s) in at.iter().enumerate() {
                if s >= usize::from(MATCH) {
                    found(l, k, s as u16);
                }
            }
        };
        let mut classes = [[0u8; BLOCK]; LANES];
        let mut k = 0;
        while k + BLOCK <= len {
            for l in 0..LANES {
                let block: &[u8; BLOCK] = heads[l][k..k + BLOCK]
                    .try_into()
                    .expect("every lane is as long as the first");
                for j in 0..BLOCK {
                    classes[l][j] = self.classes[usize::from(block[j])];
                }
            }
            for j in 0..BLOCK {
                let mut any = 0;
                for l in 0..LANES {
                    s[l] = usize::from(table[s[l] + usize::from(classes[l][j])]);
                    any |= s[l];
                }
                if any & usize::from(MATCH) != 0 {
                    report(s, k + j);
                }
            }
            k += BLOCK;
        }
        for k in k..len {
            let mut any = 0;
            for l in 0..LANES {
                s[l] = usize::from(self.step(s[l] as u16, heads[l][k]));
                any |= s[l];
            }
            if any & usize::from(MATCH) != 0 {
                report(s, k);
            }
        }
        *state = s.map(|s| s as u16);
    }

    /// Cut `text` in [`LANES`] parts and step one state per part in the same loop, so the
    /// table loads of one step do not wait for each other. A lane reports the matches that end
    /// in its own part; it starts `longest` bytes before that part, so it is in the right state
    /// when the part begins, and every lane walks the same number of bytes, so only the last
    /// few bytes of the text are walked alone.
    fn walk_interleaved(&self, text: &[u8], out: &mut Vec<Hit>) {
        let seg = text.len() / LANES;
        let steps = seg + self.longest;
        let from: [usize; LANES] = std::array::from_fn(|l| (l * seg).saturating_sub(self.longest));
        let own: [(usize, usize); LANES] = std::array::from_fn(|l| {
            let to = if l + 1 == LANES {
                text.len()
            } else {
                (l + 1) * seg
            };
            (l * seg, to)
        });
        let heads: [&[u8]; LANES] = std::array::from_fn(|l| &text[from[l]..from[l] + steps]);
        let mut state = [self.start; LANES];
        self.lockstep(&heads, &mut state, |l, k, s| {
            let end = from[l] + k + 1;
            if own[l].0 < end && end <= own[l].1 {
                self.record(text, s, end, out);
            }
        });
        let mut s = state[LANES - 1];
        for (i, &b) in text.iter().enumerate().skip(from[LANES - 1] + steps) {
            s = self.step(s, b);
            if s >= MATCH {
                self.record(text, s, i + 1, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::AhoCorasick;

    /// An overlapping, case-insensitive search by the aho-corasick crate is the reference.
    fn reference(words: &[String], text: &[u8]) -> Vec<Hit> {
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(words)
            .unwrap();
        let mut out: Vec<Hit> = ac
            .find_overlapping_iter(text)
            .map(|m| Hit {
                start: m.start(),
                end: m.end(),
                keyword: m.pattern().as_usize(),
            })
            .collect();
        out.sort_unstable();
        out
    }

    fn sample() -> Vec<u8> {
        let mut text = Vec::new();
        let mut i = 0u32;
        while text.len() < 200_000 {
            text.extend_from_slice(match i % 6 {
                0 => b"PassWord=x ".as_slice(),
                1 => b"ghp_ ".as_slice(),
                2 => b"https://a ".as_slice(),
                3 => b"sk_live_sk_live_".as_slice(),
                4 => b"\xff\xfeaaaaaTOKEN@[`{ sq1atp- sq0atp_ SQ0ATP-".as_slice(),
                _ => b"filler text with nothing ".as_slice(),
            });
            i += 1;
        }
        text
    }

    #[test]
    fn finds_exactly_what_the_reference_finds() {
        // Keywords inside others and sharing suffixes exercise the failure links.
        let words: Vec<String> = [
            "ghp_", "password", "sk_live_", "://", "pass", "word", "aaa", "aaaa", "token", "@[`",
            "sq0atp-",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let k = Keywords::new(&words);
        assert_eq!(k.automata.len(), 1);
        let text = sample();
        let found = k.hits(&text);
        assert_eq!(found, reference(&words, &text));
        assert!(found.len() > 10_000);
        for short in [&b""[..], b"pas", b"PASSWORD", b"xaaaax"] {
            assert_eq!(k.hits(short), reference(&words, short), "{short:?}");
        }
        // Every way the lane boundaries can fall on the repeating sample.
        for len in INTERLEAVE_FROM - 1..INTERLEAVE_FROM + 600 {
            assert_eq!(
                k.hits(&text[..len]),
                reference(&words, &text[..len]),
                "{len}"
            );
        }
    }

    #[test]
    fn a_keyword_set_too_large_for_one_table_is_split() {
        // Letters have a class each (digits would share one and fold the words together).
        let word = |i: usize| -> String {
            let digits = format!("{i:05}");
            let letters: String = digits
                .bytes()
                .map(|d| char::from(d - b'0' + b'a'))
                .collect();
            format!("kw{letters}-x")
        };
        let words: Vec<String> = (0..3000).map(word).collect();
        let k = Keywords::new(&words);
        assert!(k.automata.len() > 1);
        let mut text = sample();
        for i in (0..3000).step_by(7) {
            text.extend_from_slice(format!(" {} ", word(i).to_ascii_uppercase()).as_bytes());
        }
        // Look-alikes that share the classes of a keyword (digits for letters) are dropped.
        text.extend_from_slice(b" kw00000-x kw0a0a0-x ");
        let found = k.hits(&text);
        assert_eq!(found, reference(&words, &text));
        assert_eq!(found.len(), 3000usize.div_ceil(7));
    }
}
