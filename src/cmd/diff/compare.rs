//! What a reader sees change between two loaded sites: facts (values per locale, and where they
//! are quoted), guides (added, removed, moved, retiered, steps, waits, text), notices, and the
//! findings new in HEAD. Pure: the two sites and their findings in, one `Changes` out.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::cmd::facts::{Use, inventory};
use crate::diag::{Diagnostic, Sources};
use crate::model::{Page, PageKind, Site, Style};
use crate::report::json::Finding;

/// The version of `upfront diff --format json`.
pub const VERSION: u32 = 1;

/// One side of the comparison, loaded and checked.
pub struct Side<'a> {
    /// What the user named it (`main`, `HEAD~1`, `../old-site`, or `working tree`).
    pub name: &'a str,
    pub site: &'a Site,
    pub diags: &'a [Diagnostic],
    pub sources: &'a Sources,
}

#[derive(Debug, Serialize)]
pub struct Changes<'a> {
    pub version: u32,
    pub base: &'a str,
    pub head: &'a str,
    pub facts: Vec<FactChange<'a>>,
    pub guides: Vec<GuideChange>,
    pub notices: Vec<NoticeChange>,
    pub findings: FindingChanges<'a>,
}

/// `added`, `removed` or `changed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Added,
    Removed,
    Moved,
    Changed,
}

/// A value before and after (`null` where it does not exist on that side).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Before<T> {
    pub old: Option<T>,
    pub new: Option<T>,
}

#[derive(Debug, Serialize)]
pub struct FactChange<'a> {
    pub id: String,
    pub change: Kind,
    /// Per locale, only the locales whose wording changed.
    pub value: BTreeMap<String, Before<String>>,
    /// Where readers meet it: HEAD's pages (BASE's for a removed fact).
    pub quoted_by: Vec<Use<'a>>,
}

#[derive(Debug, Serialize)]
pub struct GuideChange {
    /// Guide path without locale (`emergency/visit`; empty for the home section).
    pub page: String,
    pub locale: String,
    /// HEAD's file (BASE's for a removed guide).
    pub file: String,
    pub change: Kind,
    /// For a move: the path it had in BASE (HEAD lists it under `aliases:` or kept its title).
    pub moved_from: Option<String>,
    /// What changed, one line each ("tier: public → members", "step 2 wait: … → …").
    pub details: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct NoticeChange {
    pub id: String,
    pub locale: String,
    pub change: Kind,
    pub details: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct FindingChanges<'a> {
    /// Findings of HEAD that BASE did not have (matched by rule, file, message and the text they
    /// cover, counted, so line shifts do not make old findings new).
    pub new: Vec<Finding<'a>>,
    /// How many of BASE's findings HEAD no longer has.
    pub fixed: usize,
}

pub fn compare<'a>(base: &Side<'a>, head: &Side<'a>) -> Changes<'a> {
    Changes {
        version: VERSION,
        base: base.name,
        head: head.name,
        facts: facts(base.site, head.site),
        guides: guides(base.site, head.site),
        notices: notices(base.site, head.site),
        findings: findings(base, head),
    }
}

fn facts<'a>(base: &'a Site, head: &'a Site) -> Vec<FactChange<'a>> {
    let (old, new) = (inventory(base), inventory(head));
    let old: BTreeMap<_, _> = old.facts.into_iter().map(|e| (e.id, e)).collect();
    let mut new: BTreeMap<_, _> = new.facts.into_iter().map(|e| (e.id, e)).collect();
    let ids: BTreeSet<&str> = old.keys().chain(new.keys()).copied().collect();
    let mut out = Vec::new();
    for id in ids {
        let (o, n) = (old.get(id), new.remove(id));
        let change = match (o, &n) {
            (None, Some(_)) => Kind::Added,
            (Some(_), None) => Kind::Removed,
            _ => Kind::Changed,
        };
        let locales: BTreeSet<&str> =
            o.iter().flat_map(|e| e.value.keys()).chain(n.iter().flat_map(|e| e.value.keys())).copied().collect();
        let value: BTreeMap<String, Before<String>> = locales
            .into_iter()
            .filter_map(|l| {
                let before = Before {
                    old: o.and_then(|e| e.value.get(l)).cloned(),
                    new: n.as_ref().and_then(|e| e.value.get(l)).cloned(),
                };
                (before.old != before.new).then(|| (l.to_string(), before))
            })
            .collect();
        if change == Kind::Changed && value.is_empty() {
            continue;
        }
        let quoted_by = match (n, change) {
            (Some(e), _) => e.used_by,
            (None, _) => inventory_uses(base, id),
        };
        out.push(FactChange { id: id.to_string(), change, value, quoted_by });
    }
    out
}

/// BASE's uses of a fact that HEAD removed.
fn inventory_uses<'a>(site: &'a Site, id: &str) -> Vec<Use<'a>> {
    inventory(site).facts.into_iter().find(|e| e.id == id).map(|e| e.used_by).unwrap_or_default()
}

