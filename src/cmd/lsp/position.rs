//! Byte offsets in our texts ↔ LSP positions (0-based line, UTF-16 code units, the protocol's
//! default encoding). The reports' 1-based character columns live in `source.rs`; this is only
//! the editor's view of the same offsets.

use lsp_types::{Position, Range};

/// The LSP position of byte `offset` in `text` (clamped to the text, and to a char boundary).
pub fn position(text: &str, offset: usize) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count();
    let character: usize = before[line_start..].chars().map(char::len_utf16).sum();
    Position { line: u32::try_from(line).unwrap_or(u32::MAX), character: u32::try_from(character).unwrap_or(u32::MAX) }
}

pub fn range(text: &str, span: std::ops::Range<usize>) -> Range {
    Range { start: position(text, span.start), end: position(text, span.end) }
}

/// The byte offset of an LSP position in `text` (a position past a line's end is its end).
pub fn offset(text: &str, pos: Position) -> usize {
    let mut start = 0;
    for _ in 0..pos.line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let mut units = 0;
    for (i, c) in text[start..line_end].char_indices() {
        if units >= pos.character as usize {
            return start + i;
        }
        units += c.len_utf16();
    }
    line_end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns_round_trip_through_chinese_and_emoji() {
        let text = "a\n分诊需要 😀 x\n";
        let x = text.find('x').unwrap_or_default();
        let p = position(text, x);
        // 分 诊 需 要 (1 unit each), space, 😀 (2 units), space.
        assert_eq!(p, Position { line: 1, character: 8 });
        assert_eq!(offset(text, p), x);
        assert_eq!(offset(text, Position { line: 9, character: 0 }), text.len());
        assert_eq!(offset(text, Position { line: 0, character: 99 }), 1);
    }
}
