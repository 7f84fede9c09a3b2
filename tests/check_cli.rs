//! `upfront check` as a command in a pipeline: a reader that stops early, the summary line with
//! notes, and why `--deny-warnings` failed.
#![cfg(unix)]
#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod common;

use common::Site;

/// The basic fixture plus a guide with `n` vague words, one warning each.
fn site_with_vague_words(n: usize) -> Site {
    let site = Site::copy_of("basic");
    let body = "Someone will see you soon.\n\n".repeat(n);
    site.write("content/vague.md", format!("---\ntitle: Vague\nreviewed: 2026-11-01\n---\n\n{body}"));
    site
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    // Far more than a pipe's 64 KB buffer, so the write must meet the closed pipe.
    let site = site_with_vague_words(2_000);
    let bin = assert_cmd::cargo::cargo_bin("upfront");
    for format in ["human", "json", "github"] {
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(r#""$0" --root "$1" check --today 2026-11-23 --format "$2" 2>"$3" | head -c 1 >/dev/null; exit "${PIPESTATUS[0]}""#)
            .arg(&bin)
            .arg(site.root())
            .arg(format)
            .arg(site.dir.path().join("stderr.txt"))
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let stderr = std::fs::read_to_string(site.dir.path().join("stderr.txt")).unwrap();
        assert_eq!(out.status.code(), Some(0), "{format}: warnings only, so exit 0; stderr:\n{stderr}");
        assert!(stderr.is_empty(), "{format}: nothing on stderr, got:\n{stderr}");
    }
}

#[test]
fn the_summary_counts_notes() {
    let site = site_with_vague_words(3);
    let config = site.read("upfront.yaml");
    site.write("upfront.yaml", format!("{config}checks:\n  severity: {{ vague-wait: note }}\n"));
    let out = site.cmd(&["check", "--today", "2026-11-23"]).assert().success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("note[vague-wait]"), "{stdout}");
    assert!(stdout.trim_end().ends_with(", 3 notes"), "the last line counts the notes:\n{stdout}");
}

#[test]
fn deny_warnings_says_why_it_failed() {
    let site = site_with_vague_words(1);
    let out = site.cmd(&["check", "--today", "2026-11-23", "--deny-warnings", "--format", "json"]).assert().code(1);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("warnings and --deny-warnings"), "{stderr}");
    // Without the flag the same site passes, and nothing is said.
    let out = site.cmd(&["check", "--today", "2026-11-23", "--format", "json"]).assert().success();
    assert!(out.get_output().stderr.is_empty());
}
