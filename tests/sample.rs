//! The bundled sample (the repository root is the site): it checks clean and builds every
//! locale, tier and alias.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

use assert_cmd::Command;
use predicates::prelude::*;

fn upfront() -> Command {
    let mut c = Command::cargo_bin("upfront").unwrap();
    c.arg("--root").arg(env!("CARGO_MANIFEST_DIR")).env("NO_COLOR", "1");
    c
}

#[test]
fn sample_checks_clean() {
    upfront()
        .args(["check", "--deny-warnings", "--today", "2026-11-23"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no problems"));
}

#[test]
fn sample_builds_every_locale_and_tier() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    upfront().arg("--out").arg(&public).args(["build", "--today", "2026-11-23"]).assert().success();
    for locale in ["", "zh/", "hu/"] {
        for page in [
            "index.html",
            "emergency/index.html",
            "emergency/visit/index.html",
            "emergency/waiting/index.html",
            "emergency/time-ranges/index.html",
            "emergency/while-you-wait/index.html",
            "services/tiers/index.html",
            "contact/index.html",
        ] {
            assert!(public.join(locale).join(page).is_file(), "missing {locale}{page}");
        }
        assert!(public.join("member").join(locale).join("services/callback/index.html").is_file());
        assert!(public.join("vip").join(locale).join("services/nurse-line/index.html").is_file());
    }
    let home = std::fs::read_to_string(public.join("index.html")).unwrap();
    assert!(!home.contains("nurse-line") && !home.contains("callback"), "narrower tiers listed on the public home");
    let visit = std::fs::read_to_string(public.join("zh/emergency/visit/index.html")).unwrap();
    assert!(visit.contains("<html lang=\"zh\">"));
    assert!(visit.contains("分钟"));
}
