//! `readability`: a public page that reads above the site's level, per language: English
//! Flesch–Kincaid grade; Chinese average sentence length in characters; Hungarian words per
//! sentence. Prose only (paragraphs, list items, summary, step texts): headings, tables,
//! code and link addresses are left out.

use std::ops::Range;

use rayon::prelude::*;

use crate::check::text::{self, Kind, Origin, words};
use crate::check::{Ctx, Rule};
use crate::diag::{Diagnostic, Level};
use crate::model::{Page, PageKind, Site};

pub static RULE: Rule = Rule {
    id: "readability",
    level: Level::Warning,
    summary: "a public page reads above the site's reading level",
    doc: r"People read wait guides while anxious, in pain, on a phone, often in a second language.
Plain language is a safety measure. The rule measures each public guide's prose
(paragraphs, list items, summary and step texts; not headings, tables, code or link
addresses) per language and points at the longest sentence when the page is over the limit:

- **English**: Flesch–Kincaid grade level, `0.39 × words/sentence + 11.8 × syllables/word −
  15.59`, with a rule-based syllable counter (vowel groups, silent `e`, `-le`, `-ed`,
  `-es`) tested against dictionary counts. Limit `max_grade` (default 8).
- **Chinese**: no US grade applies. Average sentence length in characters (Han characters,
  letters and digits; punctuation not counted), limit `max_sentence_chars` (default 30).
  The message also gives the share of sentences that use a term from the jargon list.
- **Hungarian**: no validated readability formula exists. Average words per sentence,
  limit `max_words_per_sentence` (default 20); the message also gives the share of long
  words (13 letters or more — Hungarian suffixes make words long, so this is information,
  not a limit).

A `{{ fact }}` counts as two short words. Pages with fewer than 30 words (or 60 Chinese
characters) are not judged: the measures mean nothing on so little text.

**Bad**: `Patients presenting with non-urgent conditions should anticipate considerable
variability in waiting duration, contingent upon departmental occupancy.`

**Good**: `If your problem is not urgent, your wait may be long. It depends on how busy we are.`

**Fix**: split long sentences, use common words, explain one thing per sentence.

**Settings**: `checks.readability.en.max_grade` (or `checks.max_grade`),
`checks.readability.zh.max_sentence_chars`, `checks.readability.hu.max_words_per_sentence`.
Only pages of the widest tier are judged.",
    run,
};

/// Counts of one sentence.
struct Stats {
    span: Range<usize>,
    /// Whether the sentence uses a term of the built-in jargon list.
    jargon: bool,
    words: usize,
    syllables: usize,
    chars: usize,
    long_words: usize,
}

/// English syllables of one word, by rule: vowel groups, minus a silent final `e` (not in
/// `-le` after a consonant), minus `-ed`/`-es` that add no syllable; at least one.
pub fn syllables(word: &str) -> usize {
    // Lowercase ASCII letters into a stack buffer: no allocation per word (a long word is cut;
    // its syllables are counted up to the cut).
    let mut buf = ['\0'; 40];
    let mut len = 0;
    for c in word.chars().filter(char::is_ascii_alphabetic).take(buf.len()) {
        buf[len] = c.to_ascii_lowercase();
        len += 1;
    }
    let w = &buf[..len];
    if w.is_empty() {
        return 0;
    }
    if w.len() <= 3 {
        return 1;
    }
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut count = 0;
    let mut prev = false;
    for (i, &c) in w.iter().enumerate() {
        let v = vowel(c) && !(c == 'y' && i == 0);
        if v && !prev {
            count += 1;
        }
        prev = v;
    }
    let n = w.len();
    // Vowel pairs said as two syllables: tri-age, ra-di-o, usu-al, qui-et, ide-a.
    for i in 1..n {
        let (a, b) = (w[i - 1], w[i]);
        let before = if i >= 2 { w[i - 2] } else { ' ' };
        let split = match (a, b) {
            ('i', 'a') => !matches!(before, 'c' | 't' | 's' | 'g'),
            ('i', 'o') => !matches!(before, 'c' | 't' | 's' | 'x' | 'g'),
            ('u', 'a') => before != 'q' && before != 'g',
            ('i', 'e') => w.get(i + 1) == Some(&'t') || (w.get(i + 1) == Some(&'n') && w.get(i + 2) == Some(&'t')),
            ('e', 'a') => i == n - 1,
            _ => false,
        };
        count += usize::from(split);
    }
    let ends = |s: &str| w.iter().rev().take(s.len()).rev().copied().eq(s.chars());
    let consonant_before = |k: usize| n > k && !vowel(w[n - k - 1]);
    if ends("e") && !(ends("le") && n > 2 && !vowel(w[n - 3])) && count > 1 {
        count -= 1;
    } else {
        let past_tense = ends("ed") && !(ends("ted") || ends("ded"));
        let plural_es = ends("es") && !["ses", "zes", "ces", "ges", "xes", "shes", "ches"].iter().any(|e| ends(e));
        if (past_tense || plural_es) && consonant_before(2) && count > 1 {
            count -= 1;
        }
    }
    count.max(1)
}

