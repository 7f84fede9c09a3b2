//! Shared helpers: copy a fixture site into a temp folder, run the binary on it.
#![allow(dead_code, reason = "each test binary uses a different subset")]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), dest).unwrap();
        }
    }
}

/// A writable copy of a fixture site in a temp folder (the site is `dir.path()/site`).
pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    pub fn copy_of(name: &str) -> Site {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&fixture(name), &dir.path().join("site"));
        Site { dir }
    }

    /// A writable copy of the site in `from` (e.g. one of `examples/`).
    pub fn copy_of_dir(from: &Path) -> Site {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(from, &dir.path().join("site"));
        Site { dir }
    }

    pub fn root(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
    }

    /// `upfront --root <site> <args…>`, run in the site's folder (so reports name files from
    /// the site root, as when a user runs `upfront check` there).
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::cargo_bin("upfront").unwrap();
        c.current_dir(self.root()).arg("--root").arg(self.root()).args(args).env("NO_COLOR", "1");
        c
    }
}

/// A guide with two vague words, one of them over a line break: findings for the report and
/// CI tests.
pub const VAGUE: &str = "---\ntitle: Vague\nreviewed: 2026-11-01\n---\nSomeone will see you soon.\n\nWe call you back as soon\nas possible.\n";

impl Site {
    /// The basic fixture plus `content/vague.md` ([`VAGUE`]).
    pub fn with_vague_guide() -> Site {
        let site = Site::copy_of("basic");
        site.write("content/vague.md", VAGUE);
        site
    }

    /// `check --today 2026-11-23 ARGS…`: the exit code, stdout and stderr.
    pub fn check(&self, args: &[&str]) -> (i32, String, String) {
        let out = self.cmd(&["check", "--today", "2026-11-23"]).args(args).output().unwrap();
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
    }

    /// The same with `--format json`, parsed.
    pub fn check_json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.check(&[&["--format", "json"], args].concat()).1).unwrap()
    }
}

/// Every file under `dir` with its bytes, sorted by path.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                out.push((rel, std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}
