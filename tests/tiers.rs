//! Tiers, drafts and aliases through the binary on `tests/fixtures/tiers`: a section's `tier:`
//! covers everything under it in every channel (help pages, cards, sitemap, search, print,
//! screens, SMS, `status.json`), a page cannot widen it, a draft translation reaches no
//! output, and an alias cannot take another page's address or a tier, locale or channel folder.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod common;

use std::io::Read;

use common::{Site, snapshot};
use predicates::prelude::*;

/// Text of the `vip` and `member` sections of the fixture (titles, summaries, bodies, step
/// titles and texts, SMS text, notice), their facts (ids, values in every locale and style,
/// labels), perks and URL paths. None may reach a public build.
const NARROWER: &[&str] = &[
    // vip: the section, its guide and the guide's translation
    "Heliotrope",
    "Marmoset",
    "Pangolin",
    "Narwhal",
    "escort reaches",
    "Okapi",
    "Axolotl",
    "Quokka",
    "Capybara",
    "独角鲸",
    "护送在",
    "霍加狓",
    "工作人员迎接",
    "水豚",
    "Escort delays",
    "Escorts are slower",
    // member: the section and its guide
    "Tamarin",
    "Wombat",
    "Kinkajou",
    "calls back within",
    "Ocelot",
    // facts: ids, values, labels
    "phone.vip",
    "wait.vip",
    "wait.member",
    "555 0177",
    "3–7",
    "3-7",
    "4–9",
    "4-9",
    "Cobaltline",
    "钴线",
    "Quartzwait",
    "石英",
    "Jadewait",
    "玉等",
    // perks
    "Obsidian",
    "Amberdesk",
    // URL paths
    "goldwing",
    "lounge-access",
    "silverwing",
    "callback/",
];

/// The draft translation's text.
const DRAFT: &[&str] = &["鸸鹋"];

/// Every output file under `dir` as text, pagefind's gzip files decompressed.
fn output_text(dir: &std::path::Path) -> Vec<(String, String)> {
    snapshot(dir)
        .into_iter()
        .map(|(name, bytes)| {
            let text = if name.contains(".pf_") {
                let mut plain = Vec::new();
                flate2::read::GzDecoder::new(bytes.as_slice()).read_to_end(&mut plain).unwrap();
                String::from_utf8_lossy(&plain).into_owned()
            } else {
                String::from_utf8_lossy(&bytes).into_owned()
            };
            (name, text)
        })
        .collect()
}

/// (file, marker) for every marker found in a file that `allowed` does not accept.
fn leaks(dir: &std::path::Path, markers: &[&str], allowed: impl Fn(&str) -> bool) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (name, text) in output_text(dir) {
        let name = name.replace('\\', "/");
        for m in markers.iter().filter(|m| text.contains(**m) || name.contains(**m)) {
            if !allowed(&name) {
                found.push((name.clone(), (*m).to_string()));
            }
        }
    }
    found
}

fn build(site: &Site, extra: &[&str]) {
    let mut args = vec!["build", "--today", "2026-11-25"];
    args.extend_from_slice(extra);
    site.cmd(&args).assert().success();
}

#[test]
fn a_public_build_holds_nothing_of_a_narrower_section() {
    let site = Site::copy_of("tiers");
    build(&site, &["--tiers", "public"]);
    let out = site.path("public");
    assert!(out.join("emergency/visit/index.html").is_file());
    assert!(out.join("pagefind/pagefind-entry.json").is_file());
    let found = leaks(&out, NARROWER, |_| false);
    assert!(found.is_empty(), "narrower-tier text in a public build: {found:?}");
}

