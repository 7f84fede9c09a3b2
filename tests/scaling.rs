//! Scaling: each pathological pattern (one long line of placeholders, of short sentences, of
//! `{{`, of vague words, durations, abbreviations, perks, jargon, a long SMS) is fed n and 8n
//! times, and the work must grow about linearly. No wall-clock threshold: both runs are timed
//! in the same test and compared (linear ≈ 8, quadratic ≈ 64; the bound is 32, so a loaded
//! machine does not fail it). The work is
//! `check` through the library (load, every rule) and, where the pattern has many findings
//! on one line, the human report too. The timed runs take a lock, so they never overlap.
#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod common;

use std::sync::Mutex;
use std::time::{Duration, Instant};

use common::Site;

/// Timed runs one at a time (the test harness runs tests in parallel).
static TIMING: Mutex<()> = Mutex::new(());

const BOUND: f64 = 32.0;

#[derive(Clone, Copy)]
enum Work {
    Check,
    CheckAndHumanReport,
}

/// The basic fixture with one more guide whose body (or `sms:`) is `n` copies of `unit`.
fn site(front: &str, body: &str) -> Site {
    let site = Site::copy_of("basic");
    site.write("content/p.md", format!("---\ntitle: Pattern\n{front}---\n\n{body}\n"));
    site
}

/// The fastest of three runs of `work` on `site`.
fn time(site: &Site, work: Work) -> Duration {
    let today = "2026-11-23".parse().ok();
    (0..3)
        .map(|_| {
            let start = Instant::now();
            let (diags, sources, _) = upfront::cmd::load_and_check(&site.root(), today).unwrap();
            if matches!(work, Work::CheckAndHumanReport) {
                std::hint::black_box(upfront::report::human::render(&diags, &sources, false));
            }
            std::hint::black_box(diags);
            start.elapsed()
        })
        .min()
        .unwrap()
}

/// Assert that `make(8n)` takes less than `BOUND` times `make(n)`, less the fixed cost of the
/// site without the pattern (`make(0)`).
fn grows_linearly(what: &str, n: usize, work: Work, make: impl Fn(usize) -> Site) {
    let sites = [make(0), make(n), make(8 * n)];
    let _lock = TIMING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let [base, small, large] = sites.map(|s| time(&s, work).as_secs_f64());
    let ratio = (large - base).max(0.0) / (small - base).max(0.002);
    eprintln!("{what}: base {base:.3} s, n={n} {small:.3} s, 8n {large:.3} s, ratio {ratio:.1}");
    assert!(ratio < BOUND, "{what}: 8x the input took {ratio:.1}x the time (linear is about 8, the bound {BOUND})");
}

fn repeat(unit: &str, n: usize) -> String {
    unit.repeat(n)
}

#[test]
fn placeholders_on_one_line() {
    grows_linearly("placeholders", 2_000, Work::CheckAndHumanReport, |n| site("", &repeat("{{ er.triage }} ", n)));
}

#[test]
fn short_sentences_with_findings_on_one_line() {
    grows_linearly("sentences", 1_000, Work::CheckAndHumanReport, |n| site("", &repeat("Wait 10 minutes. ", n)));
}

#[test]
fn unclosed_braces_on_one_line() {
    grows_linearly("braces", 2_000, Work::CheckAndHumanReport, |n| site("", &repeat("{{", n)));
}

#[test]
fn vague_words_in_one_sentence() {
    grows_linearly("vague words", 2_000, Work::CheckAndHumanReport, |n| site("", &repeat("come soon and ", n)));
}

#[test]
fn absolute_promises_in_one_sentence() {
    grows_linearly("absolute words", 2_000, Work::CheckAndHumanReport, |n| {
        site("", &repeat("we always see you and ", n))
    });
}

#[test]
fn durations_in_one_sentence() {
    grows_linearly("durations", 1_000, Work::CheckAndHumanReport, |n| site("", &repeat("it takes 10 minutes and ", n)));
}

#[test]
fn abbreviations_in_one_sentence() {
    grows_linearly("sentence splitting", 4_000, Work::Check, |n| site("", &repeat("see Dr. Smith e.g. now ", n)));
}

#[test]
fn perks_on_a_public_page() {
    grows_linearly("tier-leak phrases", 2_000, Work::CheckAndHumanReport, |n| site("", &repeat("the VIP lounge ", n)));
}

#[test]
fn jargon_and_placeholders() {
    grows_linearly("jargon", 2_000, Work::Check, |n| site("", &repeat("triage {{ er.triage }} ", n)));
}

#[test]
fn a_long_sms() {
    grows_linearly("sms counting", 4_000, Work::Check, |n| {
        site(&format!("sms: \"{}\"\n", repeat("Call € {{ phone.main }} – ", n)), "Body.")
    });
}
