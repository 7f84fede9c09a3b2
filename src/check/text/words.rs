//! Word lists of the text rules, per locale: data files (`src/locales/<lang>/words.yaml`)
//! embedded in the binary, parsed and compiled into matchers once, extended by the site's
//! `checks.words`. Matching only; what a match means is up to the rules.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::duration::Grammar;
use crate::model::Site;
use crate::model::config::{ReadabilityMeasure, WordsConfig};

/// How words are found in a locale's text.
pub use crate::model::config::WordMode as Mode;

/// A compiled word list: one regex for the stems (or all entries), one for whole words.
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

/// One locale's compiled lists.
#[derive(Debug, Default)]
pub struct Lang {
    pub mode: Mode,
    pub abbreviations: Vec<String>,
    pub ordinal_dot: bool,
    /// How `readability` measures the language.
    pub readability: ReadabilityMeasure,
    pub vague: Lexicon,
    pub vague_not: Lexicon,
    pub absolute: Lexicon,
    pub absolute_not: Lexicon,
    pub anywhere: Lexicon,
    pub anywhere_not: Lexicon,
    pub lead: Lexicon,
    pub verbs: Lexicon,
    pub not_object: Lexicon,
    pub joins: Lexicon,
    pub infinitive: Vec<String>,
    pub infinitive_heads: Lexicon,
    pub wait_cues: Lexicon,
    pub continues: Lexicon,
    pub durations: Grammar,
    pub before: Lexicon,
    pub after: Lexicon,
    pub age_before: Lexicon,
    pub unit_words: Lexicon,
    pub sentence: Lexicon,
    pub sentence_not: Lexicon,
    pub clock_after: Lexicon,
    pub clock_range_after: Lexicon,
    pub clock_dot: bool,
}

fn lex(mode: Mode, list: &[String]) -> Result<Lexicon, String> {
    Lexicon::new(mode, list.iter().map(String::as_str))
}

/// Compile one locale's lists, each extended by the site's (`checks.words.<locale>`).
fn compile(w: &WordsConfig, site: Option<&WordsConfig>) -> Result<Lang, String> {
    let mut lists = w.clone();
    if let Some(site) = site {
        lists.extend(site);
    }
    let m = lists.mode.unwrap_or_default();
    let (ins, nw) = (&lists.instruction, &lists.not_wait);
    Ok(Lang {
        mode: m,
        abbreviations: lists.abbreviations.iter().map(|a| a.to_lowercase()).collect(),
        ordinal_dot: lists.ordinal_dot.unwrap_or(false),
        readability: lists.readability.unwrap_or_default(),
        vague: lex(m, &lists.vague)?,
        vague_not: lex(m, &lists.vague_not)?,
        absolute: lex(m, &lists.absolute)?,
        absolute_not: lex(m, &lists.absolute_not)?,
        anywhere: lex(m, &ins.anywhere)?,
        anywhere_not: lex(m, &ins.not)?,
        lead: lex(m, &ins.lead)?,
        verbs: lex(m, &ins.verbs)?,
        not_object: lex(m, &ins.not_object)?,
        joins: lex(m, &ins.joins)?,
        infinitive: ins.infinitive.iter().map(|e| e.to_lowercase()).collect(),
        infinitive_heads: lex(m, &ins.infinitive_heads)?,
        wait_cues: lex(m, &lists.wait_cues)?,
        continues: lex(m, &lists.continues)?,
        durations: Grammar::new(m, &lists.durations)?,
        before: lex(m, &nw.before)?,
        after: lex(m, &nw.after)?,
        age_before: lex(m, &nw.age_before)?,
        unit_words: lex(m, &nw.unit_words)?,
        sentence: lex(m, &nw.sentence)?,
        sentence_not: lex(m, &nw.sentence_not)?,
        clock_after: lex(m, &nw.clock_after)?,
        clock_range_after: lex(m, &nw.clock_range_after)?,
        clock_dot: nw.clock_dot,
    })
}

fn read(locale: &str, yaml: &str) -> Result<WordsConfig, String> {
    // `WordsConfig` refuses unknown keys, so a misspelt list name in a word file is an error.
    serde_yaml::from_str(yaml).map_err(|e| format!("src/locales/{locale}/words.yaml: {e}"))
}

/// Parse and compile one locale's word-list file.
pub fn parse(locale: &str, yaml: &str) -> Result<Lang, String> {
    compile(&read(locale, yaml)?, None)
}

/// The built-in lists as written, by language (what a site's lists extend).
static LISTS: LazyLock<BTreeMap<&'static str, WordsConfig>> = LazyLock::new(|| {
    crate::lexicon::all()
        .iter()
        .filter_map(|l| Some((l.code, l.words?)))
        .filter_map(|(l, src)| read(l, src).ok().map(|w| (l, w)))
        .collect()
});

static BUILTIN: LazyLock<BTreeMap<&'static str, Lang>> =
    LazyLock::new(|| LISTS.iter().filter_map(|(l, w)| compile(w, None).ok().map(|lang| (*l, lang))).collect());

static NONE: LazyLock<Lang> = LazyLock::new(Lang::default);

/// The built-in lists of `locale` (`zh-Hans` uses `zh`); an unknown locale gets empty lists.
pub fn lang(locale: &str) -> &'static Lang {
    BUILTIN.get(locale).or_else(|| BUILTIN.get(crate::lexicon::base(locale))).unwrap_or(&NONE)
}

/// How `locale`'s words match: the site's `checks.words.<locale>.mode`, else the built-in one.
pub fn mode_of(site: &Site, locale: &str) -> Mode {
    site.config.checks.words.get(locale).and_then(|w| w.mode).unwrap_or_else(|| lang(locale).mode)
}

/// Whether Upfront ships word lists for `locale`'s language.
pub fn has_builtin(locale: &str) -> bool {
    LISTS.contains_key(locale) || LISTS.contains_key(crate::lexicon::base(locale))
}

/// The lists of every locale the site extends (`checks.words`), built-ins included: compiled
/// once per run. Locales without `checks.words` use the built-in [`lang`]; a language
/// Upfront does not ship gets the site's lists alone.
pub fn site_langs(site: &Site) -> BTreeMap<String, Lang> {
    let empty = WordsConfig::default();
    site.config
        .checks
        .words
        .iter()
        .filter_map(|(locale, w)| {
            let lists =
                LISTS.get(locale.as_str()).or_else(|| LISTS.get(crate::lexicon::base(locale))).unwrap_or(&empty);
            compile(lists, Some(w)).ok().map(|l| (locale.clone(), l))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_lists_parse() {
        for l in crate::lexicon::all() {
            let src = l.words.unwrap_or_default();
            assert!(parse(l.code, src).is_ok(), "{}: {:?}", l.code, parse(l.code, src).err());
        }
    }

    #[test]
    fn boundaries_per_mode() {
        let en = Lexicon::new(Mode::Words, ["soon", "100%"].into_iter()).unwrap_or_default();
        assert_eq!(en.find_iter("Soon, soonest. 100% sure").collect::<Vec<_>>(), [0..4, 15..19]);
        let hu = Lexicon::new(Mode::Stems, ["garantált", "ne$"].into_iter()).unwrap_or_default();
        assert!(hu.is_match("Garantáltan gyors"));
        assert!(!hu.is_match("nem"));
        assert!(hu.is_match("ne várjon"));
        let zh = Lexicon::new(Mode::Chars, ["马上"].into_iter()).unwrap_or_default();
        assert_eq!(zh.find_iter("医生马上来").next(), Some(6..12));
    }
}
