//! Live data: the notices every page and screen carries (all of them, with their windows) and
//! `status.json`, which screens poll. The clock never enters: pages decide what to show.

use std::collections::BTreeMap;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::model::{Notice, Severity, Site, Style};

/// A notice in one language.
#[derive(Serialize, Clone)]
pub struct NoticeText {
    /// The language the text is in (the default locale when there is no translation).
    pub lang: String,
    pub title: String,
    pub body: String,
}

/// One notice as a page carries it: its window and its text in the page's language.
#[derive(Serialize, Clone)]
pub struct PageNotice {
    pub id: String,
    pub severity: &'static str,
    /// RFC 3339 in UTC, for scripts.
    pub from: String,
    pub until: String,
    /// The window in the site's time zone, for people ("2026-11-01 00:00").
    pub from_local: String,
    pub until_local: String,
    #[serde(flatten)]
    pub text: NoticeText,
}

/// A notice in `status.json`: its window, severity, targets and every written translation.
#[derive(Serialize)]
struct StatusNotice {
    id: String,
    severity: &'static str,
    from: String,
    until: String,
    applies_to: Vec<String>,
    text: BTreeMap<String, NoticeText>,
}

#[derive(Serialize)]
struct StatusFact {
    id: String,
    /// Rendered value per locale ("10–30 minutes").
    value: BTreeMap<String, String>,
    /// What a wait measures, per locale (absent for text facts without a label).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    label: BTreeMap<String, String>,
}

#[derive(Serialize)]
struct StatusFile {
    version: u32,
    default_locale: String,
    content_hash: String,
    notices: Vec<StatusNotice>,
    facts: Vec<StatusFact>,
}

pub fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Info => "info",
        Severity::Warning => "warning",
        Severity::Urgent => "urgent",
    }
}

/// `ts` in the site's time zone, written as `locale` writes a date and time.
fn local_time(site: &Site, ts: jiff::Timestamp, locale: &str) -> String {
    crate::model::dates::format_datetime(site.config.time_zone().to_datetime(ts), site.strings(locale))
}

fn text_of(site: &Site, n: &Notice, locale: &str) -> NoticeText {
    NoticeText {
        lang: n.locale.clone(),
        title: n.title.value.clone(),
        body: site.interpolate(n.body().trim(), locale, Style::Web),
    }
}

/// The notice ids of the site with their variants, default locale first (notices are sorted by
/// id, locale).
fn by_id(site: &Site) -> BTreeMap<&str, Vec<&Notice>> {
    let mut out: BTreeMap<&str, Vec<&Notice>> = BTreeMap::new();
    for n in &site.notices {
        out.entry(n.id.as_str()).or_default().push(n);
    }
    for v in out.values_mut() {
        v.sort_by_key(|n| n.locale != site.default_locale());
    }
    out
}

/// The notices a page at `path` (a guide path; `None` for section, home and 404 pages) in
/// `locale` carries: site-wide ones and those naming the page. Urgent first, then by start.
pub fn page_notices(site: &Site, path: Option<&str>, locale: &str) -> Vec<PageNotice> {
    let mut out: Vec<PageNotice> = by_id(site)
        .into_values()
        .filter_map(|variants| {
            let first = variants.first()?;
            let applies = first.applies_to.is_empty() || path.is_some_and(|p| first.applies_to.iter().any(|a| a == p));
            if !applies {
                return None;
            }
            let n = variants.iter().find(|n| n.locale == locale).unwrap_or(first);
            Some(PageNotice {
                id: n.id.clone(),
                severity: severity_name(n.severity),
                from: n.from.to_string(),
                until: n.until.to_string(),
                from_local: local_time(site, n.from, locale),
                until_local: local_time(site, n.until, locale),
                text: text_of(site, n, locale),
            })
        })
        .collect();
    out.sort_by(|a, b| (a.severity != "urgent", &a.from, &a.id).cmp(&(b.severity != "urgent", &b.from, &b.id)));
    out
}

/// Is `path` a guide of the widest tier (the only ones `status.json` and screens may name)?
fn public_guide(site: &Site, path: &str) -> bool {
    site.variants(path).next().is_some_and(|p| p.tier == site.config.widest_tier())
}

/// Notices for `status.json` and screens: narrower-tier targets left out, and a notice that only
/// names narrower-tier guides left out whole.
fn public_notices(site: &Site) -> Vec<StatusNotice> {
    by_id(site)
        .into_values()
        .filter_map(|variants| {
            let first = variants.first()?;
            let applies_to: Vec<String> = first.applies_to.iter().filter(|p| public_guide(site, p)).cloned().collect();
            if applies_to.is_empty() && !first.applies_to.is_empty() {
                return None;
            }
            Some(StatusNotice {
                id: first.id.clone(),
                severity: severity_name(first.severity),
                from: first.from.to_string(),
                until: first.until.to_string(),
                applies_to,
                text: variants.iter().map(|n| (n.locale.clone(), text_of(site, n, &n.locale))).collect(),
            })
        })
        .collect()
}

fn public_facts(site: &Site) -> Vec<StatusFact> {
    let widest = site.config.widest_tier();
    site.facts
        .values()
        .filter(|f| f.tier.as_deref().is_none_or(|t| t == widest))
        .map(|f| StatusFact {
            id: f.id.clone(),
            value: site
                .config
                .locale_codes()
                .filter_map(|l| site.render_fact(&f.id, l, Style::Web).map(|v| (l.to_string(), v)))
                .collect(),
            label: f.label.as_ref().map_or_else(BTreeMap::new, |label| {
                site.config
                    .locale_codes()
                    .map(|l| (l.to_string(), label.get(l, site.default_locale()).to_string()))
                    .collect()
            }),
        })
        .collect()
}

/// The status object (also built into every screen), as JSON.
pub fn status_json(site: &Site) -> serde_json::Value {
    let notices = public_notices(site);
    let facts = public_facts(site);
    // The hash covers what the public sees: settings, public guides, notices and facts.
    let mut hasher = Sha256::new();
    hasher.update(site.config_source.text.as_bytes());
    for p in site.pages.iter().filter(|p| p.tier == site.config.widest_tier() && !p.draft) {
        hasher.update(p.source.path.as_bytes());
        hasher.update([0]);
        hasher.update(p.source.text.as_bytes());
    }
    hasher.update(serde_json::to_string(&(&notices, &facts)).unwrap_or_default().as_bytes());
    let content_hash = hasher.finalize().iter().fold(String::from("sha256:"), |mut s, b| {
        use std::fmt::Write as _;
        let _ = write!(s, "{b:02x}");
        s
    });
    let file =
        StatusFile { version: 1, default_locale: site.default_locale().to_string(), content_hash, notices, facts };
    serde_json::to_value(file).unwrap_or_default()
}
