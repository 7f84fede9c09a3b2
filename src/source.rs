//! Source files and positions: byte spans in, 1-based line and character column out.
//! This is the only place that turns a byte offset into a line and column.

use std::ops::Range;

/// A 1-based line and a 1-based column counted in characters (not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// The text of one file with the byte offset of every line start.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, with `/` separators.
    pub path: String,
    pub text: String,
    line_starts: Vec<usize>,
    /// Characters before byte `k * CHAR_MARK_BYTES`, for every `k`: a column is counted from
    /// the nearest mark, so thousands of findings on one long line cost no pass over it each.
    char_marks: Vec<usize>,
}

const CHAR_MARK_BYTES: usize = 4096;

/// How many characters start in `bytes` (any slice of UTF-8: continuation bytes are skipped).
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1));
        let mut char_marks = vec![0];
        for chunk in text.as_bytes().chunks(CHAR_MARK_BYTES) {
            char_marks.push(char_marks.last().copied().unwrap_or(0) + chars_in(chunk));
        }
        Self { path: path.into(), text, line_starts, char_marks }
    }

    /// Characters before byte `offset`.
    fn chars_before(&self, offset: usize) -> usize {
        let k = offset / CHAR_MARK_BYTES;
        self.char_marks.get(k).copied().unwrap_or(0) + chars_in(&self.text.as_bytes()[k * CHAR_MARK_BYTES..offset])
    }

    /// Line and character column of a byte offset (clamped into the text and to a char boundary).
    pub fn line_col(&self, offset: usize) -> LineCol {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let column = self.chars_before(offset) - self.chars_before(start) + 1;
        LineCol { line: line + 1, column }
    }

    /// Byte offset of a 1-based line and 0-based character column (clamped).
    pub fn offset_of(&self, line: usize, col_chars: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let line_text = &self.text[start..self.line_end(start)];
        start + line_text.char_indices().nth(col_chars).map_or(line_text.len(), |(i, _)| i)
    }

    /// The text of the 1-based line, without its line break.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return "";
        };
        self.text[start..self.line_end(start)].trim_end_matches('\r')
    }

    fn line_end(&self, start: usize) -> usize {
        // The next line's start (after its `\n`), found by binary search rather than a scan.
        let next = self.line_starts.partition_point(|&s| s <= start);
        self.line_starts.get(next).map_or(self.text.len(), |&s| s - 1)
    }

    /// Byte range of the 1-based line (without its line break).
    pub fn line_span(&self, line: usize) -> Range<usize> {
        let start = self.line_starts.get(line.saturating_sub(1)).copied().unwrap_or(self.text.len());
        start..start + self.line_text(line).len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let f = SourceFile::new("a.md", "ab\n分诊很快\nx");
        assert_eq!(f.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(f.line_col(3), LineCol { line: 2, column: 1 });
        // byte 9 is the third Chinese character
        assert_eq!(f.line_col(9), LineCol { line: 2, column: 3 });
        assert_eq!(f.line_col(f.text.len()), LineCol { line: 3, column: 2 });
        assert_eq!(f.offset_of(2, 2), 9);
        assert_eq!(f.line_text(2), "分诊很快");
    }

    #[test]
    fn columns_on_a_long_line_cross_the_char_marks() {
        let text = format!("x\n{}é{}", "分".repeat(3000), "a".repeat(9000));
        let f = SourceFile::new("a.md", text.as_str());
        let at = text.find('é').unwrap_or(0);
        assert_eq!(f.line_col(at), LineCol { line: 2, column: 3001 });
        assert_eq!(f.line_col(text.len()), LineCol { line: 2, column: 12002 });
        assert_eq!(f.line_span(1), 0..1);
    }
}
