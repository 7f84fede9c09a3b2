//! File events → change kinds. Events are debounced briefly (editors write a file in several
//! steps), editors' temporary, swap and backup files are ignored, and the rest is sorted
//! into what changed so the rebuild does the least work.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context as _;
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

use super::rebuild::Builder;
use crate::load::fs::skipped;

/// Long enough to merge an editor's write-rename-chmod, short for the 50 ms reload target.
const DEBOUNCE: Duration = Duration::from_millis(10);

/// What changed, from the cheapest rebuild to the dearest.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// One guide's text (`content/**.md` that exists and was there before).
    GuideText(PathBuf),
    /// Anything else under `content/` (a guide added, removed or renamed; a section).
    Guides,
    Static,
    Notices,
    Data,
    Templates,
    /// `facts.yaml` or `glossary.yaml`.
    Facts,
    /// `upfront.yaml` or `i18n/`.
    Config,
}

/// The change kind of one path, or `None` when it does not matter (editor files, output).
pub fn classify(root: &Path, path: &Path, kind: EventKind) -> Option<Change> {
    if !matches!(kind, EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) | EventKind::Any) {
        return None; // reads (our own rebuild opens every file) and metadata-only events
    }
    if let EventKind::Modify(notify_debouncer_full::notify::event::ModifyKind::Metadata(_)) = kind {
        return None;
    }
    let rel = path.strip_prefix(root).ok()?;
    let names: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let first = names.first()?.as_str();
    // The same names `build` skips: hidden ones count only under static/ (`.well-known/`).
    if names.iter().any(|n| skipped(n, first == "static")) {
        return None;
    }
    Some(match first {
        "content" => {
            let is_md = path.extension().is_some_and(|e| e == "md");
            // A folder (added or removed) matters; other files (an editor's `sedXXXX`) do not.
            let folder = path.is_dir() || (matches!(kind, EventKind::Remove(_)) && path.extension().is_none());
            if !is_md && !folder {
                return None;
            }
            let edit = matches!(kind, EventKind::Modify(_) | EventKind::Create(_)) && path.is_file();
            if is_md && edit { Change::GuideText(path.to_path_buf()) } else { Change::Guides }
        }
        "static" => Change::Static,
        "notices" => Change::Notices,
        "data" => Change::Data,
        "templates" => Change::Templates,
        "facts.yaml" | "glossary.yaml" => Change::Facts,
        "upfront.yaml" | "i18n" => Change::Config,
        _ => return None,
    })
}

/// Watch the site's sources and rebuild on change, on a thread of its own. The returned
/// debouncer must be kept alive while serving.
pub fn start(mut builder: Builder) -> anyhow::Result<impl Drop> {
    let root = builder.root.clone();
    let (tx, rx) = std::sync::mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, None, tx).context("cannot watch the site for changes")?;
    debouncer.watch(&root, RecursiveMode::NonRecursive).with_context(|| format!("cannot watch {}", root.display()))?;
    for dir in ["content", "templates", "static", "notices", "data", "i18n"] {
        let path = root.join(dir);
        if path.is_dir() {
            debouncer
                .watch(&path, RecursiveMode::Recursive)
                .with_context(|| format!("cannot watch {}", path.display()))?;
        }
    }
    std::thread::spawn(move || {
        for result in rx {
            let events = match result {
                Ok(events) => events,
                Err(errors) => {
                    for e in errors {
                        eprintln!("warning: watching the site: {e}");
                    }
                    continue;
                }
            };
            let changes: BTreeSet<Change> = events
                .iter()
                .flat_map(|e| e.event.paths.iter().filter_map(|p| classify(&root, p, e.event.kind)))
                .collect();
            if let Err(e) = rebuild(&mut builder, &changes) {
                eprintln!("error: {e:#}");
            }
        }
    });
    Ok(debouncer)
}

/// The least rebuild for `changes`: guide by guide when only guides' text changed, the
/// static files alone when only they changed, else the whole site.
fn rebuild(builder: &mut Builder, changes: &BTreeSet<Change>) -> anyhow::Result<()> {
    if changes.is_empty() {
        return Ok(());
    }
    let texts: Vec<&Path> =
        changes.iter().filter_map(|c| if let Change::GuideText(p) = c { Some(p.as_path()) } else { None }).collect();
    if texts.len() == changes.len() && texts.len() <= 8 {
        let mut all = true;
        for path in texts {
            all &= builder.guide(path)?;
            if !all {
                break;
            }
        }
        if all {
            return Ok(());
        }
    }
    if changes.iter().all(|c| *c == Change::Static) && builder.static_files()? {
        return Ok(());
    }
    builder.full()
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify_debouncer_full::notify::event::{CreateKind, ModifyKind};

    #[test]
    fn serve_skips_what_build_skips() {
        let root = Path::new("/site");
        let modify = EventKind::Modify(ModifyKind::Any);
        for leftover in ["content/.#visit.md", "content/#visit.md#", "content/visit.md~", "static/.x.css.swp"] {
            assert_eq!(classify(root, &root.join(leftover), modify), None, "{leftover}");
        }
        assert_eq!(classify(root, &root.join("content/.hidden/x.md"), modify), None);
        // Hidden names under static/ are published (`.well-known/`), so their edits count.
        let created = EventKind::Create(CreateKind::File);
        assert_eq!(classify(root, &root.join("static/.well-known/security.txt"), created), Some(Change::Static));
    }
}
