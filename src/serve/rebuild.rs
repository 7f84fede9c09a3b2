//! Rebuilds: the whole site (anything but one guide's text changed), or one guide (re-parse
//! that file, run the per-page checks that make it unbuildable, re-render the pages it
//! touches). The reload goes out before the full check, which runs in the background.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use super::search::SearchRefresh;
use super::state::{Event, State};
use crate::diag::{self, Diagnostic, Level, Sources};
use crate::model::{Page, PageKind, Site, paths};
use crate::output::Output;
use crate::render::{self, RenderContext, Theme};

pub struct Builder {
    pub root: PathBuf,
    pub today: Option<jiff::civil::Date>,
    pub tiers: BTreeSet<String>,
    pub state: Arc<State>,
    /// The last site that rendered, with its theme, sources and loader findings.
    site: Option<Arc<Site>>,
    theme: Option<Arc<Theme>>,
    /// What the help center of `site` publishes (kept in step with one-guide edits).
    published: Arc<render::Published>,
    sources: Sources,
    loaded: Vec<Diagnostic>,
    search: SearchRefresh,
    /// Background checks still running.
    background: Vec<std::thread::JoinHandle<()>>,
    /// Guides edited since their files in the other channels were rendered: (path, locale) →
    /// the generation of the last edit.
    pending: Arc<Mutex<BTreeMap<(String, String), u64>>>,
}

/// Show `errors` in the terminal and over every open page.
fn show_errors(state: &State, errors: &[Diagnostic], sources: &Sources) {
    eprint!("{}", crate::report::human::render(errors, sources, crate::report::color::use_color(&std::io::stderr())));
    state.set_errors(Some(crate::report::human::render(errors, sources, false)));
}

/// Show the warnings and notes of a full check in the terminal (when they changed) and in a
/// panel over every open page that the author can fold; they never block the build.
fn show_warnings(state: &State, warnings: &[Diagnostic], sources: &Sources) {
    let plain =
        if warnings.is_empty() { String::new() } else { crate::report::human::render(warnings, sources, false) };
    if state.set_warnings(plain) && !warnings.is_empty() {
        eprint!(
            "{}",
            crate::report::human::render(warnings, sources, crate::report::color::use_color(&std::io::stderr()))
        );
    }
}

impl Builder {
    pub fn new(root: PathBuf, today: Option<jiff::civil::Date>, tiers: BTreeSet<String>, state: Arc<State>) -> Self {
        let search = SearchRefresh::start(state.clone());
        Builder {
            root,
            today,
            tiers,
            state,
            site: None,
            theme: None,
            published: Arc::default(),
            sources: Sources::default(),
            loaded: Vec::new(),
            search,
            background: Vec::new(),
            pending: Arc::default(),
        }
    }

    /// Show blocking errors (terminal and overlay); the last good site stays up.
    fn fail(&self, diags: &[Diagnostic], sources: &Sources) {
        let errors: Vec<Diagnostic> = diags.iter().filter(|d| d.level == Level::Error).cloned().collect();
        show_errors(&self.state, &errors, sources);
        eprintln!("serving the last good build; fix the errors above");
    }

