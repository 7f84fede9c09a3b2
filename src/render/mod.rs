//! Render: model → files, one `Channel` per output channel. Never imports `check`.

pub mod audit;
mod channel;
mod help;
mod index;
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
mod status;
pub mod theme;
mod view;
mod waiting_room;

use std::collections::BTreeSet;

use crate::diag::Diagnostic;
use crate::model::{Page, Site};
use crate::output::Output;

pub use channel::{Channel, RenderContext};
pub use help::{render_pages, render_search};
pub use index::Published;
pub use theme::Theme;

/// Every channel Upfront has, in output order: the one list of them. A new channel is a file
/// beside these (implementing [`Channel`]) and one line here.
static CHANNELS: std::sync::LazyLock<Vec<&'static dyn Channel>> = std::sync::LazyLock::new(|| {
    #[allow(unused_mut)]
    let mut all: Vec<&'static dyn Channel> =
        vec![&help::Help, &waiting_room::WaitingRoom, &print::Print, &sms::Sms, &status::Status];
    #[cfg(test)]
    all.push(&staff_script::StaffScript);
    all
});

#[cfg(test)]
#[path = "../../tests/channels/staff_script.rs"]
mod staff_script;

/// Every channel, in output order.
pub fn channels() -> impl Iterator<Item = &'static dyn Channel> {
    CHANNELS.iter().copied()
}

/// The channels a page may name in its `channels:` (and `build --channels`), in the order
/// upfront.yaml's docs list them.
pub fn page_channels() -> &'static [&'static str] {
    static NAMES: std::sync::LazyLock<Vec<&'static str>> =
        std::sync::LazyLock::new(|| channels().filter(|c| c.page_channel()).map(Channel::name).collect());
    &NAMES
}

/// The front-matter keys of the channels' own texts (`sms`), in the list's order.
pub fn channel_text_keys() -> &'static [&'static str] {
    static KEYS: std::sync::LazyLock<Vec<&'static str>> =
        std::sync::LazyLock::new(|| channels().filter_map(Channel::text_key).collect());
    &KEYS
}

/// The channels this build knows that the site turns on, in output order.
fn enabled_channels(site: &Site) -> impl Iterator<Item = &'static dyn Channel> + '_ {
    channels().filter(|c| c.enabled(&site.config))
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
