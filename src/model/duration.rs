//! Durations and wait ranges (`90s`, `5m..15m`, `30m..2h`, `2d`): parsing and comparison in
//! seconds. Pure data; rendering into words lives in `fact.rs`.

use std::fmt;

/// A unit a duration is written or rendered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    /// A working (business) day: counted like a day in seconds, never added to calendar time.
    WorkingDay,
}

impl Unit {
    pub const ALL_LARGEST_FIRST: [Unit; 4] = [Unit::Day, Unit::Hour, Unit::Minute, Unit::Second];

    pub fn seconds(self) -> u64 {
        match self {
            Unit::Second => 1,
            Unit::Minute => 60,
            Unit::Hour => 3600,
            Unit::Day | Unit::WorkingDay => 86_400,
        }
    }

    /// The one-letter suffix used in `facts.yaml` (`s`, `m`, `h`, `d`).
    pub fn suffix(self) -> &'static str {
        match self {
            Unit::Second => "s",
            Unit::Minute => "m",
            Unit::Hour => "h",
            Unit::Day => "d",
            Unit::WorkingDay => "wd",
        }
    }

    fn from_suffix(s: &str) -> Option<Unit> {
        Unit::ALL_LARGEST_FIRST.into_iter().chain([Unit::WorkingDay]).find(|u| u.suffix() == s)
    }
}

/// A duration in whole seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Duration(pub u64);

impl Duration {
    /// The largest unit that divides this duration exactly, and the count in it.
    pub fn in_largest_unit(self) -> (u64, Unit) {
        if self.0 == 0 {
            return (0, Unit::Minute);
        }
        Unit::ALL_LARGEST_FIRST
            .into_iter()
            .find(|u| self.0 % u.seconds() == 0)
            .map_or((self.0, Unit::Second), |u| (self.0 / u.seconds(), u))
    }

    /// Parse `90s`, `15m`, `2h`, `1d`.
    pub fn parse(text: &str) -> Result<Duration, String> {
        Duration::parse_unit(text).map(|(d, _)| d)
    }

    /// Parse `90s`, `15m`, `2h`, `1d`, `3wd`, with the unit it is written in.
    pub fn parse_unit(text: &str) -> Result<(Duration, Unit), String> {
        let t = text.trim();
        let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        let (num, unit) = t.split_at(split);
        if num.is_empty() {
            return Err(format!("`{t}` does not start with a number"));
        }
        let unit = Unit::from_suffix(unit.trim())
            .ok_or_else(|| format!("`{t}` has no unit `s`, `m`, `h`, `d` or `wd` right after the number"))?;
        let n: u64 = num.parse().map_err(|_| format!("`{num}` is too large"))?;
        n.checked_mul(unit.seconds()).map(|d| (Duration(d), unit)).ok_or_else(|| format!("`{t}` is too large"))
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (n, u) = self.in_largest_unit();
        write!(f, "{n}{}", u.suffix())
    }
}

/// A promised wait: `min..max` (a single value has min = max), in calendar time or in
/// working days (`3wd..5wd`: both ends in `wd`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct WaitRange {
    pub min: Duration,
    pub max: Duration,
    /// Whether the range counts working days (then both ends are whole days).
    pub working: bool,
}

impl WaitRange {
    /// Parse `5m..15m`, `2d` or `3wd..5wd`. The error says what is wrong and shows the right form.
    pub fn parse(text: &str) -> Result<WaitRange, String> {
        let form =
            "write a duration such as `15m`, or a range such as `5m..15m` (units s, m, h, d, and wd for working days)";
        let end = |t: &str| Duration::parse_unit(t).map_err(|e| format!("{e}; {form}"));
        let Some((a, b)) = text.split_once("..") else {
            let (d, unit) = end(text)?;
            return Ok(WaitRange { min: d, max: d, working: unit == Unit::WorkingDay });
        };
        let ((min, ua), (max, ub)) = (end(a)?, end(b)?);
        if (ua == Unit::WorkingDay) != (ub == Unit::WorkingDay) {
            return Err(format!(
                "the range `{}` mixes working days with calendar time; write both ends in working days (`3wd..5wd`) or both in calendar units (`3d..7d`)",
                text.trim()
            ));
        }
        if min > max {
            return Err(format!(
                "the range `{}` starts above its end; write the smaller value first: `{}..{}`",
                text.trim(),
                b.trim(),
                a.trim()
            ));
        }
        Ok(WaitRange { min, max, working: ua == Unit::WorkingDay })
    }