    /// Load, check what makes pages unbuildable, render everything into memory, swap it in.
    /// The search index follows in the background.
    pub fn full(&mut self) -> anyhow::Result<()> {
        let started = Instant::now();
        let generation = self.state.next_generation();
        self.search.full_rebuild();
        let loaded = match crate::load::load_site(&self.root) {
            Ok(l) => l,
            Err(e) => {
                eprintln!("error: {e:#}");
                self.state.set_errors(Some(format!("{e:#}")));
                return Ok(());
            }
        };
        let Some(site) = loaded.site else {
            self.fail(&loaded.diagnostics, &loaded.sources);
            return Ok(());
        };
        let mut blocking: Vec<Diagnostic> =
            loaded.diagnostics.iter().filter(|d| d.level == Level::Error).cloned().collect();
        for page in &site.pages {
            crate::check::blocking(&site, page, &mut blocking);
        }
        if !blocking.is_empty() {
            self.fail(&blocking, &loaded.sources);
            return Ok(());
        }
        let theme = match Theme::compile(&site) {
            Ok(t) => Arc::new(t),
            Err(diags) => {
                self.fail(&diags, &loaded.sources);
                return Ok(());
            }
        };
        let out = Output::memory();
        let ctx = RenderContext::new(&site, &theme, &self.tiers).without_search_index();
        let diags = render::render_with(&ctx, &self.root, &BTreeSet::new(), &out)?;
        if diag::count(&diags, Level::Error) > 0 {
            self.fail(&diags, &loaded.sources);
            return Ok(());
        }
        let published = Arc::new(render::Published::build(&ctx));
        // The search index is rebuilt in the background; the last one serves meanwhile.
        let bundles = render::search_bundle_dirs(&site);
        let changed = self.state.replace(out.into_files(), |rel| !super::state::under(&bundles, rel));
        self.state.set_errors(None);
        self.state.send(Event::Reload(Arc::new(changed)));
        eprintln!("built {} pages in memory in {} ms", site.pages.len(), started.elapsed().as_millis());
        let site = Arc::new(site);
        if !bundles.is_empty() {
            self.search.request(site.clone(), published.clone());
        }
        self.site = Some(site);
        self.theme = Some(theme);
        self.published = published;
        self.sources = loaded.sources;
        self.loaded = loaded.diagnostics;
        self.pending.lock().unwrap_or_else(PoisonError::into_inner).clear();
        self.check_in_background(generation);
        Ok(())
    }

    /// Only files under `static/` changed. `Ok(false)`: a file was added or removed (content
    /// links may resolve differently), or the folder cannot be read: a case for a full rebuild.
    pub fn static_files(&mut self) -> anyhow::Result<bool> {
        let started = Instant::now();
        let Some(site) = &self.site else { return Ok(false) };
        let dir = self.root.join("static");
        let (list, problems) = crate::load::fs::static_files(&self.root);
        if !problems.is_empty() || list != site.static_files {
            return Ok(false);
        }
        let out = Output::memory();
        for rel in &list {
            out.copy(rel, &dir.join(rel))?;
        }
        let changed = self.state.merge(out.into_files());
        eprintln!(
            "static/: {} changed in {} ms",
            crate::report::plural(changed.len(), "file"),
            started.elapsed().as_millis()
        );
        if !changed.is_empty() {
            self.state.send(Event::Reload(Arc::new(changed)));
        }
        Ok(true)
    }

    /// One guide's text changed. `Ok(false)`: not a case for a partial rebuild (a new file,
    /// a section, a change of address, tier, channels, drafts, aliases or order).
    pub fn guide(&mut self, path: &Path) -> anyhow::Result<bool> {
        let started = Instant::now();
        let (Some(site), Some(theme)) = (self.site.clone(), self.theme.clone()) else { return Ok(false) };
        let rel = crate::load::fs::rel_path(&self.root, path);
        let Some(index) = site.pages.iter().position(|p| p.source.path == rel && p.kind == PageKind::Guide) else {
            return Ok(false);
        };
        let generation = self.state.next_generation();
        let (page, mut diags, sources) = crate::load::load_page(&self.root, &site.config, path)?;
        let mut all_sources = self.sources.clone();
        all_sources.merge(sources);
        let Some(mut page) = page else {
            self.fail(&diags, &all_sources);
            return Ok(true);
        };
        // Its section's tier (an edited `_index.md` is a full rebuild).
        diags.extend(crate::load::tiers::resolve_one(&mut page, &site.pages, &site.config));
        if !same_place(&site.pages[index], &page) {
            return Ok(false);
        }
        let mut blocking: Vec<Diagnostic> = diags.iter().filter(|d| d.level == Level::Error).cloned().collect();
        crate::check::blocking(&site, &page, &mut blocking);
        if !blocking.is_empty() {
            self.fail(&blocking, &all_sources);
            return Ok(true);
        }
        let targets = touched(&page);
        // Edit the kept site in place: with our extra reference dropped, `make_mut` copies the
        // site only while a background task still holds it, and then only the list of shared
        // pages, not the pages.
        let key = (page.path.clone(), page.locale.clone());
        drop(site);
        let Some(kept) = &mut self.site else { return Ok(false) };
        Arc::make_mut(kept).pages[index] = Arc::new(page);
        let site = kept.clone();
        Arc::make_mut(&mut self.published).retitled(&site, index);
        let out = Output::memory();
        let ctx = RenderContext::new(&site, &theme, &self.tiers).without_search_index();
        let render_diags = render::render_pages(&ctx, &self.published, &out, &targets)?;
        if diag::count(&render_diags, Level::Error) > 0 {
            self.fail(&render_diags, &all_sources);
            return Ok(true);
        }
        let changed = self.state.merge(out.into_files());
        self.state.set_errors(None);
        self.state.send(Event::Reload(Arc::new(changed)));
        eprintln!("{rel}: re-rendered {} pages in {} ms", targets.len(), started.elapsed().as_millis());
        self.loaded.retain(|d| d.file != rel);
        self.loaded.append(&mut diags);
        self.sources = all_sources;
        self.pending.lock().unwrap_or_else(PoisonError::into_inner).insert(key, generation);
        self.check_in_background(generation);
        self.search.request(site, self.published.clone());
        Ok(true)
    }

