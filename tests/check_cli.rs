//! `upfront check` through the binary: as a command in a pipeline (a reader that stops early,
//! the summary line with notes, why `--deny-warnings` failed); one mistake, one message (an
//! invalid fact, a typo in a step's `wait:`); the text rules on every published field, a
//! site's own word lists, and hints that name the site's own facts.
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
    for (bad, line) in [
        ("er.doctor:\n  wait: 5x\n", 7),
        ("er.doctor:\n  wiat: 30m..2h\n", 7),
        ("er.doctor:\n  wait: 30m..2h\n  tier: gold\n", 8),
    ] {
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
    let hu = site
        .read("content/emergency/visit.hu.md")
        .replace("wait: er.doctor", "wait: er.docter")
        .replace("Az orvos {{ er.doctor }}. ", "");
    site.write("content/emergency/visit.hu.md", hu);
    let errors = error_findings(&site);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let (rule, file, line, message) = &errors[0];
    assert_eq!(
        (rule.as_str(), file.as_str(), *line),
        ("unknown-fact", "content/emergency/visit.hu.md", 13),
        "{message}"
    );

    // The same typo in the source is reported on the source, not on its correct translations.
    let site = Site::copy_of("basic");
    let en = site.read("content/emergency/visit.md").replace("wait: er.doctor", "wait: er.docter");
    site.write("content/emergency/visit.md", en);
    let errors = error_findings(&site);
    assert!(errors.iter().all(|e| e.1 == "content/emergency/visit.md"), "{errors:#?}");
    assert_eq!(errors.len(), 1, "{errors:#?}");
}

/// A site of its own (a water utility), no sample facts: `upfront.yaml` (plus `extra`),
/// `facts.yaml` and one guide with `body`.
fn water_site(extra: &str, body: &str) -> Site {
    let site = Site::copy_of("basic");
    std::fs::remove_dir_all(site.path("content")).unwrap();
    site.write(
        "upfront.yaml",
        format!("title: Water\nbase_url: https://water.example\ndefault_locale: en\nlocales:\n  en: {{ name: English }}\n{extra}"),
    );
    site.write(
        "facts.yaml",
        "water.repair.arrival:\n  wait: 45m\n  label: { en: time for a repair crew to arrive }\nlab.results:\n  wait: 3d..5d\n",
    );
    site.write("content/repairs.md", format!("---\ntitle: Repairs\nreviewed: 2026-11-01\n---\n{body}"));
    site
}

/// Every finding of `check --format json` as (rule, line, text, hint).
fn all_findings(site: &Site) -> Vec<(String, u64, String, String)> {
    let out = site.cmd(&["check", "--today", "2026-11-23", "--format", "json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            (s("rule"), f["line"].as_u64().unwrap_or(0), s("text"), s("hint"))
        })
        .collect()
}

#[test]
fn a_site_extends_every_word_list() {
    let body = "A crew comes in a jiffy.\n\nDispensary hours are 3 hours on Sundays.\n\nFax us the form within 2 hours.\n\nWe cannot promise a time. We promise a fix.\n\nThe SCADA system reports the fault.\n";
    let rules = |site: &Site| all_findings(site).into_iter().map(|(r, l, t, _)| (r, l, t)).collect::<Vec<_>>();
    let plain = rules(&water_site("", body));
    let line = |r: &str, l: u64, t: &str| (r.to_string(), l, t.to_string());
    assert_eq!(plain, [line("hardcoded-wait", 7, "3 hours"), line("hardcoded-wait", 9, "2 hours")], "built-ins only");
    let words = "checks:\n  words:\n    en:\n      vague: [in a jiffy]\n      absolute: [promise]\n      absolute_not: [cannot promise]\n      instruction: { verbs: [fax] }\n      not_wait: { sentence: [dispensary hours] }\n      jargon: [SCADA]\n";
    let taught = rules(&water_site(words, body));
    assert_eq!(
        taught,
        [line("vague-wait", 5, "in a jiffy"), line("absolute-promise", 11, "promise"), line("jargon", 13, "SCADA")],
        "the site's words extend the built-in lists"
    );
}

#[test]
fn an_unknown_word_list_is_a_located_error_with_the_nearest_name() {
    let words = "checks:\n  words:\n    en:\n      vauge: [x]\n      sentence: [y]\n      instruction: { verb: [z] }\n";
    let site = water_site(words, "Text.\n");
    let out = site.cmd(&["check", "--today", "2026-11-23"]).assert().code(1);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    for want in [
        "upfront.yaml:9:7: error[front-matter]: unknown key `vauge`",
        "did you mean `vague`?",
        "upfront.yaml:10:7: error[front-matter]: unknown key `sentence`",
        "`sentence` goes under `not_wait:`",
        "upfront.yaml:11:22: error[front-matter]: unknown key `verb`",
        "did you mean `verbs`?",
    ] {
        assert!(stdout.contains(want), "{want}\n{stdout}");
    }
}

#[test]
fn hints_name_the_sites_own_fact_by_meaning() {
    let body = "A repair crew arrives within 45 minutes.\n\nYou can backdate a meter reading within 3 days.\n\nA repair crew will arrive soon.\n";
    let found = all_findings(&water_site("", body));
    let hint = |line: u64| found.iter().find(|f| f.1 == line).map(|f| f.3.clone()).unwrap_or_default();
    assert!(hint(5).starts_with("write `{{ water.repair.arrival }}`"), "{}", hint(5));
    // Same value as `lab.results.min`, but nothing says it is a lab result.
    assert!(hint(7).starts_with("add a fact for this wait to facts.yaml (`your.fact: { wait: 3d }`)"), "{}", hint(7));
    assert!(!hint(7).contains("write `{{ lab"), "{}", hint(7));
    assert!(hint(9).contains("{{ water.repair.arrival }}"), "{}", hint(9));
    assert!(
        found.iter().all(|f| !f.3.contains("{{ er.") && !f.3.contains("`er.")),
        "no sample fact in any hint: {found:#?}"
    );
}

#[test]
fn titles_notices_and_glossary_are_read_at_their_exact_positions() {
    let site = water_site("", "Text.\n");
    site.write("content/repairs.md", "---\ntitle: Repairs within 4 hours\nreviewed: 2026-11-01\nsteps:\n  - title: The crew comes shortly\n    text: Tell us where.\n---\nText.\n");
    site.write("notices/outage.md", "---\ntitle: Water back soon\nfrom: 2026-11-20T08:00:00+01:00\nuntil: 2026-12-30T20:00:00+01:00\n---\nRepairs are guaranteed within 6 hours.\n");
    site.write("glossary.yaml", "mains:\n  en: The big pipe; we fix it within 2 hours.\n");
    let got: Vec<String> = {
        let out = site.cmd(&["check", "--today", "2026-11-23", "--format", "json"]).output().unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                let (rule, file, text) =
                    (f["rule"].as_str().unwrap(), f["file"].as_str().unwrap(), f["text"].as_str().unwrap());
                format!("{rule} {file}:{}:{} {text}", f["line"], f["column"])
            })
            .collect()
    };
    for want in [
        "hardcoded-wait content/repairs.md:2:23 4 hours",
        "vague-wait content/repairs.md:5:27 shortly",
        "vague-wait notices/outage.md:2:19 soon",
        "absolute-promise notices/outage.md:6:13 guaranteed",
        "hardcoded-wait notices/outage.md:6:31 6 hours",
        "hardcoded-wait glossary.yaml:2:38 2 hours",
    ] {
        assert!(got.iter().any(|g| g == want), "{want}\n{got:#?}");
    }
}
