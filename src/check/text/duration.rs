//! Durations written by hand in prose ("about 15 minutes", "10–15 perc", "两个小时"):
//! found with one regex per locale built from the word lists, valued in seconds. Finding
//! only; whether a duration is a wait is decided in `waits.rs`.

use std::collections::BTreeMap;
use std::ops::Range;

use regex::Regex;

use super::matcher::{Lexicon, Mode, alternation, bounded, is_word_char, next_char};
use crate::model::config::DurationsConfig;

/// A unit a duration is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    Second,
    Minute,
    Hour,
    Day,
    BusinessDay,
    Week,
    Month,
    Year,
}

impl UnitKind {
    fn from_key(key: &str) -> Option<UnitKind> {
        Some(match key {
            "second" => UnitKind::Second,
            "minute" => UnitKind::Minute,
            "hour" => UnitKind::Hour,
            "day" => UnitKind::Day,
            "business_day" => UnitKind::BusinessDay,
            "week" => UnitKind::Week,
            "month" => UnitKind::Month,
            "year" => UnitKind::Year,
            _ => return None,
        })
    }

    pub fn seconds(self) -> f64 {
        match self {
            UnitKind::Second => 1.0,
            UnitKind::Minute => 60.0,
            UnitKind::Hour => 3600.0,
            UnitKind::Day | UnitKind::BusinessDay => 86_400.0,
            UnitKind::Week => 604_800.0,
            UnitKind::Month => 2_592_000.0,
            UnitKind::Year => 31_536_000.0,
        }
    }

    /// Months and years have no exact length: never matched to a fact's exact value.
    pub fn is_approximate(self) -> bool {
        matches!(self, UnitKind::Month | UnitKind::Year)
    }

    /// Units in which an age is counted ("under 2 years").
    pub fn counts_age(self) -> bool {
        matches!(self, UnitKind::Week | UnitKind::Month | UnitKind::Year)
    }
}

/// One duration written in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    /// The whole duration ("10–15 minutes") in the text searched.
    pub range: Range<usize>,
    /// The unit word with its suffixes ("órán").
    pub unit_word: Range<usize>,
    pub unit: Option<UnitKind>,
    /// Minimum and maximum in seconds; `None` for a duration without a number.
    pub seconds: Option<(u64, u64)>,
}

/// The compiled duration grammar of one locale.
#[derive(Debug, Default)]
pub struct Grammar {
    mode: Mode,
    re: Option<Regex>,
    numbers: BTreeMap<String, f64>,
    units: Vec<(String, UnitKind)>,
    /// Characters of number words (chars mode: a number does not start inside another).
    number_chars: String,
    bare: Lexicon,
    /// The range words (chars mode joins "20分钟至2小时" into one duration).
    range: Vec<String>,
}

impl Grammar {
    pub fn new(mode: Mode, w: &DurationsConfig) -> Result<Grammar, String> {
        let mut units = Vec::new();
        for (key, forms) in &w.units {
            let kind = UnitKind::from_key(key).ok_or_else(|| format!("`{key}` is not a unit"))?;
            units.extend(forms.iter().map(|f| (f.to_lowercase(), kind)));
        }
        units.sort_by_key(|u| std::cmp::Reverse(u.0.len()));
        let numbers: BTreeMap<String, f64> = w.numbers.iter().map(|(k, v)| (k.to_lowercase(), *v)).collect();
        let re = if units.is_empty() {
            None
        } else {
            let words = alt(numbers.keys().map(String::as_str));
            // Chinese: a numeral of any size (二十五, 一百二十) and 个半 ("两个半小时") too.
            let num = if mode == Mode::Chars {
                format!(r"(?:\d+(?:[.,]\d+)?|[{CJK_DIGITS}{CJK_POWERS}]+)(?:{HALF_AFTER})?|{words}")
            } else {
                format!(r"\d+(?:[.,]\d+)?|{words}")
            };
            let sep = alt(w.range.iter().map(String::as_str));
            let unit = alt(units.iter().map(|u| u.0.as_str()));
            let pat = format!(r"(?i)(?P<a>{num})(?:\s*{sep}\s*(?P<b>{num}))?(?:\s*-\s*|\s*)(?P<u>{unit})");
            Some(Regex::new(&pat).map_err(|e| e.to_string())?)
        };
        let number_chars = numbers
            .keys()
            .flat_map(|k| k.chars())
            .chain(if mode == Mode::Chars {
                CJK_DIGITS.chars().chain(CJK_POWERS.chars()).collect()
            } else {
                Vec::new()
            })
            .filter(|c| !c.is_ascii())
            .collect();
        let bare = Lexicon::new(mode, w.bare.iter().map(String::as_str))?;
        Ok(Grammar { mode, re, numbers, units, number_chars, bare, range: w.range.clone() })
    }

