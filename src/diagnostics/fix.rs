//! Applying fixes: non-overlapping edits, each fix all or nothing.

use super::{Edit, Fix};

/// Apply as many of `fixes` as fit without overlapping, in order of position. Returns the new
/// text and how many fixes were applied; a fix that overlaps an earlier one waits for the next
/// round, when it is recomputed on the new text.
pub fn apply(text: &str, fixes: &[&Fix]) -> (String, usize) {
    let mut sorted: Vec<&Fix> = fixes.to_vec();
    sorted.sort_by_key(|f| f.edits.first().map(|e| (e.span.start, e.span.end)));
    let mut taken: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    for fix in sorted {
        let clashes = fix
            .edits
            .iter()
            .any(|e| taken.iter().any(|t| overlaps(e, t)));
        let in_bounds = fix.edits.iter().all(|e| {
            e.span.start <= e.span.end
                && e.span.end <= text.len()
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        });
        if clashes || !in_bounds {
            continue;
        }
        taken.extend(&fix.edits);
        applied += 1;
    }
    taken.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for e in taken {
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.content);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// Two edits clash when their ranges intersect, or both insert at the same offset (their order
/// would be a guess).
fn overlaps(a: &Edit, b: &Edit) -> bool {
    if a.span.start == b.span.start {
        return true;
    }
    a.span.start < b.span.end && b.span.start < a.span.end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Span;

    #[test]
    fn overlapping_fixes_wait_for_the_next_round() {
        let text = "CREATE INDEX i ON t (a)";
        let a = Fix::safe("a", vec![Edit::insert(10, "X")]);
        let b = Fix::safe("b", vec![Edit::replace(Span::new(7, 12), "UNIQUE INDEX")]);
        let c = Fix::safe("c", vec![Edit::insert(0, "-- x\n")]);
        let (out, n) = apply(text, &[&b, &a, &c]);
        assert_eq!(n, 2);
        assert_eq!(out, "-- x\nCREATE UNIQUE INDEX i ON t (a)");
    }
}
