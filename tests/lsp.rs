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

/// A minimal client on the server's stdio (what an editor sends, without Neovim).
struct Client {
    child: std::process::Child,
    out: std::io::BufReader<std::process::ChildStdout>,
}

impl Client {
    fn start(site: &Site) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_upfront"))
            .arg("--root")
            .arg(site.root())
            .args(["lsp", "--today", "2026-11-23"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let out = std::io::BufReader::new(child.stdout.take().unwrap());
        Client { child, out }
    }

    fn send(&mut self, msg: &serde_json::Value) {
        use std::io::Write as _;
        let body = msg.to_string();
        let stdin = self.child.stdin.as_mut().unwrap();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    }

    fn read(&mut self) -> serde_json::Value {
        use std::io::{BufRead as _, Read as _};
        let mut length = 0;
        loop {
            let mut line = String::new();
            assert!(self.out.read_line(&mut line).unwrap() > 0, "the server ended");
            if line.trim().is_empty() {
                break;
            }
            if let Some(n) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = n.trim().parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        self.out.read_exact(&mut body).unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    /// The next findings published, as (file URI, rule ids).
    fn published(&mut self) -> (String, Vec<String>) {
        loop {
            let msg = self.read();
            if msg["method"] == "textDocument/publishDiagnostics" {
                let uri = msg["params"]["uri"].as_str().unwrap().to_string();
                let rules = msg["params"]["diagnostics"].as_array().unwrap();
                return (uri, rules.iter().map(|d| d["code"].as_str().unwrap_or("").to_string()).collect());
            }
        }
    }
}

#[test]
fn a_keystroke_checks_the_guide_and_its_translations_and_keeps_other_findings() {
    let site = Site::copy_of("basic");
    let mut client = Client::start(&site);
    let root = site.root().canonicalize().unwrap();
    let uri = |rel: &str| format!("file://{}", root.join(rel).display());
    client.send(&serde_json::json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"processId": null, "rootUri": uri(""), "capabilities": {}}}));
    while client.read().get("id").is_none() {}
    client.send(&serde_json::json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    // The full check at start publishes the missing translations of content/_index.md.
    while client.published() != (uri("content/_index.md"), vec!["translation-missing".to_string()]) {}
    // Reviewing the source again makes its translations stale: the focused check of the
    // edited guide covers them, and publishes nothing for other files (they keep theirs).
    let text = site.read("content/emergency/visit.md").replace("reviewed: 2026-10-01", "reviewed: 2026-10-05");
    client.send(&serde_json::json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument":
        {"uri": uri("content/emergency/visit.md"), "languageId": "markdown", "version": 1, "text": text}}}));
    loop {
        let (file, rules) = client.published();
        assert_ne!(file, uri("content/_index.md"), "a file outside the edited guide's translations was published");
        if file == uri("content/emergency/visit.zh.md") && rules.iter().any(|r| r == "translation-stale") {
            break;
        }
    }
    client.send(&serde_json::json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null}));
    client.send(&serde_json::json!({"jsonrpc": "2.0", "method": "exit", "params": null}));
    assert!(client.child.wait().unwrap().success());
}