    fn number(&self, text: &str) -> Option<f64> {
        let t = text.trim();
        if self.mode == Mode::Chars {
            if let Some(whole) = t.strip_suffix("个半").or_else(|| t.strip_suffix("個半")) {
                return self.number(whole).map(|n| n + 0.5);
            }
            if !self.numbers.contains_key(t) && !t.starts_with(|c: char| c.is_ascii_digit()) {
                return han_number(t);
            }
        }
        if t.starts_with(|c: char| c.is_ascii_digit()) {
            return t.replace(',', ".").parse().ok();
        }
        let key = t.to_lowercase();
        let key = key.split_whitespace().collect::<Vec<_>>().join(" ");
        self.numbers.get(&key).copied()
    }

    fn unit(&self, word: &str) -> Option<UnitKind> {
        let w = word.to_lowercase();
        let w = w.split_whitespace().collect::<Vec<_>>().join(" ");
        self.units.iter().find(|(form, _)| *form == w).map(|u| u.1)
    }

    /// Whether a number may start at `at` (not inside a word or another number).
    fn starts_clean(&self, text: &str, at: usize) -> bool {
        let prev = text[..at].chars().next_back();
        match self.mode {
            Mode::Chars => prev.is_none_or(|c| !c.is_ascii_digit() && !self.number_chars.contains(c)),
            _ => prev.is_none_or(|c| !is_word_char(c)),
        }
    }

    /// The end of the unit word: suffixes run on in stems mode.
    fn unit_end(&self, text: &str, end: usize) -> Option<usize> {
        match self.mode {
            Mode::Chars => Some(end),
            Mode::Words => (!text[end..].starts_with(is_word_char)).then_some(end),
            Mode::Stems => Some(text[end..].find(|c: char| !is_word_char(c)).map_or(text.len(), |i| end + i)),
        }
    }

    /// Whether `text` may hold a duration (no boundary checks): a cheap page-level filter.
    pub fn may_match(&self, text: &str) -> bool {
        self.re.as_ref().is_some_and(|re| re.is_match(text)) || self.bare.may_match(text)
    }

    /// Every duration written in `text`.
    pub fn find(&self, text: &str, out: &mut Vec<Written>) {
        let first = out.len();
        if let Some(re) = &self.re {
            let mut at = 0;
            while at <= text.len() {
                let Some(c) = re.captures_at(text, at) else { break };
                let (Some(all), Some(a), Some(u)) = (c.get(0), c.name("a"), c.name("u")) else { break };
                let end = self.unit_end(text, u.end());
                match end.filter(|_| self.starts_clean(text, all.start())) {
                    Some(end) => {
                        let unit = self.unit(u.as_str());
                        let lo = self.number(a.as_str());
                        let hi = c.name("b").map_or(lo, |b| self.number(b.as_str()));
                        let seconds = match (lo, hi, unit) {
                            (Some(lo), Some(hi), Some(unit)) => Some(to_seconds(lo, hi, unit)),
                            _ => None,
                        };
                        out.push(Written { range: all.start()..end, unit_word: u.start()..end, unit, seconds });
                        at = end.max(next_char(text, all.start()));
                    }
                    None => at = next_char(text, all.start()),
                }
            }
        }
        if self.mode == Mode::Chars {
            self.join_ranges(text, out, first);
        }
        // The grammar's finds are in text order and apart: a binary search per bare word (and
        // a look at the bare word pushed last), not a scan of every find.
        let found = out.len();
        for r in self.bare.find_iter(text) {
            let clashes = |w: &Written| w.range.start < r.end && r.start < w.range.end;
            let i = out[..found].partition_point(|w| w.range.end <= r.start);
            if !(out[..found].get(i).is_some_and(clashes) || out[found..].last().is_some_and(clashes)) {
                let end = self.unit_end(text, r.end).unwrap_or(r.end);
                let range = r.start..end;
                debug_assert!(bounded(self.mode, false, text, range.clone()));
                out.push(Written { range: range.clone(), unit_word: range, unit: None, seconds: None });
            }
        }
    }
}

impl Grammar {
    /// Joins two durations with a range word between them into one ("20分钟至2小时": 20
    /// minutes to 2 hours, one finding); the unit of the whole is the second's.
    fn join_ranges(&self, text: &str, out: &mut Vec<Written>, from: usize) {
        // One pass that writes each kept duration at `kept`: linear however many are joined.
        let mut kept = from;
        for next in from..out.len() {
            let between = (kept > from)
                .then(|| text.get(out[kept - 1].range.end..out[next].range.start))
                .flatten()
                .map(str::trim);
            if between.is_some_and(|t| self.range.iter().any(|x| x == t)) {
                let (first, second) = (&out[kept - 1], &out[next]);
                let seconds = match (first.seconds, second.seconds) {
                    (Some(lo), Some(hi)) => Some((lo.0.min(hi.0), lo.1.max(hi.1))),
                    _ => None,
                };
                let joined = Written {
                    range: first.range.start..second.range.end,
                    unit_word: second.unit_word.clone(),
                    unit: second.unit,
                    seconds,
                };
                out[kept - 1] = joined;
            } else {
                out.swap(kept, next);
                kept += 1;
            }
        }
        out.truncate(kept);
    }
}

