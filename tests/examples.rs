//! The two example sites of `examples/` (issue 14): each checks clean with `--deny-warnings`
//! and builds, as of the pinned date they are written for (`--today 2026-11-23`, see
//! docs/examples.md), and nothing it publishes carries the bundled sample's hospital wording
//! or fact ids. Also what the examples show off: ranges kept on one line in HTML, SMS merge
//! fields, and menu links refused in a build that leaves their tier out.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod common;

use std::path::{Path, PathBuf};

use predicates::prelude::*;

use common::Site;

/// The date the examples' review dates and notices are written for.
const TODAY: &str = "2026-11-23";

/// Words of the emergency-department sample that no water utility page may carry.
const ER_WORDS_UTILITY: &[&str] = &[
    "patient",
    "doctor",
    "nurse",
    "triage",
    "ambulance",
    "emergency department",
    "hospital",
    "患者",
    "病人",
    "医生",
    "护士",
    "分诊",
    "救护车",
    "急诊",
];
/// A GP clinic has doctors, nurses and patients; it has no triage desk or ambulances.
const ER_WORDS_CLINIC: &[&str] =
    &["triage", "ambulance", "emergency department", "triázs", "mentőautó", "sürgősségi osztály"];
/// Fact ids of the bundled sample (`facts.yaml` at the repo root) that only it defines.
const SAMPLE_FACTS: &[&str] = &[
    "er.checkin",
    "er.triage",
    "er.doctor",
    "er.tests",
    "er.admission",
    "er.discharge",
    "phone.emergency",
    "wifi.network",
    "callback.member",
    "nurse.vip",
    "phone.vip",
];

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(name)
}

/// Every text file under `dir` (the search index's compressed files are not text).
fn texts(dir: &Path) -> Vec<(String, String)> {
    common::snapshot(dir).into_iter().filter_map(|(p, bytes)| Some((p, String::from_utf8(bytes).ok()?))).collect()
}

/// Check (clean, warnings denied) and build `name` into a temp folder; its text files.
fn check_and_build(name: &str) -> Vec<(String, String)> {
    let site = Site::copy_of_dir(&example(name));
    site.cmd(&["check", "--deny-warnings", "--today", TODAY])
        .assert()
        .success()
        .stdout(predicate::str::contains("no problems"));
    let out = site.dir.path().join("public");
    let mut build = site.cmd(&["build", "--deny-warnings", "--today", TODAY]);
    build.arg("--out").arg(&out);
    build.assert().success();
    texts(&out)
}

fn assert_none_of(files: &[(String, String)], words: &[&str], example: &str) {
    for (path, text) in files {
        let lower = text.to_lowercase();
        for word in words {
            assert!(!lower.contains(word), "{example}: `{word}` in {path}");
        }
    }
}

#[test]
fn the_utility_checks_clean_builds_and_has_no_hospital_wording() {
    let files = check_and_build("utility");
    assert!(files.iter().filter(|(p, _)| p.ends_with("index.html") && p.starts_with("zh/")).count() >= 12);
    assert_none_of(&files, ER_WORDS_UTILITY, "utility");
    assert_none_of(&files, SAMPLE_FACTS, "utility");
}

#[test]
fn the_clinic_checks_clean_builds_and_has_no_emergency_department_wording() {
    let files = check_and_build("clinic");
    assert!(files.iter().filter(|(p, _)| p.ends_with("index.html") && p.starts_with("hu/")).count() >= 12);
    assert!(files.iter().any(|(p, _)| p.starts_with("member/members/health-check/")));
    assert_none_of(&files, ER_WORDS_CLINIC, "clinic");
    assert_none_of(&files, SAMPLE_FACTS, "clinic");
}

fn file<'a>(files: &'a [(String, String)], path: &str) -> &'a str {
    files.iter().find(|(p, _)| p == path).map_or_else(|| panic!("no {path}"), |(_, t)| t.as_str())
}

