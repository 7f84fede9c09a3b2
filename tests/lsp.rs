//! `upfront lsp` driven by a real client: Neovim's built-in LSP client, headless
//! (`tests/lsp/neovim.lua`), on a copy of the basic fixture. `scripts/test` installs Debian's
//! `neovim` when it is missing.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod common;

use std::process::Command;

use common::Site;

#[test]
fn neovim_reads_findings_hovers_completes_and_fixes() {
    let nvim = std::env::var("UPFRONT_NVIM").unwrap_or_else(|_| "nvim".into());
    let version = Command::new(&nvim).arg("--version").output();
    assert!(
        version.as_ref().is_ok_and(|o| o.status.success()),
        "Neovim is needed for this test: `apt-get install neovim` (scripts/test installs it), or set UPFRONT_NVIM"
    );
    let site = Site::copy_of("basic");
    let out = site.dir.path().join("results.txt");
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lsp/neovim.lua");
    let status = Command::new(&nvim)
        .args(["--headless", "--clean", "-n", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("UPFRONT_BIN", env!("CARGO_BIN_EXE_upfront"))
        .env("UPFRONT_SITE", site.root())
        .env("UPFRONT_OUT", &out)
        .env("XDG_STATE_HOME", site.dir.path())
        .env("XDG_DATA_HOME", site.dir.path())
        .status()
        .unwrap();
    assert!(status.success(), "nvim exited with {status}");
    let results = std::fs::read_to_string(&out).unwrap_or_default();
    let expected = [
        "start",
        "diagnostics on open",
        "diagnostics after an edit",
        "edit position",
        "hint in message",
        "hover shows every locale",
        "completion of fact names",
        "definition in facts.yaml",
        "code action replaces the wait with its fact",
    ];
    for name in expected {
        assert!(results.lines().any(|l| l == format!("ok {name}")), "{name} did not pass:\n{results}");
    }
    assert!(!results.contains("FAIL"), "{results}");
    // The file on disk is untouched: the edits were only in the buffer.
    assert_eq!(
        site.read("content/emergency/visit.md"),
        std::fs::read_to_string(common::fixture("basic").join("content/emergency/visit.md")).unwrap()
    );
}
