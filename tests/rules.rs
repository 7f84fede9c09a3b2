//! One fixture per rule, found on disk: `tests/fixtures/rules/<rule-id>/`
//!
//! - `bad/**`: files that must each trigger `<rule-id>` (placed under `content/` of a copy of
//!   `tests/fixtures/basic`; `notices/…`, `data/…`, `facts.yaml` and `upfront.yaml` go to the
//!   site root, for rules that point into them);
//! - `good/**`: the clean twins, which must not trigger it;
//! - `site/**` (optional): files laid over the site first (facts, `upfront.yaml`, data).
//!
//! The human report of the bad files is snapshot-tested (`tests/snapshots/`). A fixture
//! folder whose files do not do what they say fails the test, so none goes stale.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod common;

use std::path::{Path, PathBuf};

use common::{Site, fixture};

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return out;
    }
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() { stack.push(p) } else { out.push(p) }
        }
    }
    out.sort();
    out
}

/// Where a fixture file goes in the site: `notices/…`, `data/…` and the site files
/// (`facts.yaml`, `upfront.yaml`) stay, the rest goes under `content/`.
fn site_path(rel: &str) -> String {
    let at_root = ["notices/", "data/"].iter().any(|d| rel.starts_with(d))
        || ["facts.yaml", "upfront.yaml", "glossary.yaml"].contains(&rel);
    if at_root { rel.to_string() } else { format!("content/{rel}") }
}

/// A copy of the basic site with the rule's `site/` overlay and the given fixture files.
fn site_with(rule_dir: &Path, kind: &str) -> (Site, Vec<String>) {
    let site = Site::copy_of("basic");
    let overlay = rule_dir.join("site");
    for f in files(&overlay) {
        let rel = f.strip_prefix(&overlay).unwrap().to_string_lossy().replace('\\', "/");
        site.write(&rel, std::fs::read(&f).unwrap());
    }
    let dir = rule_dir.join(kind);
    let mut placed = Vec::new();
    for f in files(&dir) {
        let rel = site_path(&f.strip_prefix(&dir).unwrap().to_string_lossy().replace('\\', "/"));
        site.write(&rel, std::fs::read(&f).unwrap());
        placed.push(rel);
    }
    (site, placed)
}

/// Run `check` and return its whole report (stdout and stderr).
fn report(site: &Site) -> String {
    let out = site.cmd(&["check", "--today", "2026-11-23"]).output().unwrap();
    assert!(out.status.code().is_some_and(|c| c <= 1), "check could not run: {}", String::from_utf8_lossy(&out.stderr));
    let mut text = String::from_utf8(out.stdout).unwrap();
    text.push_str(&String::from_utf8(out.stderr).unwrap());
    text
}

/// Finding lines of `rule` in `file`.
fn findings<'a>(report: &'a str, file: &str, rule: &str) -> Vec<&'a str> {
    let tag = format!("[{rule}]: ");
    report.lines().filter(|l| l.starts_with(&format!("{file}:")) && l.contains(&tag)).collect()
}

#[test]
fn every_rule_fixture_triggers_and_its_twin_stays_silent() {
    let root = fixture("rules");
    let mut problems = Vec::new();
    let mut rules = 0;
    for entry in std::fs::read_dir(&root).unwrap() {
        let rule_dir = entry.unwrap().path();
        let rule = rule_dir.file_name().unwrap().to_string_lossy().into_owned();
        assert!(upfront::check::rule(&rule).is_some(), "{rule}: not a rule id");
        rules += 1;

        let (bad, placed) = site_with(&rule_dir, "bad");
        assert!(!placed.is_empty(), "{rule}: no bad/ files");
        let text = report(&bad);
        let mut snapshot = Vec::new();
        for file in &placed {
            let hits = findings(&text, file, &rule);
            if hits.is_empty() {
                problems.push(format!("{rule}: {file} does not trigger it\n{text}"));
            }
            snapshot.extend(hits.iter().map(|l| (*l).to_string()));
        }
        insta::assert_snapshot!(format!("rule_{rule}"), snapshot.join("\n"));

        let (good, placed) = site_with(&rule_dir, "good");
        let text = report(&good);
        for file in &placed {
            for hit in findings(&text, file, &rule) {
                problems.push(format!("{rule}: the clean twin {file} triggers it: {hit}"));
            }
        }
    }
    assert!(rules > 0);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
