//! The live-quote loop shared by `upfront live` and `upfront serve`: compute the quotes, hand
//! them to a sink, then wait for a change under `data/` (or to `upfront.yaml` / `facts.yaml`)
//! or for `live.every`, and again. A bad row or file never stops the loop.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use anyhow::Context as _;
use notify_debouncer_full::notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

use crate::diag::{Diagnostic, Sources};
use crate::model::live::{Quote, Settings, quotes};

/// One computation: the quotes (`None` when `upfront.yaml` cannot be read), the problems met,
/// and the files they point into.
pub struct Tick {
    pub quotes: Option<BTreeMap<String, Quote>>,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
    /// `live.every` as configured (the default when unreadable).
    pub every: Duration,
}

/// Read the settings, facts and measured waits of `root` and quote every live fact at `now`.
pub fn tick(root: &Path, now: jiff::Timestamp) -> anyhow::Result<Tick> {
    let loaded = crate::load::load_measured(root)?;
    let mut diagnostics = loaded.diagnostics;
    crate::diag::sort(&mut diagnostics);
    let (quotes, every) = match &loaded.site {
        Some((config, facts, measurements)) => {
            (Some(quotes(config, facts, measurements, now)), Settings::from_config(&config.live).every)
        }
        None => (None, Settings::default().every),
    };
    Ok(Tick { quotes, diagnostics, sources: loaded.sources, every: Duration::from_secs(every.0.max(1)) })
}

/// Run forever: `sink` gets every tick (at the wall clock's now). Watches `data/` and the
/// site's two YAML files; without a change it recomputes every `live.every`.
pub fn run(root: &Path, mut sink: impl FnMut(anyhow::Result<Tick>)) -> anyhow::Result<()> {
    let (tx, rx) = std::sync::mpsc::channel::<DebounceEventResult>();
    let mut debouncer =
        new_debouncer(Duration::from_millis(100), None, tx).context("cannot watch the measured data for changes")?;
    debouncer.watch(root, RecursiveMode::NonRecursive).with_context(|| format!("cannot watch {}", root.display()))?;
    let data = root.join("data");
    if data.is_dir() {
        debouncer.watch(&data, RecursiveMode::Recursive).with_context(|| format!("cannot watch {}", data.display()))?;
    }
    loop {
        let result = tick(root, jiff::Timestamp::now());
        let every = result.as_ref().map_or(Settings::default().every.0, |t| t.every.as_secs());
        sink(result);
        // Wait for a relevant change or for `every`; then drain what queued up meanwhile.
        let deadline = std::time::Instant::now() + Duration::from_secs(every.max(1));
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match rx.recv_timeout(left) {
                Ok(Ok(events)) if events.iter().any(|e| e.event.paths.iter().any(|p| relevant(root, p))) => break,
                Ok(_) => {}
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => break,
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
            }
        }
        while rx.try_recv().is_ok() {}
    }
}

/// A change that can change a quote: anything under `data/`, `upfront.yaml`, `facts.yaml`.
fn relevant(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else { return false };
    rel.starts_with("data") || rel == Path::new("upfront.yaml") || rel == Path::new("facts.yaml")
}
