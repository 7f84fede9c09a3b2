//! `upfront init --starter NAME` for every starter, `init --list`, and `upfront new guide`,
//! through the binary. Init reads the real clock, so each new site is checked (with
//! `--deny-warnings`) as of today and 30 days on, then built.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod common;

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

const STARTERS: [&str; 5] = ["general", "clinic", "utility", "support", "er"];

fn upfront() -> Command {
    let mut c = Command::cargo_bin("upfront").unwrap();
    c.env("NO_COLOR", "1");
    c
}

fn on(root: &Path, args: &[&str]) -> Command {
    let mut c = upfront();
    c.arg("--root").arg(root).args(args);
    c
}

fn files_under(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() { files_under(&p, out) } else { out.push(p) }
    }
}

#[test]
fn every_starter_checks_clean_today_and_in_a_month_and_builds() {
    // Wide enough for any starter's time zone (the site's today may be the UTC day ± 1).
    let utc_today = upfront::cmd::today_in(None);
    let later = utc_today.checked_add(jiff::Span::new().days(30)).unwrap().to_string();
    for name in STARTERS {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        upfront().arg("init").arg(&root).args(["--starter", name]).assert().success();
        let mut files = Vec::new();
        files_under(&root, &mut files);
        for f in &files {
            let text = std::fs::read(f).unwrap();
            assert!(!String::from_utf8_lossy(&text).contains("@TODAY"), "{name}: a date token left in {}", f.display());
        }
        on(&root, &["check", "--deny-warnings"]).assert().success().stdout(predicate::str::contains("no problems"));
        on(&root, &["check", "--deny-warnings", "--today", &later]).assert().success();
        on(&root, &["build", "--deny-warnings"]).assert().success();
        assert!(root.join("public/index.html").is_file(), "{name}");
    }
}

#[test]
fn init_without_a_starter_writes_the_neutral_site_and_asks_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    upfront().arg("init").arg(&root).write_stdin("").assert().success();
    let config = std::fs::read_to_string(root.join("upfront.yaml")).unwrap();
    assert!(config.contains("default_locale: en"));
    assert!(!root.join("content/emergency").exists());
    let mut files = Vec::new();
    files_under(&root, &mut files);
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap().to_lowercase();
        for word in ["patient", "ambulance", "triage", "hospital", "doctor", "nurse"] {
            assert!(!text.contains(word), "`{word}` in {}", f.display());
        }
    }
}

#[test]
fn dates_are_set_to_the_day_init_runs() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    upfront().arg("init").arg(&root).args(["--starter", "utility"]).assert().success();
    // Asia/Shanghai, the utility's time zone.
    let today = upfront::cmd::today_in(Some("Asia/Shanghai"));
    let guide = std::fs::read_to_string(root.join("content/repairs.md")).unwrap();
    assert!(guide.contains(&format!("reviewed: {today}")), "{guide}");
    let notice = std::fs::read_to_string(root.join("notices/mains-renewal.md")).unwrap();
    assert!(notice.contains(&format!("from: {today}T08:00")), "{notice}");
    // The sample's own review dates are fixed in the repo; init sets them to today.
    let er = dir.path().join("er");
    upfront().arg("init").arg(&er).args(["--starter", "er"]).assert().success();
    let today = upfront::cmd::today_in(Some("Europe/Budapest"));
    let visit = std::fs::read_to_string(er.join("content/emergency/visit.md")).unwrap();
    assert!(visit.contains(&format!("reviewed: {today}")));
}

#[test]
fn list_and_unknown_starter() {
    let out = upfront().args(["init", "--list"]).assert().success().get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    for name in STARTERS {
        assert!(out.lines().any(|l| l.trim_start().starts_with(name) && l.len() > name.len() + 10), "{name}: {out}");
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    upfront()
        .arg("init")
        .arg(&root)
        .args(["--starter", "utilty"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `utility`").and(predicate::str::contains("clinic")));
    assert!(!root.exists(), "nothing is written for an unknown starter");
}

#[test]
fn new_guide_fills_its_front_matter_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    upfront().arg("init").arg(&root).args(["--starter", "utility"]).assert().success();
    on(&root, &["new", "guide", "repairs/new-connections"])
        .assert()
        .success()
        .stdout(predicate::str::contains("content/repairs/new-connections.md"));
    let text = std::fs::read_to_string(root.join("content/repairs/new-connections.md")).unwrap();
    assert!(text.starts_with("---\ntitle: New connections\n"), "{text}");
    assert!(text.contains("# summary:"));
    assert!(!text.contains("tier:"), "the section's tier applies");
    let today = upfront::cmd::today_in(Some("Asia/Shanghai"));
    assert!(text.contains(&format!("reviewed: {today}\n")));
    // A second run refuses, and the file is unchanged.
    on(&root, &["new", "guide", "repairs/new-connections"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(std::fs::read_to_string(root.join("content/repairs/new-connections.md")).unwrap(), text);
    // A translation, and a locale the site does not have.
    on(&root, &["new", "guide", "repairs/new-connections", "--locale", "zh"])
        .assert()
        .success()
        .stdout(predicate::str::contains("new-connections.zh.md"));
    on(&root, &["new", "guide", "x", "--locale", "fr"]).assert().code(2).stderr(predicate::str::contains("`fr`"));
    on(&root, &["new", "guide", "../outside"]).assert().code(2);
    // The new guide and its translation load and check: no errors (only a review hint or none).
    on(&root, &["check"]).assert().success();
}
