//! `upfront diff BASE [HEAD]`: git revisions of a site in a subfolder of a repository, and two
//! site folders; what changed for readers, in every format.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod common;

use std::path::Path;
use std::process::Command as Process;

use common::Site;
use predicates::prelude::*;
use serde_json::Value;

fn git(dir: &Path, args: &[&str]) {
    let out = Process::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// The `basic` fixture at `docs/help/` of a fresh repository, committed once.
fn repo() -> (tempfile::TempDir, std::path::PathBuf) {
    let site = Site::copy_of("basic");
    let repo = tempfile::tempdir().unwrap();
    let root = repo.path().join("docs/help");
    std::fs::create_dir_all(root.parent().unwrap()).unwrap();
    std::fs::rename(site.root(), &root).unwrap();
    git(repo.path(), &["init", "-q", "-b", "main"]);
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "base"]);
    (repo, root)
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn diff(cwd: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    assert_cmd::Command::cargo_bin("upfront")
        .unwrap()
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .arg("diff")
        .args(args)
        .args(["--today", "2026-11-23"])
        .assert()
}

fn json(cwd: &Path, args: &[&str]) -> Value {
    let out = diff(cwd, &[args, &["--format", "json"]].concat()).success().get_output().stdout.clone();
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn a_changed_fact_lists_its_values_and_every_page_that_quotes_it() {
    let (_repo, root) = repo();
    edit(&root.join("facts.yaml"), "wait: 10m..30m", "wait: 15m..45m");
    let report = json(&root, &["main"]);
    assert_eq!(report["version"], 1);
    assert_eq!(report["base"], "main");
    assert_eq!(report["head"], "working tree");
    let facts = report["facts"].as_array().unwrap();
    assert_eq!(facts.len(), 1, "{facts:?}");
    assert_eq!(facts[0]["id"], "er.triage");
    assert_eq!(facts[0]["change"], "changed");
    assert_eq!(facts[0]["value"]["en"]["old"], "10–30 minutes");
    assert_eq!(facts[0]["value"]["en"]["new"], "15–45 minutes");
    assert_eq!(facts[0]["value"]["hu"]["new"], "15–45 perc");
    let quoted: Vec<(&str, &str)> = facts[0]["quoted_by"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["page"].as_str().unwrap(), u["locale"].as_str().unwrap()))
        .collect();
    assert!(quoted.contains(&("emergency/visit", "en")), "{quoted:?}");
    assert!(quoted.contains(&("emergency/visit", "zh")), "{quoted:?}");
    // The guide whose step shows the wait lists it, with its new total.
    let guides = report["guides"].as_array().unwrap();
    let visit = guides.iter().find(|g| g["page"] == "emergency/visit" && g["locale"] == "en").unwrap();
    assert_eq!(visit["change"], "changed");
    let details: Vec<&str> = visit["details"].as_array().unwrap().iter().map(|d| d.as_str().unwrap()).collect();
    assert!(details.contains(&"step 2 wait: “10–30 minutes” → “15–45 minutes”"), "{details:?}");
    assert!(details.iter().any(|d| d.starts_with("total: ")), "{details:?}");
    // Nothing else changed.
    assert!(report["notices"].as_array().unwrap().is_empty());
    assert!(report["findings"]["new"].as_array().unwrap().is_empty());
    assert_eq!(report["findings"]["fixed"], 0);
}

#[test]
fn pages_added_removed_moved_and_retiered_between_two_commits() {
    let (repo, root) = repo();
    // Move with an alias, add, remove, retier.
    std::fs::rename(root.join("content/emergency/waiting.md"), root.join("content/emergency/why-wait.md")).unwrap();
    edit(
        &root.join("content/emergency/why-wait.md"),
        "title: Why you wait",
        "title: Why you wait\naliases: [emergency/waiting]",
    );
    std::fs::write(
        root.join("content/emergency/parking.md"),
        "---\ntitle: Parking\nsummary: Where to park.\nreviewed: 2026-10-01\n---\nPark at the front.\n",
    )
    .unwrap();
    std::fs::remove_file(root.join("content/emergency/visit.hu.md")).unwrap();
    edit(&root.join("content/lounge.md"), "tier: vip", "tier: member");
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "head"]);
    // Both sides are revisions; run from the repository root with --root.
    let report = json(repo.path(), &["--root", "docs/help", "HEAD~1", "HEAD"]);
    let guides: Vec<(String, String, String)> = report["guides"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["page"].as_str().unwrap().into(),
                g["locale"].as_str().unwrap().into(),
                g["change"].as_str().unwrap().into(),
            )
        })
        .collect();
    let has = |page: &str, locale: &str, change: &str| guides.contains(&(page.into(), locale.into(), change.into()));
    assert!(has("emergency/why-wait", "en", "moved"), "{guides:?}");
    assert!(has("emergency/parking", "en", "added"), "{guides:?}");
    assert!(has("emergency/visit", "hu", "removed"), "{guides:?}");
    assert!(has("lounge", "en", "changed"), "{guides:?}");
    assert!(!has("emergency/waiting", "en", "removed"), "a move is not also a removal: {guides:?}");
    let moved = report["guides"].as_array().unwrap().iter().find(|g| g["change"] == "moved").unwrap();
    assert_eq!(moved["moved_from"], "emergency/waiting");
    let lounge = report["guides"].as_array().unwrap().iter().find(|g| g["page"] == "lounge").unwrap();
    assert!(lounge["details"].as_array().unwrap().iter().any(|d| d == "tier: “vip” → “member”"), "{lounge}");
}

