//! Escaping text for markup: the one place HTML and XML escaping is written.

/// Text for HTML content or a double-quoted attribute: `&`, `<`, `>` and `"` as entities.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// Text as XML character data or an attribute value: markup characters as entities, line
/// breaks in attributes kept as `&#10;`, and characters XML 1.0 forbids as U+FFFD.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn markup_characters() {
        assert_eq!(super::html(r#"a & <b> "c" 'd'"#), "a &amp; &lt;b&gt; &quot;c&quot; 'd'");
        assert_eq!(super::xml("a & 'b'\n\u{1}"), "a &amp; &apos;b&apos;&#10;\u{fffd}");
    }
}
