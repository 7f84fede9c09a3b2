//! Check, shared by the hints of the text rules: whether a fact and a sentence are about the
//! same thing, judged by the words of the fact's id and `label:` (in the text's locale) that
//! the sentence shares: a word (Latin script, by stem: a common start of five letters, so
//! `repair` meets `repairs` and `javítás` meets `javítását`) or a pair of adjacent Chinese
//! characters. A hint proposes a fact only when they share one; a value alone is not
//! enough (a 3-day backdating limit is not a 3-day lab result). Reads the model only.

use crate::model::{Fact, Site};

use super::Prose;
use crate::model::script::is_han as is_cjk;

/// Words too common in wait sentences and labels to say what a wait is about.
const STOP: &[&str] = &[
    "the",
    "and",
    "for",
    "you",
    "your",
    "our",
    "are",
    "was",
    "from",
    "with",
    "that",
    "this",
    "will",
    "have",
    "has",
    "can",
    "not",
    "min",
    "max",
    "time",
    "wait",
    "waits",
    "waiting",
    "usual",
    "usually",
    "about",
    "within",
    "take",
    "takes",
    "until",
    "after",
    "before",
    "day",
    "days",
    "hour",
    "hours",
    "minute",
    "minutes",
    "week",
    "weeks",
    "working",
    "business",
    "egy",
    "az",
    "és",
    "hogy",
    "van",
    "nem",
    "szokásos",
    "idő",
    "ideje",
    "várakozás",
    "belül",
    "perc",
    "óra",
    "nap",
    "munkanap",
];
const STOP_PAIRS: &[&str] =
    &["时间", "通常", "等候", "等待", "需要", "小时", "分钟", "工作", "之内", "以内", "个工", "作日", "的时"];

/// The meaningful tokens of `text`: lowercase words of three letters or more (Latin script)
/// and pairs of adjacent CJK characters, less the stop lists.
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric() || is_cjk(c)) {
        let w = word.to_lowercase();
        if w.chars().count() >= 3 && !STOP.contains(&w.as_str()) && !w.chars().all(|c| c.is_ascii_digit()) {
            out.push(w);
        }
    }
    let chars: Vec<char> = text.chars().collect();
    for pair in chars.windows(2).filter(|p| is_cjk(p[0]) && is_cjk(p[1])) {
        let p: String = pair.iter().collect();
        if !STOP_PAIRS.contains(&p.as_str()) {
            out.push(p);
        }
    }
    out
}

/// Whether two tokens are the same word: equal, or (words) the same first five letters.
fn same(a: &str, b: &str) -> bool {
    a == b || (a.chars().count() >= 5 && b.chars().count() >= 5 && a.chars().take(5).eq(b.chars().take(5)))
}

/// How many characters on each side of a duration or word say what it is about.
const REACH: usize = 120;

/// The words around `range` of `sentence` (up to [`REACH`] characters each side), without the
/// range itself: what a hint compares with a fact's id and label. Bounded, so a sentence with
/// many durations costs the same per duration.
pub fn around(sentence: &str, range: std::ops::Range<usize>) -> String {
    let before = &sentence[..range.start];
    let from = before.char_indices().rev().nth(REACH - 1).map_or(0, |(i, _)| i);
    let after = &sentence[range.end..];
    let to = after.char_indices().nth(REACH).map_or(sentence.len(), |(i, _)| range.end + i);
    format!("{} {}", &sentence[from..range.start], &sentence[range.end..to])
}

/// How many of the fact's tokens (id words, label in `locale`) the sentence shares.
pub fn affinity(site: &Site, fact: &Fact, locale: &str, sentence: &str) -> usize {
    shared(site, fact, locale, &tokens(sentence))
}

fn shared(site: &Site, fact: &Fact, locale: &str, said: &[String]) -> usize {
    let mut about = fact.id.replace(['.', '_', '-'], " ");
    if let Some(label) = &fact.label {
        about.push(' ');
        about.push_str(label.get(locale, site.default_locale()));
    }
    let mut mine = tokens(&about);
    mine.sort();
    mine.dedup();
    mine.iter().filter(|t| said.iter().any(|s| same(t, s))).count()
}

/// Whether `fact` may be named by a text that `prose`'s audience sees (same tier or none).
pub fn visible(prose: &Prose, fact: &Fact) -> bool {
    fact.tier.as_deref().is_none_or(|t| t == prose.tier)
}

/// The wait fact of the site that `sentence` is most likely about (it shares the most
/// words with it), if any shares one.
pub fn wait_fact_for<'s>(site: &'s Site, prose: &Prose, sentence: &str) -> Option<&'s str> {
    let said = tokens(sentence);
    site.facts
        .values()
        .filter(|f| f.wait().is_some() && visible(prose, f))
        .map(|f| (shared(site, f, prose.locale, &said), f))
        .filter(|(n, _)| *n > 0)
        .max_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.id.cmp(&a.1.id)))
        .map(|(_, f)| f.id.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_words_stems_and_character_pairs() {
        let t = |a: &str, b: &str| {
            let (x, y) = (tokens(a), tokens(b));
            x.iter().filter(|t| y.iter().any(|s| same(t, s))).count()
        };
        assert_eq!(t("water repair", "The crew repairs the water main in 4 hours"), 2);
        assert_eq!(t("lab results", "You can backdate a claim by 3 days"), 0);
        assert_eq!(t("hibaelhárítás javítás", "a javítást 4 órán belül elvégezzük"), 1);
        assert_eq!(t("抢修到达现场", "抢修人员45分钟内到达现场"), 4);
        assert_eq!(t("usual time from arrival", "within 3 days of your time"), 0);
        let long = format!("{} 3 days {}", "x ".repeat(500), "y ".repeat(500));
        let at = long.find("3 days").unwrap_or(0);
        assert_eq!(around(&long, at..at + 6).chars().count(), 2 * REACH + 1);
    }
}
