//! `scripts/check-layers` (run by scripts/test) fails on an import cycle between files and on
//! an import up the layers, and passes on today's tree (issue 15).
#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

use std::path::Path;
use std::process::Command;

fn run(root: Option<&Path>) -> (bool, String) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/check-layers");
    let mut c = Command::new("python3");
    c.arg(script);
    if let Some(r) = root {
        c.env("CHECK_LAYERS_ROOT", r);
    }
    let out = c.output().unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
}

fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

#[test]
fn todays_tree_has_no_cycle_and_no_upward_import() {
    let (ok, out) = run(None);
    assert!(ok, "{out}");
}

#[test]
fn a_cycle_between_two_files_fails() {
    let dir = tree(&[
        ("lib.rs", "pub mod render;\n"),
        ("render/mod.rs", "mod help;\nmod search;\n"),
        ("render/help.rs", "use super::search::Index;\npub fn body() {}\n"),
        ("render/search.rs", "use super::help::body;\npub struct Index;\n"),
    ]);
    let (ok, out) = run(Some(dir.path()));
    assert!(!ok, "{out}");
    assert!(out.contains("import cycle between src/render/help.rs, src/render/search.rs"), "{out}");
}

#[test]
fn an_upward_import_fails() {
    let dir = tree(&[
        ("lib.rs", "pub mod check;\npub mod load;\n"),
        ("check/mod.rs", "use crate::load::yaml::nearest;\n"),
        ("load/mod.rs", "pub mod yaml;\n"),
        ("load/yaml.rs", "pub fn nearest() {}\n"),
    ]);
    let (ok, out) = run(Some(dir.path()));
    assert!(!ok, "{out}");
    assert!(out.contains("upward import: src/check/mod.rs (check) imports src/load/yaml.rs (load)"), "{out}");
}
