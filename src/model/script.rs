//! Which writing system a character belongs to: the one definition of "CJK" the text rules,
//! the glossary matcher, the Markdown renderer and the screens share.

/// A Han character (CJK Unified Ideographs, Extension A, the compatibility block and the
/// supplementary planes' extensions): what Chinese is written in.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{2ffff}')
}

/// A character of a script written without spaces between words: Han, Japanese kana and
/// Korean Hangul syllables. Text in these scripts is matched anywhere, not by whole words.
pub fn is_cjk(c: char) -> bool {
    is_han(c) || matches!(c, '\u{3040}'..='\u{30ff}' | '\u{ac00}'..='\u{d7af}')
}

#[cfg(test)]
mod tests {
    use super::{is_cjk, is_han};

    #[test]
    fn scripts() {
        for c in ['等', '候', '𠀀', '兩'] {
            assert!(is_han(c) && is_cjk(c), "{c}");
        }
        for c in ['か', 'カ', '한'] {
            assert!(is_cjk(c) && !is_han(c), "{c}");
        }
        for c in ['a', 'é', '5', '５', '。', ' '] {
            assert!(!is_cjk(c), "{c}");
        }
    }
}
