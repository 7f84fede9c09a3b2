//! Facts and dates rendered into words in every built-in locale, with the SPEC's plural and
//! unit cases.

use upfront::load::built_in_strings;
use upfront::model::dates::{format_date, format_datetime};
use upfront::model::duration::WaitRange;
use upfront::model::fact::{Style, format_duration, format_range};

fn range(locale: &str, text: &str, style: Style) -> String {
    let r = WaitRange::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
    format_range(r, &built_in_strings(locale), style)
}

#[test]
fn english() {
    let web = |t| range("en", t, Style::Web);
    assert_eq!(web("10m..30m"), "10–30 minutes");
    assert_eq!(web("1h"), "1 hour");
    assert_eq!(web("2h"), "2 hours");
    assert_eq!(web("1m"), "1 minute");
    assert_eq!(web("90m"), "90 minutes");
    assert_eq!(web("30m..2h"), "30 minutes to 2 hours");
    assert_eq!(web("1d..2d"), "1–2 days");
    assert_eq!(web("1d"), "1 day");
    assert_eq!(web("45s..90s"), "45–90 seconds");
    assert_eq!(web("90s..2m"), "90 seconds to 2 minutes");
    assert_eq!(range("en", "10m..30m", Style::Sms), "10-30 minutes");
}

#[test]
fn chinese() {
    let web = |t| range("zh", t, Style::Web);
    assert_eq!(web("10m..30m"), "10–30 分钟");
    assert_eq!(web("30m..2h"), "30 分钟至 2 小时");
    assert_eq!(web("1h"), "1 小时");
    assert_eq!(web("2d"), "2 天");
    assert_eq!(range("zh", "10m..30m", Style::Sms), "10-30 分钟");
}

#[test]
fn hungarian() {
    let web = |t| range("hu", t, Style::Web);
    assert_eq!(web("10m..30m"), "10–30 perc");
    assert_eq!(web("30m..2h"), "30 perc – 2 óra");
    assert_eq!(web("1h"), "1 óra");
    assert_eq!(web("3h"), "3 óra");
    assert_eq!(web("2d"), "2 nap");
    assert_eq!(range("hu", "30m..2h", Style::Sms), "30 perc - 2 óra");
}

#[test]
fn min_and_max_render_one_end() {
    let r = WaitRange::parse("10m..30m").unwrap_or_default();
    assert_eq!(format_duration(r.max, &built_in_strings("en")), "30 minutes");
    assert_eq!(format_duration(r.min, &built_in_strings("zh")), "10 分钟");
    assert_eq!(format_duration(r.max, &built_in_strings("hu")), "30 perc");
}

#[test]
fn a_locale_without_strings_falls_back_to_english() {
    assert_eq!(range("de", "10m..30m", Style::Web), "10–30 minutes");
}

#[test]
fn working_days_in_every_locale() {
    assert_eq!(range("en", "3wd..5wd", Style::Web), "3–5 working days");
    assert_eq!(range("en", "1wd", Style::Web), "1 working day");
    assert_eq!(range("zh", "3wd..5wd", Style::Web), "3–5 个工作日");
    assert_eq!(range("hu", "3wd..5wd", Style::Web), "3–5 munkanap");
    assert_eq!(range("en", "3wd..5wd", Style::Sms), "3-5 working days");
}

#[test]
fn dates_read_as_each_language_writes_them() {
    let d = jiff::civil::date(2026, 12, 20);
    let at = d.at(9, 5, 0, 0);
    for (locale, date, datetime) in [
        ("en", "20 December 2026", "20 December 2026, 09:05"),
        ("zh", "2026年12月20日", "2026年12月20日 09:05"),
        ("hu", "2026. december 20.", "2026. december 20. 09:05"),
    ] {
        let words = built_in_strings(locale);
        assert_eq!(format_date(d, &words), date);
        assert_eq!(format_datetime(at, &words), datetime);
    }
    let none = std::collections::BTreeMap::new();
    assert_eq!(format_date(d, &none), "2026-12-20", "without strings: ISO-like");
}
