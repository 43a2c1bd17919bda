//! The literal prefilter: every keyword of every rule, ASCII case-insensitive, in one
//! Aho-Corasick DFA. A DFA walk is one dependent table load per byte, so its speed is memory
//! latency; walking several slices of a large text at once, interleaved, overlaps those loads.

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, PatternID, StartKind};

/// Texts shorter than this are walked in one lane.
const INTERLEAVE_FROM: usize = 4 * 1024;
/// Slices walked together.
const LANES: usize = 8;

/// A compiled keyword set.
#[derive(Debug)]
pub struct Keywords {
    dfa: DFA,
    /// The longest keyword: a lane starts this far before its slice, so the automaton is in
    /// the right state when the slice begins.
    longest: usize,
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
        let dfa = DFA::builder()
            .ascii_case_insensitive(true)
            .start_kind(StartKind::Unanchored)
            // A keyword set this size defeats every prefilter: the DFA alone is faster.
            .prefilter(false)
            .build(words)
            .expect("keywords are plain literals of at least 3 bytes");
        Self {
            dfa,
            longest: words.iter().map(String::len).max().unwrap_or(0),
        }
    }

    /// Every occurrence of every keyword in `text` (overlapping ones too), in order of end.
    pub fn hits(&self, text: &[u8]) -> Vec<Hit> {
        let mut out = Vec::new();
        if text.len() < INTERLEAVE_FROM {
            self.walk_one(text, &mut out);
        } else {
            self.walk_interleaved(text, &mut out);
        }
        out
    }

    fn start(&self) -> aho_corasick::automaton::StateID {
        self.dfa
            .start_state(Anchored::No)
            .expect("an unanchored start state is built")
    }

    fn record(&self, sid: aho_corasick::automaton::StateID, end: usize, out: &mut Vec<Hit>) {
        for i in 0..self.dfa.match_len(sid) {
            let pid: PatternID = self.dfa.match_pattern(sid, i);
            out.push(Hit {
                start: end - self.dfa.pattern_len(pid),
                end,
                keyword: pid.as_usize(),
            });
        }
    }

    fn walk_one(&self, text: &[u8], out: &mut Vec<Hit>) {
        let mut sid = self.start();
        for (i, &b) in text.iter().enumerate() {
            sid = self.dfa.next_state(Anchored::No, sid, b);
            if self.dfa.is_special(sid) && self.dfa.is_match(sid) {
                self.record(sid, i + 1, out);
            }
        }
    }

    /// Cut `text` in [`LANES`] slices and advance one automaton per slice in the same loop, so
    /// the table loads of one step do not wait for each other. Each lane starts
    /// `longest` bytes early and reports only matches that end in its own slice, so no match is
    /// lost or reported twice at a cut.
    fn walk_interleaved(&self, text: &[u8], out: &mut Vec<Hit>) {
        let seg = text.len() / LANES;
        let own: [usize; LANES] = std::array::from_fn(|l| l * seg);
        let from: [usize; LANES] = own.map(|o| o.saturating_sub(self.longest));
        let slices: [&[u8]; LANES] = std::array::from_fn(|l| {
            let end = if l + 1 == LANES {
                text.len()
            } else {
                own[l] + seg
            };
            &text[from[l]..end]
        });
        let common = slices.iter().map(|s| s.len()).min().unwrap_or(0);
        let mut lanes: [Vec<Hit>; LANES] = Default::default();
        let start = self.start();
        let mut sid = [start; LANES];
        let heads: [&[u8]; LANES] = slices.map(|s| &s[..common]);
        // `k` indexes every lane's slice at once, which no single iterator can.
        #[allow(clippy::needless_range_loop)]
        for k in 0..common {
            let next: [_; LANES] =
                std::array::from_fn(|l| self.dfa.next_state(Anchored::No, sid[l], heads[l][k]));
            sid = next;
            if next.iter().any(|&s| self.dfa.is_special(s)) {
                for l in 0..LANES {
                    if self.dfa.is_match(next[l]) && from[l] + k >= own[l] {
                        self.record(next[l], from[l] + k + 1, &mut lanes[l]);
                    }
                }
            }
        }
        for (l, slice) in slices.iter().enumerate() {
            let mut s = sid[l];
            for (k, &b) in slice.iter().enumerate().skip(common) {
                s = self.dfa.next_state(Anchored::No, s, b);
                if self.dfa.is_special(s) && self.dfa.is_match(s) && from[l] + k >= own[l] {
                    self.record(s, from[l] + k + 1, &mut lanes[l]);
                }
            }
        }
        for lane in lanes {
            out.extend(lane);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interleaving_finds_exactly_what_one_walk_finds() {
        let words: Vec<String> = ["ghp_", "password", "sk_live_", "://"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let k = Keywords::new(&words);
        let mut text = Vec::new();
        let mut i = 0u32;
        while text.len() < 200_000 {
            text.extend_from_slice(match i % 5 {
                0 => b"PassWord=x ".as_slice(),
                1 => b"ghp_ ".as_slice(),
                2 => b"https://a ".as_slice(),
                3 => b"sk_live_sk_live_".as_slice(),
                _ => b"filler text with nothing ".as_slice(),
            });
            i += 1;
        }
        let mut one = Vec::new();
        k.walk_one(&text, &mut one);
        assert_eq!(k.hits(&text), one);
        assert!(one.len() > 1000);
    }
}
