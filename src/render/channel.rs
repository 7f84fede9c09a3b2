//! What a channel is (`Channel`: its name, settings, output folder and render pass) and what
//! it renders with (`RenderContext`: the site, the compiled theme, the tiers to publish).
//! Every channel file imports this; `render/mod.rs` lists the channels, once, and everything
//! else (the `channels:` schema of upfront.yaml, a page's `channels:`, `build --channels`,
//! the names a guide may not take) reads that list.

use std::collections::BTreeSet;

use super::live;
use super::theme::Theme;
use crate::diag::Diagnostic;
use crate::model::{Config, Page, Site};
use crate::output::Output;
use crate::yaml::{Field, Kind, Node, Problem, field};

/// A channel's settings (`channels.<name>` in upfront.yaml): the keys, for the all-errors
/// located check of upfront.yaml, and the type the channel reads them into
/// (`Config::channel_settings`), which load also reads them into once, so a value the type
/// refuses (`paper: a3`) is a located error at load and never a silent default later.
pub struct Settings {
    pub fields: &'static [Field],
    /// Deserialize the settings into the channel's type (from the tree that passed `fields`).
    pub read: fn(&Node, &Kind) -> Result<(), Problem>,
    /// Where `fields` and the type disagree (a test).
    #[cfg(test)]
    pub drift: fn(&Kind) -> Vec<String>,
}

impl Settings {
    /// Settings with these keys, read into `T`.
    pub const fn of<T: serde::de::DeserializeOwned>(fields: &'static [Field]) -> Settings {
        Settings {
            fields,
            read: |node, kind| crate::yaml::from_node::<T>(node, Some(kind)).map(|_| ()),
            #[cfg(test)]
            drift: crate::yaml::drift_everywhere::<T>,
        }
    }
}

/// What a channel with no settings of its own reads: `enabled`.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Toggle {
    /// Read through [`Config::channel_enabled`], as every channel's.
    #[allow(dead_code)]
    pub enabled: Option<bool>,
}

/// The settings every channel takes: `channels.<name>.enabled`.
pub static ENABLED_ONLY: Settings = Settings::of::<Toggle>(&[field("enabled", Kind::Bool)]);

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
    /// Its key under `channels:` in upfront.yaml, in a page's `channels:` and in
    /// `build --channels`.
    fn name(&self) -> &'static str;
    /// The keys of `channels.<name>` (checked with every other key of upfront.yaml); the
    /// channel reads them with `Config::channel_settings`.
    fn settings(&self) -> &'static Settings {
        &ENABLED_ONLY
    }
    /// The top-level output folder it writes (a guide or folder may not take that name).
    fn folder(&self) -> Option<&'static str> {
        None
    }
    /// The front-matter key of a guide's own text for this channel, if it has one (`sms:`):
    /// the guide schema takes the key, the page keeps the text (`Page::channel_text`), the
    /// text rules read it, and it is what this channel carries of the guide.
    fn text_key(&self) -> Option<&'static str> {
        None
    }
    /// Whether a page names it in `channels:` (`status.json` is not a page's channel).
    fn page_channel(&self) -> bool {
        true
    }
    /// Whether the site turns it on: unless `channels.<name>.enabled` is false.
    fn enabled(&self, config: &Config) -> bool {
        config.channel_enabled(self.name())
    }
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
