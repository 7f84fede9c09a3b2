//! Matching words of a list in text, per a language's mode (whole words, stems, anywhere):
//! the primitives the word lists (`words.rs`) and the duration grammar (`duration.rs`) share.

use std::ops::Range;

use regex::Regex;

/// How words are found in a locale's text.
pub use crate::model::config::WordMode as Mode;

/// A compiled word list: one regex for the stems (or all entries), one for whole words.
/// Perks (`tier_leak::find_phrase`) and glossary terms (`model::terms::find_term`) have
/// matchers of their own: they draw word boundaries, suffixes and case differently, and
/// matching them with this would change findings (see `tier_leak`'s tests).
#[derive(Debug, Default)]
pub struct Lexicon {
    mode: Mode,
    /// (matcher, whole word only)
    parts: Vec<(Regex, bool)>,
}

pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// What a `…` between two words of an entry stands for: up to two words of the same clause
/// ("minél előbb … kell" matches "minél előbb kézhez kell"); in Chinese, up to four characters
/// of the same clause ("比 … 快" matches "比线下快").
const GAP: &str = r"(?:\s+[^\s,;:.!?，；：。！？]+){0,2}";
const GAP_CHARS: &str = r"[^\s,;:.!?，；：。！？]{0,4}";

/// A phrase as a regex: escaped, any run of spaces matching any whitespace, a `…` standing
/// alone for a short gap ([`GAP`], [`GAP_CHARS`]).
pub(crate) fn phrase_pattern(mode: Mode, phrase: &str) -> String {
    let mut out = String::new();
    let mut glued = false;
    for (i, word) in phrase.split_whitespace().enumerate() {
        if word == "…" && i > 0 {
            out.push_str(if mode == Mode::Chars { GAP_CHARS } else { GAP });
            glued = mode == Mode::Chars;
            continue;
        }
        if i > 0 && !glued {
            out.push_str(r"\s+");
        }
        glued = false;
        out.push_str(&regex::escape(word));
    }
    out
}

/// `(?i)(?:a|b|…)`, longest first so the longest entry wins at a position.
pub(crate) fn alternation<'a>(entries: impl Iterator<Item = &'a str>) -> String {
    alternation_in(Mode::Words, entries)
}

fn alternation_in<'a>(mode: Mode, entries: impl Iterator<Item = &'a str>) -> String {
    let mut pats: Vec<String> = entries.filter(|e| !e.trim().is_empty()).map(|e| phrase_pattern(mode, e)).collect();
    pats.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    pats.dedup();
    format!("(?i)(?:{})", pats.join("|"))
}

impl Lexicon {
    pub fn new<'a>(mode: Mode, entries: impl Iterator<Item = &'a str>) -> Result<Lexicon, String> {
        let (mut whole, mut stems) = (Vec::new(), Vec::new());
        for e in entries {
            match e.strip_suffix('$') {
                Some(w) if mode == Mode::Stems => whole.push(w),
                _ if mode == Mode::Words => whole.push(e),
                _ => stems.push(e),
            }
        }
        let mut parts = Vec::new();
        for (list, is_whole) in [(stems, false), (whole, true)] {
            if !list.is_empty() {
                let re = Regex::new(&alternation_in(mode, list.into_iter())).map_err(|e| e.to_string())?;
                parts.push((re, is_whole));
            }
        }
        Ok(Lexicon { mode, parts })
    }

    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// Every match in `text` that sits on word boundaries (per the mode), leftmost first
    /// within each part.
    pub fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Range<usize>> + 't {
        self.parts.iter().flat_map(move |(re, whole)| {
            let mut at = 0;
            std::iter::from_fn(move || {
                while at <= text.len() {
                    let m = re.find_at(text, at)?;
                    if bounded(self.mode, *whole, text, m.range()) {
                        // A stem takes its suffixes: the finding spans the whole word.
                        let end = if self.mode == Mode::Stems && !*whole {
                            text[m.end()..].find(|c: char| !is_word_char(c)).map_or(text.len(), |i| m.end() + i)
                        } else {
                            m.end()
                        };
                        at = if end > m.start() { end } else { next_char(text, end) };
                        return Some(m.start()..end);
                    }
                    at = next_char(text, m.start());
                }
                None
            })
        })
    }

    /// Whether `text` may hold a match (no boundary checks): a cheap page-level filter.
    pub fn may_match(&self, text: &str) -> bool {
        self.parts.iter().any(|(re, _)| re.is_match(text))
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.find_iter(text).next().is_some()
    }

    /// A match that starts at `text`'s first byte.
    pub fn match_at_start(&self, text: &str) -> Option<usize> {
        self.find_iter(text).filter(|r| r.start == 0).map(|r| r.end).max()
    }
}

pub(crate) fn next_char(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(text.len() + 1, |c| at + c.len_utf8())
}

/// Whether `range` of `text` starts (and, for whole words, ends) on a word boundary.
pub(crate) fn bounded(mode: Mode, whole: bool, text: &str, range: Range<usize>) -> bool {
    if mode == Mode::Chars {
        return true;
    }
    let m = &text[range.clone()];
    let starts_word = m.chars().next().is_some_and(is_word_char);
    // A hyphen between letters joins a word: "check" is not a word of "check-in".
    let mut back = text[..range.start].chars().rev();
    let before = match back.next() {
        Some('-') => back.next().is_some_and(is_word_char),
        c => c.is_some_and(is_word_char),
    };
    if starts_word && before {
        return false;
    }
    let ends_word = m.chars().next_back().is_some_and(is_word_char);
    let mut ahead = text[range.end..].chars();
    let after = match ahead.next() {
        Some('-') => ahead.next().is_some_and(is_word_char),
        c => c.is_some_and(is_word_char),
    };
    !(whole && ends_word && after)
}

/// The matches of `list` in `text`, less those that overlap a
/// match of `except` (honest negations such as "cannot guarantee").
pub fn cue_hits<'t>(list: &'t Lexicon, except: &'t Lexicon, text: &'t str) -> impl Iterator<Item = Range<usize>> + 't {
    // The exceptions once, then a binary search per hit (not a pass over the text per hit).
    let except = super::union_of(except.find_iter(text).collect());
    list.find_iter(text).filter(move |r| super::first_overlap(&except, r, |x| x).is_none())
}