    /// The range with both ends at `d` (a fact's `.min` or `.max`), in the same kind of time.
    #[must_use]
    pub fn at(self, d: Duration) -> WaitRange {
        WaitRange { min: d, max: d, ..self }
    }

    /// Sum of minimums to sum of maximums (of one kind of time: see [`Total`]).
    pub fn sum<'a>(ranges: impl IntoIterator<Item = &'a WaitRange>) -> WaitRange {
        ranges.into_iter().fold(WaitRange::default(), |acc, r| WaitRange {
            min: Duration(acc.min.0.saturating_add(r.min.0)),
            max: Duration(acc.max.0.saturating_add(r.max.0)),
            working: r.working,
        })
    }
}

/// The total of a step list: calendar time and working days summed apart, since they never
/// add up ("2 hours, plus 3–5 working days").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Total {
    pub calendar: Option<WaitRange>,
    pub working: Option<WaitRange>,
}

impl Total {
    pub fn of<'a>(ranges: impl IntoIterator<Item = &'a WaitRange>) -> Option<Total> {
        let (working, calendar): (Vec<&WaitRange>, Vec<&WaitRange>) = ranges.into_iter().partition(|r| r.working);
        let total = Total {
            calendar: (!calendar.is_empty()).then(|| WaitRange::sum(calendar)),
            working: (!working.is_empty()).then(|| WaitRange::sum(working)),
        };
        (total.calendar.is_some() || total.working.is_some()).then_some(total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_durations_and_ranges() {
        assert_eq!(Duration::parse("90s"), Ok(Duration(90)));
        assert_eq!(Duration::parse("2d"), Ok(Duration(172_800)));
        let r = WaitRange::parse("30m..2h").unwrap_or_default();
        assert_eq!((r.min, r.max), (Duration(1800), Duration(7200)));
        let r = WaitRange::parse("2d").unwrap_or_default();
        assert_eq!(r.min, r.max);
        assert!(WaitRange::parse("5 mins..x").is_err());
        let e = WaitRange::parse("15m..5m").err().unwrap_or_default();
        assert!(e.contains("`5m..15m`"), "{e}");
        assert!(Duration::parse("99999999999999999999d").is_err());
    }

    #[test]
    fn working_days_are_their_own_kind_of_time() {
        let r = WaitRange::parse("3wd..5wd").unwrap_or_default();
        assert!(r.working);
        assert_eq!((r.min, r.max), (Duration(3 * 86_400), Duration(5 * 86_400)));
        assert!(WaitRange::parse("2wd").is_ok_and(|r| r.working && r.min == r.max));
        assert!(!WaitRange::parse("3d..5d").unwrap_or_default().working);
        let e = WaitRange::parse("2d..5wd").err().unwrap_or_default();
        assert!(e.contains("mixes working days with calendar time"), "{e}");
        let t = Total::of(&[
            WaitRange::parse("1h..2h").unwrap_or_default(),
            WaitRange::parse("3wd..5wd").unwrap_or_default(),
            WaitRange::parse("30m").unwrap_or_default(),
        ])
        .unwrap_or_default();
        assert_eq!(t.calendar.map(|r| (r.min.0, r.max.0)), Some((5400, 9000)));
        assert_eq!(t.working.map(|r| (r.min.0 / 86_400, r.max.0 / 86_400)), Some((3, 5)));
    }

    #[test]
    fn largest_exact_unit() {
        assert_eq!(Duration(5400).in_largest_unit(), (90, Unit::Minute));
        assert_eq!(Duration(7200).in_largest_unit(), (2, Unit::Hour));
        assert_eq!(Duration(90).in_largest_unit(), (90, Unit::Second));
    }
}
