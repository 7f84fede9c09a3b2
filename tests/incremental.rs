//! `serve`'s one-guide rebuild against a full build: after an edit and the background work
//! (other channels, search index), the served files are byte for byte those of a fresh build
//! of the edited site. Through the library, so the test waits for the work to finish instead
//! of timing it.
#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod common;

use std::collections::BTreeSet;
use std::sync::Arc;

use common::Site;
use upfront::output::Files;
use upfront::serve::rebuild::Builder;
use upfront::serve::state::State;

fn builder(site: &Site) -> (Builder, Arc<State>) {
    let state = Arc::new(State::new());
    let mut b = Builder::new(site.root(), Some(jiff::civil::date(2026, 11, 23)), BTreeSet::new(), state.clone());
    b.full().unwrap();
    b.settle();
    (b, state)
}

fn assert_same(incremental: &Files, full: &Files) {
    let a: BTreeSet<&String> = incremental.keys().collect();
    let b: BTreeSet<&String> = full.keys().collect();
    assert_eq!(a, b, "the same files");
    for (name, bytes) in full {
        assert!(incremental[name][..] == bytes[..], "{name} differs from a full build's");
    }
}

#[test]
fn a_one_guide_rebuild_gives_the_files_of_a_full_build() {
    let site = Site::copy_of("channels");
    let (mut serving, state) = builder(&site);
    let before = state.files();

    // New title (which reorders its section's list), body, step text and SMS; then a translation.
    let visit = site.read("content/emergency/visit.md");
    let edited = visit
        .replace("title: Your visit", "title: A visit to the emergency department")
        .replace("A nurse checks you.", "A nurse checks how urgent it is.")
        .replace("## What happens\n\nTriage", "## What happens\n\nFirst, triage");
    assert_ne!(edited, visit);
    site.write("content/emergency/visit.md", &edited);
    assert!(serving.guide(&site.path("content/emergency/visit.md")).unwrap(), "a one-guide rebuild");
    let zh = site.read("content/emergency/visit.zh.md");
    site.write("content/emergency/visit.zh.md", format!("{zh}\n新的一句话。\n"));
    assert!(serving.guide(&site.path("content/emergency/visit.zh.md")).unwrap());
    serving.settle();
    let after = state.files();

    let (_fresh, fresh_state) = builder(&site);
    assert_same(&after, &fresh_state.files());
    // And the edit reached every channel that shows the guide.
    for file in ["emergency/visit/index.html", "print/emergency/visit/index.html", "print/emergency/index.html"] {
        assert!(before[file][..] != after[file][..], "{file} changed");
        assert!(String::from_utf8_lossy(&after[file]).contains("A nurse checks how urgent it is."), "{file}");
    }
    let home = String::from_utf8_lossy(&after["emergency/index.html"]).into_owned();
    let (a, w) = (home.find("A visit to the emergency").unwrap(), home.find("Why").unwrap());
    assert!(a < w, "the section lists the retitled guide in its new place");
    assert!(before.keys().any(|k| k.starts_with("pagefind/")), "the fixture has a search index");
}

#[test]
fn a_one_guide_rebuild_keeps_its_sections_tier() {
    let site = Site::copy_of("tiers");
    let (mut serving, state) = builder(&site);
    // A guide under a `tier: vip` section, with no `tier:` of its own: still a vip page.
    let rel = "content/goldwing/lounge-access.md";
    let guide = site.read(rel);
    site.write(rel, guide.replace("open all night", "open all night and all day"));
    assert!(serving.guide(&site.path(rel)).unwrap(), "a one-guide rebuild");
    serving.settle();
    let after = state.files();
    let page = String::from_utf8_lossy(&after["vip/goldwing/lounge-access/index.html"]).into_owned();
    assert!(page.contains("all night and all day"), "{page}");
    assert!(!after.keys().any(|k| k.starts_with("goldwing/")), "a vip guide written outside vip/");
    let (_fresh, fresh_state) = builder(&site);
    assert_same(&after, &fresh_state.files());
}
