//! Render: model → files, one `Channel` per output channel. Never imports `check`.

pub mod audit;
mod help;
pub mod live;
pub mod markdown;
mod menus;
mod nobr;
mod print;
mod qr;
mod robots;
mod search;
mod sitemap;
mod sms;
pub mod theme;
mod view;
mod waiting_room;

use std::collections::BTreeSet;

use crate::diag::Diagnostic;
use crate::model::{Page, Site};
use crate::output::Output;

pub use help::{Published, render_pages, render_search};
pub use theme::Theme;

/// Everything a channel needs to render.
pub struct RenderContext<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    /// Tiers to publish (`build --tiers`); all when empty.
    pub tiers: &'a BTreeSet<String>,
    /// Whether a full render builds the search index (`serve` builds it in the background).
    pub search_index: bool,
    /// `status.json`'s object, built once for the status file and every screen.
    status: std::sync::OnceLock<serde_json::Value>,
}

impl<'a> RenderContext<'a> {
    /// A context that renders everything, the search index included.
    pub fn new(site: &'a Site, theme: &'a Theme, tiers: &'a BTreeSet<String>) -> Self {
        RenderContext { site, theme, tiers, search_index: true, status: std::sync::OnceLock::new() }
    }

    /// The same, leaving the search index to a later `render_search` (`serve`).
    #[must_use]
    pub fn without_search_index(self) -> Self {
        RenderContext { search_index: false, ..self }
    }

    pub fn tier_included(&self, tier: &str) -> bool {
        self.tiers.is_empty() || self.tiers.contains(tier)
    }

    pub fn status_json(&self) -> &serde_json::Value {
        self.status.get_or_init(|| live::status_json(self.site))
    }
}

/// One output channel: a name and a render pass that writes its files.
pub trait Channel: Sync {
    fn name(&self) -> &'static str;
    /// Render every file of this channel into `out`. Content problems come back as
    /// diagnostics; I/O failures as `Err`.
    fn render(&self, ctx: &RenderContext, out: &Output) -> anyhow::Result<Vec<Diagnostic>>;
    /// Render the files of this channel that show `pages`, guides whose text changed in place
    /// (`serve`: same address, tier, channels, order). By default, every file of the channel.
    fn render_guides(&self, ctx: &RenderContext, out: &Output, pages: &[&Page]) -> anyhow::Result<Vec<Diagnostic>> {
        let _ = pages;
        self.render(ctx, out)
    }
}

/// The channels this build knows that the site turns on, in output order.
fn enabled_channels(site: &Site) -> impl Iterator<Item = Box<dyn Channel>> + '_ {
    let all: [Box<dyn Channel>; 5] = [
        Box::new(help::Help),
        Box::new(sms::Sms),
        Box::new(live::Status),
        Box::new(waiting_room::WaitingRoom),
        Box::new(print::Print),
    ];
    all.into_iter().filter(|c| site.config.channel_enabled(c.name()))
}

/// Render the whole site into `out`: the enabled channels named in `only` (all when empty;
/// `build --channels help`), theme assets and `static/`.
pub fn render_channels(
    site: &Site,
    root: &std::path::Path,
    tiers: &BTreeSet<String>,
    only: &BTreeSet<String>,
    out: &Output,
) -> anyhow::Result<Vec<Diagnostic>> {
    let theme = match Theme::compile(site) {
        Ok(t) => t,
        Err(diags) => return Ok(diags),
    };
    render_with(&RenderContext::new(site, &theme, tiers), root, only, out)
}

/// Render with an already compiled theme (`serve` keeps one between rebuilds).
pub fn render_with(
    ctx: &RenderContext,
    root: &std::path::Path,
    only: &BTreeSet<String>,
    out: &Output,
) -> anyhow::Result<Vec<Diagnostic>> {
    let (site, theme) = (ctx.site, ctx.theme);
    let mut diags = Vec::new();
    for channel in enabled_channels(site).filter(|c| only.is_empty() || only.contains(c.name())) {
        diags.extend(channel.render(ctx, out)?);
    }
    for (name, bytes) in &theme.assets {
        if let Some(css) = name.strip_prefix("help/") {
            out.write(&format!("assets/{css}"), bytes)?;
        }
    }
    if (only.is_empty() || only.contains("help")) && !site.static_files.iter().any(|f| f == "robots.txt") {
        out.write("robots.txt", robots::render(ctx).as_bytes())?;
    }
    let static_dir = root.join("static");
    for rel in &site.static_files {
        out.copy(rel, &static_dir.join(rel))?;
    }
    Ok(diags)
}

/// The folders the search bundles of `site` go in, one per tier (`pagefind/`,
/// `vip/pagefind/`), whether or not the tier has one; none when search is off.
pub fn search_bundle_dirs(site: &Site) -> std::collections::BTreeSet<String> {
    if !search::enabled(site) {
        return std::collections::BTreeSet::new();
    }
    site.config.tier_names().into_iter().map(|t| search::bundle_dir(site, t)).collect()
}

/// The files of every enabled channel that show `pages`, guides whose text changed in place
/// (`serve`, after `render_pages` re-rendered their help pages).
pub fn render_guides(ctx: &RenderContext, pages: &[&Page], out: &Output) -> anyhow::Result<Vec<Diagnostic>> {
    let mut diags = Vec::new();
    for channel in enabled_channels(ctx.site) {
        diags.extend(channel.render_guides(ctx, out, pages)?);
    }
    Ok(diags)
}
