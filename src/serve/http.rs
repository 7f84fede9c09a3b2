//! The dev server: files from memory (never a path outside the output), the site's 404 page,
//! the live-reload script injected into HTML, and the event stream at `/__upfront/events`.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::State as AxumState;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{self, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::StreamExt as _;
use tokio::sync::broadcast::error::RecvError;

use super::state::{Event, State};

pub const EVENTS: &str = "/__upfront/events";

/// Injected before `</body>` of every HTML response (only when serving).
const RELOAD_SCRIPT: &str = include_str!("reload.js");

#[derive(Clone)]
struct App {
    state: Arc<State>,
    hosts: Arc<Hosts>,
}

/// The names a request's `Host` (and `Origin`) may carry: loopback names, the bound address,
/// and `--allow-host` names. Always checked, whatever the bind address (DNS rebinding).
pub struct Hosts {
    port: u16,
    /// The bound address as a `Host` names it (`10.0.0.5`, `[fd00::1]`), `None` when it is
    /// every address (`0.0.0.0`, `::`): then any IP literal is admitted, since a name that
    /// could be rebound is never an IP literal.
    bound: Option<String>,
    /// `--allow-host` names, lowercased; a name without a port admits any port.
    allowed: Vec<String>,
}

impl Hosts {
    pub fn new(addr: SocketAddr, allowed: &[String]) -> Hosts {
        let ip = addr.ip();
        let bound = (!ip.is_unspecified()).then(|| if ip.is_ipv6() { format!("[{ip}]") } else { ip.to_string() });
        Hosts { port: addr.port(), bound, allowed: allowed.iter().map(|h| h.to_ascii_lowercase()).collect() }
    }

    /// Whether `host` (a `Host` header value: `name`, `name:port`, `[v6]:port`) is ours.
    pub fn admits(&self, host: &str) -> bool {
        let host = host.trim().to_ascii_lowercase();
        let (name, port) = split_port(&host);
        if self.allowed.iter().any(|a| *a == host || *a == name) {
            return true;
        }
        if port.is_some_and(|p| p != self.port) {
            return false;
        }
        let literal = name.strip_prefix('[').and_then(|n| n.strip_suffix(']')).unwrap_or(name);
        let ip = literal.parse::<std::net::IpAddr>().ok();
        name == "localhost"
            || name.ends_with(".localhost")
            || ip.is_some_and(|ip| ip.is_loopback() || (self.bound.is_none() && (name == literal) == ip.is_ipv4()))
            || self.bound.as_deref() == Some(name)
    }
}

/// `name:port` → (`name`, port); `[v6]:port` keeps its brackets; no port or a bad one → `None`.
fn split_port(host: &str) -> (&str, Option<u16>) {
    match host.rsplit_once(':') {
        Some((name, port)) if !name.is_empty() && (!name.contains(':') || name.ends_with(']')) => {
            (name, Some(port.parse().unwrap_or(0)))
        }
        _ => (host, None),
    }
}

pub fn router(state: Arc<State>, hosts: Hosts) -> Router {
    let app = App { state, hosts: Arc::new(hosts) };
    Router::new().route(EVENTS, get(events)).fallback(file).with_state(app)
}

impl App {
    /// `None` when the `Host` header is ours (or absent: HTTP/1.0 clients); else the 403.
    fn host_refused(&self, headers: &HeaderMap) -> Option<Response> {
        let host = headers.get(header::HOST)?;
        let host = String::from_utf8_lossy(host.as_bytes());
        if self.hosts.admits(&host) {
            return None;
        }
        let message = format!(
            "403 Forbidden: this server does not answer to the host `{host}` (a page on another site could be \
             reading it through DNS rebinding). It answers to localhost, 127.0.0.1 and [::1]{}; to admit \
             this name, restart with `upfront serve --allow-host {}`\n",
            self.hosts.bound.as_deref().map(|b| format!(" and {b}")).unwrap_or_default(),
            split_port(&host.to_ascii_lowercase()).0,
        );
        Some((StatusCode::FORBIDDEN, message).into_response())
    }

    /// A missing `Origin` is a same-origin or non-browser request; any other must be ours.
    fn origin_ok(&self, headers: &HeaderMap) -> bool {
        let Some(origin) = headers.get(header::ORIGIN) else { return true };
        let Ok(origin) = origin.to_str() else { return false };
        origin.strip_prefix("http://").is_some_and(|h| self.hosts.admits(h))
    }
}

async fn events(AxumState(app): AxumState<App>, headers: HeaderMap) -> Response {
    if let Some(refused) = app.host_refused(&headers) {
        return refused;
    }
    if !app.origin_ok(&headers) {
        return (StatusCode::FORBIDDEN, "live reload is only for pages of this server\n").into_response();
    }
    let rx = app.state.subscribe();
    let mut first = vec![sse::Event::default().event("hello").data("upfront")];
    if let Some(errors) = app.state.errors() {
        first.push(to_sse(&Event::Errors(errors)).unwrap_or_default());
    }
    let warnings = app.state.warnings();
    if !warnings.is_empty() {
        first.push(to_sse(&Event::Warnings(warnings)).unwrap_or_default());
    }
    let live = futures_util::stream::unfold(rx, |mut rx| async move {
        loop {
            match rx.recv().await {
                Ok(event) => return to_sse(&event).map(|e| (Ok(e), rx)),
                Err(RecvError::Lagged(_)) => {}
                Err(RecvError::Closed) => return None,
            }
        }
    });
    let stream = futures_util::stream::iter(first.into_iter().map(Ok::<_, Infallible>)).chain(live);
    Sse::new(stream).keep_alive(KeepAlive::default()).into_response()
}

