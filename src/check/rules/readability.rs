//! `readability`: a public page that reads above the site's level, per language: English
//! Flesch–Kincaid grade; Chinese average sentence length in characters; Hungarian words per
//! sentence. Prose only (paragraphs, list items, summary, step texts): headings, tables,
//! code and link addresses are left out.

use std::ops::Range;

use rayon::prelude::*;

use crate::check::ctx::Ctx;
use crate::check::rule::Rule;
use crate::check::text::{self, Kind, Origin, words};
use crate::diag::{Diagnostic, Level};
use crate::model::config::ReadabilityMeasure;
use crate::model::script::is_han;
use crate::model::{Page, PageKind, Site};

mod syllables;
pub use syllables::syllables;

pub static RULE: Rule = Rule {
    id: "readability",
    level: Level::Warning,
    judges_text: true,
    summary: "a public page reads above the site's reading level",
    doc: r"People read wait guides while anxious, in pain, on a phone, often in a second language.
Plain language is a safety measure. The rule measures each public guide's prose
(paragraphs, list items, summary and step texts; not headings, tables, code or link
addresses) per language and points at the longest sentence when the page is over the limit:

- **English**: Flesch–Kincaid grade level, `0.39 × words/sentence + 11.8 × syllables/word −
  15.59`, counted the way textstat (the reference Python tool) counts: a word is a run
  between spaces with a letter or digit in it (`24/7`, `walk-in` and `5:00` are one word
  each); inside a sentence, the pieces between `.`, `!` and `?` that have three words or
  more count as sentences (`8.30am` and `p.m.` split as they do in textstat), but a sentence
  of its own always counts as one, however short (textstat drops `Stay calm.` and would grade
  a page of such sentences as one long sentence);
  syllables come from a rule-based counter (vowel groups, vowel pairs said as two as in
  `tri-age`, silent `e`, `-le`, `-ed`, `-es`, `-ire`, compounds such as `some-times`, a
  short exception list; a number is one syllable, a word without a vowel such as `SMS`
  is spelled out). On 48 real passages from hospitals, utilities, councils, support desks
  and post offices it is within one grade of textstat's on every one, mean difference 0.13
  (`benches/readability/`). Hyphenation patterns (Knuth–Liang) were measured as the
  syllable counter and agree far less: they find places to break a line, not syllables.
  Limit `max_grade` (default 8).
- **Chinese**: no US grade applies. Average sentence length in characters (Han characters,
  letters and digits; punctuation not counted), limit `max_sentence_chars` (default 30).
  The message also gives the share of sentences that use a term from the jargon list.
- **Hungarian**: no validated readability formula exists. Average words per sentence,
  limit `max_words_per_sentence` (default 20); the message also gives the share of long
  words (13 letters or more — Hungarian suffixes make words long, so this is information,
  not a limit).

A `{{ fact }}` counts as two short words (three syllables). **Short pages**: a page with
fewer than 30 words of prose (Chinese: 60 characters) is not judged at all, whatever its
grade: on so little text one long word or one missing full stop moves the measure by
several grades, so a finding would be noise.

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
    /// Sentences as textstat counts them inside this one (English): pieces between `.`, `!`
    /// and `?` (also inside "p.m." or "8.30") with three words or more; at least one.
    fk_sentences: usize,
    chars: usize,
    long_words: usize,
}

