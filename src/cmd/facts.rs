//! `upfront facts`: every fact, its value in each locale, its label, tier and measured data,
//! and every page, locale and channel that uses it. Reads the loaded model only: it neither
//! runs the checks nor renders pages, and refuses a site that does not load cleanly.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

use anyhow::Context as _;
use serde::Serialize;

use crate::cli::{FactsArgs, FactsFormat, Global};
use crate::diag::{self, Level};
use crate::model::fact::Localized;
use crate::model::{Fact, FactValue, Measurement, Site, Style};

/// The version of `upfront facts --format json`.
pub const VERSION: u32 = 1;

#[derive(Debug, Serialize)]
pub struct Inventory<'a> {
    pub version: u32,
    pub facts: Vec<Entry<'a>>,
}

#[derive(Debug, Serialize)]
pub struct Entry<'a> {
    pub id: &'a str,
    /// `"wait"` or `"text"`.
    pub kind: &'static str,
    /// The fact as the help center writes it, per configured locale.
    pub value: BTreeMap<&'a str, String>,
    pub min_seconds: Option<u64>,
    pub max_seconds: Option<u64>,
    /// What a wait measures, per locale; `null` when the fact has no label.
    pub label: Option<BTreeMap<&'a str, &'a str>>,
    /// The narrowest tier that may mention it (the widest tier when `facts.yaml` names none).
    pub tier: &'a str,
    pub measured: Option<Measured<'a>>,
    pub used_by: Vec<Use<'a>>,
}

/// The measured waits of a fact, in minutes; percentiles by nearest rank.
#[derive(Debug, Serialize, PartialEq)]
pub struct Measured<'a> {
    pub file: &'a str,
    pub n: usize,
    pub p50: f64,
    pub p90: f64,
    pub max: f64,
}

/// One page in one locale that names the fact, and the channels that carry it there.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Use<'a> {
    /// Guide path without locale, e.g. `emergency/visit` (empty for the home section).
    pub page: &'a str,
    pub file: &'a str,
    pub locale: &'a str,
    /// The page's tier: its own `tier:` or its section's.
    pub tier: &'a str,
    pub channels: Vec<&'a str>,
}

pub fn run(global: &Global, args: &FactsArgs) -> anyhow::Result<ExitCode> {
    let root = super::site::site_root(global.root.as_deref())?;
    let loaded = crate::load::load_site(&root)?;
    let site = match loaded.site {
        Some(site) if diag::count(&loaded.diagnostics, Level::Error) == 0 => site,
        _ => {
            let mut diags = loaded.diagnostics;
            diag::sort(&mut diags);
            let (diags, sources) = super::output::from_here(&root, &diags, &loaded.sources);
            let code = super::output::report(&diags, &sources, false);
            eprintln!("facts: fix the errors above first");
            return Ok(code);
        }
    };
    let inventory = inventory(&site);
    let text = match args.format {
        FactsFormat::Json => {
            let mut s = serde_json::to_string_pretty(&inventory)?;
            s.push('\n');
            s
        }
        FactsFormat::Human => human(&site, &inventory),
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()).context("cannot write to stdout")?;
    Ok(ExitCode::SUCCESS)
}

/// Every fact of the site, sorted by id, with its uses sorted by page, file and locale.
pub fn inventory(site: &Site) -> Inventory<'_> {
    let mut uses = uses(site);
    let facts = site
        .facts
        .values()
        .map(|fact| {
            let (kind, min_seconds, max_seconds) = match &fact.value {
                FactValue::Wait(r) => ("wait", Some(r.min.0), Some(r.max.0)),
                FactValue::Text(_) => ("text", None, None),
            };
            Entry {
                id: &fact.id,
                kind,
                value: site
                    .config
                    .locale_codes()
                    .filter_map(|l| Some((l, site.render_fact(&fact.id, l, Style::Web)?)))
                    .collect(),
                min_seconds,
                max_seconds,
                label: fact.label.as_ref().map(|label| match label {
                    Localized::Same(s) => site.config.locale_codes().map(|l| (l, s.as_str())).collect(),
                    Localized::PerLocale(map) => map.iter().map(|(l, s)| (l.as_str(), s.as_str())).collect(),
                }),
                tier: fact.tier.as_deref().unwrap_or_else(|| site.config.widest_tier()),
                measured: measured(fact, site.measurements.get(&fact.id)),
                used_by: uses.remove(fact.id.as_str()).unwrap_or_default(),
            }
        })
        .collect();
    Inventory { version: VERSION, facts }
}

