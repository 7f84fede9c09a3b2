//! What a channel is (`Channel`: a name and a render pass) and what it renders with
//! (`RenderContext`: the site, the compiled theme, the tiers to publish). Every channel file
//! imports this; `render/mod.rs` lists the channels.

use std::collections::BTreeSet;

use super::live;
use super::theme::Theme;
use crate::diag::Diagnostic;
use crate::model::{Page, Site};
use crate::output::Output;

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
