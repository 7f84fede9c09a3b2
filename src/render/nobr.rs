//! Ranges that never break (render, last step of every template): the markers that
//! `Style::Html` puts around a fact's range ("30–90 perc") become `<span class="nobr">` in a
//! page's text, and are dropped where no tag can go (inside a tag and its attributes, and in
//! raw-text elements such as `<title>` and `<script>`). Must not change anything else.

use crate::model::fact::{NOBR_CLOSE, NOBR_OPEN};

const SPAN_OPEN: &str = "<span class=\"nobr\">";
const SPAN_CLOSE: &str = "</span>";
/// Elements whose content is text, not markup: a span there would show as text.
const RAW: [&str; 4] = ["title", "script", "style", "textarea"];

/// `html` with every marker pair in text turned into a `nobr` span and every other marker
/// dropped; a tag met inside a range closes its span first, so the result nests correctly.
pub fn finish(html: String) -> String {
    if !html.contains([NOBR_OPEN, NOBR_CLOSE]) {
        return html;
    }
    let mut out = String::with_capacity(html.len() + 128);
    let mut in_tag = false;
    // The raw-text element being opened (its tag not yet ended) and the one we are inside.
    let mut opening: Option<&str> = None;
    let mut raw: Option<&str> = None;
    let mut open = false;
    for (i, c) in html.char_indices() {
        match c {
            NOBR_OPEN => {
                if !in_tag && raw.is_none() && !open {
                    out.push_str(SPAN_OPEN);
                    open = true;
                }
            }
            NOBR_CLOSE => {
                if open {
                    out.push_str(SPAN_CLOSE);
                    open = false;
                }
            }
            '<' if !in_tag => {
                let rest = &html[i + 1..];
                match raw {
                    Some(name) if !starts_tag(rest.strip_prefix('/').unwrap_or(""), name) => {}
                    Some(_) => {
                        raw = None;
                        in_tag = true;
                    }
                    None => {
                        if open {
                            out.push_str(SPAN_CLOSE);
                            open = false;
                        }
                        in_tag = true;
                        opening = RAW.into_iter().find(|name| starts_tag(rest, name));
                    }
                }
                out.push(c);
            }
            '>' if in_tag => {
                in_tag = false;
                raw = opening.take();
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    if open {
        out.push_str(SPAN_CLOSE);
    }
    out
}

/// Whether `rest` (the text after `<` or `</`) starts with the tag name `name`.
fn starts_tag(rest: &str, name: &str) -> bool {
    rest.get(..name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name))
        && rest[name.len()..].chars().next().is_none_or(|c| c == '>' || c == '/' || c.is_ascii_whitespace())
}

#[cfg(test)]
mod tests {
    use super::finish;

    fn f(s: &str) -> String {
        finish(s.replace('[', "\u{FDD0}").replace(']', "\u{FDD1}"))
    }

    #[test]
    fn ranges_in_text_become_spans() {
        assert_eq!(f("<p>Wait [30–90 perc].</p>"), "<p>Wait <span class=\"nobr\">30–90 perc</span>.</p>");
        assert_eq!(f("<p>no ranges</p>"), "<p>no ranges</p>");
    }

    #[test]
    fn markers_are_dropped_where_no_tag_can_go() {
        assert_eq!(
            f("<title>Wait [1–2 h]</title><meta content=\"[1–2 h]\"><p>[1–2 h]</p>"),
            "<title>Wait 1–2 h</title><meta content=\"1–2 h\"><p><span class=\"nobr\">1–2 h</span></p>"
        );
        assert_eq!(
            f("<script type=\"application/json\">{\"a\":\"[1–2 h]\"}</script><p>[x]</p>"),
            "<script type=\"application/json\">{\"a\":\"1–2 h\"}</script><p><span class=\"nobr\">x</span></p>"
        );
    }

    #[test]
    fn unbalanced_markers_still_nest() {
        assert_eq!(f("<p>[a</p><p>b]</p>"), "<p><span class=\"nobr\">a</span></p><p>b</p>");
        assert_eq!(f("<p>a]b[c"), "<p>ab<span class=\"nobr\">c</span>");
    }
}
