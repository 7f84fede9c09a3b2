//! Live quotes: from measured waits and a moment `now`, the honest range to show right now
//! (`status.json` `live`). Pure: the caller reads the clock and the files.

use std::collections::BTreeMap;

use serde::Serialize;

use super::config::LiveConfig;
use super::duration::{Duration, WaitRange};
use super::stats::nearest_rank_sorted;
use super::{Fact, Measurement};

/// The weeks the same-hour fallback looks back.
pub const SAME_HOUR_WEEKS: i64 = 8;
/// Quote ends are rounded up to a multiple of this many minutes.
pub const ROUND_TO_MINUTES: u64 = 5;

/// `live:` of `upfront.yaml` with its defaults filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    pub every: Duration,
    pub window: Duration,
    pub min_samples: usize,
    pub low_percentile: u32,
    pub high_percentile: u32,
    pub stale_after: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            every: Duration(60),
            window: Duration(2 * 3600),
            min_samples: 8,
            low_percentile: 50,
            high_percentile: 90,
            stale_after: Duration(15 * 60),
        }
    }
}

impl Settings {
    /// The settings of `live:` (values the loader refused fall back to the defaults).
    pub fn from_config(c: &LiveConfig) -> Self {
        let d = Self::default();
        let dur = |v: &Option<String>, def: Duration| {
            v.as_deref().and_then(|t| Duration::parse(t).ok()).filter(|x| x.0 > 0).unwrap_or(def)
        };
        Self {
            every: dur(&c.every, d.every),
            window: dur(&c.window, d.window),
            min_samples: c.min_samples.filter(|n| *n > 0).map_or(d.min_samples, |n| n as usize),
            low_percentile: c.low_percentile.filter(|p| (1..=100).contains(p)).unwrap_or(d.low_percentile),
            high_percentile: c.high_percentile.filter(|p| (1..=100).contains(p)).unwrap_or(d.high_percentile),
            stale_after: dur(&c.stale_after, d.stale_after),
        }
    }
}

/// Where a quote's numbers come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// Waits that started within `live.window` before now.
    Window,
    /// Too few in the window: waits that started in the same hour of the week, last 8 weeks.
    SameHour,
    /// No waits at all: the promised range.
    Promise,
}

impl Basis {
    /// The name `status.json` uses.
    pub fn name(self) -> &'static str {
        match self {
            Basis::Window => "window",
            Basis::SameHour => "same-hour",
            Basis::Promise => "promise",
        }
    }
}

/// One live quote, as `status.json` carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    pub low: u64,
    pub high: u64,
    /// Always `"minutes"`.
    pub unit: &'static str,
    /// How many measured waits the quote is computed from (0 for the promise).
    pub n: usize,
    pub basis: Basis,
    /// When it was computed (RFC 3339, UTC).
    pub updated: String,
    /// After this moment (RFC 3339, UTC) pages show the promise instead.
    pub stale_after: String,
    /// `high` is above the promised maximum.
    pub over_promise: bool,
}

/// `minutes` rounded up to the next multiple of 5 (20 stays 20, 20.1 becomes 25).
#[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a wait in minutes ≥ 0, ceiled")]
pub fn round_up(minutes: f64) -> u64 {
    let step = 5.0;
    ((minutes.max(0.0) / step).ceil() * step) as u64
}

/// A promised range in whole minutes, each end rounded up.
fn promise_minutes(range: WaitRange) -> (u64, u64) {
    (range.min.0.div_ceil(60), range.max.0.div_ceil(60))
}

