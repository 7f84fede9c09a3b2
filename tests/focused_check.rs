//! The focused check `upfront lsp` runs on a keystroke (`check::check_focused`: the edited page
//! and its translations) gives, in their files, exactly the findings the full check gives:
//! for every page of the sample, of the fixture sites and of each rule's `bad/` fixture laid
//! over `tests/fixtures/basic`, and after edits that add translation, tier, link and
//! suppression findings.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod common;

use std::path::{Path, PathBuf};

use common::{Site, fixture};
use upfront::check::{check, check_focused};

fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 3, 1)
}

/// For each page: the full check's findings in the files of the page and its translations
/// equal the focused check's on them.
fn assert_focused_matches(root: &Path) -> usize {
    let loaded = upfront::load::load_site(root).unwrap();
    let site = loaded.site.unwrap();
    let full = check(&site, today(), loaded.diagnostics.clone());
    for (i, page) in site.pages.iter().enumerate() {
        let group: Vec<usize> =
            site.pages.iter().enumerate().filter(|(_, p)| p.path == page.path).map(|(j, _)| j).collect();
        assert!(group.contains(&i));
        let files: Vec<&str> = group.iter().map(|&j| site.pages[j].source.path.as_str()).collect();
        let want: Vec<_> = full.iter().filter(|d| files.contains(&d.file.as_str())).cloned().collect();
        let of_files = loaded.diagnostics.iter().filter(|d| files.contains(&d.file.as_str())).cloned().collect();
        let got = check_focused(&site, today(), of_files, &group);
        assert_eq!(got, want, "focused check of {files:?} in {}", root.display());
    }
    site.pages.len()
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries {
            let p = e.unwrap().path();
            if p.is_dir() { stack.push(p) } else { out.push(p) }
        }
    }
    out
}

/// As tests/rules.rs places them: notices, data and site files at the root, the rest in content/.
fn site_path(rel: &str) -> String {
    let at_root = ["notices/", "data/"].iter().any(|d| rel.starts_with(d))
        || ["facts.yaml", "upfront.yaml", "glossary.yaml"].contains(&rel);
    if at_root { rel.to_string() } else { format!("content/{rel}") }
}

#[test]
fn the_sample_and_fixture_sites() {
    let sample = assert_focused_matches(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert!(sample > 10, "the sample has its guides");
    for name in ["basic", "channels", "findings", "tiers", "rules/tier-leak/bad"] {
        assert_focused_matches(&fixture(name));
    }
}

#[test]
fn every_rule_fixture() {
    let rules = fixture("rules");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&rules).unwrap().map(|e| e.unwrap().path()).collect();
    dirs.sort();
    for dir in dirs {
        let site = Site::copy_of("basic");
        for kind in ["site", "bad"] {
            let from = dir.join(kind);
            for f in files(&from) {
                let rel = f.strip_prefix(&from).unwrap().to_string_lossy().replace('\\', "/");
                let rel = if kind == "site" { rel } else { site_path(&rel) };
                site.write(&rel, std::fs::read(&f).unwrap());
            }
        }
        if upfront::load::load_site(&site.root()).unwrap().site.is_some() {
            assert_focused_matches(&site.root());
        }
    }
}

#[test]
fn after_edits_that_add_findings() {
    let site = Site::copy_of("basic");
    // A translation reviewed before its source, with fewer steps (stale, drift), a perk of the
    // VIP tier on a public page (tier-leak), a link to a missing heading (broken-link) and a
    // suppression that silences nothing (unused-suppression).
    site.write(
        "content/steps.md",
        "---\ntitle: Steps\nsummary: What happens.\nreviewed: 2026-02-01\nsteps:\n  - title: One\n    text: First.\n  - title: Two\n    text: Second.\n---\nSee the [lounge](/lounge/#nowhere) and the VIP lounge.\n\n<!-- upfront-ignore jargon -->\nPlain words.\n",
    );
    site.write(
        "content/steps.zh.md",
        "---\ntitle: 步骤\nsummary: 会发生什么。\nreviewed: 2026-01-01\nsteps:\n  - title: 一\n    text: 第一。\n---\n正文。\n",
    );
    let root = site.root();
    assert_focused_matches(&root);
    let full = check(&upfront::load::load_site(&root).unwrap().site.unwrap(), today(), Vec::new());
    let rules: Vec<&str> = full.iter().filter(|d| d.file.starts_with("content/steps")).map(|d| d.rule).collect();
    for rule in ["translation-stale", "translation-drift", "tier-leak", "broken-link", "unused-suppression"] {
        assert!(rules.contains(&rule), "{rule} among {rules:?}");
    }
}
