//! Word lists of the text rules, per locale: data files (`src/locales/<lang>/words.yaml`)
//! embedded in the binary, parsed and compiled into matchers once, extended by the site's
//! `checks.words`. Matching only; what a match means is up to the rules.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use super::duration::Grammar;
use crate::model::Site;
use crate::model::config::{ReadabilityMeasure, WordsConfig};

pub(crate) use super::matcher::is_word_char;
pub use super::matcher::{Lexicon, Mode, cue_hits};

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
    crate::yaml::from_str(&crate::source::SourceFile::new(format!("src/locales/{locale}/words.yaml"), yaml))
}

/// Parse and compile one locale's word-list file.
#[cfg(test)]
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
    crate::lexicon::get(locale).and_then(|l| BUILTIN.get(l.code)).unwrap_or(&NONE)
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
            let lists = crate::lexicon::get(locale).and_then(|l| LISTS.get(l.code)).unwrap_or(&empty);
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