/// The SSE form of an event; `None` ends the stream.
fn to_sse(event: &Event) -> Option<sse::Event> {
    Some(match event {
        Event::Reload(paths) => {
            sse::Event::default().event("reload").data(serde_json::to_string(&**paths).unwrap_or_default())
        }
        Event::Errors(report) => {
            sse::Event::default().event("errors").data(serde_json::to_string(&**report).unwrap_or_default())
        }
        Event::Clear => sse::Event::default().event("clear").data("ok"),
        Event::Warnings(report) => {
            sse::Event::default().event("warnings").data(serde_json::to_string(&**report).unwrap_or_default())
        }
        Event::Shutdown => return None,
    })
}

/// The output file a request path names: percent-decoded, then refused (`Err`) when it holds
/// `..`, `.`, a backslash, a colon (drive paths), or a NUL. Empty segments are dropped, so
/// `//etc/passwd` is the output's `etc/passwd`. The bool says whether it ends in `/`.
pub fn output_path(raw: &str) -> Result<(String, bool), StatusCode> {
    let decoded = percent_encoding::percent_decode_str(raw).decode_utf8().map_err(|_| StatusCode::BAD_REQUEST)?;
    if decoded.contains(['\\', ':', '\0']) {
        return Err(StatusCode::BAD_REQUEST);
    }
    let mut parts = Vec::new();
    for seg in decoded.split('/').filter(|s| !s.is_empty()) {
        if seg == ".." || seg == "." {
            return Err(StatusCode::BAD_REQUEST);
        }
        parts.push(seg);
    }
    Ok((parts.join("/"), decoded.ends_with('/') || parts.is_empty()))
}

async fn file(AxumState(app): AxumState<App>, method: Method, headers: HeaderMap, uri: Uri) -> Response {
    if let Some(refused) = app.host_refused(&headers) {
        return refused;
    }
    if method != Method::GET && method != Method::HEAD {
        let message = format!("405 Method Not Allowed: the dev server only reads pages (GET, HEAD), not {method}\n");
        return (StatusCode::METHOD_NOT_ALLOWED, [(header::ALLOW, "GET, HEAD")], message).into_response();
    }
    let (rel, dir) = match output_path(uri.path()) {
        Ok(p) => p,
        Err(code) => return (code, "bad path\n").into_response(),
    };
    let state = &app.state;
    let key = if dir { format!("{rel}{}index.html", if rel.is_empty() { "" } else { "/" }) } else { rel.clone() };
    if let Some(bytes) = state.file(&key) {
        return respond(StatusCode::OK, &key, &bytes);
    }
    if !dir && state.has(&format!("{rel}/index.html")) {
        let location = format!("{}/", uri.path());
        if let Ok(v) = HeaderValue::from_str(&location) {
            return (StatusCode::PERMANENT_REDIRECT, [(header::LOCATION, v)]).into_response();
        }
    }
    // The 404 page of the request's locale (its first segment), else the default locale's.
    let first = rel.split('/').next().unwrap_or("");
    for page in [format!("{first}/404.html"), "404.html".to_string()] {
        if let Some(bytes) = state.file(&page) {
            return respond(StatusCode::NOT_FOUND, &page, &bytes);
        }
    }
    (StatusCode::NOT_FOUND, "not found\n").into_response()
}

fn respond(status: StatusCode, name: &str, bytes: &[u8]) -> Response {
    let kind = content_type(name);
    let body = if kind.starts_with("text/html") { inject(bytes) } else { bytes.to_vec() };
    (status, [(header::CONTENT_TYPE, kind.as_str()), (header::CACHE_CONTROL, "no-store")], body).into_response()
}

/// The page with the live-reload script before its last `</body>` (or at the end).
fn inject(html: &[u8]) -> Vec<u8> {
    let at = html.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")).unwrap_or(html.len());
    let script = format!("<script>{RELOAD_SCRIPT}</script>");
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The `Content-Type` of an output file, by its extension (the `mime_guess` table); text types
/// (HTML, CSS, JavaScript, JSON, XML, SVG) say they are UTF-8, as everything Upfront writes is.
pub fn content_type(name: &str) -> String {
    let mime = mime_guess::from_path(name).first_or_octet_stream();
    let text = mime.type_() == mime_guess::mime::TEXT
        || matches!(mime.subtype().as_str(), "javascript" | "json" | "xml" | "svg")
        || mime.suffix().is_some_and(|s| s == "xml" || s == "json");
    if text { format!("{mime}; charset=utf-8") } else { mime.to_string() }
}

#[cfg(test)]
mod tests {
    use super::content_type;

    #[test]
    fn output_files_get_their_types_and_text_says_utf8() {
        assert_eq!(content_type("zh/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("reload.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("status.json"), "application/json; charset=utf-8");
        assert_eq!(content_type("sitemap.xml"), "text/xml; charset=utf-8");
        assert_eq!(content_type("logo.svg"), "image/svg+xml; charset=utf-8");
        assert_eq!(content_type("logo.PNG"), "image/png");
        assert_eq!(content_type("font.woff2"), "font/woff2");
        assert_eq!(content_type("pagefind/wasm.unknown"), "application/octet-stream");
        assert_eq!(content_type("README"), "application/octet-stream");
    }
}
