//! Rebuilds: the whole site (anything but one guide's text changed), or one guide (re-parse
//! that file, run the per-page checks that make it unbuildable, re-render the pages it
//! touches). The reload goes out before the full check, which runs in the background.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use super::state::{Event, State};
use crate::diag::{self, Diagnostic, Level, Sources};
use crate::model::{Page, PageKind, Site};
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
    sources: Sources,
    loaded: Vec<Diagnostic>,
}

impl Builder {
    pub fn new(root: PathBuf, today: Option<jiff::civil::Date>, tiers: BTreeSet<String>, state: Arc<State>) -> Self {
        Builder { root, today, tiers, state, site: None, theme: None, sources: Sources::default(), loaded: Vec::new() }
    }

    /// Show blocking errors (terminal and overlay); the last good site stays up.
    fn fail(&self, diags: &[Diagnostic], sources: &Sources) {
        let errors: Vec<Diagnostic> = diags.iter().filter(|d| d.level == Level::Error).cloned().collect();
        eprint!("{}", crate::report::human::render(&errors, sources, crate::cmd::use_color(&std::io::stderr())));
        eprintln!("serving the last good build; fix the errors above");
        self.state.set_errors(Some(crate::report::human::render(&errors, sources, false)));
    }

    /// Load, check what makes pages unbuildable, render everything into memory, swap it in.
    pub fn full(&mut self) -> anyhow::Result<()> {
        let started = Instant::now();
        let generation = self.state.next_generation();
        let loaded = match crate::load::load_site(&self.root) {
            Ok(l) => l,
            Err(e) => {
                eprintln!("error: {e:#}");
                self.state.set_errors(Some(format!("{e:#}")));
                return Ok(());
            }
        };
        let Some(mut site) = loaded.site else {
            self.fail(&loaded.diagnostics, &loaded.sources);
            return Ok(());
        };
        let mut blocking: Vec<Diagnostic> =
            loaded.diagnostics.iter().filter(|d| d.level == Level::Error).cloned().collect();
        for page in &site.pages {
            crate::check::rules::unknown_fact::check_page(&site, page, &mut blocking);
        }
        if !blocking.is_empty() {
            self.fail(&blocking, &loaded.sources);
            return Ok(());
        }
        keep_static_inside(&self.root, &mut site);
        let theme = match Theme::compile(&site) {
            Ok(t) => Arc::new(t),
            Err(diags) => {
                self.fail(&diags, &loaded.sources);
                return Ok(());
            }
        };
        let out = Output::memory();
        let ctx = RenderContext { site: &site, theme: &theme, tiers: &self.tiers };
        let diags = render::render_with(&ctx, &self.root, &BTreeSet::new(), &out)?;
        if diag::count(&diags, Level::Error) > 0 {
            self.fail(&diags, &loaded.sources);
            return Ok(());
        }
        let changed = self.state.update(out.into_files(), true);
        self.state.set_errors(None);
        self.state.send(Event::Reload(Arc::new(changed)));
        eprintln!("built {} pages in memory in {} ms", site.pages.len(), started.elapsed().as_millis());
        self.site = Some(Arc::new(site));
        self.theme = Some(theme);
        self.sources = loaded.sources;
        self.loaded = loaded.diagnostics;
        self.check_in_background(generation, false);
        Ok(())
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
        let Some(page) = page else {
            self.fail(&diags, &all_sources);
            return Ok(true);
        };
        if !same_place(&site.pages[index], &page) {
            return Ok(false);
        }
        let mut blocking: Vec<Diagnostic> = diags.iter().filter(|d| d.level == Level::Error).cloned().collect();
        crate::check::rules::unknown_fact::check_page(&site, &page, &mut blocking);
        if !blocking.is_empty() {
            self.fail(&blocking, &all_sources);
            return Ok(true);
        }
        let targets = touched(&page);
        // Edit the kept site in place: with our extra reference dropped, `make_mut` copies the
        // site (every page) only while a background check still holds it.
        drop(site);
        let Some(mut site) = self.site.take() else { return Ok(false) };
        Arc::make_mut(&mut site).pages[index] = page;
        let out = Output::memory();
        let ctx = RenderContext { site: &site, theme: &theme, tiers: &self.tiers };
        let render_diags = render::render_pages(&ctx, &out, &targets);
        let render_diags = match render_diags {
            Ok(d) => d,
            Err(e) => {
                self.site = Some(site);
                return Err(e);
            }
        };
        if diag::count(&render_diags, Level::Error) > 0 {
            self.site = Some(site);
            self.fail(&render_diags, &all_sources);
            return Ok(true);
        }
        let changed = self.state.update(out.into_files(), false);
        self.state.set_errors(None);
        self.state.send(Event::Reload(Arc::new(changed)));
        eprintln!("{rel}: re-rendered {} pages in {} ms", targets.len(), started.elapsed().as_millis());
        self.loaded.retain(|d| d.file != rel);
        self.loaded.append(&mut diags);
        self.site = Some(site);
        self.sources = all_sources;
        self.check_in_background(generation, true);
        Ok(true)
    }