type Key<'a> = (&'a str, &'a str);

fn pages(site: &Site) -> BTreeMap<Key<'_>, &Page> {
    site.pages.iter().map(|p| ((p.path.as_str(), p.locale.as_str()), p.as_ref())).collect()
}

fn guides(base: &Site, head: &Site) -> Vec<GuideChange> {
    let (old, new) = (pages(base), pages(head));
    let gone: BTreeSet<Key> = old.keys().filter(|k| !new.contains_key(*k)).copied().collect();
    let mut moved_away: BTreeSet<Key> = BTreeSet::new();
    let mut out = Vec::new();
    for (key, page) in &new {
        if let Some(before) = old.get(key) {
            let details = page_details(base, before, head, page);
            if !details.is_empty() {
                out.push(change(page, Kind::Changed, None, details));
            }
            continue;
        }
        // A move: HEAD names the old path under `aliases:`, or a removed page of the same locale
        // and kind had the same title.
        let from = gone
            .iter()
            .find(|(path, locale)| {
                *locale == key.1 && page.aliases.iter().any(|a| a.trim_matches('/') == path.trim_matches('/'))
            })
            .or_else(|| {
                gone.iter().find(|k| {
                    k.1 == key.1 && !moved_away.contains(*k) && {
                        let o = old[*k];
                        o.kind == page.kind && o.title.value == page.title.value
                    }
                })
            })
            .copied();
        if let Some(from) = from {
            moved_away.insert(from);
            let details = page_details(base, old[&from], head, page);
            out.push(change(page, Kind::Moved, Some(from.0.to_string()), details));
        } else {
            out.push(change(page, Kind::Added, None, Vec::new()));
        }
    }
    for key in gone.difference(&moved_away) {
        out.push(change(old[key], Kind::Removed, None, Vec::new()));
    }
    out.sort_by(|a, b| (&a.page, &a.locale, a.change).cmp(&(&b.page, &b.locale, b.change)));
    out
}

fn change(page: &Page, change: Kind, moved_from: Option<String>, details: Vec<String>) -> GuideChange {
    GuideChange {
        page: page.path.clone(),
        locale: page.locale.clone(),
        file: page.source.path.clone(),
        change,
        moved_from,
        details,
    }
}

/// What a reader of `new` sees differently from `old`: title, summary, tier, channels, each
/// step's title and wait (as rendered), the total, the text, the SMS.
fn page_details(base: &Site, old: &Page, head: &Site, new: &Page) -> Vec<String> {
    let mut out = Vec::new();
    changed(&mut out, "title", Some(&old.title.value), Some(&new.title.value));
    changed(
        &mut out,
        "summary",
        old.summary.as_ref().map(|s| s.value.as_str()),
        new.summary.as_ref().map(|s| s.value.as_str()),
    );
    changed(&mut out, "tier", Some(&old.tier), Some(&new.tier));
    changed(&mut out, "channels", Some(&old.channels.join(", ")), Some(&new.channels.join(", ")));
    let wait = |site: &Site, page: &Page, i: usize| {
        page.steps.get(i)?.wait.as_deref().map(|w| site.render_fact(w, &page.locale, Style::Web).unwrap_or(w.into()))
    };
    for i in 0..old.steps.len().max(new.steps.len()) {
        let n = i + 1;
        match (old.steps.get(i), new.steps.get(i)) {
            (Some(a), Some(b)) => {
                changed(&mut out, &format!("step {n} title"), Some(&a.title.value), Some(&b.title.value));
                changed(
                    &mut out,
                    &format!("step {n} wait"),
                    wait(base, old, i).as_deref(),
                    wait(head, new, i).as_deref(),
                );
                if a.text.value != b.text.value {
                    out.push(format!("step {n} text changed"));
                }
            }
            (None, Some(b)) => out.push(format!("step {n} added: {}", b.title.value)),
            (Some(a), None) => out.push(format!("step {n} removed: {}", a.title.value)),
            (None, None) => {}
        }
    }
    if old.kind == PageKind::Guide || new.kind == PageKind::Guide {
        changed(
            &mut out,
            "total",
            base.total_text(old, Style::Web).as_deref(),
            head.total_text(new, Style::Web).as_deref(),
        );
    }
    let keys: BTreeSet<&str> = old.channel_text.keys().chain(new.channel_text.keys()).copied().collect();
    for key in keys {
        let text = |p: &Page| p.channel_text(key).map(|t| t.value.clone());
        changed(&mut out, key, text(old).as_deref(), text(new).as_deref());
    }
    if old.body().trim() != new.body().trim() {
        out.push(format!("text changed ({})", lines_changed(old.body(), new.body())));
    }
    let aliases = |p: &Page| p.aliases.iter().cloned().collect::<BTreeSet<_>>();
    if aliases(old) != aliases(new) {
        changed(&mut out, "aliases", Some(&old.aliases.join(", ")), Some(&new.aliases.join(", ")));
    }
    if old.draft != new.draft {
        out.push(if new.draft { "now a draft (not published)".into() } else { "no longer a draft".into() });
    }
    out
}

