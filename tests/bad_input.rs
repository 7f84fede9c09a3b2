//! Bad input: a clear, located error, every problem in one run, never a panic, and the
//! previous output left exactly as it was.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod common;

use common::{Site, snapshot};
use predicates::prelude::*;

/// Build once so there is a previous `public/` to protect, then break the site.
fn built() -> Site {
    let site = Site::copy_of("basic");
    site.cmd(&["build"]).assert().success();
    site
}

/// Build the broken site: exit 1, the given messages on stderr, `public/` untouched.
fn fails_with(site: &Site, expected: &[&str]) -> String {
    let before = snapshot(&site.path("public"));
    let out = site.cmd(&["build"]).assert().code(1);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    for e in expected {
        assert!(stderr.contains(e), "missing {e:?} in:\n{stderr}");
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(before, snapshot(&site.path("public")), "public/ changed");
    let leftovers: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".upfront-"))
        .collect();
    assert!(leftovers.is_empty(), "staging folders left behind: {leftovers:?}");
    stderr
}

#[test]
fn an_error_only_the_checks_find_stops_the_build_rendered_alongside() {
    // The site loads cleanly, so it is rendered while the checks run; the staging folder is
    // dropped when they find the broken link.
    let site = built();
    let visit = site.read("content/emergency/visit.md");
    site.write("content/emergency/visit.md", format!("{visit}\nSee [the lounge](/no/such/guide/).\n"));
    let err = fails_with(&site, &["error[broken-link]"]);
    assert!(err.contains("build stopped"), "{err}");
}

#[test]
fn malformed_yaml_points_into_the_markdown_file() {
    let site = built();
    site.write("content/broken.md", "---\ntitle: Broken\nsummary: [unclosed\n---\nText\n");
    let err = fails_with(&site, &["content/broken.md:4:1: error[front-matter]: invalid YAML"]);
    assert!(err.contains("build stopped"), "{err}");
}

#[test]
fn unknown_key_suggests_the_nearest() {
    let site = built();
    site.write("content/typo.md", "---\ntitle: T\nsumary: x\n---\n");
    fails_with(
        &site,
        &["content/typo.md:3:1: error[front-matter]: unknown key `sumary` in front matter", "did you mean `summary`?"],
    );
}

#[test]
fn wrong_type() {
    let site = built();
    site.write("content/steps.md", "---\ntitle: T\nsteps: yes\n---\n");
    fails_with(&site, &["content/steps.md:3:8: error[front-matter]: `steps` must be a list, found the text `yes`"]);
}

#[test]
fn missing_config_is_a_tool_error() {
    let site = Site::copy_of("basic");
    std::fs::remove_file(site.path("upfront.yaml")).unwrap();
    site.cmd(&["build"]).assert().code(2).stderr(predicate::str::contains("no upfront.yaml"));
}

#[test]
fn malformed_durations_in_facts() {
    let site = built();
    let facts = site.read("facts.yaml");
    site.write("facts.yaml", format!("{facts}bad.one:\n  wait: 5 mins..x\nbad.two:\n  wait: 30m..10m\n"));
    let n = facts.lines().count();
    fails_with(
        &site,
        &[
            &format!("facts.yaml:{}:9: error[front-matter]: fact `bad.one`: `5 mins` has no unit", n + 2),
            &format!(
                "facts.yaml:{}:9: error[front-matter]: fact `bad.two`: the range `30m..10m` starts above its end",
                n + 4
            ),
            "`10m..30m`",
        ],
    );
}

#[test]
fn unknown_fact_and_unclosed_placeholder() {
    let site = built();
    site.write("content/facts.md", "---\ntitle: T\n---\nTriage: {{ er.triag }}.\nAnd {{ er.triage\n");
    fails_with(
        &site,
        &[
            "content/facts.md:4:12: error[unknown-fact]: `er.triag` is not a fact",
            "did you mean `er.triage`?",
            "content/facts.md:5:5: error[unknown-fact]: `{{` is never closed on this line",
        ],
    );
}

#[test]
fn not_utf8_empty_and_no_front_matter() {
    let site = built();
    site.write("content/latin1.md", b"---\ntitle: Caf\xe9\n---\n".as_slice());
    site.write("content/empty.md", "");
    site.write("content/plain.md", "Just text\n");
    fails_with(
        &site,
        &[
            "content/latin1.md:2:11: error[front-matter]: the file is not UTF-8 text",
            "content/empty.md:1:1: error[front-matter]: the file is empty",
            "content/plain.md:1:1: error[front-matter]: the file has no front matter",
            "3 errors",
        ],
    );
}

#[cfg(unix)]
#[test]
fn symlink_loop() {
    let site = built();
    std::os::unix::fs::symlink("..", site.path("content/emergency/loop")).unwrap();
    fails_with(&site, &["content/emergency/loop:1:1: error[front-matter]: symlink loop"]);
}

#[test]
fn huge_file_is_refused_by_the_cap() {
    let site = built();
    let big = format!("---\ntitle: Big\n---\n{}", "All good here. ".repeat(50_000_000 / 15));
    site.write("content/big.md", big);
    fails_with(
        &site,
        &["content/big.md:1:1: error[front-matter]: the file is 50.0 MB, above the limit of 20.0 MB", "max_file_bytes"],
    );
}