/// Every counted sentence of a page's prose.
fn sentence_stats(blocks: &[text::Block], page: &Page, lang: &words::Lang) -> Vec<Stats> {
    let mut out = Vec::new();
    for block in blocks {
        let prose = match block.origin {
            Origin::Body => matches!(block.kind, Kind::Paragraph | Kind::ListItem),
            Origin::Summary | Origin::Step(_) => true,
            Origin::ChannelText(_) | Origin::Title | Origin::StepTitle(_) | Origin::Glossary => false,
        };
        if !prose {
            continue;
        }
        let placeholders = block.placeholders();
        let (english, chinese) =
            (lang.readability == ReadabilityMeasure::Grade, lang.readability == ReadabilityMeasure::SentenceChars);
        for range in text::sentences(lang, &block.text) {
            let sentence = &block.text[range.clone()];
            let jargon = chinese && super::jargon::term_set(&page.locale).is_some_and(|set| set.matches_any(sentence));
            let mut s = Stats {
                span: block.span_of(range.clone()),
                jargon,
                words: 0,
                syllables: 0,
                fk_sentences: 0,
                chars: 0,
                long_words: 0,
            };
            // Words of the textstat piece being read (see `Stats::fk_sentences`).
            let mut piece_words = 0;
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
            let mut credited = None;
            s.words += 2 * inside.len();
            s.syllables += 3 * inside.len();
            s.chars += 4 * inside.len();
            // English words are what textstat counts: runs between spaces with a letter or digit
            // ("24/7", "5:00", "walk-in" are one word each).
            let is_word_char = |c: char| {
                if english { !c.is_whitespace() } else { c.is_alphanumeric() || c == '\'' || c == '’' || c == '-' }
            };
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
                            if english && credited != Some(next_inside) {
                                piece_words += 2;
                                credited = Some(next_inside);
                            }
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
                            for (k, part) in word.split(['.', '!', '?']).enumerate() {
                                if k > 0 {
                                    s.fk_sentences += usize::from(piece_words >= 3);
                                    piece_words = 0;
                                }
                                piece_words += usize::from(part.chars().any(char::is_alphanumeric));
                            }
                        }
                        s.long_words += usize::from(letters >= 13);
                    }
                    _ => {}
                }
            }
            s.fk_sentences += usize::from(piece_words >= 3);
            // Unlike textstat, a sentence of its own stays one however short: "Stay calm. Tell
            // us." is not one long sentence (textstat grades 16 such sentences at 11.6).
            s.fk_sentences = s.fk_sentences.max(usize::from(s.words > 0));
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
fn limit(site: &Site, locale: &str, measure: ReadabilityMeasure) -> (Option<u32>, Option<u32>, Option<u32>) {
    let r = site.config.checks.readability.get(locale);
    let grade = r.and_then(|r| r.max_grade).or(if measure == ReadabilityMeasure::Grade {
        site.config.checks.max_grade
    } else {
        None
    });
    (grade, r.and_then(|r| r.max_sentence_chars), r.and_then(|r| r.max_words_per_sentence))
}

fn run(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let site = ctx.site;
    let widest = site.config.widest_tier();
    let pages = ctx.par_pages().filter(|p| p.tier == widest && !p.draft && p.kind == PageKind::Guide);
    out.extend(crate::check::rule::per_page(pages, |page, out| {
        let lang = ctx.lang(&page.locale);
        let stats = sentence_stats(&ctx.blocks(page), page, lang);
        let (sentences, words, chars) =
            (stats.len(), stats.iter().map(|s| s.words).sum::<usize>(), stats.iter().map(|s| s.chars).sum::<usize>());
        let (max_grade, max_chars, max_words) = limit(site, &page.locale, lang.readability);
        let finding = match lang.readability {
            ReadabilityMeasure::SentenceChars if chars >= 60 => {
                let limit = max_chars.unwrap_or(30);
                let avg = ratio(chars, sentences);
                let hard = 100.0 * ratio(stats.iter().filter(|s| s.jargon).count(), sentences);
                (avg > f64::from(limit)).then(|| {
                    format!("sentences average {avg:.1} characters (limit {limit}); {hard:.0}% of sentences use a jargon term")
                })
            }
            ReadabilityMeasure::SentenceWords if words >= 30 => {
                let limit = max_words.unwrap_or(20);
                let avg = ratio(words, sentences);
                let long_share = 100.0 * ratio(stats.iter().map(|s| s.long_words).sum(), words);
                (avg > f64::from(limit)).then(|| {
                    format!(
                        "sentences average {avg:.1} words (limit {limit}); {long_share:.0}% of words have 13 letters or more"
                    )
                })
            }
            ReadabilityMeasure::Grade if words >= 30 => {
                let limit = max_grade.unwrap_or(8);
                let syl = stats.iter().map(|s| s.syllables).sum();
                let sentences = stats.iter().map(|s| s.fk_sentences).sum::<usize>().max(1);
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
