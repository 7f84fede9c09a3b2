//! Control characters in author text: which are dropped (every C0 and C1 control but tab,
//! line feed and carriage return, a line ending), and where they are. The source text keeps
//! them, so every byte span stays right; the renderers drop them on the way out. No I/O.

use std::borrow::Cow;
use std::ops::Range;

use crate::diag::{Diagnostic, Level};

/// The id of the warning (its docs: `check/rules/control_character.rs`).
pub const RULE: &str = "control-character";

/// At most this many findings per file (a pasted binary would otherwise flood the report).
pub const MAX_PER_FILE: usize = 20;

/// Whether `c` never reaches the output.
pub fn is_dropped(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// `text` without the characters that are dropped (borrowed when it has none).
pub fn strip(text: &str) -> Cow<'_, str> {
    if text.contains(is_dropped) { Cow::Owned(text.chars().filter(|c| !is_dropped(*c)).collect()) } else { text.into() }
}

/// `text` without the characters that are dropped (no copy when it has none).
pub fn strip_owned(text: String) -> String {
    if text.contains(is_dropped) { strip(&text).into_owned() } else { text }
}

/// The byte spans of the runs of dropped characters in `text`, each with its first one.
pub fn runs(text: &str) -> Vec<(Range<usize>, char)> {
    let mut out: Vec<(Range<usize>, char)> = Vec::new();
    for (at, c) in text.char_indices().filter(|(_, c)| is_dropped(*c)) {
        match out.last_mut() {
            Some((span, _)) if span.end == at => span.end = at + c.len_utf8(),
            _ => out.push((at..at + c.len_utf8(), c)),
        }
    }
    out
}

/// What a finding says about a run of `len` bytes starting with `first`.
pub fn message(first: char, len: usize) -> String {
    let code = format!("U+{:04X}", u32::from(first));
    if len == first.len_utf8() {
        format!("a control character ({code}) in the text; it is dropped from the output")
    } else {
        format!("control characters ({code} …) in the text; they are dropped from the output")
    }
}

pub const HINT: &str = "delete it: it is invisible in most editors (pasted from a terminal, a PDF or a word processor)";

/// Drop the control characters a YAML escape (`"\0"`, `"\x1b"`) put into a front-matter
/// value (raw ones are YAML errors); a warning at the value when there were any.
pub fn drop_escaped(value: &mut String, file: &str, span: Range<usize>) -> Option<Diagnostic> {
    let first = value.chars().find(|c| is_dropped(*c))?;
    value.retain(|c| !is_dropped(c));
    let d = Diagnostic::error(RULE, file, Some(span), message(first, first.len_utf8()));
    Some(Diagnostic {
        level: Level::Warning,
        ..d.with_hint("remove the escape (`\\0`, `\\x..`, `\\u00..`) from the value")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_are_byte_spans_and_tab_newline_cr_stay() {
        let text = "a\0\u{1b}b\tc\r\nd\u{85}e\u{7f}";
        assert_eq!(runs(text), vec![(1..3, '\0'), (9..11, '\u{85}'), (12..13, '\u{7f}')]);
        assert_eq!(strip(text), "ab\tc\r\nde");
        assert!(matches!(strip("clean\ttext\n"), Cow::Borrowed(_)));
    }
}