/// The summary of a fact's measured waits, when it has any.
pub fn measured<'a>(fact: &'a Fact, rows: Option<&Vec<Measurement>>) -> Option<Measured<'a>> {
    let mut minutes: Vec<f64> = rows?.iter().map(|m| m.minutes).collect();
    if minutes.is_empty() {
        return None;
    }
    minutes.sort_by(f64::total_cmp);
    let rank = |p: u32| crate::model::stats::nearest_rank_sorted(&minutes, p).unwrap_or(0.0);
    Some(Measured {
        file: fact.measured.as_deref().unwrap_or(""),
        n: minutes.len(),
        p50: rank(50),
        p90: rank(90),
        max: rank(100),
    })
}

/// Fact id → the pages (in each locale) and channels that use it, by page, locale and file.
/// Screens show only pages of the widest tier. Drafts are listed (where the fact will be used).
fn uses(site: &Site) -> BTreeMap<&str, Vec<Use<'_>>> {
    let mut out: BTreeMap<&str, Vec<Use>> = BTreeMap::new();
    let widest = site.config.widest_tier();
    for page in &site.pages {
        let (content, own) = site.facts_named_by(page);
        let mut channels: BTreeSet<&str> =
            page.channels.iter().map(String::as_str).filter(|c| site.config.channel_enabled(c)).collect();
        if page.tier != widest {
            channels.remove("waiting-room");
        }
        // A channel with a text of its own (`sms`) carries what that text names, not the page.
        let by_own_text: Vec<(&str, &BTreeSet<&str>)> = crate::render::channels()
            .filter_map(|c| Some((c.name(), c.text_key()?)))
            .filter(|(name, _)| channels.remove(name))
            .filter_map(|(name, key)| Some((name, own.get(key)?)))
            .collect();
        let mut ids = content.clone();
        ids.extend(own.values().flatten());
        for id in &ids {
            let mut carried: Vec<&str> =
                if content.contains(id) { channels.iter().copied().collect() } else { Vec::new() };
            carried.extend(by_own_text.iter().filter(|(_, named)| named.contains(id)).map(|(name, _)| *name));
            carried.sort_unstable();
            if carried.is_empty() {
                continue;
            }
            let entry = Use {
                page: &page.path,
                file: &page.source.path,
                locale: &page.locale,
                tier: &page.tier,
                channels: carried,
            };
            out.entry(id).or_default().push(entry);
        }
    }
    for list in out.values_mut() {
        list.sort_by(|a, b| (a.page, a.locale, a.file).cmp(&(b.page, b.locale, b.file)));
    }
    out
}

/// A readable listing: one block per fact.
pub fn human(site: &Site, inventory: &Inventory<'_>) -> String {
    let mut out = String::new();
    let width = site.config.locale_codes().map(str::len).max().unwrap_or(2);
    for f in &inventory.facts {
        let _ = writeln!(out, "{}  ({}, tier {})", f.id, f.kind, f.tier);
        for (locale, value) in &f.value {
            let _ = writeln!(out, "    {locale:width$}  {value}");
        }
        if let Some(label) = &f.label {
            let _ = writeln!(out, "  label");
            for (locale, text) in label {
                let _ = writeln!(out, "    {locale:width$}  {text}");
            }
        }
        if let Some(m) = &f.measured {
            let _ = writeln!(
                out,
                "  measured  {} waits in {}: p50 {} min, p90 {} min, max {} min",
                m.n, m.file, m.p50, m.p90, m.max
            );
        }
        if f.used_by.is_empty() {
            let _ = writeln!(out, "  used by   no page");
        } else {
            let _ = writeln!(out, "  used by");
            let page_width = f.used_by.iter().map(|u| display_page(u.page).chars().count()).max().unwrap_or(0);
            for u in &f.used_by {
                let _ = writeln!(
                    out,
                    "    {:page_width$}  {:width$}  {}  ({})",
                    display_page(u.page),
                    u.locale,
                    u.channels.join(", "),
                    u.file
                );
            }
        }
        out.push('\n');
    }
    let used = inventory.facts.iter().filter(|f| !f.used_by.is_empty()).count();
    let _ = writeln!(out, "{} facts, {used} used by a page", inventory.facts.len());
    out
}

fn display_page(path: &str) -> &str {
    if path.is_empty() { "(home)" } else { path }
}
