//! What the HTTP side and the rebuild side share: the files being served (the last good
//! build, in memory), the errors shown in the overlay, and the event channel to browsers.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use tokio::sync::broadcast;

use crate::output::Files;

/// What browsers hear on the live-reload endpoint.
#[derive(Debug, Clone)]
pub enum Event {
    /// These URL paths changed (`/emergency/visit/`, `/assets/style.css`); `*` means all.
    Reload(Arc<Vec<String>>),
    /// The last edit has errors (a plain-text report); the last good site stays up.
    Errors(Arc<String>),
    /// The errors are fixed.
    Clear,
    /// The warnings (and notes) of the last full check, a plain-text report; empty: none.
    /// They never block: a panel the author can fold shows them over the page.
    Warnings(Arc<String>),
    /// The server is stopping: end the stream.
    Shutdown,
}

pub struct State {
    files: RwLock<Files>,
    errors: RwLock<Option<Arc<String>>>,
    warnings: RwLock<Arc<String>>,
    events: broadcast::Sender<Event>,
    /// Bumped by every rebuild, so a background check of an older edit reports nothing.
    generation: AtomicU64,
    /// The latest live quotes (`serve::live`), set into `status.json` as it is served, so a
    /// rebuild never drops them.
    live: RwLock<Option<serde_json::Value>>,
}

impl Default for State {
    fn default() -> Self {
        State::new()
    }
}

impl State {
    pub fn new() -> State {
        let (events, _) = broadcast::channel(64);
        State {
            files: RwLock::new(Files::new()),
            errors: RwLock::new(None),
            warnings: RwLock::new(Arc::default()),
            events,
            generation: AtomicU64::new(0),
            live: RwLock::new(None),
        }
    }

    pub fn file(&self, rel: &str) -> Option<Arc<[u8]>> {
        let bytes = self.files.read().unwrap_or_else(std::sync::PoisonError::into_inner).get(rel).cloned();
        if rel == "status.json" {
            return bytes.map(|b| self.with_live(b));
        }
        bytes
    }

    /// Every file being served (a cheap copy: the bytes are shared).
    /// Keep the live quotes to serve inside `status.json`.
    pub fn set_live(&self, quotes: serde_json::Value) {
        *self.live.write().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(quotes);
    }

    /// `status.json` with the live quotes set as its `live` key (unchanged without quotes).
    fn with_live(&self, bytes: Arc<[u8]>) -> Arc<[u8]> {
        let live = self.live.read().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
        let Some(live) = live else { return bytes };
        let Ok(serde_json::Value::Object(mut map)) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
            return bytes;
        };
        map.insert("live".into(), live);
        serde_json::to_vec_pretty(&map).map_or(bytes, Arc::from)
    }

    pub fn files(&self) -> Files {
        self.files.read().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    pub fn has(&self, rel: &str) -> bool {
        self.files.read().unwrap_or_else(std::sync::PoisonError::into_inner).contains_key(rel)
    }

    /// Put `new` files in place (added or overwritten); the URL paths that changed.
    pub fn merge(&self, new: Files) -> Vec<String> {
        let mut files = self.files.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        merge_into(&mut files, new, BTreeSet::new())
    }

    /// `merge`, and the files for which `in_scope` holds that `new` lacks go (`|_| true`: the
    /// whole site is replaced). Scans every file served, so not for one-page edits.
    pub fn replace(&self, new: Files, in_scope: impl Fn(&str) -> bool) -> Vec<String> {
        let mut files = self.files.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut changed = BTreeSet::new();
        files.retain(|rel, _| {
            let keep = new.contains_key(rel) || !in_scope(rel);
            if !keep {
                changed.insert(url_of(rel));
            }
            keep
        });
        merge_into(&mut files, new, changed)
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.events.subscribe()
    }

    pub fn send(&self, event: Event) {
        let _ = self.events.send(event);
    }

    pub fn errors(&self) -> Option<Arc<String>> {
        self.errors.read().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    /// Show `report` in every browser (or clear the overlay with `None`), telling browsers
    /// only when something changed.
    pub fn set_errors(&self, report: Option<String>) {
        let mut errors = self.errors.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        match report {
            Some(r) => {
                let r = Arc::new(r);
                *errors = Some(r.clone());
                self.send(Event::Errors(r));
            }
            None if errors.is_some() => {
                *errors = None;
                self.send(Event::Clear);
            }
            None => {}
        }
    }

    pub fn warnings(&self) -> Arc<String> {
        self.warnings.read().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    /// Show the warnings `report` (empty: none) in every browser; `true` when it changed (the
    /// terminal prints it only then, not after every keystroke).
    pub fn set_warnings(&self, report: String) -> bool {
        let mut warnings = self.warnings.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        if **warnings == report {
            return false;
        }
        let r = Arc::new(report);
        *warnings = r.clone();
        self.send(Event::Warnings(r));
        true
    }

    pub fn next_generation(&self) -> u64 {
        self.generation.fetch_add(1, Ordering::SeqCst) + 1
    }

    pub fn is_current(&self, generation: u64) -> bool {
        self.generation.load(Ordering::SeqCst) == generation
    }
}

/// Put `new` into `files`, adding the URL paths of files that changed to `changed`.
fn merge_into(files: &mut Files, new: Files, mut changed: BTreeSet<String>) -> Vec<String> {
    for (rel, bytes) in new {
        if files.get(&rel).is_none_or(|old| old[..] != bytes[..]) {
            changed.insert(url_of(&rel));
            files.insert(rel, bytes);
        }
    }
    changed.into_iter().collect()
}

/// The URL path of an output file: `a/b/index.html` → `/a/b/`.
pub fn url_of(rel: &str) -> String {
    match rel.strip_suffix("index.html") {
        Some(dir) if dir.is_empty() || dir.ends_with('/') => format!("/{dir}"),
        _ => format!("/{rel}"),
    }
}

/// Whether the output file `rel` is in one of the folders `dirs`.
pub fn under(dirs: &BTreeSet<String>, rel: &str) -> bool {
    dirs.iter().any(|d| rel.starts_with(d.as_str()))
}
