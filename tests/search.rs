//! Search through the binary: a pagefind index per tier, no narrower-tier guide in a wider
//! tier's index, the `channels.help.search` switch, `--tiers`, and byte-identical rebuilds.

#![allow(
    clippy::unwrap_used,
    clippy::case_sensitive_file_extension_comparisons,
    reason = "a failed unwrap is a failed test; pagefind's file names are lowercase"
)]

mod common;

use std::io::Read;
use std::path::Path;

use common::{Site, snapshot};
use predicates::prelude::*;

/// The decompressed contents of every pagefind file under `dir` (fragments, index chunks,
/// metadata are gzip streams), as text.
fn index_text(dir: &Path) -> String {
    let mut text = String::new();
    for (name, bytes) in snapshot(dir) {
        if name.ends_with(".js") || name.ends_with(".json") || name.starts_with("wasm.") {
            continue;
        }
        let mut plain = Vec::new();
        flate2::read::GzDecoder::new(bytes.as_slice()).read_to_end(&mut plain).unwrap();
        text += &String::from_utf8_lossy(&plain);
        text.push('\n');
    }
    text
}

#[test]
fn an_index_per_tier_and_a_search_page_per_locale() {
    let site = Site::copy_of("basic");
    site.cmd(&["build"]).assert().success();
    for f in [
        "pagefind/pagefind.js",
        "pagefind/pagefind-entry.json",
        "pagefind/wasm.en.pagefind",
        "vip/pagefind/pagefind-entry.json",
        "search/index.html",
        "zh/search/index.html",
        "hu/search/index.html",
        "vip/search/index.html",
        "vip/zh/search/index.html",
        "assets/search.js",
    ] {
        assert!(site.path("public").join(f).is_file(), "missing {f}");
    }
    // No member guide in the fixture: no member index, and none of pagefind's own UIs.
    assert!(!site.path("public/member").exists());
    assert!(!site.path("public/pagefind/pagefind-ui.js").exists());
    let entry = site.read("public/pagefind/pagefind-entry.json");
    for lang in ["\"en\"", "\"zh\"", "\"hu\""] {
        assert!(entry.contains(lang), "no {lang} index in {entry}");
    }
    // Every help page has a search box that goes to its tier's search page.
    let public_guide = site.read("public/emergency/visit/index.html");
    assert!(public_guide.contains(r#"role="search" action="../../search/index.html""#));
    let zh_guide = site.read("public/zh/emergency/visit/index.html");
    assert!(zh_guide.contains(r#"action="../../../zh/search/index.html""#));
    let vip_guide = site.read("public/vip/lounge/index.html");
    assert!(vip_guide.contains(r#"action="../../vip/search/index.html""#));
    let search = site.read("public/search/index.html");
    assert!(search.contains(r#"data-bundle="../pagefind/pagefind.js""#));
    assert!(site.read("public/vip/search/index.html").contains(r#"data-bundle="../../vip/pagefind/pagefind.js""#));
}

#[test]
fn no_narrower_tier_guide_in_a_wider_index() {
    let site = Site::copy_of("basic");
    site.cmd(&["build"]).assert().success();
    let public = index_text(&site.path("public/pagefind"));
    assert!(public.contains("\"url\":\"emergency/visit/index.html\""), "public guide missing");
    assert!(public.contains("\"url\":\"zh/emergency/visit/index.html\""), "Chinese guide missing");
    assert!(!public.contains("vip/"), "a VIP page in the public index");
    assert!(!public.to_lowercase().contains("lounge"), "VIP text in the public index");
    let vip = index_text(&site.path("public/vip/pagefind"));
    assert!(vip.contains("\"url\":\"vip/lounge/index.html\""), "the VIP index lacks its own guide");
    assert!(vip.contains("\"url\":\"emergency/visit/index.html\""), "the VIP index lacks wider guides");
}

#[test]
fn tiers_flag_builds_only_the_public_index() {
    let site = Site::copy_of("basic");
    site.cmd(&["build", "--tiers", "public"]).assert().success();
    assert!(site.path("public/pagefind/pagefind-entry.json").is_file());
    assert!(!site.path("public/vip").exists());
}

#[test]
fn search_can_be_switched_off() {
    let site = Site::copy_of("basic");
    let config = site.read("upfront.yaml");
    site.write("upfront.yaml", format!("{config}channels:\n  help: {{ search: false }}\n"));
    site.cmd(&["build"]).assert().success();
    assert!(!site.path("public/pagefind").exists());
    assert!(!site.path("public/vip/pagefind").exists());
    assert!(!site.path("public/search").exists());
    assert!(!site.read("public/index.html").contains("role=\"search\""));
    assert!(!site.read("public/404.html").contains("role=\"search\""));
    // The key is validated like every other one.
    site.write("upfront.yaml", format!("{config}channels:\n  help: {{ search: maybe }}\n"));
    site.cmd(&["build"]).assert().code(1).stderr(predicate::str::contains("search"));
}

#[test]
fn the_index_is_byte_identical_across_builds() {
    let site = Site::copy_of("basic");
    site.cmd(&["--out", "one", "build"]).assert().success();
    site.cmd(&["--out", "two", "build"]).assert().success();
    for dir in ["pagefind", "vip/pagefind"] {
        let (one, two) = (snapshot(&site.path("one").join(dir)), snapshot(&site.path("two").join(dir)));
        assert!(one.len() > 5, "{dir}: only {} files", one.len());
        assert_eq!(one, two, "{dir} differs between two builds");
    }
}
