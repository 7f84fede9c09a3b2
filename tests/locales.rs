//! A language Upfront does not ship is data, not code (issue 15): the fixture site
//! `locale-de` gives German word lists only in `checks.words.de`, and the text rules read
//! German pages with them; a locale without any word lists is a warning.
#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod common;

use common::Site;

fn findings(site: &Site) -> Vec<(String, String, u64, String)> {
    site.check_json(&[])["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap_or(0),
                f["text"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn german_pages_are_read_with_the_sites_own_word_lists() {
    let site = Site::copy_of("locale-de");
    let found = findings(&site);
    let on =
        |rule: &str, text: &str| found.iter().any(|(r, f, _, t)| r == rule && f == "content/permit.de.md" && t == text);
    // A hand-written range in working days, a vague promise and an absolute one.
    assert!(on("hardcoded-wait", "3 bis 8 Werktagen"), "{found:#?}");
    assert!(on("vague-wait", "bald"), "{found:#?}");
    assert!(on("absolute-promise", "garantiert"), "{found:#?}");
    // Opening hours are not a wait, and "nicht garantiert" promises nothing.
    let text_rules = ["hardcoded-wait", "vague-wait", "absolute-promise"];
    assert!(
        !found.iter().any(|(r, f, _, _)| f == "content/good.de.md" && text_rules.contains(&r.as_str())),
        "{found:#?}"
    );
    assert_eq!(found.iter().filter(|(r, _, _, _)| r == "hardcoded-wait").count(), 1, "{found:#?}");
    // The hint proposes a fact in working days.
    assert!(site.check(&[]).1.contains("wait: 3wd..8wd"));
    // The site gives `de` word lists: no warning that it has none.
    assert!(!found.iter().any(|(_, _, _, t)| t.contains("no word lists")));
}

#[test]
fn a_locale_without_word_lists_is_a_warning() {
    let site = Site::copy_of("locale-de");
    let config = site.read("upfront.yaml");
    let cut = config.find("checks:").unwrap();
    site.write("upfront.yaml", &config[..cut]);
    let out = site.cmd(&["check", "--today", "2026-12-01"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("upfront.yaml:9:7: warning[front-matter]: the text rules have no word lists for `de`"),
        "{stdout}"
    );
    assert!(stdout.contains("add `checks.words.de`"), "{stdout}");
    // Without lists nothing German is found, and nothing is made up either.
    assert!(!stdout.contains("hardcoded-wait"), "{stdout}");
}

#[test]
fn a_misspelt_setting_of_a_new_language_is_located() {
    let site = Site::copy_of("locale-de");
    let config = site.read("upfront.yaml").replace("ein: 1,", "ein: eins,").replace("mode: words", "mode: wrds");
    site.write("upfront.yaml", config);
    let out = site.cmd(&["check", "--today", "2026-12-01"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("`numbers.ein` must be a number"), "{stdout}");
    assert_eq!(out.status.code(), Some(1), "{stdout}");
}