fn is_han(c: char) -> bool {
    ('\u{3400}'..='\u{9fff}').contains(&c) || ('\u{f900}'..='\u{faff}').contains(&c)
}

/// Every counted sentence of a page's prose.
fn sentence_stats(blocks: &[text::Block], page: &Page, lang: &words::Lang) -> Vec<Stats> {
    let mut out = Vec::new();
    for block in blocks {
        let prose = match block.origin {
            Origin::Body => matches!(block.kind, Kind::Paragraph | Kind::ListItem),
            Origin::Summary | Origin::Step(_) => true,
            Origin::Sms | Origin::Title | Origin::StepTitle(_) | Origin::Glossary => false,
        };
        if !prose {
            continue;
        }
        let placeholders = block.placeholders();
        let (english, chinese) = (page.locale.starts_with("en"), page.locale.starts_with("zh"));
        for range in text::sentences(lang, &block.text) {
            let sentence = &block.text[range.clone()];
            let jargon = chinese && super::jargon::term_set(&page.locale).is_some_and(|set| set.matches_any(sentence));
            let mut s =
                Stats { span: block.span_of(range.clone()), jargon, words: 0, syllables: 0, chars: 0, long_words: 0 };
            // A placeholder counts as two short words ("10–30 minutes").
            // Placeholders are in text order: the sentence's are one run, found by binary search,
            // and the words below walk them with a cursor (a line of 200,000 placeholders
            // stays linear).
            let first = placeholders.partition_point(|p| p.span.start < range.start);
            let inside: Vec<Range<usize>> = placeholders[first..]
                .iter()
                .take_while(|p| p.span.start < range.end)
                .filter(|p| p.span.end <= range.end)
                .map(|p| p.span.start - range.start..p.span.end - range.start)
                .collect();
            let mut next_inside = 0;
            s.words += 2 * inside.len();
            s.syllables += 3 * inside.len();
            s.chars += 4 * inside.len();
            let is_word_char = |c: char| c.is_alphanumeric() || c == '\'' || c == '’' || c == '-';
            let mut start = None;
            for (i, c) in sentence.char_indices().chain(std::iter::once((sentence.len(), ' '))) {
                match (start, is_word_char(c)) {
                    (None, true) => start = Some(i),
                    (Some(a), false) => {
                        start = None;
                        while inside.get(next_inside).is_some_and(|r| r.end <= a) {
                            next_inside += 1;
                        }
                        if inside.get(next_inside).is_some_and(|r| r.start <= a) {
                            continue;
                        }
                        let word = &sentence[a..i];
                        let letters = word.chars().filter(|c| c.is_alphanumeric()).count();
                        s.chars += letters;
                        if letters == 0 || word.chars().any(is_han) {
                            continue;
                        }
                        s.words += 1;
                        if english {
                            s.syllables += syllables(word);
                        }
                        s.long_words += usize::from(letters >= 13);
                    }
                    _ => {}
                }
            }
            if s.chars > 0 {
                out.push(s);
            }
        }
    }
    out
}