#[test]
fn findings_new_in_head_are_listed_and_old_ones_are_not_revived_by_moved_lines() {
    let (_repo, root) = repo();
    let visit = root.join("content/emergency/visit.md");
    // A hand-written wait in BASE…
    edit(&visit, "## What happens\n\nTriage", "## What happens\n\nIt takes 20 minutes.\n\nTriage");
    let base = tempfile::tempdir().unwrap();
    copy(&root, base.path());
    let check = assert_cmd::Command::cargo_bin("upfront")
        .unwrap()
        .args(["--root", base.path().to_str().unwrap(), "check", "--format", "json", "--today", "2026-11-23"])
        .output()
        .unwrap()
        .stdout
        .clone();
    let check: Value = serde_json::from_slice(&check).unwrap();
    assert!(
        check["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "hardcoded-wait"
                && f["file"].as_str().unwrap().ends_with("content/emergency/visit.md")),
        "BASE must have the finding this test moves: {check}"
    );
    // …pushed down by new lines in HEAD, which also adds a new one.
    edit(&visit, "## What happens\n\nIt takes", "Intro line.\n\nMore intro.\n\n## What happens\n\nIt takes");
    std::fs::write(
        root.join("content/emergency/parking.md"),
        "---\ntitle: Parking\nsummary: Where to park.\nreviewed: 2026-10-01\n---\nParking takes 45 minutes.\n",
    )
    .unwrap();
    let report = json(&root, &[base.path().to_str().unwrap()]);
    let new: Vec<(&str, &str)> = report["findings"]["new"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule"].as_str().unwrap(), f["file"].as_str().unwrap()))
        .collect();
    assert!(new.contains(&("hardcoded-wait", "content/emergency/parking.md")), "{new:?}");
    assert!(!new.contains(&("hardcoded-wait", "content/emergency/visit.md")), "an old finding came back: {new:?}");
    assert_eq!(report["findings"]["fixed"], 0);
}

fn copy(from: &Path, to: &Path) {
    for entry in walk(from) {
        let rel = entry.strip_prefix(from).unwrap();
        let dest = to.join(rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(&entry, dest).unwrap();
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() { out.extend(walk(&p)) } else { out.push(p) }
    }
    out
}

#[test]
fn markdown_is_a_pull_request_comment_with_the_summary_first() {
    let (_repo, root) = repo();
    edit(&root.join("facts.yaml"), "wait: 10m..30m", "wait: 15m..45m");
    let out = diff(&root, &["main", "--format", "markdown"]).success().get_output().stdout.clone();
    let md = String::from_utf8(out).unwrap();
    let mut lines = md.lines();
    assert_eq!(lines.next(), Some("### Upfront: what readers will see change"));
    assert_eq!(lines.next(), Some(""));
    let summary = lines.next().unwrap();
    assert!(summary.starts_with("`main` → `working tree`: **1 fact (quoted on "), "{summary}");
    assert!(md.contains("<details><summary>Facts (1)</summary>"), "{md}");
    assert!(md.contains("| `er.triage` | changed | en: 10–30 minutes → 15–45 minutes<br>"), "{md}");
    assert!(md.contains("<details><summary>Pages ("), "{md}");
}

#[test]
fn human_says_when_nothing_changed() {
    let (_repo, root) = repo();
    diff(&root, &["main"]).success().stdout("main → working tree: no changes readers will see\n");
}

#[test]
fn an_unknown_revision_is_a_tool_error_naming_it() {
    let (_repo, root) = repo();
    diff(&root, &["no-such-branch"])
        .code(2)
        .stderr(predicate::str::contains("`no-such-branch` is neither a folder nor a git revision"));
}

#[test]
fn outside_a_repository_a_revision_cannot_be_read_but_folders_can() {
    let site = Site::copy_of("basic");
    let other = Site::copy_of("basic");
    other.write("notices/closed.md", "---\ntitle: Closed on Sunday\nfrom: 2026-11-20T00:00:00Z\nuntil: 2026-11-30T00:00:00Z\n---\nThe clinic is closed.\n");
    diff(&site.root(), &["HEAD"]).code(2).stderr(predicate::str::contains("not in a git repository"));
    let report = json(&site.root(), &[site.root().to_str().unwrap(), other.root().to_str().unwrap()]);
    let notices = report["notices"].as_array().unwrap();
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_eq!(notices[0]["id"], "closed");
    assert_eq!(notices[0]["change"], "added");
}
