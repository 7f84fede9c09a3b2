//! `serve`: build into memory, serve it over HTTP (127.0.0.1 by default), watch the site and
//! redo the least work on change, live-reload browsers. Never writes to `--out`.

mod background;
mod http;
pub(crate) mod live;
pub mod rebuild;
mod search;
pub mod state;
pub(crate) mod watch;

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;

pub use http::{content_type, output_path};
pub use state::url_of;

/// How to serve: the command line's `serve` options, as the server needs them.
#[derive(Debug, Clone)]
pub struct Options {
    pub bind: std::net::IpAddr,
    pub port: u16,
    /// The date the date-based rules judge against (`None`: today in the site's time zone).
    pub today: Option<jiff::civil::Date>,
    /// Publish only these tiers (empty: all).
    pub tiers: Vec<String>,
    /// Host names admitted besides loopback names and the bound address.
    pub allow_host: Vec<String>,
}

pub fn run(root: &Path, args: &Options) -> anyhow::Result<ExitCode> {
    let addr = SocketAddr::new(args.bind, args.port);
    if !args.bind.is_loopback() {
        eprintln!(
            "warning: serving on {} makes the site (drafts and narrower tiers included) reachable from other machines; the default is 127.0.0.1",
            args.bind
        );
    }
    let listener = std::net::TcpListener::bind(addr).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AddrInUse {
            anyhow::anyhow!(
                "port {} on {} is already in use (another `upfront serve`?); pick another with --port",
                addr.port(),
                addr.ip()
            )
        } else {
            anyhow::Error::new(e).context(format!("cannot listen on {addr}"))
        }
    })?;
    listener.set_nonblocking(true).context("cannot set up the listener")?;
    let state = Arc::new(state::State::new());
    let tiers: BTreeSet<String> = args.tiers.iter().cloned().collect();
    let mut builder = rebuild::Builder::new(root.to_path_buf(), args.today, tiers, state.clone());
    builder.full()?;
    let _watcher = watch::start(builder)?;
    // Live quotes, as `upfront live` computes them, served inside status.json.
    let (live_root, live_state) = (root.to_path_buf(), state.clone());
    std::thread::spawn(move || {
        let result = live::run(&live_root, |tick| match tick.map(|t| t.quotes) {
            Ok(Some(quotes)) => live_state.set_live(serde_json::to_value(quotes).unwrap_or_default()),
            Ok(None) => {}
            Err(e) => eprintln!("warning: live quotes: {e:#}"),
        });
        if let Err(e) = result {
            eprintln!("warning: live quotes stopped: {e:#}");
        }
    });
    eprintln!("serving {} at http://{addr}/ (Ctrl-C to stop)", root.display());

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the server runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener).context("cannot set up the listener")?;
        let app = http::router(state.clone(), http::Hosts::new(addr, &args.allow_host));
        let stop = state.clone();
        let server = axum::serve(listener, app).with_graceful_shutdown(async move {
            shutdown_signal().await;
            stop.send(state::Event::Shutdown);
        });
        let mut server = std::pin::pin!(server.into_future());
        tokio::select! {
            r = &mut server => r.context("the server failed")?,
            () = async { shutdown_signal().await; tokio::time::sleep(Duration::from_secs(3)).await } => {}
        }
        anyhow::Ok(())
    })?;
    eprintln!("stopped");
    Ok(ExitCode::SUCCESS)
}

/// Ctrl-C, or SIGTERM on Unix.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}
