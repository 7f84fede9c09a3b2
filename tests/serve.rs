//! `upfront serve` through the real binary: each test starts its own server on a free port
//! of 127.0.0.1 and talks plain HTTP/1.1 to it. No timing is asserted; timeouts only stop a
//! hung test.
#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod common;

use std::fmt::Write as _;
use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::Site;
use predicates::prelude::PredicateBooleanExt as _;

const PATIENCE: Duration = Duration::from_secs(60);

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(site: &Site) -> Server {
        Server::start_with(site, &[])
    }

    fn start_with(site: &Site, args: &[&str]) -> Server {
        let port = free_port();
        let child = Command::new(assert_cmd::cargo::cargo_bin("upfront"))
            .arg("--root")
            .arg(site.root())
            .args(["serve", "--port", &port.to_string(), "--today", "2026-11-23"])
            .args(args)
            .env("NO_COLOR", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let server = Server { child, port };
        let deadline = Instant::now() + PATIENCE;
        while get(port, "/", &[]).0 != 200 {
            assert!(Instant::now() < deadline, "the server did not come up");
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    fn get(&self, path: &str) -> (u16, String, String) {
        get(self.port, path, &[])
    }

    fn events(&self) -> Events {
        Events::connect(self.port, &[]).unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn header_lines(headers: &[(&str, &str)]) -> String {
    headers.iter().fold(String::new(), |mut out, (k, v)| {
        let _ = write!(out, "{k}: {v}\r\n");
        out
    })
}

/// (status, headers, body) of `GET path`, or status 0 when nothing answers.
fn get(port: u16, path: &str, headers: &[(&str, &str)]) -> (u16, String, String) {
    request(port, "GET", path, headers)
}

/// (status, lowercased head, body) of `METHOD path`, or status 0 when nothing answers.
fn request(port: u16, method: &str, path: &str, headers: &[(&str, &str)]) -> (u16, String, String) {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else { return (0, String::new(), String::new()) };
    s.set_read_timeout(Some(PATIENCE)).unwrap();
    let mut extra = header_lines(headers);
    if !headers.iter().any(|(k, _)| *k == "Host") {
        let _ = write!(extra, "Host: 127.0.0.1:{port}\r\n");
    }
    let req = format!("{method} {path} HTTP/1.1\r\n{extra}Connection: close\r\nContent-Length: 0\r\n\r\n");
    if s.write_all(req.as_bytes()).is_err() {
        return (0, String::new(), String::new());
    }
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let Some((head, body)) = raw.split_once("\r\n\r\n") else { return (0, raw, String::new()) };
    let status = head.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    (status, head.to_ascii_lowercase(), body.to_string())
}

/// A reader of the live-reload stream.
struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    fn connect(port: u16, headers: &[(&str, &str)]) -> Result<Events, u16> {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.set_read_timeout(Some(PATIENCE)).unwrap();
        let extra = header_lines(headers);
        let req = format!("GET /__upfront/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{extra}\r\n");
        s.write_all(req.as_bytes()).unwrap();
        let mut reader = BufReader::new(s);
        let mut status = String::new();
        reader.read_line(&mut status).unwrap();
        let code: u16 = status.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
        if code != 200 {
            return Err(code);
        }
        let mut events = Events { reader };
        assert_eq!(events.next().0, "hello");
        Ok(events)
    }

    /// The next (event, data); chunked framing lines and keep-alive comments are skipped.
    fn next(&mut self) -> (String, String) {
        let (mut event, mut data) = (String::new(), String::new());
        loop {
            let mut line = String::new();
            assert!(self.reader.read_line(&mut line).unwrap() > 0, "the event stream ended");
            let line = line.trim_end_matches(['\r', '\n']);
            if let Some(e) = line.strip_prefix("event: ") {
                event = e.to_string();
            } else if let Some(d) = line.strip_prefix("data: ") {
                data.push_str(d);
            } else if line.is_empty() && !event.is_empty() {
                return (event, data);
            }
        }
    }

    /// Skip events until a `reload` naming `path` (the background work of an earlier edit
    /// sends reloads of other pages in between); its data.
    fn reload_of(&mut self, path: &str) -> String {
        loop {
            let d = self.wait_for("reload");
            if d.contains(&format!("\"{path}\"")) {
                return d;
            }
        }
    }

    /// Skip events until one named `name`; its data.
    fn wait_for(&mut self, name: &str) -> String {
        loop {
            let (e, d) = self.next();
            if e == name {
                return d;
            }
        }
    }
}

#[test]
fn serves_pages_and_reloads_on_edit() {
    let site = Site::copy_of("basic");
    let server = Server::start(&site);
    let (status, head, body) = server.get("/emergency/visit/");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/html"), "{head}");
    assert!(body.contains("Your visit") && body.contains("/__upfront/events"), "{body}");
    assert_eq!(server.get("/emergency/visit").0, 308, "a folder without its slash redirects");

    let mut events = server.events();
    let text = site.read("content/emergency/visit.md");
    site.write("content/emergency/visit.md", format!("{text}\nA freshly edited sentence.\n"));
    events.reload_of("/emergency/visit/");
    assert!(server.get("/emergency/visit/").2.contains("A freshly edited sentence."));
    // A new guide is a change of the site's shape: a full rebuild, and it is served too.
    site.write("content/emergency/new-guide.md", "---\ntitle: A new guide\nreviewed: 2026-10-01\n---\nHello.\n");
    events.reload_of("/emergency/new-guide/");
    assert!(server.get("/emergency/").2.contains("A new guide"));
    assert!(!site.path("public").exists(), "serve never writes to --out");
}

/// Poll `path` until its body satisfies `ok`; the body.
fn poll(server: &Server, path: &str, ok: impl Fn(u16, &str) -> bool) -> String {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let (status, _, body) = server.get(path);
        if ok(status, &body) {
            return body;
        }
        assert!(Instant::now() < deadline, "{path}: gave up waiting");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_search_index_follows_in_the_background() {
    let site = Site::copy_of("basic");
    let server = Server::start(&site);
    // Built after the first pages are served, then rebuilt after a text edit.
    let entry = "/pagefind/pagefind-entry.json";
    let before = poll(&server, entry, |status, _| status == 200);
    let mut events = server.events();
    let text = site.read("content/emergency/visit.md");
    site.write("content/emergency/visit.md", format!("{text}\nZebracrossings are painted white.\n"));
    events.reload_of("/emergency/visit/");
    events.reload_of("/search/");
    poll(&server, entry, |status, body| status == 200 && body != before);
}

#[test]
fn static_files_are_served_as_they_change() {
    let site = Site::copy_of("basic");
    site.write("static/notes/hello.txt", "hello");
    let server = Server::start(&site);
    assert_eq!(server.get("/notes/hello.txt").2, "hello");
    let mut events = server.events();
    // An edit: only the static files are read again.
    site.write("static/notes/hello.txt", "hello again");
    events.reload_of("/notes/hello.txt");
    assert_eq!(server.get("/notes/hello.txt").2, "hello again");
    // A new file: a full rebuild (content links may now resolve to it).
    site.write("static/notes/new.txt", "new");
    events.reload_of("/notes/new.txt");
    assert_eq!(server.get("/notes/new.txt").2, "new");
}

#[test]
fn a_broken_edit_keeps_the_last_good_page_until_fixed() {
    let site = Site::copy_of("basic");
    let server = Server::start(&site);
    let good = server.get("/emergency/visit/").2;
    let mut events = server.events();
    let text = site.read("content/emergency/visit.md");
    site.write("content/emergency/visit.md", text.replace("{{ er.triage }}", "{{ er.triagx }} BROKEN"));
    let report = events.wait_for("errors");
    assert!(report.contains("unknown-fact") && report.contains("er.triagx"), "{report}");
    let (status, _, body) = server.get("/emergency/visit/");
    assert_eq!(status, 200);
    assert_eq!(body, good, "the last good page stays up");
    // A browser that (re)connects now hears about the errors at once.
    let mut late = server.events();
    assert_eq!(late.next().0, "errors");

    site.write("content/emergency/visit.md", text.replace("Call {{", "Please call {{"));
    assert_eq!(events.wait_for("clear"), "ok");
    events.reload_of("/emergency/visit/");
    assert!(server.get("/emergency/visit/").2.contains("Please call"));
}

#[test]
fn warnings_show_too_and_never_block() {
    let site = Site::copy_of("basic");
    let server = Server::start(&site);
    let mut events = server.events();
    let first = events.wait_for("warnings");
    assert!(first.contains("warning[jargon]"), "the fixture's own warnings: {first}");
    let text = site.read("content/emergency/visit.md");
    site.write("content/emergency/visit.md", format!("{text}\nWe will call you back soon.\n"));
    let report = loop {
        let r = events.wait_for("warnings");
        if r.contains("vague-wait") {
            break r;
        }
    };
    assert!(report.contains("content/emergency/visit.md") && report.contains("soon"), "{report}");
    assert!(server.get("/emergency/visit/").2.contains("We will call you back soon."), "a warning never blocks");
    // A browser that connects now hears the warnings at once.
    let mut late = server.events();
    let (name, data) = late.next();
    assert_eq!(name, "warnings");
    assert!(data.contains("vague-wait"), "{data}");
}

#[test]
fn never_serves_outside_the_output() {
    let site = Site::copy_of("basic");
    let outside = site.dir.path().join("secret.txt");
    std::fs::write(&outside, "TOP SECRET").unwrap();
    site.write("static/hello.txt", "hello");
    let server = Server::start(&site);
    // A link out of the site is a load error (tests/outside.rs): the last good build stays up.
    #[cfg(unix)]
    std::os::unix::fs::symlink(&outside, site.path("static/leak.txt")).unwrap();
    let (status, head, body) = server.get("/hello.txt");
    assert_eq!((status, body.as_str()), (200, "hello"));
    assert!(head.contains("content-type: text/plain"), "{head}");
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/%5c..%5csecret.txt",
        "/C:/Windows/win.ini",
        "/c%3a/windows/win.ini",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/leak.txt",
        "/emergency/visit/..%2f..%2f..%2fsecret.txt",
    ] {
        let (status, _, body) = server.get(path);
        assert!(status == 400 || status == 404, "{path}: {status}");
        assert!(!body.contains("TOP SECRET") && !body.contains("root:"), "{path}");
    }
    let (status, head, body) = server.get("/no/such/page/");
    assert_eq!(status, 404);
    assert!(head.contains("text/html") && body.contains("<html"), "the site's 404 page: {body}");
}

#[test]
fn live_reload_refuses_other_origins() {
    let site = Site::copy_of("basic");
    let server = Server::start(&site);
    assert_eq!(Events::connect(server.port, &[("Origin", "http://evil.example")]).err(), Some(403));
    assert_eq!(Events::connect(server.port, &[("Origin", "null")]).err(), Some(403));
    let own = format!("http://127.0.0.1:{}", server.port);
    assert!(Events::connect(server.port, &[("Origin", &own)]).is_ok());
    assert_eq!(get(server.port, "/", &[("Host", "attacker.example")]).0, 403, "DNS rebinding: another Host is refused");
}

/// On every address (`--bind 0.0.0.0`) the Host check stays on: a DNS-rebinding page in the
/// author's browser sends its own name as Host and must not read drafts or narrower tiers.
#[test]
fn a_foreign_host_is_refused_on_every_bind_address() {
    let site = Site::copy_of("basic");
    let server = Server::start_with(&site, &["--bind", "0.0.0.0", "--allow-host", "dev.example"]);
    let port = server.port;
    for host in ["attacker.example", &format!("attacker.example:{port}"), "127.0.0.1.nip.io", "localhost.evil"] {
        let (status, _, body) = get(port, "/vip/services/nurse-line/", &[("Host", host)]);
        assert_eq!(status, 403, "{host}");
        assert!(body.contains("--allow-host") && !body.contains("<html"), "{host}: {body}");
    }
    assert_eq!(Events::connect(port, &[("Origin", "http://attacker.example")]).err(), Some(403));
    for host in [
        "localhost".to_string(),
        format!("localhost:{port}"),
        format!("app.localhost:{port}"),
        "127.0.0.1".to_string(),
        format!("[::1]:{port}"),
        "dev.example".to_string(),
        format!("DEV.example:{port}"),
        format!("192.168.1.20:{port}"),
    ] {
        assert_eq!(get(port, "/", &[("Host", &host)]).0, 200, "{host}");
    }
}

#[test]
fn allow_host_admits_a_name_on_loopback() {
    let site = Site::copy_of("basic");
    let server = Server::start_with(&site, &["--allow-host", "preview.test"]);
    assert_eq!(get(server.port, "/", &[("Host", "preview.test")]).0, 200);
    assert_eq!(get(server.port, "/", &[("Host", "other.test")]).0, 403);
    assert_eq!(get(server.port, "/", &[("Host", "10.0.0.5")]).0, 403, "not the bound address");
}

#[test]
fn only_get_and_head_are_served() {
    let site = Site::copy_of("basic");
    let server = Server::start(&site);
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
        let (status, head, _) = request(server.port, method, "/", &[]);
        assert_eq!(status, 405, "{method}");
        assert!(head.contains("allow: get, head"), "{method}: {head}");
    }
    assert_eq!(request(server.port, "POST", "/__upfront/events", &[]).0, 405);
    let (status, head, body) = request(server.port, "HEAD", "/", &[]);
    assert_eq!(status, 200);
    assert!(head.contains("text/html") && body.is_empty(), "{head}\n{body}");
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let site = Site::copy_of("basic");
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    site.cmd(&["serve", "--port", &port, "--today", "2026-11-23"])
        .timeout(PATIENCE)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("already in use").and(predicates::str::contains("--port")));
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let site = Site::copy_of("basic");
    let mut server = Server::start(&site);
    let _events = server.events();
    let pid = server.child.id().to_string();
    assert!(Command::new("kill").args(["-INT", &pid]).status().unwrap().success());
    let deadline = Instant::now() + PATIENCE;
    loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            assert!(status.success(), "{status}");
            break;
        }
        assert!(Instant::now() < deadline, "the server did not stop");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn status_json_carries_live_quotes_that_follow_the_data() {
    let site = Site::copy_of("basic");
    let facts = site.read("facts.yaml").replace(
        "er.triage:\n  wait: 10m..30m\n",
        "er.triage:\n  wait: 10m..30m\n  measured: data/waits.csv\n  live: true\n",
    );
    site.write("facts.yaml", facts);
    let rows = |minutes: u32| -> String {
        let start = jiff::Timestamp::now() - jiff::SignedDuration::from_mins(10);
        format!("er.triage,{start},{minutes}\n").repeat(8)
    };
    site.write("data/waits.csv", format!("fact,started,minutes\n{}", rows(12)));
    let server = Server::start(&site);
    let body = poll(&server, "/status.json", |s, b| s == 200 && b.contains("\"low\": 15"));
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["live"]["er.triage"]["basis"], "window");
    assert!(v["notices"].is_array(), "the built status is kept");
    // The queue system appends rows: the quote follows without a rebuild.
    site.write("data/waits.csv", format!("fact,started,minutes\n{}{}", rows(12), rows(40).repeat(4)));
    poll(&server, "/status.json", |s, b| s == 200 && b.contains("\"low\": 40"));
}