#[test]
fn ranges_stay_on_one_line_in_html_channels_only() {
    let files = check_and_build("clinic");
    let range = "<span class=\"nobr\">3–10 nap</span>";
    assert!(file(&files, "hu/appointments/index.html").contains(range), "help page");
    assert!(file(&files, "hu/print/appointments/index.html").contains(range), "handout");
    let screen = file(&files, "waiting-room/lobby/index.html");
    assert!(screen.contains("<span class=\"nobr\">5–15 perc</span>"), "screen");
    // Never inside a tag, an attribute or the title, and never in plain-text outputs.
    let page = file(&files, "appointments/index.html");
    let title = &page[page.find("<title>").unwrap()..page.find("</title>").unwrap()];
    assert!(!title.contains("<span"), "the title got a span");
    assert!(!page.contains("content=\"<span"), "an attribute got a span");
    let sms = file(&files, "sms/messages.json");
    assert!(!sms.contains("nobr") && sms.contains("3-10 days"));
    for (path, text) in &files {
        assert!(!text.contains(['\u{FDD0}', '\u{FDD1}']), "a range marker left in {path}");
    }
}

#[test]
fn merge_fields_pass_through_and_count_at_their_declared_length() {
    let files = check_and_build("clinic");
    let sms: serde_json::Value = serde_json::from_str(file(&files, "sms/messages.json")).unwrap();
    let m = sms["messages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["guide"] == "appointments" && m["locale"] == "en")
        .unwrap();
    let text = m["text"].as_str().unwrap();
    assert!(text.starts_with("Greenfield Clinic: your appointment is on [[date]] at [[time]]."), "{text}");
    // `[[date]]` (8) counts as 16 characters, `[[time]]` (8) as 5.
    assert_eq!(m["units"].as_u64().unwrap(), text.chars().count() as u64 + 8 - 3);
}

#[test]
fn merge_fields_change_the_sms_length_and_an_undeclared_one_is_located() {
    let site = Site::copy_of_dir(&example("clinic"));
    let config = site.read("upfront.yaml");
    site.write(
        "upfront.yaml",
        config.replace("merge_fields: { date: 16, time: 5 }", "merge_fields: { date: 200, time: 5 }"),
    );
    site.cmd(&["check", "--today", TODAY]).assert().code(0).stdout(
        predicate::str::contains("content/appointments.md").and(predicate::str::contains("warning[sms-too-long]")),
    );
    site.write("upfront.yaml", config);
    let guide = site.read("content/appointments.hu.md");
    site.write("content/appointments.hu.md", guide.replace("[[time]]", "[[tmie]]"));
    site.cmd(&["check", "--today", TODAY]).assert().code(1).stdout(
        predicate::str::contains("content/appointments.hu.md:14:")
            .and(predicate::str::contains("error[sms-too-long]: `[[tmie]]` is not a declared SMS merge field"))
            .and(predicate::str::contains("did you mean `[[time]]`?")),
    );
}

#[test]
fn a_menu_link_to_a_tier_the_build_leaves_out_is_a_located_error() {
    let site = Site::copy_of_dir(&example("clinic"));
    let config = site.read("upfront.yaml");
    site.write(
        "upfront.yaml",
        config.replace(
            "    - { text: Membership, link: /membership/ }",
            "    - { text: Membership, link: /membership/ }\n    - { text: Members, link: /members/services/ }",
        ),
    );
    let out = site.dir.path().join("public");
    let mut full = site.cmd(&["build", "--today", TODAY]);
    full.arg("--out").arg(&out);
    full.assert().success();
    let mut public = site.cmd(&["build", "--today", TODAY, "--tiers", "public"]);
    public.arg("--out").arg(&out);
    public.assert().code(1).stderr(
        predicate::str::is_match(r"upfront\.yaml:\d+:\d+: error\[broken-link\]: `/members/services/` in `footer` \(en\) links to a page of the `member` tier").unwrap(),
    );
}