    /// The full check (and, after a one-guide rebuild, the other channels and the sitemap)
    /// off the critical path; its errors go to the overlay unless a newer edit came in.
    fn check_in_background(&self, generation: u64, render_rest: bool) {
        let (Some(site), Some(theme)) = (self.site.clone(), self.theme.clone()) else { return };
        let (state, root, tiers) = (self.state.clone(), self.root.clone(), self.tiers.clone());
        let (loaded, sources) = (self.loaded.clone(), self.sources.clone());
        let today = self.today;
        std::thread::spawn(move || {
            if render_rest {
                let out = Output::memory();
                let ctx = RenderContext { site: &site, theme: &theme, tiers: &tiers };
                let others: BTreeSet<String> =
                    render::channels().iter().map(|c| c.name().to_string()).filter(|n| n != "help").collect();
                let help_rest = render::render_with(&ctx, &root, &others, &out);
                let sitemap = render::sitemap_xml(&ctx);
                if let (Ok(_), true) = (help_rest, state.is_current(generation)) {
                    let mut files = out.into_files();
                    files.insert("sitemap.xml".to_string(), Arc::from(sitemap.into_bytes()));
                    let changed = state.update(files, false);
                    if !changed.is_empty() {
                        state.send(Event::Reload(Arc::new(changed)));
                    }
                }
            }
            let today = today.unwrap_or_else(|| crate::cmd::today_in(site.config.timezone.as_deref()));
            let found = crate::check::check(&site, today, loaded);
            if !state.is_current(generation) {
                return;
            }
            let errors: Vec<Diagnostic> = found.into_iter().filter(|d| d.level == Level::Error).collect();
            if errors.is_empty() {
                state.set_errors(None);
            } else {
                eprint!(
                    "{}",
                    crate::report::human::render(&errors, &sources, crate::cmd::use_color(&std::io::stderr()))
                );
                state.set_errors(Some(crate::report::human::render(&errors, &sources, false)));
            }
        });
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
    let mut out = BTreeSet::from([(page.path.clone(), page.locale.clone())]);
    let mut folder = page.parent_path();
    for _ in 0..2 {
        let Some(f) = folder else { break };
        out.insert((f.to_string(), page.locale.clone()));
        folder = (!f.is_empty()).then(|| f.rsplit_once('/').map_or("", |(p, _)| p));
    }
    out
}

/// Serve only `static/` files that resolve inside the site root (no symlinks pointing out).
fn keep_static_inside(root: &Path, site: &mut Site) {
    let dir = root.join("static");
    site.static_files.retain(|rel| {
        let inside = dir.join(rel).canonicalize().is_ok_and(|p| p.starts_with(root));
        if !inside {
            eprintln!("warning: not serving static/{rel}: it links outside the site");
        }
        inside
    });
}
