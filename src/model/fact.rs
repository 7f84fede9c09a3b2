//! Facts: one promised number or contact, rendered into words per locale and channel style.
//! Pure functions; the unit words come from the UI strings (`i18n/<locale>.yaml`).

use std::collections::BTreeMap;
use std::ops::Range;

use super::duration::{Duration, Total, Unit, WaitRange};

/// Text that may differ per locale: a plain string, or a map from locale to text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(untagged)]
pub enum Localized {
    Same(String),
    PerLocale(BTreeMap<String, String>),
}

impl Localized {
    /// The text for `locale`, falling back to `default_locale`, then to any.
    pub fn get<'a>(&'a self, locale: &str, default_locale: &str) -> &'a str {
        match self {
            Localized::Same(s) => s,
            Localized::PerLocale(map) => map
                .get(locale)
                .or_else(|| map.get(default_locale))
                .or_else(|| map.values().next())
                .map_or("", String::as_str),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FactValue {
    Wait(WaitRange),
    Text(Localized),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub id: String,
    /// Span of the `wait:` or `text:` value in facts.yaml (where file-level findings point).
    pub span: Range<usize>,
    pub value: FactValue,
    /// What a wait measures ("usual time from check-in to triage"), per locale.
    pub label: Option<Localized>,
    /// Each text of `label` with its span in facts.yaml: (locale, or `None` for one text for all).
    pub label_texts: Vec<(Option<String>, super::text::Text)>,
    /// The narrowest tier that may mention this fact; `None` means public.
    pub tier: Option<String>,
    /// Relative path of the measured waits (CSV) for the promise audit.
    pub measured: Option<String>,
    /// Span of the `measured:` value in facts.yaml (the fact's `span` when there is none).
    pub measured_span: Range<usize>,
    /// `live: true`: `upfront live` quotes it from its measured waits (`status.json` `live`).
    pub live: bool,
}

/// Which part of a fact a placeholder asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    Whole,
    Min,
    Max,
}

/// How a channel wants text: the web keeps typographic dashes; SMS stays inside GSM-7;
/// HTML is the web's text with each range ("30–90 perc", "2 hours") between [`NOBR_OPEN`]
/// and [`NOBR_CLOSE`], which the HTML channels turn into a `<span class="nobr">` so that a
/// range never breaks after its dash. Plain text (search index, JSON, SMS) uses `Web`/`Sms`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Web,
    Sms,
    Html,
}

/// Where a range that must stay on one line starts in `Style::Html` text (a Unicode
/// noncharacter: reserved for a program's internal use, never valid in published text).
pub const NOBR_OPEN: char = '\u{FDD0}';
/// Where it ends.
pub const NOBR_CLOSE: char = '\u{FDD1}';

/// `text` without the range markers of `Style::Html`.
pub fn strip_nobr(text: &str) -> String {
    text.replace([NOBR_OPEN, NOBR_CLOSE], "")
}

/// The words used to write durations in one locale.
pub trait UnitWords {
    /// A UI string by key (e.g. `unit.minute.other`, `range`).
    fn word(&self, key: &str) -> Option<&str>;
}

impl UnitWords for BTreeMap<String, String> {
    fn word(&self, key: &str) -> Option<&str> {
        self.get(key).map(String::as_str)
    }
}

fn unit_key(unit: Unit) -> &'static str {
    match unit {
        Unit::Second => "second",
        Unit::Minute => "minute",
        Unit::Hour => "hour",
        Unit::Day => "day",
        Unit::WorkingDay => "working_day",
    }
}

fn unit_word(words: &dyn UnitWords, unit: Unit, count: u64) -> String {
    let form = if count == 1 { "one" } else { "other" };
    let name = unit_key(unit);
    words
        .word(&format!("unit.{name}.{form}"))
        .or_else(|| words.word(&format!("unit.{name}.other")))
        .map_or_else(|| unit.suffix().to_string(), str::to_string)
}

fn template(words: &dyn UnitWords, key: &str, fallback: &'static str) -> String {
    words.word(key).unwrap_or(fallback).to_string()
}

/// "1 hour", "90 minutes", "10 perc".
pub fn format_duration(d: Duration, words: &dyn UnitWords) -> String {
    let (n, unit) = d.in_largest_unit();
    template(words, "quantity", "{n} {unit}")
        .replace("{n}", &n.to_string())
        .replace("{unit}", &unit_word(words, unit, n))
}

/// A count in one unit: "3 working days", "3个工作日".
fn format_count(n: u64, unit: Unit, words: &dyn UnitWords) -> String {
    template(words, "quantity", "{n} {unit}")
        .replace("{n}", &n.to_string())
        .replace("{unit}", &unit_word(words, unit, n))
}

