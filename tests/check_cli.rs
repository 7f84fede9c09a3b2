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

/// The errors of `check --format json` on `site`, as (rule, file, line, message).
fn error_findings(site: &Site) -> Vec<(String, String, u64, String)> {
    let out = site.cmd(&["check", "--today", "2026-11-23", "--format", "json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["level"].as_str() == Some("error"))
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            (s("rule"), s("file"), f["line"].as_u64().unwrap_or(0), s("message"))
        })
        .collect()
}

#[test]
fn one_invalid_fact_is_one_message_and_the_other_facts_keep_working() {
    for (bad, line) in [("er.doctor:\n  wait: 5x\n", 7), ("er.doctor:\n  wiat: 30m..2h\n", 7), ("er.doctor:\n  wait: 30m..2h\n  tier: gold\n", 8)] {
        let site = Site::copy_of("basic");
        let facts = site.read("facts.yaml").replace("er.doctor:\n  wait: 30m..2h\n", bad);
        site.write("facts.yaml", facts);
        let errors = error_findings(&site);
        assert_eq!(errors.len(), 1, "{bad}: one error, the fact's own: {errors:#?}");
        let (rule, file, at, message) = &errors[0];
        assert_eq!((rule.as_str(), file.as_str(), *at), ("front-matter", "facts.yaml", line), "{bad}: {message}");
        assert!(message.contains("er.doctor"), "{message}");
    }
}

#[test]
fn a_typo_in_a_translation_step_wait_is_one_message_on_the_translation() {
    let site = Site::copy_of("basic");
    let hu = site.read("content/emergency/visit.hu.md").replace("wait: er.doctor", "wait: er.docter").replace("Az orvos {{ er.doctor }}. ", "");
    site.write("content/emergency/visit.hu.md", hu);
    let errors = error_findings(&site);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let (rule, file, line, message) = &errors[0];
    assert_eq!((rule.as_str(), file.as_str(), *line), ("unknown-fact", "content/emergency/visit.hu.md", 13), "{message}");

    // The same typo in the source is reported on the source, not on its correct translations.
    let site = Site::copy_of("basic");
    let en = site.read("content/emergency/visit.md").replace("wait: er.doctor", "wait: er.docter");
    site.write("content/emergency/visit.md", en);
    let errors = error_findings(&site);
    assert!(errors.iter().all(|e| e.1 == "content/emergency/visit.md"), "{errors:#?}");
    assert_eq!(errors.len(), 1, "{errors:#?}");
}
