//! Adopting `check` on a site that already has findings, through the binary: the baseline
//! (`--write-baseline`, `--baseline`; fingerprints without line numbers, counted, the same in
//! JSON and SARIF) and the scope (file arguments, `--changed-since` in a git repository whose
//! site is a subfolder, `--select`, `--ignore`, `--min-level`).
#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod common;

use std::process::Command as Process;

use common::{Site, VAGUE};
use serde_json::Value;

/// (rule, file, line) of every finding of a JSON report.
fn findings(report: &Value) -> Vec<(String, String, u64)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule"].as_str().unwrap().into(), f["file"].as_str().unwrap().into(), f["line"].as_u64().unwrap()))
        .collect()
}

#[test]
fn a_baseline_holds_back_todays_findings_and_only_new_ones_are_reported() {
    let site = Site::with_vague_guide();
    let (code, _, stderr) = site.check(&["--write-baseline", "baseline.json"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("recorded 11 findings in the baseline baseline.json"), "{stderr}");
    let first = site.read("baseline.json");
    site.check(&["--write-baseline", "baseline.json"]);
    assert_eq!(site.read("baseline.json"), first, "byte-stable");
    let baseline: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(baseline["version"], 1);
    assert!(baseline["findings"][0]["fingerprint"].as_str().unwrap().len() == 16);

    let (code, stdout, _) = site.check(&["--baseline", "baseline.json"]);
    assert_eq!((code, stdout.as_str()), (0, "checked 8 pages: no new problems (11 baselined)\n"));

    // Lines added above the findings move them; they stay baselined. A second `soon` in the
    // same words is a new finding: the baseline counts.
    site.write(
        "content/vague.md",
        VAGUE.replace("---\nSomeone", "---\nA new first paragraph.\n\nSomeone") + "\nSomeone will see you soon.\n",
    );
    let report = site.check_json(&["--baseline", "baseline.json"]);
    assert_eq!(findings(&report), [("vague-wait".into(), "content/vague.md".into(), 12)]);
    assert_eq!(report["baselined"], 11);
    let (_, human, _) = site.check(&["--baseline", "baseline.json"]);
    assert!(human.ends_with("0 errors, 1 warning (11 baselined)\n"), "{human}");
    let (_, github, _) = site.check(&["--baseline", "baseline.json", "--format", "github"]);
    assert!(github.ends_with("upfront: 0 errors, 1 warning in 1 file (11 baselined)\n"), "{github}");
}

#[test]
fn json_sarif_and_the_baseline_carry_the_same_fingerprints() {
    let site = Site::with_vague_guide();
    let report = site.check_json(&[]);
    let from_json: Vec<&str> =
        report["findings"].as_array().unwrap().iter().map(|f| f["fingerprint"].as_str().unwrap()).collect();
    let (_, sarif, _) = site.check(&["--format", "sarif"]);
    let sarif: Value = serde_json::from_str(&sarif).unwrap();
    let from_sarif: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["partialFingerprints"]["upfront/v1"].as_str().unwrap())
        .collect();
    assert_eq!(from_json, from_sarif);
    site.check(&["--write-baseline", "b.json"]);
    let baseline: Value = serde_json::from_str(&site.read("b.json")).unwrap();
    let mut from_baseline: Vec<&str> =
        baseline["findings"].as_array().unwrap().iter().map(|f| f["fingerprint"].as_str().unwrap()).collect();
    let mut sorted = from_json.clone();
    sorted.sort_unstable();
    from_baseline.sort_unstable();
    assert_eq!(sorted, from_baseline);
}