/// Chinese digits (with 〇/零, Traditional 兩) and the powers of ten a numeral is built with.
const CJK_DIGITS: &str = "零〇一二两兩三四五六七八九";
const CJK_POWERS: &str = "十百千万萬";
/// What follows a whole number to add a half: 两个半小时 (2.5 hours).
const HALF_AFTER: &str = "个半|個半";

/// The value of a numeral in Chinese characters or full-width digits ("二十五" 25, "一百二十"
/// 120, "两千" 2000, "十五" 15, "４５" 45); `None` when it holds anything else.
fn han_number(t: &str) -> Option<f64> {
    if t.chars().all(|c| ('０'..='９').contains(&c)) {
        return Some(t.chars().fold(0.0, |n, c| n * 10.0 + f64::from(u32::from(c) - u32::from('０'))));
    }
    let (mut total, mut section, mut digit) = (0.0, 0.0, None::<f64>);
    for c in t.chars() {
        if let Some(d) = CJK_DIGITS.chars().position(|x| x == c) {
            // 零/〇 are 0, 一 is 1, 二/两/兩 are 2, then 三 … 九.
            let v = match d {
                0 | 1 => 0.0,
                2 => 1.0,
                3..=5 => 2.0,
                n => f64::from(u8::try_from(n).ok()?) - 3.0,
            };
            digit = Some(v);
        } else {
            let power = match c {
                '十' => 10.0,
                '百' => 100.0,
                '千' => 1000.0,
                '万' | '萬' => {
                    total += (section + digit.take().unwrap_or(0.0)) * 10_000.0;
                    section = 0.0;
                    continue;
                }
                _ => return None,
            };
            // 十五 is 15: a power without a digit before it counts once.
            section += digit.take().unwrap_or(1.0) * power;
        }
    }
    Some(total + section + digit.unwrap_or(0.0))
}

/// An alternation without its `(?i)`; one that never matches when the list is empty.
fn alt<'a>(entries: impl Iterator<Item = &'a str>) -> String {
    let a = alternation(entries);
    if a == "(?i)(?:)" { r"[^\s\S]".to_string() } else { a[4..].to_string() }
}

#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "rounded, non-negative seconds of a human-sized duration"
)]
fn to_seconds(lo: f64, hi: f64, unit: UnitKind) -> (u64, u64) {
    let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
    let s = |n: f64| (n * unit.seconds()).round().max(0.0) as u64;
    (s(lo), s(hi))
}

#[cfg(test)]
mod tests {
    use super::super::words::lang;

    fn found(locale: &str, text: &str) -> Vec<(String, Option<(u64, u64)>)> {
        let mut out = Vec::new();
        lang(locale).durations.find(text, &mut out);
        out.into_iter().map(|w| (text[w.range].to_string(), w.seconds)).collect()
    }

    #[test]
    fn finds_durations_per_locale() {
        let en = found(
            "en",
            "About 15 minutes, 10–15 mins, two hours, half an hour, 1.5 hours, often 8am, 2 business days.",
        );
        let texts: Vec<&str> = en.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(texts, ["15 minutes", "10–15 mins", "two hours", "half an hour", "1.5 hours", "2 business days"]);
        assert_eq!(en[1].1, Some((600, 900)));
        assert_eq!(en[3].1, Some((1800, 1800)));
        let zh = found("zh", "15分钟，15 分钟，半小时内，3个工作日内，两个小时，二十五分钟");
        let texts: Vec<&str> = zh.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(texts, ["15分钟", "15 分钟", "半小时", "3个工作日", "两个小时", "二十五分钟"]);
        let zh = found(
            "zh",
            "二十五分钟，一百二十天，两个半小时，１５分钟，5 个工作日，20分钟至2小时，2-3天，十五日，兩個工作日，60分鐘，7个自然日",
        );
        let texts: Vec<&str> = zh.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(
            texts,
            [
                "二十五分钟",
                "一百二十天",
                "两个半小时",
                "１５分钟",
                "5 个工作日",
                "20分钟至2小时",
                "2-3天",
                "十五日",
                "兩個工作日",
                "60分鐘",
                "7个自然日"
            ]
        );
        let secs: Vec<u64> = zh.iter().map(|f| f.1.map_or(0, |s| s.1)).collect();
        assert_eq!(secs[..5], [1500, 120 * 86_400, 9000, 900, 5 * 86_400]);
        assert_eq!(zh[5].1, Some((1200, 7200)));
        assert_eq!(zh[6].1, Some((2 * 86_400, 3 * 86_400)));
        let hu = found("hu", "15 perc, 10–15 perc, két órán belül, percen belül, fél óra, hét perc");
        let texts: Vec<&str> = hu.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(texts, ["15 perc", "10–15 perc", "két órán", "fél óra", "hét perc", "percen belül"]);
        assert_eq!(hu[4].1, Some((420, 420)));
    }
}
