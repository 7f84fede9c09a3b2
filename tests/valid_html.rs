//! Valid, standard output without a validator: no page repeats an id (heading ids never
//! take one the theme uses, "print all" pages hold several guides) and no form has an
//! empty `action`. The browser tests run the Nu Html Checker itself (`vnu.test.mjs`).

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{Site, snapshot};

/// What the Nu Html Checker would reject that a scan can see: a repeated `id`, an `id` with
/// a space, a heading that skips a level, more than one `h1`, an empty `action`; as
/// `file: problem`.
fn id_problems(public: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let mut pages = 0;
    for (file, bytes) in snapshot(public) {
        if !Path::new(&file).extension().is_some_and(|e| e.eq_ignore_ascii_case("html")) {
            continue;
        }
        pages += 1;
        let html = String::from_utf8(bytes).unwrap();
        let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
        for piece in html.split(" id=\"").skip(1) {
            *ids.entry(piece.split('"').next().unwrap()).or_default() += 1;
        }
        problems.extend(ids.iter().filter(|(_, n)| **n > 1).map(|(id, n)| format!("{file}: id \"{id}\" {n} times")));
        problems
            .extend(ids.keys().filter(|id| id.contains(char::is_whitespace)).map(|id| format!("{file}: id \"{id}\"")));
        if html.matches("<h1").count() > 1 {
            problems.push(format!("{file}: {} h1 headings", html.matches("<h1").count()));
        }
        let mut last = 0;
        for level in html.split("<h").filter_map(|p| p.chars().next()?.to_digit(10)) {
            if level > last + 1 {
                problems.push(format!("{file}: h{level} after h{last}"));
            }
            last = level;
        }
        if html.contains(" action=\"\"") {
            problems.push(format!("{file}: a form with action=\"\""));
        }
    }
    assert!(pages > 5, "only {pages} pages under {}", public.display());
    problems
}

/// The basic site with two guides of one section (so on one "print all" page) with the same
/// `body`, built.
fn two_guides(body: &str) -> Site {
    let site = Site::copy_of("basic");
    for name in ["first", "second"] {
        let front = format!("---\ntitle: The {name} guide\nsummary: A guide.\nreviewed: 2026-10-01\n---\n");
        site.write(&format!("content/emergency/{name}.md"), front + body);
    }
    site.cmd(&["build", "--today", "2026-11-23"]).assert().success();
    site
}

#[test]
fn a_heading_never_takes_an_id_the_theme_uses() {
    let site = Site::copy_of("basic");
    site.write(
        "content/emergency/main.md",
        "---\ntitle: Main entrance\nsummary: Where to go in.\nreviewed: 2026-10-01\n---\n\
         ## Main\n\nSee [the main door](#main-2).\n\n## Main\n\n## On this page\n\n## Search results\n",
    );
    site.cmd(&["build", "--today", "2026-11-23"]).assert().success();
    let page = site.read("public/emergency/main/index.html");
    assert_eq!(page.matches(" id=\"main\"").count(), 1, "{page}");
    assert!(page.contains("<main id=\"main\""), "{page}");
    for id in ["main-2", "main-3", "on-this-page", "search-results-2"] {
        assert!(page.contains(&format!("<h2 id=\"{id}\">")), "no heading {id}: {page}");
        assert!(page.contains(&format!("href=\"#{id}\"")), "\"On this page\" does not link {id}");
    }
    assert_eq!(id_problems(&site.path("public")), Vec::<String>::new());
}

#[test]
fn print_all_pages_repeat_no_heading_id() {
    let site = two_guides("## If you feel worse\n\nTell staff. [Again](#if-you-feel-worse).\n");
    let all = site.read("public/print/emergency/index.html");
    for name in ["first", "second"] {
        let id = format!("emergency-{name}--if-you-feel-worse");
        assert!(all.contains(&format!("<h2 id=\"{id}\">")), "{all}");
        assert!(all.contains(&format!("href=\"#{id}\"")), "a same-page link lost its heading: {all}");
    }
    // The help center keeps the plain id (links from other pages use it).
    assert!(site.read("public/emergency/first/index.html").contains("<h2 id=\"if-you-feel-worse\">"));
    assert_eq!(id_problems(&site.path("public")), Vec::<String>::new());
}

#[test]
fn footnotes_and_deep_headings_make_valid_ids_and_levels() {
    let site = two_guides(
        "## Note\n\nA note[^note], a spaced one[^a b] and the note again[^note].\n\n\
         [^note]: The note.\n[^a b]: Spaced.\n\n###### Deep\n\n#### Deeper\n",
    );
    let page = site.read("public/emergency/first/index.html");
    assert!(page.contains("<h2 id=\"note\">") && page.contains("<h3 id=\"deep\">"), "{page}");
    assert!(page.contains("<h4 id=\"deeper\">"), "{page}");
    assert!(page.contains("<a href=\"#footnote--1\">1</a>") && page.contains("id=\"footnote--2\""), "{page}");
    let all = site.read("public/print/emergency/index.html");
    assert!(all.contains("id=\"emergency-second--footnote--1\""), "{all}");
    assert_eq!(id_problems(&site.path("public")), Vec::<String>::new());
}

#[test]
fn the_fixture_sites_repeat_no_id_and_have_no_empty_action() {
    for fixture in ["basic", "channels"] {
        let site = Site::copy_of(fixture);
        site.cmd(&["build", "--today", "2026-11-23"]).assert().success();
        assert_eq!(id_problems(&site.path("public")), Vec::<String>::new(), "{fixture}");
    }
}

#[test]
fn the_sample_repeats_no_id_and_has_no_empty_action() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let mut cmd = assert_cmd::Command::cargo_bin("upfront").unwrap();
    cmd.arg("--root").arg(env!("CARGO_MANIFEST_DIR")).arg("--out").arg(&public);
    cmd.args(["build", "--today", "2026-11-23"]).env("NO_COLOR", "1").assert().success();
    assert_eq!(id_problems(&public), Vec::<String>::new());
}
