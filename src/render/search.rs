//! Search for the help center: one pagefind index per tier, built with pagefind's library API
//! from the model (title, summary, steps and body of each published guide), never from the
//! rendered pages and never over the network. A tier's index holds its own and wider tiers'
//! guides; pagefind splits it per language (`<html lang>`), so every locale searches its own.

use std::path::Path;

use anyhow::{Context as _, anyhow};
use pagefind::api::{PagefindIndex, SyntheticFile};
use pagefind::options::PagefindServiceConfig;
use rayon::prelude::*;

use super::index::{self, Index};
use super::view;
use crate::model::{Page, Site, Style, paths};
use crate::output::Output;

/// The bundle files our search page loads; pagefind's own UIs (`pagefind-ui.js`, …) are left out.
fn wanted(file: &Path) -> bool {
    let name = file.to_string_lossy();
    !name.starts_with("pagefind-ui")
        && !name.starts_with("pagefind-modular-ui")
        && !name.starts_with("pagefind-component-ui")
        && !name.starts_with("pagefind-highlight")
        && !name.starts_with("playground")
}

/// Whether the site builds search (`channels.help.search`, on by default).
pub fn enabled(site: &Site) -> bool {
    site.config.search_enabled()
}

/// Tiers that get an index and search pages: the widest always, a narrower one when it has a
/// published guide (only its guides' pages link to it). Widest first.
pub fn tiers<'a>(index: &Index<'a>) -> Vec<&'a str> {
    let site = index.site;
    site.config
        .tier_names()
        .into_iter()
        .enumerate()
        .filter(|&(rank, tier)| rank == 0 || index.guides.iter().any(|g| g.tier == tier))
        .map(|(_, tier)| tier)
        .collect()
}

/// The search tier of a page: a guide's own tier, the widest for everything else.
pub fn tier_of<'a>(site: &'a Site, page: Option<&'a Page>) -> &'a str {
    page.map_or_else(|| site.config.widest_tier(), |p| p.tier.as_str())
}

/// The folder of the search page of `tier` in `locale` (`search/`, `zh/search/`, `vip/search/`).
pub fn page_dir(site: &Site, tier: &str, locale: &str) -> String {
    paths::page_dir(view::tier_seg(site, tier), view::locale_seg(site, locale), None, "search")
}

/// The folder of a tier's pagefind bundle (`pagefind/`, `vip/pagefind/`).
pub fn bundle_dir(site: &Site, tier: &str) -> String {
    paths::page_dir(view::tier_seg(site, tier), None, None, "pagefind")
}

/// One guide as pagefind sees it.
struct Record<'a> {
    /// Relative to the output root: `zh/emergency/visit/index.html`.
    url: String,
    tier: &'a str,
    html: String,
}

/// Write every tier's index into `out`. Records are added in URL order, so the same site gives
/// the same bytes.
pub fn write_indexes(index: &Index, out: &Output) -> anyhow::Result<()> {
    let site = index.site;
    let mut records: Vec<Record> = index
        .guides
        .par_iter()
        .map(|g| Record {
            url: format!("{}index.html", view::page_dir(site, g)),
            tier: &g.tier,
            html: document(index, g),
        })
        .collect();
    records.sort_by(|a, b| a.url.cmp(&b.url));
    for tier in tiers(index) {
        let rank = site.config.tier_rank(tier);
        let docs: Vec<(&str, &str)> = records
            .iter()
            .filter(|r| site.config.tier_rank(r.tier) <= rank)
            .map(|r| (r.url.as_str(), r.html.as_str()))
            .collect();
        let dir = bundle_dir(site, tier);
        let files = run_pagefind(&docs).with_context(|| format!("building the search index {dir}"))?;
        files.par_iter().filter(|f| wanted(&f.filename)).try_for_each(|file| {
            let name = file.filename.to_string_lossy().replace('\\', "/");
            out.write(&format!("{dir}{name}"), &file.contents)
        })?;
    }
    Ok(())
}

/// Index `docs` (URL, HTML) with pagefind. It runs on the calling thread, so that pagefind's
/// own rayon work stays in the caller's pool (`serve` refreshes the index in a background
/// pool and must not fill the global one its rebuilds use); inside an async runtime, on a
/// thread of its own, so that one runtime does not nest in another.
fn run_pagefind(docs: &[(&str, &str)]) -> anyhow::Result<Vec<SyntheticFile>> {
    if tokio::runtime::Handle::try_current().is_err() {
        return index_docs(docs);
    }
    std::thread::scope(|scope| {
        scope.spawn(|| index_docs(docs)).join().map_err(|_| anyhow!("the search indexer stopped unexpectedly"))?
    })
}

fn index_docs(docs: &[(&str, &str)]) -> anyhow::Result<Vec<SyntheticFile>> {
    let runtime =
        tokio::runtime::Builder::new_current_thread().enable_all().build().context("starting the search indexer")?;
    runtime.block_on(async {
        let options = PagefindServiceConfig::builder().keep_index_url(true).build();
        let mut pf = PagefindIndex::new(Some(options))?;
        for (url, html) in docs {
            pf.add_html_file(None, Some((*url).to_string()), (*html).to_string()).await?;
        }
        pf.get_files().await
    })
}

/// A small HTML document of what a reader finds on the guide's page: title, summary, steps
/// with their waits, and the body (facts filled in). Headings keep their ids, so results can
/// point at a section.
fn document(index: &Index, page: &Page) -> String {
    let site = index.site;
    let locale = page.locale.as_str();
    let t = |key: &str| site.strings(locale).get(key).map_or("", String::as_str);
    let mut html = String::from("<html lang=\"");
    html += &crate::escape::html(locale);
    html += "\"><body>";
    push(&mut html, "h1", &page.title.value);
    if let Some(summary) = &page.summary {
        push(&mut html, "p", &site.interpolate(&summary.value, locale, Style::Web));
    }
    if !page.steps.is_empty() {
        html += "<h2 id=\"steps-heading\">";
        html += &crate::escape::html(t("steps_heading"));
        html += "</h2><ol>";
        for step in &page.steps {
            html += "<li>";
            push(&mut html, "h3", &step.title.value);
            if let Some(wait) = step.wait.as_deref().and_then(|w| site.render_fact(w, locale, Style::Web)) {
                push(&mut html, "p", &[t("usual_wait"), t("colon"), &wait].concat());
            }
            push(&mut html, "p", &site.interpolate(&step.text.value, locale, Style::Web));
            html += "</li>";
        }
        html += "</ol>";
    }
    // The body is rendered as the help page's: its range markers stay out of the index.
    html += &crate::model::fact::strip_nobr(&index::body(index, page, &view::page_dir(site, page)).html);
    html += "</body></html>";
    html
}

/// Append `<tag>text</tag>`, the text escaped.
fn push(html: &mut String, tag: &str, text: &str) {
    *html += "<";
    *html += tag;
    *html += ">";
    *html += &crate::escape::html(text);
    *html += "</";
    *html += tag;
    *html += ">";
}