/// Each end of `r` as (count, unit): working days count whole days, else the largest exact unit.
fn ends(r: WaitRange) -> ((u64, Unit), (u64, Unit)) {
    if r.working {
        let day = Unit::WorkingDay.seconds();
        ((r.min.0 / day, Unit::WorkingDay), (r.max.0 / day, Unit::WorkingDay))
    } else {
        (r.min.in_largest_unit(), r.max.in_largest_unit())
    }
}

/// "10–30 minutes", "2 hours", "30 minutes to 2 hours", "3–5 working days".
pub fn format_range(r: WaitRange, words: &dyn UnitWords, style: Style) -> String {
    let ((a, ua), (b, ub)) = ends(r);
    let (text, whole) = if r.min == r.max {
        (format_count(a, ua, words), true)
    } else if ua == ub {
        let text = template(words, "range", "{min}–{max} {unit}")
            .replace("{min}", &a.to_string())
            .replace("{max}", &b.to_string())
            .replace("{unit}", &unit_word(words, ub, b));
        (text, true)
    } else {
        // "30 minutes to 2 hours" may break between its ends, as any sentence does.
        let text = template(words, "range_mixed", "{min} to {max}")
            .replace("{min}", &format_count(a, ua, words))
            .replace("{max}", &format_count(b, ub, words));
        (text, false)
    };
    match style {
        Style::Html if whole => format!("{NOBR_OPEN}{text}{NOBR_CLOSE}"),
        _ => styled(text, style),
    }
}

/// Text as `style` wants it: unchanged for the web, GSM-safe punctuation for SMS.
fn styled(text: String, style: Style) -> String {
    match style {
        Style::Web | Style::Html => text,
        Style::Sms => sms_safe(&text),
    }
}

/// A duration in whole units, largest first: "6 hours 30 minutes", "6 小时 30 分钟".
pub fn format_compound(d: Duration, words: &dyn UnitWords) -> String {
    if d.0 == 0 {
        return format_duration(d, words);
    }
    let mut rest = d.0;
    let mut parts = Vec::new();
    for unit in Unit::ALL_LARGEST_FIRST {
        let n = rest / unit.seconds();
        if n > 0 {
            parts.push(format_duration(Duration(n * unit.seconds()), words));
            rest %= unit.seconds();
        }
    }
    parts.join(" ")
}

/// One end of a calendar total in a unit that reads well: exact under two days ("90
/// minutes", "6 hours 30 minutes"); from two days on, whole days, rounded outwards (`up` for
/// the upper end), so a total never promises less than its steps do: "5–21 days", not
/// "125–496 hours".
fn readable_end(d: Duration, up: bool) -> Duration {
    let day = Unit::Day.seconds();
    if d.0 < 2 * day || d.0 % day == 0 {
        d
    } else if up {
        Duration(d.0.div_ceil(day) * day)
    } else {
        Duration(d.0 / day * day)
    }
}

/// A sum of calendar waits. Up to two days: exact, like a fact when each end reads well in
/// one unit, else each end in compound units ("2 hours to 6 hours 30 minutes"). From two
/// days on: whole days, rounded outwards ("5–21 days"; "30 minutes to 3 days").
fn format_calendar_total(r: WaitRange, words: &dyn UnitWords, style: Style) -> String {
    let day = Unit::Day.seconds();
    let mixed = |a: String, b: String| {
        styled(template(words, "range_mixed", "{min} to {max}").replace("{min}", &a).replace("{max}", &b), style)
    };
    if r.max.0 >= 2 * day {
        let (lo, hi) = (readable_end(r.min, false), readable_end(r.max, true));
        return if lo.0 % day == 0 && lo.0 > 0 {
            format_range(WaitRange { min: lo, max: hi, working: false }, words, style)
        } else {
            mixed(format_compound(lo, words), format_duration(hi, words))
        };
    }
    // Under 2 hours one unit reads well ("90 minutes"); above, only whole hours do.
    let one_unit = |d: Duration| d.0 < 7200 || d.0 % 3600 == 0;
    if one_unit(r.min) && one_unit(r.max) {
        format_range(r, words, style)
    } else if r.min == r.max {
        styled(format_compound(r.max, words), style)
    } else {
        mixed(format_compound(r.min, words), format_compound(r.max, words))
    }
}

/// A step list's total: calendar time and working days apart, joined by the locale's
/// `total_plus` ("2 hours, plus 3–5 working days"), since the two never add up.
pub fn format_total(t: Total, words: &dyn UnitWords, style: Style) -> String {
    let calendar = t.calendar.map(|r| format_calendar_total(r, words, style));
    let working = t.working.map(|r| format_range(r, words, style));
    match (calendar, working) {
        (Some(c), Some(w)) => {
            styled(template(words, "total_plus", "{a}, plus {b}").replace("{a}", &c).replace("{b}", &w), style)
        }
        (c, w) => c.or(w).unwrap_or_default(),
    }
}