#[test]
fn out_must_not_be_a_source_or_a_file() {
    let site = built();
    for out in [".", "content", "content/x", "templates"] {
        site.cmd(&["--out", out, "build"]).assert().code(2).stderr(predicate::str::contains("refusing to build into"));
    }
    site.write("mine/notes.txt", "keep me");
    site.cmd(&["--out", "mine", "build"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("was not written by upfront"));
    assert_eq!(site.read("mine/notes.txt"), "keep me");
    site.write("afile", "x");
    site.cmd(&["--out", "afile", "build"]).assert().code(2).stderr(predicate::str::contains("is a file"));
    assert!(site.path("content/_index.md").exists());
}

#[test]
fn template_syntax_error_names_file_and_line() {
    let site = built();
    site.write(
        "templates/help/guide.html",
        "{% extends \"help/base.html\" %}\n{% block main %}\n{{ page.title \n{% endblock main %}\n",
    );
    fails_with(&site, &["templates/help/guide.html:4:1: error[template]"]);
}

#[test]
fn every_problem_in_one_run() {
    let site = built();
    site.write("content/a.md", "---\ntitel: A\n---\n");
    site.write("content/b.md", "---\ntitle: B\ndraft: maybe\n---\n{{ nope }}\n");
    site.write("content/emergency/c.md", "---\ntitle: C\ntier: platinum\nchannels: [web]\n---\n");
    fails_with(
        &site,
        &[
            "content/a.md:2:1",
            "content/b.md:3:8",
            "content/emergency/c.md:3:7",
            "content/emergency/c.md:4:12: error[front-matter]: `web` is not a channel",
            "use one of: help, waiting-room, print, sms",
            "5 errors",
        ],
    );
}

#[test]
fn yaml_anchors_are_refused() {
    let site = built();
    site.write("content/anchor.md", "---\ntitle: &t Anchor\nsummary: *t\n---\n");
    fails_with(
        &site,
        &[
            "content/anchor.md:2:8: error[front-matter]: YAML anchors",
            "content/anchor.md:3:10: error[front-matter]: YAML aliases",
        ],
    );
}

#[test]
fn invalid_config_is_a_content_error() {
    let site = built();
    let cfg = site.read("upfront.yaml");
    site.write("upfront.yaml", cfg.replace("default_locale: en", "default_locale: en\ncolour: blue"));
    fails_with(&site, &["upfront.yaml:4:1: error[front-matter]: unknown key `colour` in upfront.yaml"]);
}

#[test]
fn notice_windows_and_targets_are_checked() {
    let site = built();
    site.write(
        "notices/closed.md",
        "---\ntitle: Closed\nfrom: 2026-12-01T08:00:00+01:00\nuntil: 2026-12-01 25:00\napplies_to: [emergency/vist]\nseverity: loud\n---\nBody {{ er.triage }}\n",
    );
    site.write("notices/backwards.md", "---\ntitle: B\nfrom: 2026-12-02T08:00:00Z\nuntil: 2026-12-01T08:00:00Z\n---\n");
    fails_with(
        &site,
        &[
            "notices/closed.md:4:8: error[front-matter]: `2026-12-01 25:00` is not a date and time",
            "notices/closed.md:5:14: error[front-matter]: `emergency/vist` is not a guide",
            "did you mean `emergency/visit`?",
            "notices/closed.md:6:11: error[front-matter]: `loud` is not a severity",
            "notices/backwards.md:4:8: error[front-matter]: `until` is not after `from`",
        ],
    );
}

#[test]
fn control_characters_are_located_warnings_and_never_reach_the_output() {
    let site = Site::copy_of("basic");
    site.write(
        "content/pasted.md",
        "---\ntitle: \"Pasted\\x01 text\"\nsummary: \"Wait\\0 here.\"\n---\n## Wait\u{1b}[1m here\n\nWait at the desk.\0 Then\u{7f} sit.\u{85}\n",
    );
    site.write(
        "notices/lift.md",
        "---\ntitle: Lift\nfrom: 2026-11-01T00:00:00+01:00\nuntil: 2027-01-31T23:59:00+01:00\nseverity: info\n---\nUse the stairs\u{c}.\n",
    );
    let out = site.cmd(&["build"]).assert().success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    for at in [
        "content/pasted.md:2:8:",
        "content/pasted.md:3:10:",
        "content/pasted.md:5:8:",
        "content/pasted.md:7:18:",
        "notices/lift.md:7:15:",
    ] {
        assert!(stderr.contains(&format!("{at} warning[control-character]")), "{at} in:\n{stderr}");
    }
    let mut checked = 0;
    for (path, bytes) in snapshot(&site.path("public")) {
        let Ok(text) = String::from_utf8(bytes) else { continue }; // the search index is binary
        let bad = text.chars().find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
        assert!(bad.is_none() && !text.contains("\\u0000") && !text.contains("\\u001b"), "{path}: {bad:?}");
        checked += usize::from(text.contains("Wait at the desk. Then sit.") || text.contains("Use the stairs."));
    }
    assert!(checked >= 2, "the pasted guide and the notice were published");
}
