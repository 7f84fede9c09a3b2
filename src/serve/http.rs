//! The dev server: files from memory (never a path outside the output), the site's 404 page,
//! the live-reload script injected into HTML, and the event stream at `/__upfront/events`.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::State as AxumState;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
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
    /// Origins (and hosts) a request may come from: this server's own addresses.
    hosts: Arc<Vec<String>>,
    /// Whether to refuse other `Host` headers (on loopback: DNS rebinding).
    check_host: bool,
}

pub fn router(state: Arc<State>, addr: SocketAddr) -> Router {
    let port = addr.port();
    let mut hosts = vec![format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("[::1]:{port}")];
    hosts.push(if addr.is_ipv6() { format!("[{}]:{port}", addr.ip()) } else { format!("{}:{port}", addr.ip()) });
    let app = App { state, hosts: Arc::new(hosts), check_host: addr.ip().is_loopback() };
    Router::new().route(EVENTS, get(events)).fallback(file).with_state(app)
}

impl App {
    fn host_ok(&self, headers: &HeaderMap) -> bool {
        !self.check_host
            || headers.get(header::HOST).and_then(|h| h.to_str().ok()).is_none_or(|h| self.hosts.iter().any(|a| a == h))
    }

    /// A missing `Origin` is a same-origin or non-browser request; any other must be ours.
    fn origin_ok(&self, headers: &HeaderMap) -> bool {
        let Some(origin) = headers.get(header::ORIGIN) else { return true };
        let Ok(origin) = origin.to_str() else { return false };
        origin.strip_prefix("http://").is_some_and(|h| self.hosts.iter().any(|a| a == h))
    }
}

async fn events(AxumState(app): AxumState<App>, headers: HeaderMap) -> Response {
    if !app.origin_ok(&headers) || !app.host_ok(&headers) {
        return (StatusCode::FORBIDDEN, "live reload is only for pages of this server\n").into_response();
    }
    let rx = app.state.subscribe();
    let mut first = vec![sse::Event::default().event("hello").data("upfront")];
    if let Some(errors) = app.state.errors() {
        first.push(to_sse(&Event::Errors(errors)).unwrap_or_default());
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

async fn file(AxumState(app): AxumState<App>, headers: HeaderMap, uri: Uri) -> Response {
    if !app.host_ok(&headers) {
        return (StatusCode::FORBIDDEN, "unknown Host\n").into_response();
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
    (status, [(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, "no-store")], body).into_response()
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

pub fn content_type(name: &str) -> &'static str {
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}