    /// Off the critical path, one job at a time: the other channels' files of every guide
    /// edited since they were last rendered, then the full check, whose errors go to the
    /// overlay. A job that a newer edit overtook does nothing: the newer one does it all.
    fn check_in_background(&mut self, generation: u64) {
        let (Some(site), Some(theme)) = (self.site.clone(), self.theme.clone()) else { return };
        let (state, tiers, pending) = (self.state.clone(), self.tiers.clone(), self.pending.clone());
        let (loaded, sources) = (self.loaded.clone(), self.sources.clone());
        let today = self.today;
        self.background.retain(|h| !h.is_finished());
        self.background.push(std::thread::spawn(move || {
            super::background::in_background(|| {
                if !state.is_current(generation) {
                    return;
                }
                let guides: Vec<((String, String), u64)> = pending
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .iter()
                    .map(|(k, g)| (k.clone(), *g))
                    .collect();
                if !guides.is_empty() {
                    let pages: Vec<&Page> = guides.iter().filter_map(|((p, l), _)| site.page(p, l)).collect();
                    let out = Output::memory();
                    let ctx = RenderContext::new(&site, &theme, &tiers).without_search_index();
                    let rest = render::render_guides(&ctx, &pages, &out);
                    if let (Ok(_), true) = (rest, state.is_current(generation)) {
                        let changed = state.merge(out.into_files());
                        if !changed.is_empty() {
                            state.send(Event::Reload(Arc::new(changed)));
                        }
                        // Done, unless edited again meanwhile (then the newer job renders it).
                        let mut pending = pending.lock().unwrap_or_else(PoisonError::into_inner);
                        for (key, g) in guides {
                            if pending.get(&key) == Some(&g) {
                                pending.remove(&key);
                            }
                        }
                    }
                }
                let today = today.unwrap_or_else(|| crate::clock::today_in(site.config.timezone.as_deref()));
                let found = crate::check::check(&site, today, loaded);
                if !state.is_current(generation) {
                    return;
                }
                let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) =
                    found.into_iter().partition(|d| d.level == Level::Error);
                if errors.is_empty() {
                    state.set_errors(None);
                } else {
                    show_errors(&state, &errors, &sources);
                }
                show_warnings(&state, &warnings, &sources);
            });
        }));
    }

    /// Wait until the work after the last rebuild is done: checks, other channels, search.
    pub fn settle(&mut self) {
        for handle in self.background.drain(..) {
            let _ = handle.join();
        }
        self.search.settle();
    }
}

/// Whether an edited guide keeps everything other pages show of it but its title and
/// summary (which only its folder's and parent folder's lists show).
fn same_place(old: &Page, new: &Page) -> bool {
    old.kind == new.kind
        && old.path == new.path
        && old.locale == new.locale
        && old.tier == new.tier
        && old.channels == new.channels
        && old.draft == new.draft
        && old.aliases == new.aliases
        && old.weight == new.weight
}

/// The help pages one guide's text appears on: its own, and the lists of its folder and of
/// the folder above (section pages list their subsections' guides).
fn touched(page: &Page) -> BTreeSet<(String, String)> {
    let folder = page.parent_path();
    let above = folder.and_then(paths::parent_folder);
    [Some(page.path.as_str()), folder, above]
        .into_iter()
        .flatten()
        .map(|p| (p.to_string(), page.locale.clone()))
        .collect()
}
