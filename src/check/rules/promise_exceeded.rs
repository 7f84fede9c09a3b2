//! `promise-exceeded`: a wait fact whose measured waits, at `checks.wait_percentile`, run
//! longer than the maximum it promises. Reads `Site::measurements`; never the CSV itself.

use crate::check::rule::Rule;
use crate::diag::{Diagnostic, Level};
use crate::model::duration::Duration;
use crate::model::fact::format_duration;
use crate::model::stats::nearest_rank;
use crate::model::{Fact, Measurement, Site};

pub static RULE: Rule = Rule {
    id: "promise-exceeded",
    level: Level::Error,
    judges_text: false,
    summary: "measured waits at `wait_percentile` exceed the quoted maximum",
    doc: r"Finds a wait fact with measured data (`measured: data/waits.csv`) whose measured
waits, at the `checks.wait_percentile` percentile (nearest rank), are longer than the
maximum the fact promises. The finding points at the fact's `wait:` in `facts.yaml`.

**Why**: a quoted range is a promise. If one person in five waits longer than the range
says, the range is wrong, and people who were told 30 minutes and waited 45 trust the next
number less. A range that turns out generous builds trust.

**Bad**: `repair.arrival: { wait: 10m..30m, measured: data/waits.csv }` where the 90th
percentile of the measured arrival times is 42 minutes.

**Good**: `repair.arrival: { wait: 10m..45m, measured: data/waits.csv }`: the quoted maximum
covers 90% of the measured waits.

**Fix**: raise the maximum to at least the value the hint gives (every page quoting the
fact follows), or fix the process so the waits come down.

**Settings**: `checks.wait_percentile` (default 90). A fact without `measured:`, or whose
measured file has no rows for it, is not checked (nothing to compare; no finding).",
    run: |ctx, out| {
        if ctx.whole_site() {
            run(ctx.site, out);
        }
    },
};

const DEFAULT_PERCENTILE: u32 = 90;

/// Minutes written plainly: `42`, `42.5`.
fn minutes(m: f64) -> String {
    let rounded = (m * 10.0).round() / 10.0;
    format!("{rounded}")
}

/// The smallest whole-minute duration at or above `m` minutes, written as in facts.yaml.
#[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "m is a positive wait in minutes, ceiled")]
fn at_least(m: f64) -> Duration {
    Duration(m.ceil().max(0.0) as u64 * 60)
}

fn check_fact(site: &Site, fact: &Fact, rows: &[Measurement], percentile: u32, out: &mut Vec<Diagnostic>) {
    let Some(range) = fact.wait() else { return };
    let values: Vec<f64> = rows.iter().map(|m| m.minutes).collect();
    let Some(value) = nearest_rank(&values, percentile) else { return };
    #[expect(clippy::cast_precision_loss, reason = "a promised wait in seconds is far below 2^52")]
    let max_minutes = range.max.0 as f64 / 60.0;
    if value <= max_minutes {
        return;
    }
    let message = format!(
        "measured waits for `{}` exceed its promise: the {percentile}th percentile of {} measured waits is {} minutes, over the quoted maximum of {}",
        fact.id,
        values.len(),
        minutes(value),
        format_duration(range.max, site.strings(site.default_locale()))
    );
    let hint = format!(
        "raise the maximum to at least {} (`wait: {}..{}`), or shorten the real waits",
        at_least(value),
        range.min,
        at_least(value)
    );
    let d = RULE.finding("facts.yaml", Some(fact.span.clone()), message).with_hint(hint);
    out.push(d);
}

fn run(site: &Site, out: &mut Vec<Diagnostic>) {
    let percentile = site.config.checks.wait_percentile.unwrap_or(DEFAULT_PERCENTILE);
    for (id, rows) in &site.measurements {
        if let Some(fact) = site.facts.get(id) {
            check_fact(site, fact, rows, percentile, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(minutes(42.0), "42");
        assert_eq!(minutes(42.54), "42.5");
        assert_eq!(at_least(42.1).to_string(), "43m");
        assert_eq!(at_least(120.0).to_string(), "2h");
    }
}
