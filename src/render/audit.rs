//! The promise audit as one self-contained HTML page (`audit/index.html`): per fact a
//! recommendation, an inline SVG chart (median and high percentile per week over the promised
//! band, survey scores beside), the same numbers in a table, and where the fact is quoted.
//! The SVG is written by hand: two polylines, a band and axes are shorter than a plotting
//! crate's setup, and the markup stays ours to make accessible. No clock, no I/O.
#![expect(clippy::cast_precision_loss, reason = "chart coordinates from week counts and minutes, far below 2^52")]
#![expect(clippy::many_single_char_names, reason = "a chart's a (audit), s (markup), n, h, x, y read plainly")]

use std::fmt::Write as _;

use crate::escape::xml as esc;
use crate::model::audit::{FactAudit, Week, percent, round1};

/// One fact of the report: its audit, what it measures, and where it is quoted.
pub struct AuditedFact {
    pub audit: FactAudit,
    pub label: Option<String>,
    /// `page (locale): channels`, one per use.
    pub quoted_in: Vec<String>,
}

const W: f64 = 640.0;
const H: f64 = 220.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 36.0;

const CSS: &str = "
:root { color: #1b1b1b; background: #fff; font: 16px/1.5 system-ui, -apple-system, 'Segoe UI', 'Noto Sans', sans-serif; }
body { max-width: 48rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; margin-top: 2.5rem; border-top: 2px solid #ccc; padding-top: 1rem; }
.rec { font-weight: 600; background: #f3f6fa; border-left: 4px solid #1f5fa8; padding: .5rem .75rem; }
.rec.over { border-left-color: #a1260d; background: #fbf1ef; }
figure { margin: 1rem 0; } svg { max-width: 100%; height: auto; }
.legend { display: flex; flex-wrap: wrap; gap: 1rem; list-style: none; padding: 0; margin: .25rem 0; }
.key { display: inline-block; width: 1.5rem; height: .6rem; margin-right: .3rem; vertical-align: middle; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid #999; padding: .25rem .5rem; text-align: right; }
th[scope=row], thead th:first-child { text-align: left; }
.scroll { overflow-x: auto; }
@media print {
  :root { font-size: 11pt; } body { max-width: none; padding: 0; }
  section { break-inside: avoid-page; } h2 { break-after: avoid; } .scroll { overflow: visible; }
  .rec { border: 1px solid #000; }
}
";

fn num(m: Option<f64>) -> String {
    m.map_or_else(|| "–".to_string(), |v| format!("{}", round1(v)))
}

/// A y-axis maximum: a round number of minutes above everything drawn.
fn y_max(a: &FactAudit) -> f64 {
    let top = a.weeks.iter().filter_map(|w| w.high).fold(a.promise_max as f64, f64::max);
    let step = if top > 120.0 {
        60.0
    } else if top > 40.0 {
        20.0
    } else {
        10.0
    };
    ((top * 1.1) / step).ceil().max(1.0) * step
}

fn x_of(i: usize, n: usize) -> f64 {
    let inner = W - LEFT - RIGHT;
    if n <= 1 { LEFT + inner / 2.0 } else { LEFT + inner * i as f64 / (n - 1) as f64 }
}

fn y_of(v: f64, max: f64) -> f64 {
    TOP + (H - TOP - BOTTOM) * (1.0 - (v / max).clamp(0.0, 1.0))
}

/// The line of one series (`None` weeks break the line).
fn series(out: &mut String, weeks: &[Week], max: f64, value: impl Fn(&Week) -> Option<f64>, colour: &str, dash: &str) {
    let n = weeks.len();
    let mut points = Vec::new();
    let flush = |points: &mut Vec<String>, out: &mut String| {
        if !points.is_empty() {
            let _ = write!(
                out,
                r#"<polyline fill="none" stroke="{colour}" stroke-width="2.5"{dash} points="{}"/>"#,
                points.join(" ")
            );
            points.clear();
        }
    };
    for (i, w) in weeks.iter().enumerate() {
        match value(w) {
            Some(v) => {
                let (x, y) = (x_of(i, n), y_of(v, max));
                points.push(format!("{x:.1},{y:.1}"));
                let _ = write!(out, r#"<circle cx="{x:.1}" cy="{y:.1}" r="3.5" fill="{colour}"/>"#);
            }
            None => flush(&mut points, out),
        }
    }
    flush(&mut points, out);
}

const MEDIAN: &str = "#1f5fa8";
const HIGH: &str = "#a1260d";
const BAND: &str = "#dcefe0";
const PROMISE: &str = "#1e6b34";
const SCORE: &str = "#5b3f99";

fn chart(a: &FactAudit, idx: usize) -> String {
    let max = y_max(a);
    let n = a.weeks.len();
    let mut s = String::new();
    let title = format!("Waits for {} per week against the promise", a.id);
    let desc = format!(
        "Median and {}th percentile of the measured waits in minutes, week by week, over the promised range of {} to {} minutes. The table below gives the same numbers.",
        a.percentile, a.promise_min, a.promise_max
    );
    let _ = write!(
        s,
        r#"<svg viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" aria-labelledby="chart-{idx}-t chart-{idx}-d" xmlns="http://www.w3.org/2000/svg"><title id="chart-{idx}-t">{}</title><desc id="chart-{idx}-d">{}</desc>"#,
        esc(&title),
        esc(&desc)
    );
    // The promised band and its maximum.
    let (y_lo, y_hi) = (y_of(a.promise_min as f64, max), y_of(a.promise_max as f64, max));
    let _ = write!(
        s,
        r#"<rect x="{LEFT}" y="{y_hi:.1}" width="{}" height="{:.1}" fill="{BAND}"/><line x1="{LEFT}" x2="{}" y1="{y_hi:.1}" y2="{y_hi:.1}" stroke="{PROMISE}" stroke-width="2" stroke-dasharray="6 4"/><text x="{}" y="{:.1}" text-anchor="end" font-size="12" fill="{PROMISE}">promised max {} min</text>"#,
        W - LEFT - RIGHT,
        (y_lo - y_hi).max(1.0),
        W - RIGHT,
        W - RIGHT - 4.0,
        y_hi - 4.0,
        a.promise_max
    );
    // Axes and y ticks.
    let _ = write!(s, r##"<g font-size="12" fill="#1b1b1b">"##);
    for k in 0..=4 {
        let v = max * f64::from(k) / 4.0;
        let y = y_of(v, max);
        let _ = write!(
            s,
            r##"<line x1="{LEFT}" x2="{}" y1="{y:.1}" y2="{y:.1}" stroke="#767676" stroke-width="{}"/><text x="{}" y="{:.1}" text-anchor="end">{}</text>"##,
            W - RIGHT,
            if k == 0 { "1.5" } else { "0.5" },
            LEFT - 6.0,
            y + 4.0,
            round1(v)
        );
    }
    let _ = write!(s, r#"<text x="4" y="{}">min</text>"#, TOP + 26.0);
    let every = n.div_ceil(8).max(1);
    for (i, w) in a.weeks.iter().enumerate().filter(|(i, _)| i % every == 0 || *i + 1 == n) {
        let label = w.week.split_once('-').map_or(w.week.as_str(), |(_, wk)| wk);
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{}" text-anchor="middle">{}</text>"#,
            x_of(i, n),
            H - BOTTOM + 18.0,
            esc(label)
        );
    }
    s.push_str("</g>");
    series(&mut s, &a.weeks, max, |w| w.median, MEDIAN, "");
    series(&mut s, &a.weeks, max, |w| w.high, HIGH, r#" stroke-dasharray="2 3""#);
    s.push_str("</svg>");
    s
}

/// Mean survey score per week as bars under the same weeks (only when there are scores).
fn score_chart(a: &FactAudit, idx: usize) -> Option<String> {
    let scores: Vec<Option<f64>> = a.weeks.iter().map(|w| w.survey.as_ref().and_then(|s| s.mean_score)).collect();
    let top = scores.iter().flatten().fold(5.0_f64, |m, v| m.max(*v)).ceil();
    if scores.iter().all(Option::is_none) {
        return None;
    }
    let h = 110.0;
    let n = a.weeks.len();
    let mut s = format!(
        r#"<svg viewBox="0 0 {W} {h}" width="{W}" height="{h}" role="img" aria-labelledby="score-{idx}-t" xmlns="http://www.w3.org/2000/svg"><title id="score-{idx}-t">Mean survey score per week, 0 to {top} (numbers in the table below)</title><g font-size="12" fill="\#1b1b1b">"#
    );
    s.push_str(r#"<text x="4" y="14">score</text>"#);
    let bar = ((W - LEFT - RIGHT) / n.max(1) as f64 * 0.5).clamp(4.0, 28.0);
    for (i, v) in scores.iter().enumerate() {
        let Some(v) = v else { continue };
        let bh = (h - 30.0) * (v / top).clamp(0.0, 1.0);
        let x = x_of(i, n) - bar / 2.0;
        let _ = write!(
            s,
            r#"<rect x="{x:.1}" y="{:.1}" width="{bar:.1}" height="{bh:.1}" fill="{SCORE}"/><text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            h - 16.0 - bh,
            x + bar / 2.0,
            h - 2.0,
            round1(*v)
        );
    }
    let _ = write!(
        s,
        r##"<line x1="{LEFT}" x2="{}" y1="{}" y2="{}" stroke="#767676"/></g></svg>"##,
        W - RIGHT,
        h - 16.0,
        h - 16.0
    );
    Some(s)
}

fn table(a: &FactAudit, idx: usize) -> String {
    let survey = a.weeks.iter().any(|w| w.survey.is_some());
    let mut s = format!(
        r#"<div class="scroll" tabindex="0" role="region" aria-labelledby="table-{idx}"><table><caption id="table-{idx}">{} week by week (minutes; promised {}–{})</caption><thead><tr><th scope="col">Week</th><th scope="col">Waits</th><th scope="col">Median</th><th scope="col">{}th percentile</th><th scope="col">Within promise</th><th scope="col">Longer than promised</th>"#,
        esc(&a.id),
        a.promise_min,
        a.promise_max,
        a.percentile
    );
    if survey {
        s.push_str(
            r#"<th scope="col">Survey answers</th><th scope="col">Mean score</th><th scope="col">Comments</th>"#,
        );
    }
    s.push_str("</tr></thead><tbody>");
    for w in &a.weeks {
        let _ = write!(
            s,
            r#"<tr><th scope="row">{} <small>(from {})</small></th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"#,
            esc(&w.week),
            esc(&w.monday),
            w.n,
            num(w.median),
            num(w.high),
            w.within.map_or_else(|| "–".into(), percent),
            w.over.map_or_else(|| "–".into(), percent)
        );
        if survey {
            let sv = w.survey.as_ref();
            let _ = write!(
                s,
                "<td>{}</td><td>{}</td><td>{}</td>",
                sv.map_or(0, |v| v.answers),
                num(sv.and_then(|v| v.mean_score)),
                sv.map_or(0, |v| v.texts)
            );
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table></div>");
    s
}

fn legend(a: &FactAudit) -> String {
    format!(
        r#"<ul class="legend"><li><span class="key" style="background:{MEDIAN}"></span>median</li><li><span class="key" style="background:{HIGH}"></span>{}th percentile (dotted)</li><li><span class="key" style="background:{BAND};outline:2px dashed {PROMISE}"></span>promised range</li></ul>"#,
        a.percentile
    )
}

/// The whole report. `title` is the site's name; `period` says which days it covers.
pub fn audit_html(title: &str, period: &str, facts: &[AuditedFact]) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Promise audit: {t}</title><style>{CSS}</style></head>
<body><header><h1>Promise audit: {t}</h1><p>Are the waits we promise the waits people get? {p}. For each wait with measured data: the median and the {pc}th percentile per week (Monday to Sunday) against the promised range, the share of waits within it, and what to do.</p></header><main>"#,
        t = esc(title),
        p = esc(period),
        pc = facts.first().map_or(90, |f| f.audit.percentile)
    );
    if facts.is_empty() {
        s.push_str("<p>No wait fact has measured data in this period. Add <code>measured: data/waits.csv</code> to a wait in <code>facts.yaml</code>.</p>");
    }
    for (i, f) in facts.iter().enumerate() {
        let a = &f.audit;
        let over = a.high > a.promise_max as f64;
        let _ = write!(
            s,
            r#"<section aria-labelledby="fact-{i}"><h2 id="fact-{i}">{}</h2>{}<p class="rec{}">{}</p><p>{} waits measured. Median {} minutes, {}th percentile {} minutes; promised {}–{} minutes. {} within the promise, {} longer.</p><figure>{}{}{}<figcaption>Weekly median and {}th percentile of waits for {} (minutes){}.</figcaption></figure>{}"#,
            esc(&a.id),
            f.label.as_ref().map_or_else(String::new, |l| format!("<p>{}</p>", esc(l))),
            if over { " over" } else { "" },
            esc(&a.recommendation),
            a.n,
            round1(a.median),
            a.percentile,
            round1(a.high),
            a.promise_min,
            a.promise_max,
            percent(a.within),
            percent(a.over),
            chart(a, i),
            legend(a),
            score_chart(a, i).unwrap_or_default(),
            a.percentile,
            esc(&a.id),
            if a.weeks.iter().any(|w| w.survey.is_some()) { ", with the mean survey score per week below" } else { "" },
            table(a, i)
        );
        let _ = write!(s, "<h3>Where this promise is quoted</h3>");
        if f.quoted_in.is_empty() {
            s.push_str("<p>No page quotes it.</p>");
        } else {
            s.push_str("<ul>");
            for q in &f.quoted_in {
                let _ = write!(s, "<li>{}</li>", esc(q));
            }
            s.push_str("</ul>");
        }
        s.push_str("</section>");
    }
    s.push_str("</main><footer><p>Written by <code>upfront audit</code> from the measured waits named in <code>facts.yaml</code>.</p></footer></body></html>\n");
    s
}
