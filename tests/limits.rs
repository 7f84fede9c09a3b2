//! Output budgets through the binary: a page that expands past `limits.max_page_bytes` and
//! a template override whose loops print without end are located errors, never an abort,
//! and the previous `public/` stays as it was.
#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod common;

use common::Site;

/// `build` under a 4 GB address-space cap (so a regression aborts instead of eating the
/// machine's memory); its exit code and stderr.
fn build_capped(site: &Site) -> (Option<i32>, String) {
    let bin = assert_cmd::cargo::cargo_bin("upfront");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 4000000; exec \"$0\" --root \"$1\" build --today 2026-11-23")
        .arg(bin)
        .arg(site.root())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn built() -> Site {
    let site = Site::copy_of("basic");
    site.cmd(&["build", "--today", "2026-11-23"]).assert().success();
    site
}

fn public_index(site: &Site) -> String {
    site.read("public/index.html")
}

#[test]
fn a_page_that_expands_past_max_page_bytes_is_a_located_error() {
    let site = built();
    let before = public_index(&site);
    let config = site.read("upfront.yaml");
    site.write("upfront.yaml", format!("{config}limits: {{ max_page_bytes: 1000000 }}\n"));
    let facts = site.read("facts.yaml");
    site.write("facts.yaml", format!("{facts}big.text:\n  text: \"{}\"\n", "x".repeat(10_000)));
    site.write("content/big.md", format!("---\ntitle: Big\n---\n{}", "{{ big.text }}\n\n".repeat(200)));
    let (code, stderr) = build_capped(&site);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("content/big.md:1:1: error[template]: this page renders to more than 1.0 MB"), "{stderr}");
    assert!(stderr.contains("max_page_bytes") && !stderr.contains("panicked"), "{stderr}");
    assert_eq!(public_index(&site), before, "public/ changed");
}

#[test]
fn max_page_bytes_must_be_a_number() {
    let site = Site::copy_of("basic");
    let config = site.read("upfront.yaml");
    site.write("upfront.yaml", format!("{config}limits: {{ max_page_bytes: lots }}\n"));
    site.cmd(&["check"]).assert().code(1).stdout(predicates::str::contains("max_page_bytes"));
}

#[test]
fn nested_template_loops_stop_at_the_page_budget() {
    let site = built();
    let before = public_index(&site);
    site.write(
        "templates/help/guide.html",
        "{% for i in range(end=100000) %}{% for j in range(end=100000) %}<p>{{ i }} {{ j }}</p>{% endfor %}{% endfor %}",
    );
    let (code, stderr) = build_capped(&site);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("templates/help/guide.html:1:1: error[template]: `help/guide.html` printed more than 10.0 MB"),
        "{stderr}"
    );
    assert!(stderr.contains("bound the template's loops") && !stderr.contains("panicked"), "{stderr}");
    assert_eq!(public_index(&site), before, "public/ changed");
}
