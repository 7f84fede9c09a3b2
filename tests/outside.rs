//! Nothing outside the site is read: links out of the site root, special files (named pipes,
//! devices) and `measured:` paths that leave the site are located errors, and no byte of an
//! outside file reaches the output or the report. Editor leftovers never fail a build.
#![cfg(unix)]
#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod common;

use std::os::unix::fs::symlink;
use std::path::PathBuf;

use common::{Site, snapshot};

const SECRET: &str = "SECRET-TOKEN-7431";

/// A file beside the site (not under its root) holding `SECRET`, as a CSV the audit accepts.
fn outside_file(site: &Site) -> PathBuf {
    let path = site.dir.path().join("outside/secret.csv");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, format!("{SECRET},2026-11-02T14:05:00+01:00,17\n")).unwrap();
    path
}

/// Link `rel` in the site to `target`, creating its folder.
fn link(site: &Site, target: &std::path::Path, rel: &str) {
    let at = site.path(rel);
    std::fs::create_dir_all(at.parent().unwrap()).unwrap();
    symlink(target, at).unwrap();
}

/// Build: exit 1 with every expected message, no secret anywhere, no output, no panic.
fn refused(site: &Site, expected: &[&str]) -> String {
    let out = site.cmd(&["build"]).timeout(std::time::Duration::from_secs(60)).assert().code(1);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    for e in expected {
        assert!(stderr.contains(e), "missing {e:?} in:\n{stderr}");
    }
    assert!(!stderr.contains(SECRET) && !stderr.contains("panicked"), "{stderr}");
    assert!(!site.path("public").exists(), "a failed build wrote public/");
    stderr
}

#[test]
fn a_static_file_linking_out_of_the_site_is_refused() {
    let site = Site::copy_of("basic");
    let secret = outside_file(&site);
    link(&site, &secret, "static/env.txt");
    refused(&site, &["static/env.txt:1:1: error[front-matter]: this links outside the site", "copy the file into"]);
}

#[test]
fn a_static_folder_linking_out_of_the_site_is_refused_whole() {
    let site = Site::copy_of("basic");
    let secret = outside_file(&site);
    link(&site, secret.parent().unwrap(), "static/docs");
    let err = refused(&site, &["static/docs:1:1: error[front-matter]: this links outside the site"]);
    assert!(!err.contains("secret.csv"), "one error for the folder, none per file:\n{err}");
}

#[test]
fn every_source_that_links_out_of_the_site_is_refused() {
    let site = Site::copy_of("basic");
    let secret = outside_file(&site);
    let facts = site.path("facts.yaml");
    std::fs::rename(&facts, site.dir.path().join("outside/facts.yaml")).unwrap();
    link(&site, &site.dir.path().join("outside/facts.yaml"), "facts.yaml");
    for rel in ["templates/help/404.html", "content/leak.md", "notices/leak.md", "glossary.yaml", "i18n/en.yaml"] {
        link(&site, &secret, rel);
    }
    refused(
        &site,
        &[
            "facts.yaml:1:1: error[front-matter]: this links outside the site",
            "templates/help/404.html:1:1: error[front-matter]: this links outside the site",
            "content/leak.md:1:1: error[front-matter]: this links outside the site",
            "notices/leak.md:1:1: error[front-matter]: this links outside the site",
            "glossary.yaml:1:1: error[front-matter]: this links outside the site",
            "i18n/en.yaml:1:1: error[front-matter]: this links outside the site",
        ],
    );
}

#[test]
fn a_configuration_linking_out_of_the_site_is_refused() {
    let site = Site::copy_of("basic");
    outside_file(&site);
    let outside = site.dir.path().join("outside/upfront.yaml");
    std::fs::rename(site.path("upfront.yaml"), &outside).unwrap();
    link(&site, &outside, "upfront.yaml");
    refused(&site, &["upfront.yaml:1:1: error[front-matter]: this links outside the site"]);
}

#[test]
fn a_link_to_a_hidden_file_of_the_site_is_refused() {
    // actions/checkout keeps the job's token in .git/config.
    let site = Site::copy_of("basic");
    site.write(".git/config", format!("[http]\n\textraheader = AUTHORIZATION: basic {SECRET}\n"));
    link(&site, &site.path(".git/config"), "static/config.txt");
    link(&site, &site.path(".git"), "templates/git");
    refused(
        &site,
        &[
            "static/config.txt:1:1: error[front-matter]: this links to `.git/config`, a hidden file or folder",
            "templates/git:1:1: error[front-matter]: this links to `.git`, a hidden file or folder",
        ],
    );
}

