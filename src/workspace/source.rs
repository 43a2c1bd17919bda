//! A file's text and the index that turns byte offsets into lines and columns.

use crate::diagnostics::Span;

/// Byte offsets of line starts, for turning spans into 1-based positions at the output edge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
}

/// A 1-based line and column; columns count Unicode scalar values (what SARIF expects).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in Unicode scalar values.
    pub column: usize,
}

impl LineIndex {
    /// Index the lines of `src`.
    pub fn new(src: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            src.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Self { starts }
    }

    /// Number of lines (a trailing newline does not open an extra line of text).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// The bytes of 0-based `line`, without its line break.
    pub fn line_span(&self, src: &str, line: usize) -> Span {
        let start = self.starts.get(line).copied().unwrap_or(src.len());
        let mut end = self.starts.get(line + 1).map_or(src.len(), |n| n - 1);
        if end > start && src.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        Span::new(start, end.max(start))
    }

    /// The 1-based position of a byte offset.
    pub fn position(&self, src: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(src, offset.min(src.len()));
        let line = self.line_of(offset);
        let start = self.starts[line];
        Position {
            line: line + 1,
            column: src[start..offset].chars().count() + 1,
        }
    }

    /// The byte offset of the `column`-th character (0-based) of 0-based `line`.
    pub fn offset_of_char_column(&self, src: &str, line: usize, column: usize) -> usize {
        let Some(&start) = self.starts.get(line) else {
            return src.len();
        };
        // Most text is ASCII, where characters are bytes.
        if let Some(prefix) = src.as_bytes().get(start..start + column)
            && prefix.is_ascii()
        {
            return start + column;
        }
        src[start..]
            .char_indices()
            .nth(column)
            .map_or(src.len(), |(i, _)| start + i)
    }
}

fn floor_char_boundary(src: &str, mut offset: usize) -> usize {
    while !src.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// One file as the checks see it: read once, never re-read.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as shown to users (relative to the working directory when under it).
    pub display: String,
    /// The path relative to the project root, with `/` separators (SARIF, suppressions, globs).
    pub rel: String,
    /// The text.
    pub text: String,
    /// Its line index.
    pub lines: LineIndex,
}

impl SourceFile {
    /// Wrap a file's text.
    pub fn new(display: String, rel: String, text: String) -> Self {
        let lines = LineIndex::new(&text);
        Self {
            display,
            rel,
            text,
            lines,
        }
    }

    /// The text of `span`.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let src = "ab\r\nçé x\n";
        let idx = LineIndex::new(src);
        let x = src.find('x').expect("x");
        assert_eq!(idx.position(src, x), Position { line: 2, column: 4 });
        assert_eq!(idx.offset_of_char_column(src, 1, 3), x);
        assert_eq!(
            &src[idx.line_span(src, 0).start..idx.line_span(src, 0).end],
            "ab"
        );
        assert_eq!(idx.position(src, src.len()).line, 3);
    }
}