/// Replace typographic punctuation that would force an SMS into UCS-2.
pub fn sms_safe(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '–' | '—' | '‒' | '−' => '-',
            '‘' | '’' | '‚' => '\'',
            '“' | '”' | '„' => '"',
            '\u{a0}' | '\u{202f}' => ' ',
            other => other,
        })
        .collect()
}

impl Fact {
    pub fn wait(&self) -> Option<WaitRange> {
        match self.value {
            FactValue::Wait(r) => Some(r),
            FactValue::Text(_) => None,
        }
    }

    /// Render this fact (or its min / max) for a locale. `None` when `.min`/`.max` is asked of
    /// a text fact.
    pub fn render(
        &self,
        part: Part,
        locale: &str,
        default_locale: &str,
        words: &dyn UnitWords,
        style: Style,
    ) -> Option<String> {
        match (&self.value, part) {
            (FactValue::Wait(r), Part::Whole) => Some(format_range(*r, words, style)),
            (FactValue::Wait(r), Part::Min) => Some(format_range(r.at(r.min), words, style)),
            (FactValue::Wait(r), Part::Max) => Some(format_range(r.at(r.max), words, style)),
            (FactValue::Text(t), Part::Whole) => {
                let s = t.get(locale, default_locale);
                Some(match style {
                    Style::Web | Style::Html => s.to_string(),
                    Style::Sms => sms_safe(s),
                })
            }
            (FactValue::Text(_), _) => None,
        }
    }
}

/// A measured wait fact `er.triage` of `wait` (`live` as given): what the live-quote and
/// audit tests start from.
#[cfg(test)]
pub(crate) fn measured_wait(wait: &str, live: bool) -> Fact {
    Fact {
        id: "er.triage".into(),
        span: 0..0,
        value: FactValue::Wait(WaitRange::parse(wait).unwrap_or_default()),
        label: None,
        label_texts: Vec::new(),
        tier: None,
        measured: Some("data/waits.csv".into()),
        measured_span: 0..0,
        live,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| ((*k).to_string(), (*v).to_string())).collect()
    }

    #[test]
    fn totals_are_exact() {
        let w = words(&[
            ("unit.minute.other", "minutes"),
            ("unit.hour.other", "hours"),
            ("unit.hour.one", "hour"),
            ("unit.day.one", "day"),
            ("unit.day.other", "days"),
            ("unit.working_day.other", "working days"),
        ]);
        let range = |a: u64, b: u64| WaitRange { min: Duration(a * 60), max: Duration(b * 60), working: false };
        let r = |a: u64, b: u64| Total { calendar: Some(range(a, b)), working: None };
        assert_eq!(format_total(r(120, 390), &w, Style::Web), "2 hours to 6 hours 30 minutes");
        assert_eq!(format_total(r(45, 165), &w, Style::Web), "45 minutes to 2 hours 45 minutes");
        assert_eq!(format_total(r(60, 180), &w, Style::Web), "1–3 hours");
        assert_eq!(format_total(r(30, 120), &w, Style::Web), "30 minutes to 2 hours");
        assert_eq!(format_total(r(90, 90), &w, Style::Web), "90 minutes");
        // From two days on, whole days rounded outwards: never "125–496 hours".
        assert_eq!(format_total(r(125 * 60, 496 * 60), &w, Style::Web), "5–21 days");
        assert_eq!(format_total(r(30, 3 * 24 * 60), &w, Style::Web), "30 minutes to 3 days");
        assert_eq!(format_total(r(30 * 60, 50 * 60), &w, Style::Web), "1 day 6 hours to 3 days");
        // Working days never add to calendar time: the total says both.
        let days = |a: u64, b: u64| WaitRange { working: true, ..range(a * 24 * 60, b * 24 * 60) };
        let both = Total { calendar: Some(range(60, 120)), working: Some(days(3, 5)) };
        assert_eq!(format_total(both, &w, Style::Web), "1–2 hours, plus 3–5 working days");
        assert_eq!(format_total(Total { calendar: None, working: Some(days(2, 2)) }, &w, Style::Web), "2 working days");
    }

    #[test]
    fn sms_style_is_gsm_safe() {
        let w = words(&[("unit.minute.other", "minutes")]);
        let r = WaitRange::parse("10m..30m").unwrap_or_default();
        assert_eq!(format_range(r, &w, Style::Web), "10–30 minutes");
        assert_eq!(format_range(r, &w, Style::Html), "\u{FDD0}10–30 minutes\u{FDD1}");
        assert_eq!(format_range(r, &w, Style::Sms), "10-30 minutes");
    }
}
