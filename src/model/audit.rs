//! The promise audit: per wait fact with measured data, per ISO week (in the site's time
//! zone), how many waits, their median and high percentile, and the share within the promised
//! range, joined with survey scores by week; and a plain recommendation. Pure: no I/O.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Fact;
use super::Measurement;
use super::live::round_up;
use super::stats::nearest_rank_sorted;

/// One answer of a survey or complaints file: its day, and a score and/or a text.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyRow {
    pub date: jiff::civil::Date,
    pub score: Option<f64>,
    pub text: bool,
}

/// Survey answers of one week.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurveyWeek {
    /// Answers (scores and texts).
    pub answers: usize,
    /// The mean score of the answers with a score; `None` when none has one.
    pub mean_score: Option<f64>,
    /// Answers with a free text (complaints, comments).
    pub texts: usize,
}

/// One ISO week of one fact.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[expect(clippy::struct_field_names, reason = "`week` is the key of `audit --format json`")]
pub struct Week {
    /// `2026-W45`.
    pub week: String,
    /// Its Monday.
    pub monday: String,
    pub n: usize,
    /// Minutes; `None` in a week without waits (a week with only survey answers).
    pub median: Option<f64>,
    pub high: Option<f64>,
    /// Share of the waits within the promised range, 0 to 1.
    pub within: Option<f64>,
    /// Share of the waits longer than the promised maximum, 0 to 1.
    pub over: Option<f64>,
    pub survey: Option<SurveyWeek>,
}

/// The audit of one fact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactAudit {
    pub id: String,
    /// The promise in minutes (each end rounded up to a whole minute).
    pub promise_min: u64,
    pub promise_max: u64,
    /// The percentile `high` is (`checks.wait_percentile`, default 90).
    pub percentile: u32,
    /// Over the whole period.
    pub n: usize,
    pub median: f64,
    pub high: f64,
    pub within: f64,
    pub over: f64,
    pub weeks: Vec<Week>,
    pub recommendation: String,
}

/// The ISO week of `t` in `tz`: its label and its Monday.
fn week_of(date: jiff::civil::Date) -> (String, jiff::civil::Date) {
    let iso = date.iso_week_date();
    let monday =
        date.checked_sub(jiff::Span::new().days(i64::from(iso.weekday().to_monday_zero_offset()))).unwrap_or(date);
    (format!("{}-W{:02}", iso.year(), iso.week()), monday)
}

/// Shares of `sorted` minutes within `[min, max]` and above `max`.
#[expect(clippy::cast_precision_loss, reason = "counts of waits are far below 2^52")]
fn shares(sorted: &[f64], min: u64, max: u64) -> (f64, f64) {
    if sorted.is_empty() {
        return (0.0, 0.0);
    }
    let (min, max) = (minutes_f64(min), minutes_f64(max));
    let n = sorted.len() as f64;
    let within = sorted.iter().filter(|m| **m >= min && **m <= max).count() as f64;
    let over = sorted.iter().filter(|m| **m > max).count() as f64;
    (within / n, over / n)
}

/// A share as a whole percentage, never rounded up to 100 nor down to 0 unless exact.
pub fn percent(share: f64) -> String {
    let p = (share * 100.0).round();
    let p = if p >= 100.0 && share < 1.0 {
        99.0
    } else if p <= 0.0 && share > 0.0 {
        1.0
    } else {
        p
    };
    format!("{p}%")
}

/// Whole minutes as a float for comparisons.
#[expect(clippy::cast_precision_loss, reason = "promised minutes are far below 2^52")]
pub fn minutes_f64(m: u64) -> f64 {
    m as f64
}

