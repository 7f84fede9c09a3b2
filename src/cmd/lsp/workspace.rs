//! The language server's view of the site: loaded once from disk, then kept current from the
//! editor. An edited guide is re-parsed from its unsaved buffer and replaces its page in the
//! kept site (as `serve` replaces one guide); any other file (`facts.yaml`, `upfront.yaml`, …)
//! reloads the site from disk when it is saved, and the open guides' buffers are applied again.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Diagnostic, Sources};
use crate::model::Site;

pub struct Workspace {
    pub root: PathBuf,
    /// The site as it was last loaded, with open guides' buffers applied; `None` while its
    /// `upfront.yaml` does not load.
    pub site: Option<Arc<Site>>,
    /// What loading found (parse errors and the like), buffers included.
    pub loaded: Vec<Diagnostic>,
    /// Every file's text as checked: disk, overlaid with the open buffers.
    pub sources: Sources,
    /// Open documents: path from the site root → unsaved text.
    pub open: BTreeMap<String, String>,
    pub today: Option<jiff::civil::Date>,
}

impl Workspace {
    pub fn load(root: PathBuf, today: Option<jiff::civil::Date>) -> anyhow::Result<Self> {
        let mut ws =
            Self { root, site: None, loaded: Vec::new(), sources: Sources::default(), open: BTreeMap::new(), today };
        ws.reload()?;
        Ok(ws)
    }

    /// Read the site from disk again, then apply the open guides' buffers.
    pub fn reload(&mut self) -> anyhow::Result<()> {
        let loaded = crate::load::load_site(&self.root)?;
        self.site = loaded.site.map(Arc::new);
        self.loaded = loaded.diagnostics;
        self.sources = loaded.sources;
        let open: Vec<(String, String)> = self.open.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        for (rel, text) in open {
            self.apply(&rel, text);
        }
        Ok(())
    }

    /// The path from the site root of a file, when it is inside the site.
    pub fn rel(&self, path: &Path) -> Option<String> {
        let rel = path.strip_prefix(&self.root).ok()?;
        Some(rel.to_string_lossy().replace('\\', "/"))
    }

    /// A document was opened or edited: a guide is re-parsed from `text` now (true); any other
    /// file waits for its save (see [`Workspace::saved`]).
    pub fn edited(&mut self, rel: &str, text: String) -> bool {
        self.open.insert(rel.to_string(), text.clone());
        if is_page(rel) {
            self.apply(rel, text);
            return true;
        }
        false
    }

    /// A document was saved: a file other than a guide changes the whole site.
    pub fn saved(&mut self, rel: &str) -> anyhow::Result<()> {
        if is_page(rel) { Ok(()) } else { self.reload() }
    }

    pub fn closed(&mut self, rel: &str) -> anyhow::Result<()> {
        if self.open.remove(rel).is_some() && is_page(rel) {
            // Back to what is on disk.
            return self.reload();
        }
        Ok(())
    }

    /// The text of a file as the checks see it (the buffer when open).
    pub fn text(&self, rel: &str) -> Option<&str> {
        self.open.get(rel).map(String::as_str).or_else(|| self.sources.get(rel).map(|f| f.text.as_str()))
    }

    /// Replace the page of `rel` by its parse of `text`; a page that does not parse leaves the
    /// site (its errors say why) until it does.
    fn apply(&mut self, rel: &str, text: String) {
        let Some(site) = &mut self.site else { return };
        let site = Arc::make_mut(site);
        let (page, mut diags, file) = crate::load::parse_page_text(&site.config, rel, text);
        self.sources.insert_arc(file);
        self.loaded.retain(|d| d.file != rel);
        let index = site.pages.iter().position(|p| p.source.path == rel);
        match page {
            Some(mut page) => {
                diags.extend(crate::load::tiers::resolve_one(&mut page, &site.pages, &site.config));
                let page = Arc::new(page);
                if let Some(i) = index {
                    site.pages.remove(i);
                }
                // Pages stay sorted by path and locale (`Site::page` searches them), also when
                // the edit moved the page.
                let key = (page.path.as_str(), page.locale.as_str());
                let at = site.pages.partition_point(|p| (p.path.as_str(), p.locale.as_str()) < key);
                site.pages.insert(at, page);
            }
            None => {
                if let Some(i) = index {
                    site.pages.remove(i);
                }
            }
        }
        self.loaded.extend(diags);
    }
}

/// The pages a focused check of the guides `files` covers (indices in `site.pages`): each
/// with its translations (or source), which translation rules compare with it.
pub fn focus(site: &Site, files: &std::collections::BTreeSet<String>) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for (i, page) in site.pages.iter().enumerate().filter(|(_, p)| files.contains(&p.source.path)) {
        // Pages are sorted by path, so a page's translations are its neighbours.
        let from = site.pages[..i].iter().rposition(|p| p.path != page.path).map_or(0, |j| j + 1);
        let to = site.pages[i..].iter().position(|p| p.path != page.path).map_or(site.pages.len(), |j| i + j);
        out.extend(from..to);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// A guide or section: the files re-parsed from their buffers.
fn is_page(rel: &str) -> bool {
    rel.starts_with("content/") && Path::new(rel).extension().is_some_and(|e| e == "md")
}
