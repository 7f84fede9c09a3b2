//! `upfront check --text FILE|-`: a draft written elsewhere checked against the basic fixture's
//! facts, tiers and word lists, with positions in the draft and only the draft's findings.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod common;

use common::Site;
use predicates::prelude::*;
use serde_json::Value;

fn findings(out: &[u8]) -> Vec<(String, String, u64, u64, String)> {
    let report: Value = serde_json::from_slice(out).unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn check_text(site: &Site, args: &[&str]) -> assert_cmd::assert::Assert {
    site.cmd(&[&["check", "--today", "2026-11-23"], args].concat()).assert()
}

fn check_stdin(site: &Site, args: &[&str], stdin: impl Into<Vec<u8>>) -> assert_cmd::assert::Assert {
    site.cmd(&[&["check", "--today", "2026-11-23"], args].concat()).write_stdin(stdin).assert()
}

#[test]
fn a_draft_file_is_checked_against_the_sites_facts_with_positions_in_the_draft() {
    let site = Site::copy_of("basic");
    site.write("drafts/post.md", "Big news!\n\nTriage now takes 10 to 30 minutes, and {{ er.nope }} too.\n");
    let out = check_text(&site, &["--text", "drafts/post.md", "--format", "json"]).code(1).get_output().stdout.clone();
    let found = findings(&out);
    let rules: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
    // The hand-written wait equals `er.triage`: the fact is named; the unknown fact is an error.
    assert!(
        found.iter().any(|f| f.1 == "drafts/post.md" && f.2 == 3 && f.3 == 18 && f.4 == "10 to 30 minutes"),
        "{found:?}"
    );
    assert!(rules.contains(&"unknown-fact"), "{found:?}");
    // Only the draft: the fixture's own findings (translations missing, review dates) are not listed.
    assert!(found.iter().all(|f| f.1 == "drafts/post.md"), "{found:?}");
    let human = check_text(&site, &["--text", "drafts/post.md"]).code(1).get_output().stdout.clone();
    let human = String::from_utf8(human).unwrap();
    assert!(human.contains("er.triage"), "the hint names the fact:\n{human}");
}

#[test]
fn stdin_is_named_stdin_and_a_clean_draft_passes() {
    let site = Site::copy_of("basic");
    check_stdin(&site, &["--text", "-"], "Check-in takes {{ er.checkin }}.\n")
        .success()
        .stdout("checked <stdin>: no problems\n");
    let out = check_stdin(&site, &["--text", "-", "--format", "json"], "We will always see you at once.\n")
        .get_output()
        .stdout
        .clone();
    let found = findings(&out);
    assert!(found.iter().any(|f| f.0 == "absolute-promise" && f.1 == "<stdin>" && f.4 == "always"), "{found:?}");
}

#[test]
fn the_tier_decides_which_perks_a_draft_may_name() {
    let site = Site::copy_of("basic");
    let draft = "Members get a priority callback.\n";
    let public = check_stdin(&site, &["--text", "-", "--format", "json"], draft).get_output().stdout.clone();
    assert!(
        findings(&public).iter().any(|f| f.0 == "tier-leak" && f.4 == "priority callback"),
        "{:?}",
        findings(&public)
    );
    let member =
        check_stdin(&site, &["--text", "-", "--tier", "member", "--format", "json"], draft).get_output().stdout.clone();
    assert!(findings(&member).iter().all(|f| f.0 != "tier-leak"), "{:?}", findings(&member));
}

#[test]
fn a_chinese_draft_counts_columns_in_characters() {
    let site = Site::copy_of("basic");
    let out =
        check_stdin(&site, &["--text", "-", "--locale", "zh", "--format", "json"], "请注意：分诊需要10到30分钟。\n")
            .get_output()
            .stdout
            .clone();
    let found = findings(&out);
    assert!(found.iter().any(|f| f.1 == "<stdin>" && f.3 == 9 && f.4.starts_with("10到30分钟")), "{found:?}");
}

#[test]
fn an_sms_draft_is_measured_in_messages() {
    let site = Site::copy_of("basic");
    site.write("upfront.yaml", format!("{}channels:\n  sms: {{ max_segments: 1 }}\n", site.read("upfront.yaml")));
    let long = "Please keep your phone nearby – we call from an unknown number. ".repeat(2);
    let out = check_stdin(&site, &["--text", "-", "--channel", "sms", "--format", "json"], long.clone())
        .get_output()
        .stdout
        .clone();
    assert!(findings(&out).iter().any(|f| f.0 == "sms-too-long"), "{:?}", findings(&out));
    // The same text on the help center has no length limit.
    let out = check_stdin(&site, &["--text", "-", "--format", "json"], long).get_output().stdout.clone();
    assert!(findings(&out).iter().all(|f| f.0 != "sms-too-long"), "{:?}", findings(&out));
}

#[test]
fn wrong_options_are_tool_errors_that_name_the_nearest_choice() {
    let site = Site::copy_of("basic");
    check_stdin(&site, &["--text", "-", "--locale", "zj"], "Hello.\n")
        .code(2)
        .stderr(predicate::str::contains("--locale zj: the site has no such locale; did you mean `zh`?"));
    check_stdin(&site, &["--text", "-", "--tier", "members"], "Hello.\n")
        .code(2)
        .stderr(predicate::str::contains("did you mean `member`?"));
    check_stdin(&site, &["--text", "-", "--channel", "sns"], "Hello.\n")
        .code(2)
        .stderr(predicate::str::contains("did you mean `sms`?"));
    check_text(&site, &["--locale", "zh"]).code(2).stderr(predicate::str::contains("--text"));
    check_text(&site, &["--text", "no/such/file.md"])
        .code(2)
        .stderr(predicate::str::contains("cannot read the draft no/such/file.md"));
    site.write("bad.txt", b"caf\xe9\n");
    check_text(&site, &["--text", "bad.txt"]).code(2).stderr(predicate::str::contains("not UTF-8"));
    site.cmd(&["build", "--text", "x.md"]).assert().code(2).stderr(predicate::str::contains("not build"));
}