#[expect(clippy::cast_precision_loss, reason = "counts of words in a page are far below 2^52")]
fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The limit for `locale`, from `checks.readability.<locale>` (and `checks.max_grade`).
fn limit(site: &Site, locale: &str) -> (Option<u32>, Option<u32>, Option<u32>) {
    let r = site.config.checks.readability.get(locale);
    let grade = r.and_then(|r| r.max_grade).or(if locale == "en" { site.config.checks.max_grade } else { None });
    (grade, r.and_then(|r| r.max_sentence_chars), r.and_then(|r| r.max_words_per_sentence))
}

fn run(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let site = ctx.site;
    let widest = site.config.widest_tier();
    let pages =
        site.pages.par_iter().map(AsRef::as_ref).filter(|p| p.tier == widest && !p.draft && p.kind == PageKind::Guide);
    out.extend(crate::check::per_page(pages, |page, out| {
        let lang = words::lang(&page.locale);
        let stats = sentence_stats(&ctx.blocks(page), page, lang);
        let (sentences, words, chars) =
            (stats.len(), stats.iter().map(|s| s.words).sum::<usize>(), stats.iter().map(|s| s.chars).sum::<usize>());
        let (max_grade, max_chars, max_words) = limit(site, &page.locale);
        let finding = match page.locale.split('-').next().unwrap_or("") {
            "zh" if chars >= 60 => {
                let limit = max_chars.unwrap_or(30);
                let avg = ratio(chars, sentences);
                let hard = 100.0 * ratio(stats.iter().filter(|s| s.jargon).count(), sentences);
                (avg > f64::from(limit)).then(|| {
                    format!("sentences average {avg:.1} characters (limit {limit}); {hard:.0}% of sentences use a jargon term")
                })
            }
            "hu" if words >= 30 => {
                let limit = max_words.unwrap_or(20);
                let avg = ratio(words, sentences);
                let long_share = 100.0 * ratio(stats.iter().map(|s| s.long_words).sum(), words);
                (avg > f64::from(limit)).then(|| {
                    format!(
                        "sentences average {avg:.1} words (limit {limit}); {long_share:.0}% of words have 13 letters or more"
                    )
                })
            }
            "en" if words >= 30 => {
                let limit = max_grade.unwrap_or(8);
                let syl = stats.iter().map(|s| s.syllables).sum();
                let grade = 0.39 * ratio(words, sentences) + 11.8 * ratio(syl, words) - 15.59;
                (grade > f64::from(limit)).then(|| {
                    format!(
                        "reads at grade {grade:.1} (limit {limit}): {:.1} words per sentence, {:.2} syllables per word",
                        ratio(words, sentences),
                        ratio(syl, words)
                    )
                })
            }
            _ => None,
        };
        let Some(message) = finding else { return };
        let longest = stats.iter().max_by_key(|s| (s.words.max(s.chars / 2), std::cmp::Reverse(s.span.start)));
        let span = longest.map_or_else(|| page.key_span("title"), |s| s.span.clone());
        let d = RULE.finding(page.source.path.as_str(), Some(span), message)
            .with_hint("split long sentences and use common words; this is the longest sentence");
        out.push(d);
    }));
}

#[cfg(test)]
mod tests {
    use super::syllables;

    #[test]
    fn syllables_match_dictionary_counts() {
        // Counts as in the CMU pronouncing dictionary.
        for (word, n) in [
            ("the", 1),
            ("nurse", 1),
            ("checks", 1),
            ("triage", 2),
            ("waiting", 2),
            ("doctor", 2),
            ("hospital", 3),
            ("emergency", 4),
            ("condition", 3),
            ("department", 3),
            ("table", 2),
            ("little", 2),
            ("asked", 1),
            ("wanted", 2),
            ("needed", 2),
            ("boxes", 2),
            ("makes", 1),
            ("urgent", 2),
            ("results", 2),
            ("every", 3),
            ("people", 2),
            ("usually", 4),
            ("medicine", 3),
            ("temperature", 4),
            ("ambulance", 3),
            ("you", 1),
            ("area", 3),
            ("quiet", 2),
            ("yes", 1),
        ] {
            assert_eq!(syllables(word), n, "{word}");
        }
    }
}