/// The plain recommendation for a fact.
fn recommend(min: u64, max: u64, percentile: u32, sorted: &[f64], high: f64, within: f64, over: f64) -> String {
    if high > minutes_f64(max) {
        let to = round_up(high);
        return format!(
            "Raise the maximum to {to} minutes to cover {percentile}% of waits: now {} of waits take longer than the promised {max} minutes.",
            percent(over)
        );
    }
    let under = 1.0 - within - over;
    let median = nearest_rank_sorted(sorted, 50).unwrap_or(0.0);
    if under >= 0.5 && min > 0 {
        return format!(
            "The promise holds, but {} of waits end before the promised minimum of {min} minutes (median {} minutes): consider a lower minimum.",
            percent(under),
            round1(median)
        );
    }
    format!(
        "The promise holds: {} of waits are within the promised range, {} end before it.",
        percent(within),
        percent(under)
    )
}

/// Minutes to one decimal, written plainly (`42`, `42.5`).
pub fn round1(m: f64) -> f64 {
    (m * 10.0).round() / 10.0
}

/// The audit of `fact` from `rows`, between `from` and `to` (days in `tz`, both included).
/// `None` for a text fact or without waits in the period.
pub fn audit_fact(
    fact: &Fact,
    rows: &[Measurement],
    tz: &jiff::tz::TimeZone,
    from: Option<jiff::civil::Date>,
    to: Option<jiff::civil::Date>,
    percentile: u32,
    survey: &[SurveyRow],
) -> Option<FactAudit> {
    let in_period = |date: jiff::civil::Date| !(from.is_some_and(|f| date < f) || to.is_some_and(|t| date > t));
    let range = fact.wait()?;
    let (min, max) = (range.min.0.div_ceil(60), range.max.0.div_ceil(60));
    let mut by_week: BTreeMap<String, (jiff::civil::Date, Vec<f64>)> = BTreeMap::new();
    let mut all = Vec::new();
    for m in rows {
        let date = tz.to_datetime(m.started).date();
        if !in_period(date) {
            continue;
        }
        let (label, monday) = week_of(date);
        by_week.entry(label).or_insert_with(|| (monday, Vec::new())).1.push(m.minutes);
        all.push(m.minutes);
    }
    if all.is_empty() {
        return None;
    }
    let mut answers: BTreeMap<String, (jiff::civil::Date, Vec<&SurveyRow>)> = BTreeMap::new();
    for s in survey.iter().filter(|s| in_period(s.date)) {
        let (label, monday) = week_of(s.date);
        answers.entry(label).or_insert_with(|| (monday, Vec::new())).1.push(s);
    }
    for (label, (monday, _)) in &answers {
        by_week.entry(label.clone()).or_insert_with(|| (*monday, Vec::new()));
    }
    let weeks = by_week
        .into_iter()
        .map(|(week, (monday, mut minutes))| {
            minutes.sort_by(f64::total_cmp);
            let (within, over) = shares(&minutes, min, max);
            let has = !minutes.is_empty();
            Week {
                monday: monday.to_string(),
                n: minutes.len(),
                median: nearest_rank_sorted(&minutes, 50),
                high: nearest_rank_sorted(&minutes, percentile),
                within: has.then_some(within),
                over: has.then_some(over),
                survey: answers.get(&week).map(|(_, rows)| survey_week(rows)),
                week,
            }
        })
        .collect();
    all.sort_by(f64::total_cmp);
    let (within, over) = shares(&all, min, max);
    let median = nearest_rank_sorted(&all, 50).unwrap_or(0.0);
    let high = nearest_rank_sorted(&all, percentile).unwrap_or(0.0);
    Some(FactAudit {
        id: fact.id.clone(),
        promise_min: min,
        promise_max: max,
        percentile,
        n: all.len(),
        median,
        high,
        within,
        over,
        recommendation: recommend(min, max, percentile, &all, high, within, over),
        weeks,
    })
}

