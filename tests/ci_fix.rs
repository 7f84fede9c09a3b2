//! `check --fix` and `check --diff` through the binary: only the replacements hints name
//! exactly (a wait equal to a fact, a broken link with one nearest page, an unused suppression
//! comment), never an ambiguous one; `--diff` writes nothing; after `--fix` the report shows
//! what is left.
#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod common;

use common::Site;

const FIXABLE: &str = "---\ntitle: Fixable\nreviewed: 2026-11-01\n---\nTriage takes 10 to 30 minutes.\n\n\
See [the visit guide](/emergency/visi/) and [nothing](/zzzzzzzz/) and [a tie](/ac/).\n\n\
<!-- upfront-ignore vague-wait -->\nWe call you in 20 minutes.\n\n\
<!-- upfront-ignore vague-wait hardcoded-wait -->\nWe call you back in 45 minutes.\n\n\
Check-in: 5–15 minutes. Lab results take 90 minutes.\n";

const FIXED: &str = "---\ntitle: Fixable\nreviewed: 2026-11-01\n---\nTriage takes {{ er.triage }}.\n\n\
See [the visit guide](/emergency/visit/) and [nothing](/zzzzzzzz/) and [a tie](/ac/).\n\n\
We call you in 20 minutes.\n\n\
<!-- upfront-ignore vague-wait hardcoded-wait -->\nWe call you back in 45 minutes.\n\n\
Check-in: {{ er.checkin }}. Lab results take {{ er.lab }}.\n";

fn site() -> Site {
    let site = Site::copy_of("basic");
    site.write("content/fixable.md", FIXABLE);
    // Two pages as near to `/ac/` as each other: that link is ambiguous.
    site.write("content/aa.md", "---\ntitle: AA\nreviewed: 2026-11-01\n---\nA.\n");
    site.write("content/ab.md", "---\ntitle: AB\nreviewed: 2026-11-01\n---\nB.\n");
    site
}

fn check(site: &Site, args: &[&str]) -> (i32, String, String) {
    let out = site.cmd(&["check", "--today", "2026-11-23"]).args(args).output().unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

#[test]
fn diff_shows_the_exact_fixes_and_writes_nothing() {
    let site = site();
    let (code, stdout, stderr) = check(&site, &["--diff"]);
    assert_eq!(code, 1, "there is something to fix");
    assert_eq!(site.read("content/fixable.md"), FIXABLE, "nothing written");
    assert!(stderr.contains("--fix would fix 5 findings in 1 file"), "{stderr}");
    assert!(stdout.starts_with("--- a/content/fixable.md\n+++ b/content/fixable.md\n@@ "), "{stdout}");
    for line in [
        "-Triage takes 10 to 30 minutes.",
        "+Triage takes {{ er.triage }}.",
        "+See [the visit guide](/emergency/visit/) and [nothing](/zzzzzzzz/) and [a tie](/ac/).",
        "-<!-- upfront-ignore vague-wait -->",
        "+Check-in: {{ er.checkin }}. Lab results take {{ er.lab }}.",
    ] {
        assert!(stdout.lines().any(|l| l == line), "{line} in\n{stdout}");
    }
    assert!(
        !stdout.contains("-<!-- upfront-ignore vague-wait hardcoded-wait -->"),
        "a comment that still silences stays"
    );
}

#[test]
fn fix_applies_them_and_reports_what_is_left() {
    let site = site();
    let (code, stdout, stderr) = check(&site, &["--fix", "--format", "json"]);
    assert!(stderr.contains("fixed 5 findings in 1 file"), "{stderr}");
    assert_eq!(site.read("content/fixable.md"), FIXED);
    assert_eq!(code, 1, "two broken links are left");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let left: Vec<(&str, &str)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["file"] == "content/fixable.md" && f["rule"] != "translation-missing")
        .map(|f| (f["rule"].as_str().unwrap(), f["text"].as_str().unwrap()))
        .collect();
    assert_eq!(
        left,
        [
            ("jargon", "Triage"),
            ("broken-link", "/zzzzzzzz/"),
            ("broken-link", "/ac/"),
            ("hardcoded-wait", "20 minutes"),
            ("unused-suppression", "<!-- upfront-ignore vague-wait hardcoded-wait -->"),
        ]
    );
    // A second run has nothing left to fix.
    let (_, _, stderr) = check(&site, &["--fix"]);
    assert!(stderr.contains("fixed 0 findings in 0 files"), "{stderr}");
    assert_eq!(site.read("content/fixable.md"), FIXED);
}

#[test]
fn a_hint_naming_a_placeholder_inside_a_placeholder_is_not_applied() {
    let site = site();
    site.write("content/text.md", "---\ntitle: Text\nreviewed: 2026-11-01\n---\nCall {{ phone.main.max }} now.\n");
    let (_, stdout, stderr) = check(&site, &["--diff", "content/text.md"]);
    assert!(stderr.contains("--fix would fix 0 findings in 0 files"), "{stderr}");
    assert_eq!(stdout, "");
}

#[test]
fn fix_touches_only_the_files_in_scope() {
    let site = site();
    site.write("content/other.md", "---\ntitle: Other\nreviewed: 2026-11-01\n---\nLab results take 90 minutes.\n");
    let (_, _, stderr) = check(&site, &["--fix", "content/other.md"]);
    assert!(stderr.contains("fixed 1 finding in 1 file"), "{stderr}");
    assert_eq!(site.read("content/fixable.md"), FIXABLE);
    assert!(site.read("content/other.md").contains("take {{ er.lab }}."));
}
