//! Text taken from front matter, with where it sits in its file.

use std::ops::Range;

/// Text taken from front matter, with where it starts in the file (for exact spans).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    pub value: String,
    /// Byte offset of `value`'s first byte in the file, when the YAML wrote it verbatim.
    pub base: Option<usize>,
    /// Span of the whole YAML value.
    pub span: Range<usize>,
}

impl Text {
    /// The file span of `range` within `value`.
    pub fn span_of(&self, range: Range<usize>) -> Range<usize> {
        match self.base {
            Some(b) => b + range.start..b + range.end,
            None => self.span.clone(),
        }
    }
}