#[expect(clippy::cast_precision_loss, reason = "counts of answers are far below 2^52")]
fn survey_week(rows: &[&SurveyRow]) -> SurveyWeek {
    let scores: Vec<f64> = rows.iter().filter_map(|r| r.score).collect();
    SurveyWeek {
        answers: rows.len(),
        mean_score: (!scores.is_empty()).then(|| round1(scores.iter().sum::<f64>() / scores.len() as f64)),
        texts: rows.iter().filter(|r| r.text).count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(wait: &str) -> Fact {
        crate::model::fact::measured_wait(wait, false)
    }

    fn row(t: &str, minutes: f64) -> Measurement {
        Measurement { started: t.parse().unwrap_or(jiff::Timestamp::UNIX_EPOCH), minutes }
    }

    #[test]
    fn weeks_by_hand() {
        // Week 2026-W45 (Mon 2 Nov): 5 15 25 35 → median 15 (2nd), p90 35 (4th); within
        // 10..30: 15, 25 = 50%; over: 35 = 25%. Week W46: 20 20 → within 100%.
        let rows = [
            row("2026-11-02T08:00:00Z", 5.0),
            row("2026-11-03T08:00:00Z", 15.0),
            row("2026-11-06T08:00:00Z", 25.0),
            row("2026-11-08T22:00:00Z", 35.0), // Sunday 23:00 in Budapest: still W45
            row("2026-11-08T23:30:00Z", 20.0), // Monday 00:30 in Budapest: W46
            row("2026-11-10T08:00:00Z", 20.0),
        ];
        let tz = jiff::tz::TimeZone::get("Europe/Budapest").unwrap_or(jiff::tz::TimeZone::UTC);
        let survey = [
            SurveyRow { date: jiff::civil::date(2026, 11, 4), score: Some(4.0), text: false },
            SurveyRow { date: jiff::civil::date(2026, 11, 5), score: Some(3.0), text: true },
        ];
        let a = audit_fact(&fact("10m..30m"), &rows, &tz, None, None, 90, &survey);
        let a = a.unwrap_or_else(|| panic!("a wait fact with waits has an audit"));
        assert_eq!(a.weeks.len(), 2);
        let w = &a.weeks[0];
        assert_eq!((w.week.as_str(), w.monday.as_str(), w.n), ("2026-W45", "2026-11-02", 4));
        assert_eq!((w.median, w.high, w.within, w.over), (Some(15.0), Some(35.0), Some(0.5), Some(0.25)));
        assert_eq!(w.survey, Some(SurveyWeek { answers: 2, mean_score: Some(3.5), texts: 1 }));
        let w = &a.weeks[1];
        assert_eq!((w.week.as_str(), w.n, w.within, w.survey.is_none()), ("2026-W46", 2, Some(1.0), true));
        // All six: 5 15 20 20 25 35 → p90 = 6th = 35 > 30: raise to 35.
        assert_eq!((a.n, a.median, a.high), (6, 20.0, 35.0));
        assert_eq!(
            a.recommendation,
            "Raise the maximum to 35 minutes to cover 90% of waits: now 17% of waits take longer than the promised 30 minutes."
        );
        // --from cuts the first week.
        let a = audit_fact(&fact("10m..40m"), &rows, &tz, Some(jiff::civil::date(2026, 11, 9)), None, 90, &[]);
        assert_eq!(
            a.map(|a| (a.n, a.recommendation)),
            Some((2, "The promise holds: 100% of waits are within the promised range, 0% end before it.".into()))
        );
    }

    #[test]
    fn percent_never_rounds_to_the_ends() {
        assert_eq!(percent(0.999), "99%");
        assert_eq!(percent(0.001), "1%");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(0.166), "17%");
    }

    #[test]
    fn shorter_than_promised() {
        let rows: Vec<Measurement> = (0..10).map(|i| row("2026-11-02T08:00:00Z", f64::from(i))).collect();
        let a = audit_fact(&fact("10m..30m"), &rows, &jiff::tz::TimeZone::UTC, None, None, 90, &[]);
        assert_eq!(
            a.map(|a| a.recommendation),
            Some("The promise holds, but 100% of waits end before the promised minimum of 10 minutes (median 4 minutes): consider a lower minimum.".into())
        );
    }
}