#[test]
fn a_narrower_section_lives_under_its_tier_folder() {
    let site = Site::copy_of("tiers");
    build(&site, &[]);
    let out = site.path("public");
    for f in [
        "vip/goldwing/index.html",
        "vip/goldwing/lounge-access/index.html",
        "vip/zh/goldwing/lounge-access/index.html",
        "vip/print/goldwing/lounge-access/index.html",
        "vip/sms/messages.json",
        "member/silverwing/index.html",
        "member/silverwing/callback/index.html",
    ] {
        assert!(out.join(f).is_file(), "missing {f}");
    }
    assert!(!out.join("goldwing").exists() && !out.join("silverwing").exists());
    // The vip section page lists its guide; its search box searches the vip index.
    let section = site.read("public/vip/goldwing/index.html");
    assert!(section.contains("Narwhal lounge access") && section.contains("Pangolin"));
    assert!(section.contains(r#"action="../../vip/search/index.html""#), "{section}");
    // vip text only under vip/; member text under member/ (and in the vip index, which holds
    // the wider tiers' guides).
    let found = leaks(&out, NARROWER, |f| f.starts_with("vip/") || f.starts_with("member/"));
    assert!(found.is_empty(), "narrower-tier text outside its tier folder: {found:?}");
    let found = leaks(&out, &["Tamarin", "Kinkajou"], |f| f.starts_with("member/") || f.starts_with("vip/pagefind/"));
    assert!(found.is_empty(), "member text outside member/: {found:?}");
}

#[test]
fn a_page_cannot_widen_its_sections_tier() {
    let site = Site::copy_of("tiers");
    site.write("content/goldwing/open.md", "---\ntitle: Open day\ntier: public\n---\nEveryone is welcome.\n");
    site.write("content/goldwing/deeper/_index.md", "---\ntitle: Deeper\ntier: member\n---\n");
    site.cmd(&["build", "--today", "2026-11-25"]).assert().code(1).stderr(
        predicate::str::contains(
            "content/goldwing/open.md:3:1: error[front-matter]: `tier: public` is wider than the tier of its \
             section, `vip` (set in content/goldwing/_index.md)",
        )
        .and(predicate::str::contains(
            "content/goldwing/deeper/_index.md:3:1: error[front-matter]: `tier: member` is wider than the tier",
        )),
    );
    assert!(!site.path("public").exists());
}

#[test]
fn check_reports_a_public_link_into_a_narrower_section() {
    let site = Site::copy_of("tiers");
    let visit = site.read("content/emergency/visit.md");
    site.write(
        "content/emergency/visit.md",
        format!("{visit}\nSee [extras](/goldwing/) and [more](/goldwing/lounge-access/).\n"),
    );
    site.cmd(&["check", "--today", "2026-11-25"]).assert().code(1).stdout(
        predicate::str::contains("links to `/goldwing/`, a page of the `vip` tier, from a `public` page")
            .and(predicate::str::contains("links to `/goldwing/lounge-access/`, a page of the `vip` tier")),
    );
}

#[test]
fn a_draft_translation_reaches_no_output() {
    let site = Site::copy_of("tiers");
    build(&site, &[]);
    let found = leaks(&site.path("public"), DRAFT, |_| false);
    assert!(found.is_empty(), "a draft in the output: {found:?}");
    assert!(!site.path("public/zh/emergency/waiting").exists());
    // The screen shows the default-locale page in its place.
    let screen = site.read("public/waiting-room/lobby/index.html");
    assert!(screen.contains("Why you wait"));
}

#[test]
fn an_alias_cannot_take_a_tier_locale_or_channel_folder() {
    let site = Site::copy_of("tiers");
    let visit = site.read("content/emergency/visit.md");
    let visit = visit.replacen(
        "reviewed: 2026-10-01\n",
        "reviewed: 2026-10-01\naliases: [vip/goldwing/lounge-access, zh/emergency/visit, print/x, waiting-room/lobby]\n",
        1,
    );
    site.write("content/emergency/visit.md", visit);
    site.cmd(&["build", "--today", "2026-11-25", "--tiers", "public"]).assert().code(1).stderr(
        predicate::str::contains(
            "content/emergency/visit.md:5:11: error[front-matter]: alias `vip/goldwing/lounge-access` starts with \
             `vip`, a tier folder",
        )
        .and(predicate::str::contains("alias `zh/emergency/visit` starts with `zh`, a locale folder"))
        .and(predicate::str::contains("alias `print/x` starts with `print`, a channel folder"))
        .and(predicate::str::contains("alias `waiting-room/lobby` starts with `waiting-room`")),
    );
    assert!(!site.path("public").exists());
}

#[test]
fn an_alias_cannot_take_another_output_path() {
    let site = Site::copy_of("tiers");
    // Another page's address, another page's alias, a section page, a static file's folder.
    let waiting = site.read("content/emergency/waiting.md");
    site.write(
        "content/emergency/waiting.md",
        waiting.replacen(
            "reviewed: 2026-10-01\n",
            "reviewed: 2026-10-01\naliases: [old/visit, emergency/visit, emergency]\n",
            1,
        ),
    );
    let visit = site.read("content/emergency/visit.md");
    site.write(
        "content/emergency/visit.md",
        visit.replacen("reviewed: 2026-10-01\n", "reviewed: 2026-10-01\naliases: [old/visit, files/map.pdf]\n", 1),
    );
    site.write("static/files/map.pdf/index.html", "not a map");
    site.cmd(&["build", "--today", "2026-11-25"]).assert().code(1).stderr(
        predicate::str::contains("alias `emergency/visit` is the address of another page")
            .and(predicate::str::contains("alias `emergency` is the address of another page"))
            .and(predicate::str::contains("alias `old/visit` is also an alias of content/emergency/"))
            .and(predicate::str::contains(
                "alias `files/map.pdf` would overwrite `files/map.pdf/index.html` from static/",
            )),
    );
}

#[test]
fn facts_lists_uses_with_the_sections_tier() {
    let site = Site::copy_of("tiers");
    let out = site.cmd(&["facts", "--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let fact = |id: &str| v["facts"].as_array().unwrap().iter().find(|f| f["id"] == id).unwrap().clone();
    let users = fact("phone.vip")["used_by"].as_array().unwrap().clone();
    let pages: Vec<(&str, &str, &str)> = users
        .iter()
        .map(|u| (u["page"].as_str().unwrap(), u["locale"].as_str().unwrap(), u["tier"].as_str().unwrap()))
        .collect();
    assert_eq!(
        pages,
        [("goldwing", "en", "vip"), ("goldwing/lounge-access", "en", "vip"), ("goldwing/lounge-access", "zh", "vip")]
    );
    // A vip guide is never on a screen.
    assert!(users.iter().all(|u| !u["channels"].as_array().unwrap().contains(&"waiting-room".into())), "{users:#?}");
}
