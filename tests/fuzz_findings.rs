//! What the fuzzers found, through the CLI on fixture sites: each case failed (a panic, or
//! work growing with the square of the input) before its fix. The inputs themselves are
//! replayed by `tests/fuzz.rs` from `fuzz/regressions/`.
//!
//! Slowness is measured the way the hardening issue asks: the same pattern n and 8n times,
//! and the larger run may take at most `FACTOR` times as long (linear: about 8; quadratic:
//! about 64). The best of a few runs is compared, so a busy machine does not fail it, and
//! there is no threshold in seconds.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod common;

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use common::Site;

/// 8n copies may take at most this many times as long as n copies.
const FACTOR: u32 = 24;

fn best_of(runs: usize, site: &Site, args: &[&str]) -> Duration {
    (0..runs)
        .map(|_| {
            let started = Instant::now();
            let out = site.cmd(args).output().unwrap();
            let elapsed = started.elapsed();
            assert!(out.status.code().is_some_and(|c| c <= 1), "{}", String::from_utf8_lossy(&out.stderr));
            elapsed
        })
        .min()
        .unwrap()
}

/// `make(k)` writes k copies of a pattern into a fresh site; `args` is the command to run.
fn assert_linear(n: usize, make: impl Fn(usize) -> Site, args: &[&str]) {
    let (small, large) = (make(n), make(8 * n));
    let a = best_of(3, &small, args);
    let b = best_of(2, &large, args);
    assert!(b < a * FACTOR, "{n} copies: {a:?}; {} copies: {b:?} (more than {FACTOR}x: not linear)", 8 * n);
}

#[test]
fn many_facts_load_in_linear_time() {
    // Each fact's key was looked up by a scan of the whole mapping, and every key was
    // compared with every earlier one for duplicates.
    assert_linear(
        4000,
        |k| {
            let site = Site::copy_of("basic");
            let mut facts = site.read("facts.yaml");
            for i in 0..k {
                writeln!(facts, "f{i}:\n  wait: 5m").unwrap();
            }
            site.write("facts.yaml", facts);
            site
        },
        &["check"],
    );
}
