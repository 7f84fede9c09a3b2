//! Dates and times as each language writes them ("20 December 2026", "2026年12月20日",
//! "2026. december 20."), from the UI strings (`date`, `datetime`, `month.1`…`month.12`).
//! Pure functions; machine-readable forms (`datetime=` attributes, JSON) stay ISO 8601.

use super::fact::UnitWords;

fn fill(words: &dyn UnitWords, key: &str, fallback: &str) -> String {
    words.word(key).unwrap_or(fallback).to_string()
}

/// A calendar date in the locale's words: "20 December 2026".
pub fn format_date(d: jiff::civil::Date, words: &dyn UnitWords) -> String {
    let month = words.word(&format!("month.{}", d.month())).map_or_else(|| format!("{:02}", d.month()), str::to_string);
    fill(words, "date", "{year}-{m}-{d}")
        .replace("{year}", &d.year().to_string())
        .replace("{month}", &month)
        .replace("{m}", &d.month().to_string())
        .replace("{d}", &d.day().to_string())
}

/// A date and a 24-hour clock time in the locale's words: "20 December 2026, 14:30".
pub fn format_datetime(dt: jiff::civil::DateTime, words: &dyn UnitWords) -> String {
    let time = format!("{:02}:{:02}", dt.hour(), dt.minute());
    fill(words, "datetime", "{date} {time}").replace("{date}", &format_date(dt.date(), words)).replace("{time}", &time)
}