/// "what: “a” → “b”" when they differ.
fn changed(out: &mut Vec<String>, what: &str, a: Option<&str>, b: Option<&str>) {
    if a != b {
        out.push(format!("{what}: {} → {}", shown(a), shown(b)));
    }
}

fn shown(s: Option<&str>) -> String {
    match s {
        None => "(none)".into(),
        Some("") => "(empty)".into(),
        Some(s) => format!("“{s}”"),
    }
}

/// "3 lines added, 1 removed": lines of one side missing from the other, counted.
fn lines_changed(old: &str, new: &str) -> String {
    fn count(text: &str) -> BTreeMap<&str, isize> {
        let mut m: BTreeMap<&str, isize> = BTreeMap::new();
        for l in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            *m.entry(l).or_default() += 1;
        }
        m
    }
    let (a, b) = (count(old), count(new));
    let added: isize = b.iter().map(|(l, n)| (n - a.get(l).copied().unwrap_or(0)).max(0)).sum();
    let removed: isize = a.iter().map(|(l, n)| (n - b.get(l).copied().unwrap_or(0)).max(0)).sum();
    format!("{added} line{} added, {removed} removed", if added == 1 { "" } else { "s" })
}

fn notices(base: &Site, head: &Site) -> Vec<NoticeChange> {
    let key = |n: &crate::model::Notice| (n.id.clone(), n.locale.clone());
    let old: BTreeMap<_, _> = base.notices.iter().map(|n| (key(n), n)).collect();
    let new: BTreeMap<_, _> = head.notices.iter().map(|n| (key(n), n)).collect();
    let keys: BTreeSet<_> = old.keys().chain(new.keys()).cloned().collect();
    let mut out = Vec::new();
    for k in keys {
        let (change, details) = match (old.get(&k), new.get(&k)) {
            (None, Some(n)) => (Kind::Added, vec![format!("“{}”, {} to {}", n.title.value, n.from_text, n.until_text)]),
            (Some(n), None) => (Kind::Removed, vec![format!("“{}”", n.title.value)]),
            (Some(a), Some(b)) => {
                let mut d = Vec::new();
                let mut diff = |what: &str, x: String, y: String| {
                    if x != y {
                        d.push(format!("{what}: “{x}” → “{y}”"));
                    }
                };
                diff("title", a.title.value.clone(), b.title.value.clone());
                diff("from", a.from_text.clone(), b.from_text.clone());
                diff("until", a.until_text.clone(), b.until_text.clone());
                diff("applies to", a.applies_to.join(", "), b.applies_to.join(", "));
                diff(
                    "severity",
                    format!("{:?}", a.severity).to_lowercase(),
                    format!("{:?}", b.severity).to_lowercase(),
                );
                if a.body().trim() != b.body().trim() {
                    d.push("text changed".into());
                }
                if d.is_empty() {
                    continue;
                }
                (Kind::Changed, d)
            }
            (None, None) => continue,
        };
        out.push(NoticeChange { id: k.0, locale: k.1, change, details });
    }
    out
}

fn findings<'a>(base: &Side<'a>, head: &Side<'a>) -> FindingChanges<'a> {
    let key = |d: &Diagnostic, s: &'a Sources| (d.rule, d.file.clone(), d.message.clone(), s.text_of(d).to_string());
    let mut old: BTreeMap<_, usize> = BTreeMap::new();
    for d in base.diags {
        *old.entry(key(d, base.sources)).or_default() += 1;
    }
    let total_old: usize = old.values().sum();
    let mut matched = 0;
    let mut new = Vec::new();
    for located in crate::report::locate(head.diags, head.sources) {
        match old.get_mut(&key(located.diag, head.sources)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                matched += 1;
            }
            _ => new.push(Finding {
                fingerprint: crate::report::fingerprint::of(&located, head.sources),
                ..Finding::from(located)
            }),
        }
    }
    FindingChanges { new, fixed: total_old - matched }
}