#[test]
fn a_link_inside_the_site_is_still_followed() {
    let site = Site::copy_of("basic");
    site.write("shared/logo.txt", "logo");
    link(&site, &site.path("shared/logo.txt"), "static/logo.txt");
    link(&site, &site.path("shared"), "static/shared");
    site.write("static/.well-known/security.txt", "Contact: mailto:security@fixture.example\n");
    link(&site, &site.path("static/.well-known/security.txt"), "static/security.txt");
    site.cmd(&["build"]).assert().success();
    assert_eq!(std::fs::read_to_string(site.path("public/logo.txt")).unwrap(), "logo");
    assert_eq!(std::fs::read_to_string(site.path("public/shared/logo.txt")).unwrap(), "logo");
    assert!(std::fs::read_to_string(site.path("public/security.txt")).unwrap().starts_with("Contact"));
}

#[test]
fn a_measured_path_outside_the_site_is_refused_at_its_value() {
    let site = Site::copy_of("basic");
    let secret = outside_file(&site);
    let facts = site.read("facts.yaml");
    let line = facts.lines().count() + 3;
    site.write("facts.yaml", format!("{facts}audit.wait:\n  wait: 10m..20m\n  measured: {}\n", secret.display()));
    refused(
        &site,
        &[
            &format!("facts.yaml:{line}:13: error[front-matter]: fact `audit.wait`: measured data"),
            "is outside the site, so it is not read",
            "data/waits.csv",
        ],
    );
    let site = Site::copy_of("basic");
    outside_file(&site);
    site.write("facts.yaml", format!("{facts}audit.wait:\n  wait: 10m..20m\n  measured: ../outside/secret.csv\n"));
    refused(&site, &[&format!("facts.yaml:{line}:13: error[front-matter]"), "is outside the site"]);
}

#[test]
fn a_named_pipe_is_refused_without_waiting_for_a_writer() {
    let site = Site::copy_of("basic");
    std::fs::remove_file(site.path("facts.yaml")).unwrap();
    let made = std::process::Command::new("mkfifo").arg(site.path("facts.yaml")).status().unwrap();
    assert!(made.success());
    std::process::Command::new("mkfifo").arg(site.path("content/pipe.md")).status().unwrap();
    refused(
        &site,
        &[
            "facts.yaml:1:1: error[front-matter]: this is a named pipe (FIFO), not a regular file",
            "content/pipe.md:1:1: error[front-matter]: this is a named pipe (FIFO)",
        ],
    );
}

#[test]
fn a_link_to_a_device_is_refused_without_reading_it() {
    let site = Site::copy_of("basic");
    std::fs::remove_file(site.path("facts.yaml")).unwrap();
    link(&site, std::path::Path::new("/dev/zero"), "facts.yaml");
    refused(&site, &["facts.yaml:1:1: error[front-matter]: this links outside the site (to `/dev/zero`)"]);
}

#[test]
fn editor_leftovers_never_fail_a_build_and_are_never_published() {
    let site = Site::copy_of("basic");
    // An Emacs lock is a dangling symlink named `.#file`.
    link(&site, std::path::Path::new("user@host.4242:1700000000"), "content/emergency/.#visit.md");
    link(&site, std::path::Path::new("user@host.4242:1700000000"), "static/.#robots.txt");
    for rel in
        ["content/emergency/#visit.md#", "content/emergency/visit.md~", "content/.visit.md.swp", "static/robots.txt~"]
    {
        site.write(rel, "---\nbroken: [\n");
    }
    site.write("static/robots.txt", "User-agent: *\n");
    site.write("static/#robots.txt#", "draft");
    site.write("static/.robots.txt.swp", "swap");
    site.write("static/.well-known/security.txt", "Contact: mailto:security@fixture.example\n");
    site.cmd(&["build"]).assert().success();
    let published: Vec<String> = snapshot(&site.path("public")).into_iter().map(|(p, _)| p).collect();
    assert!(published.contains(&".well-known/security.txt".to_string()), "{published:?}");
    assert!(published.contains(&"robots.txt".to_string()), "{published:?}");
    let leftovers: Vec<&String> =
        published.iter().filter(|p| p.contains('#') || p.ends_with('~') || p.contains(".swp")).collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_static_file_name_that_is_not_utf8_is_a_located_error() {
    use std::os::unix::ffi::OsStrExt as _;
    let site = Site::copy_of("basic");
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    std::fs::create_dir_all(site.path("static")).unwrap();
    std::fs::write(site.path("static").join(name), "menu").unwrap();
    let err = refused(&site, &["static/caf\u{fffd}.txt:1:1: error[front-matter]: this file name is not UTF-8"]);
    assert!(!err.contains("No such file"), "{err}");
}

#[test]
fn a_link_into_an_earlier_build_is_refused() {
    // An earlier build (every tier) sits in public/; a link into it must not carry its pages
    // into the next build (which may be `--tiers public`).
    let site = Site::copy_of("basic");
    site.cmd(&["build"]).assert().success();
    let earlier = site.path("public/index.html");
    assert!(earlier.is_file());
    link(&site, &earlier, "static/old.html");
    let out = site.cmd(&["build"]).assert().code(1);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("static/old.html:1:1: error[front-matter]: this links to `public/index.html`, inside a build's output folder"),
        "{stderr}"
    );
    assert!(!site.path("public/old.html").exists(), "the earlier output was kept as it was");
}
