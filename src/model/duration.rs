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
}

impl Unit {
    pub const ALL_LARGEST_FIRST: [Unit; 4] = [Unit::Day, Unit::Hour, Unit::Minute, Unit::Second];

    pub fn seconds(self) -> u64 {
        match self {
            Unit::Second => 1,
            Unit::Minute => 60,
            Unit::Hour => 3600,
            Unit::Day => 86_400,
        }
    }

    /// The one-letter suffix used in `facts.yaml` (`s`, `m`, `h`, `d`).
    pub fn suffix(self) -> &'static str {
        match self {
            Unit::Second => "s",
            Unit::Minute => "m",
            Unit::Hour => "h",
            Unit::Day => "d",
        }
    }

    fn from_suffix(s: &str) -> Option<Unit> {
        Unit::ALL_LARGEST_FIRST.into_iter().find(|u| u.suffix() == s)
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
        let t = text.trim();
        let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        let (num, unit) = t.split_at(split);
        if num.is_empty() {
            return Err(format!("`{t}` does not start with a number"));
        }
        let unit = Unit::from_suffix(unit.trim())
            .ok_or_else(|| format!("`{t}` has no unit `s`, `m`, `h` or `d` right after the number"))?;
        let n: u64 = num.parse().map_err(|_| format!("`{num}` is too large"))?;
        n.checked_mul(unit.seconds()).map(Duration).ok_or_else(|| format!("`{t}` is too large"))
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (n, u) = self.in_largest_unit();
        write!(f, "{n}{}", u.suffix())
    }
}

/// A promised wait: `min..max` (a single value has min = max).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct WaitRange {
    pub min: Duration,
    pub max: Duration,
}

impl WaitRange {
    /// Parse `5m..15m` or `2d`. The error says what is wrong and shows the right form.
    pub fn parse(text: &str) -> Result<WaitRange, String> {
        let form = "write a duration such as `15m`, or a range such as `5m..15m` (units s, m, h, d)";
        let parsed = if let Some((a, b)) = text.split_once("..") {
            {
                let min = Duration::parse(a).map_err(|e| format!("{e}; {form}"))?;
                let max = Duration::parse(b).map_err(|e| format!("{e}; {form}"))?;
                if min > max {
                    return Err(format!(
                        "the range `{}` starts above its end; write the smaller value first: `{}..{}`",
                        text.trim(),
                        b.trim(),
                        a.trim()
                    ));
                }
                WaitRange { min, max }
            }
        } else {
            let d = Duration::parse(text).map_err(|e| format!("{e}; {form}"))?;
            WaitRange { min: d, max: d }
        };
        Ok(parsed)
    }

    /// Sum of minimums to sum of maximums.
    pub fn sum<'a>(ranges: impl IntoIterator<Item = &'a WaitRange>) -> WaitRange {
        ranges.into_iter().fold(WaitRange::default(), |acc, r| WaitRange {
            min: Duration(acc.min.0.saturating_add(r.min.0)),
            max: Duration(acc.max.0.saturating_add(r.max.0)),
        })
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
    fn largest_exact_unit() {
        assert_eq!(Duration(5400).in_largest_unit(), (90, Unit::Minute));
        assert_eq!(Duration(7200).in_largest_unit(), (2, Unit::Hour));
        assert_eq!(Duration(90).in_largest_unit(), (90, Unit::Second));
    }
}