/// The moments the same-hour fallback looks at: the local hour of `now`, 1 to 8 weeks back
/// (in civil time, so a daylight-saving change keeps the clock hour).
pub fn same_hour_slots(now: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> Vec<(jiff::Timestamp, jiff::Timestamp)> {
    let trunc = jiff::civil::DateTimeRound::new().smallest(jiff::Unit::Hour).mode(jiff::RoundMode::Trunc);
    let Ok(hour) = tz.to_datetime(now).round(trunc) else { return Vec::new() };
    (1..=SAME_HOUR_WEEKS)
        .filter_map(|k| {
            let start = tz.to_timestamp(hour.checked_sub(jiff::Span::new().weeks(k)).ok()?).ok()?;
            let end = start.checked_add(jiff::SignedDuration::from_hours(1)).ok()?;
            Some((start, end))
        })
        .collect()
}

/// The quote for `fact` at `now` from its measured waits `rows` (any order).
pub fn quote(
    fact: &Fact,
    rows: &[Measurement],
    now: jiff::Timestamp,
    tz: &jiff::tz::TimeZone,
    s: &Settings,
) -> Option<Quote> {
    let range = fact.wait()?;
    let (promise_low, promise_high) = promise_minutes(range);
    let window = jiff::SignedDuration::from_secs(i64::try_from(s.window.0).unwrap_or(i64::MAX));
    let from = now.checked_sub(window).unwrap_or(jiff::Timestamp::MIN);
    let mut picked: Vec<f64> =
        rows.iter().filter(|m| m.started > from && m.started <= now).map(|m| m.minutes).collect();
    let mut basis = Basis::Window;
    if picked.len() < s.min_samples {
        let slots = same_hour_slots(now, tz);
        picked = rows
            .iter()
            .filter(|m| slots.iter().any(|(a, b)| m.started >= *a && m.started < *b))
            .map(|m| m.minutes)
            .collect();
        basis = Basis::SameHour;
    }
    picked.sort_by(f64::total_cmp);
    let stale = now
        .checked_add(jiff::SignedDuration::from_secs(i64::try_from(s.stale_after.0).unwrap_or(i64::MAX)))
        .unwrap_or(jiff::Timestamp::MAX);
    let (low, high, n, basis) =
        match (nearest_rank_sorted(&picked, s.low_percentile), nearest_rank_sorted(&picked, s.high_percentile)) {
            (Some(lo), Some(hi)) => {
                let (lo, hi) = (round_up(lo), round_up(hi));
                // A range, never one point: equal ends become a 5-minute range upwards.
                (lo, if hi > lo { hi } else { lo + ROUND_TO_MINUTES }, picked.len(), basis)
            }
            _ => (promise_low, promise_high, 0, Basis::Promise),
        };
    Some(Quote {
        low,
        high,
        unit: "minutes",
        n,
        basis,
        updated: rfc3339(now),
        stale_after: rfc3339(stale),
        over_promise: basis != Basis::Promise && high > promise_high,
    })
}

/// The quotes of every fact with `live: true` that the widest tier may see (as `status.json`
/// carries only those), by fact id.
pub fn quotes(
    config: &super::Config,
    facts: &BTreeMap<String, Fact>,
    measurements: &BTreeMap<String, Vec<Measurement>>,
    now: jiff::Timestamp,
) -> BTreeMap<String, Quote> {
    let settings = Settings::from_config(&config.live);
    let tz = config.time_zone();
    let widest = config.widest_tier();
    facts
        .values()
        .filter(|f| f.live && f.tier.as_deref().is_none_or(|t| t == widest))
        .filter_map(|f| {
            let rows = measurements.get(&f.id).map_or(&[][..], Vec::as_slice);
            Some((f.id.clone(), quote(f, rows, now, &tz, &settings)?))
        })
        .collect()
}

/// RFC 3339 in UTC to the second: `2026-11-23T09:42:00Z`.
pub fn rfc3339(t: jiff::Timestamp) -> String {
    t.round(jiff::Unit::Second).unwrap_or(t).strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(wait: &str) -> Fact {
        crate::model::fact::measured_wait(wait, true)
    }

    fn at(t: &str) -> jiff::Timestamp {
        t.parse().unwrap_or(jiff::Timestamp::UNIX_EPOCH)
    }

    fn rows(list: &[(&str, f64)]) -> Vec<Measurement> {
        list.iter().map(|(t, m)| Measurement { started: at(t), minutes: *m }).collect()
    }

    #[test]
    fn rounds_up_to_five() {
        assert_eq!(round_up(0.0), 0);
        assert_eq!(round_up(20.0), 20);
        assert_eq!(round_up(20.1), 25);
        assert_eq!(round_up(31.0), 35);
        assert_eq!(round_up(-3.0), 0);
    }

    #[test]
    fn window_quote_by_hand() {
        // 10 waits in the last 2 hours: 12 14 16 18 21 23 27 29 33 41.
        // p50 = 5th = 21 → 25; p90 = 9th = 33 → 35. Promise 10m..30m: 35 > 30, over.
        let minutes = [12.0, 14.0, 16.0, 18.0, 21.0, 23.0, 27.0, 29.0, 33.0, 41.0];
        let mut list: Vec<Measurement> = minutes
            .iter()
            .enumerate()
            .map(|(i, m)| Measurement {
                started: at("2026-11-23T10:00:00Z")
                    - jiff::SignedDuration::from_mins(i64::try_from(i).unwrap_or(0) * 10),
                minutes: *m,
            })
            .collect();
        // Outside the window (2 h 30 before now): ignored.
        list.extend(rows(&[("2026-11-23T07:30:00Z", 500.0)]));
        let q =
            quote(&fact("10m..30m"), &list, at("2026-11-23T10:00:00Z"), &jiff::tz::TimeZone::UTC, &Settings::default());
        let q = q.unwrap_or_else(|| panic!("a wait fact has a quote"));
        assert_eq!((q.low, q.high, q.n, q.basis, q.over_promise), (25, 35, 10, Basis::Window, true));
        assert_eq!(q.updated, "2026-11-23T10:00:00Z");
        assert_eq!(q.stale_after, "2026-11-23T10:15:00Z");
        // Percentiles configurable: p25 = 3rd = 16 → 20, p75 = 8th = 29 → 30 (within the promise).
        let s = Settings { low_percentile: 25, high_percentile: 75, ..Settings::default() };
        let q = quote(&fact("10m..30m"), &list, at("2026-11-23T10:00:00Z"), &jiff::tz::TimeZone::UTC, &s);
        assert_eq!(q.map(|q| (q.low, q.high, q.over_promise)), Some((20, 30, false)));
    }

    #[test]
    fn same_hour_fallback_then_promise() {
        // Now: Monday 2026-11-23 10:20 in Budapest (09:20 UTC). Two waits in the window (< 8),
        // so the same hour (10:00–11:00 local) of the 8 Mondays before counts.
        let list = rows(&[
            ("2026-11-23T09:10:00Z", 100.0),
            ("2026-11-23T09:15:00Z", 100.0),
            ("2026-11-16T09:05:00Z", 10.0),  // Monday 10:05 local, 1 week back
            ("2026-11-09T09:59:00Z", 20.0),  // 2 weeks back, 10:59 local
            ("2026-09-28T08:30:00Z", 30.0),  // 8 weeks back, 10:30 local (summer time, UTC+2)
            ("2026-11-16T10:05:00Z", 900.0), // 11:05 local: another hour
            ("2026-09-21T08:30:00Z", 900.0), // 9 weeks back: too old
        ]);
        let tz = jiff::tz::TimeZone::get("Europe/Budapest").unwrap_or(jiff::tz::TimeZone::UTC);
        let s = Settings::default();
        let q = quote(&fact("10m..30m"), &list, at("2026-11-23T09:20:00Z"), &tz, &s);
        // p50 of 10 20 30 = 2nd = 20; p90 = 3rd = 30.
        assert_eq!(q.map(|q| (q.low, q.high, q.n, q.basis, q.over_promise)), Some((20, 30, 3, Basis::SameHour, false)));
        // No waits at all: the promise, 1h..2h as 60–120, never over.
        let q = quote(&fact("1h..2h"), &[], at("2026-11-23T09:20:00Z"), &tz, &s);
        assert_eq!(q.map(|q| (q.low, q.high, q.n, q.basis, q.over_promise)), Some((60, 120, 0, Basis::Promise, false)));
    }

    #[test]
    fn equal_ends_make_a_range() {
        let list = rows(&[("2026-11-23T09:50:00Z", 20.0)]);
        let s = Settings { min_samples: 1, ..Settings::default() };
        let q = quote(&fact("10m..30m"), &list, at("2026-11-23T10:00:00Z"), &jiff::tz::TimeZone::UTC, &s);
        assert_eq!(q.map(|q| (q.low, q.high)), Some((20, 25)));
    }

    #[test]
    fn settings_defaults_and_overrides() {
        let c = LiveConfig {
            every: Some("30s".into()),
            window: Some("1h".into()),
            min_samples: Some(3),
            low_percentile: None,
            high_percentile: Some(80),
            stale_after: Some("nonsense".into()),
        };
        let s = Settings::from_config(&c);
        assert_eq!(
            (s.every.0, s.window.0, s.min_samples, s.low_percentile, s.high_percentile, s.stale_after.0),
            (30, 3600, 3, 50, 80, 900)
        );
    }
}
