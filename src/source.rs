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
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1));
        Self { path: path.into(), text, line_starts }
    }

    /// Line and character column of a byte offset (clamped into the text and to a char boundary).
    pub fn line_col(&self, offset: usize) -> LineCol {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let column = self.text[start..offset].chars().count() + 1;
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
        self.text[start..].find('\n').map_or(self.text.len(), |i| start + i)
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
}