#[test]
fn a_broken_or_missing_baseline_is_a_tool_error_with_its_position() {
    let site = Site::with_vague_guide();
    site.write("bad.json", "{\n  \"version\": 1,\n  \"findings\": [ { \"fingerprint\": 3 } ]\n}\n");
    let (code, _, stderr) = site.check(&["--baseline", "bad.json"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("bad.json:3:") && stderr.contains("not an Upfront baseline"), "{stderr}");
    let (code, _, stderr) = site.check(&["--baseline", "nope.json"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("cannot read the baseline nope.json") && stderr.contains("--write-baseline"), "{stderr}");
}

#[test]
fn file_arguments_report_those_files_and_a_guides_translations() {
    let site = Site::with_vague_guide();
    let only = |args: &[&str]| {
        let mut files: Vec<String> = findings(&site.check_json(args)).into_iter().map(|f| f.1).collect();
        files.dedup();
        files
    };
    assert_eq!(only(&["content/vague.md"]), ["content/vague.md"]);
    assert_eq!(
        only(&["content/emergency/visit.md", "../outside.md", "content/lounge.md"]),
        [
            "content/emergency/visit.hu.md",
            "content/emergency/visit.md",
            "content/emergency/visit.zh.md",
            "content/lounge.md"
        ],
        "a guide brings its translations; a file outside the site is skipped"
    );
    assert_eq!(only(&["content/emergency/visit.zh.md"]), ["content/emergency/visit.zh.md"], "not the other way");
    assert_eq!(
        only(&["content/emergency"]),
        [
            "content/emergency/_index.md",
            "content/emergency/visit.hu.md",
            "content/emergency/visit.md",
            "content/emergency/visit.zh.md",
            "content/emergency/waiting.md"
        ],
        "a folder: every file under it"
    );
    assert_eq!(only(&["."]).len(), only(&[]).len(), "the site root: everything");
}

#[test]
fn select_ignore_and_min_level_narrow_the_rules() {
    let site = Site::with_vague_guide();
    let rules = |args: &[&str]| {
        let mut rules: Vec<String> = findings(&site.check_json(args)).into_iter().map(|f| f.0).collect();
        rules.dedup();
        rules.sort();
        rules.dedup();
        rules
    };
    assert_eq!(rules(&["--select", "jargon,vague-wait"]), ["jargon", "vague-wait"]);
    assert!(!rules(&["--ignore", "jargon"]).contains(&"jargon".to_string()));
    assert_eq!(rules(&["--min-level", "error"]), Vec::<String>::new());
    let (code, _, stderr) = site.check(&["--select", "jargn"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown rule `jargn` in --select; did you mean `jargon`?"), "{stderr}");
}

fn git(dir: &std::path::Path, args: &[&str]) {
    let ok = Process::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .unwrap();
    assert!(ok.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&ok.stderr));
}

#[test]
fn changed_since_reports_changed_files_of_a_site_in_a_subfolder() {
    let site = Site::with_vague_guide();
    let repo = site.dir.path();
    git(repo, &["init", "-q"]);
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "site"]);
    site.write("content/lounge.md", site.read("content/lounge.md") + "\nWe will call you soon.\n");
    site.write("content/emergency/visit.md", site.read("content/emergency/visit.md") + "\n");
    site.write("content/new.md", "---\ntitle: New\nreviewed: 2026-11-01\n---\nBack shortly.\n");
    let out = assert_cmd::Command::cargo_bin("upfront")
        .unwrap()
        .current_dir(repo)
        .args(["--root", "site", "check", "--today", "2026-11-23", "--format", "json", "--changed-since", "HEAD"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut files: Vec<String> = findings(&report).into_iter().map(|f| f.1).collect();
    files.dedup();
    assert_eq!(
        files,
        [
            "site/content/emergency/visit.hu.md",
            "site/content/emergency/visit.md",
            "site/content/emergency/visit.zh.md",
            "site/content/lounge.md",
            "site/content/new.md",
        ],
        "paths from the repository root; a changed guide brings its translations; new files count"
    );
    let (code, _, stderr) = site.check(&["--changed-since", "no-such-ref"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--changed-since: `git diff") && stderr.contains("no-such-ref"), "{stderr}");
}

#[test]
fn a_site_in_a_subfolder_with_old_and_new_findings() {
    let site = Site::with_vague_guide();
    let repo = site.dir.path();
    let run = |args: &[&str]| {
        let out = assert_cmd::Command::cargo_bin("upfront")
            .unwrap()
            .current_dir(repo)
            .args(["--root", "site", "check", "--today", "2026-11-23"])
            .args(args)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
    };
    assert_eq!(run(&["--write-baseline", "upfront-baseline.json"]).0, 0);
    assert!(repo.join("upfront-baseline.json").is_file(), "relative to the folder upfront runs in");
    assert!(site.read("../upfront-baseline.json").contains("\"file\": \"site/content/vague.md\""));
    site.write("content/lounge.md", site.read("content/lounge.md") + "\nWe will call you soon.\n");
    let (code, stdout) = run(&["--baseline", "upfront-baseline.json", "--format", "github"]);
    assert_eq!(code, 0);
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    assert!(stdout.starts_with("::warning file=site/content/lounge.md,"), "{stdout}");
    assert!(stdout.ends_with("upfront: 0 errors, 1 warning in 1 file (11 baselined)\n"), "{stdout}");
}
