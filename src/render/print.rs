//! The print channel: one handout per guide in the `print` channel
//! (`[<tier>/][<locale>/]print/<guide>/index.html`, print CSS inline, paper from `upfront.yaml`)
//! with the steps as a table, contact facts, the emergency line, the review date and a QR code
//! to the online guide; plus "print all" pages: one per section and locale
//! (`[<locale>/]print/<section>/index.html`, each guide on its own sheet) and a root one
//! (`[<locale>/]print/index.html`: the root's guides and links to every section's page).

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use super::channel::{Channel, RenderContext, Settings};
use super::markdown::{self, Resolver};
use super::view::{self, locale_seg, tier_seg};
use crate::diag::Diagnostic;
use crate::model::slug::slugify;
use crate::model::{FactValue, Page, PageKind, Site, Style, links, paths};
use crate::output::Output;
use crate::yaml::{Field, Kind, field};

pub struct Print;

#[derive(Serialize)]
struct Contact {
    label: Option<String>,
    value: String,
}

#[derive(Serialize)]
struct Handout<'a> {
    title: String,
    lang: String,
    summary: Option<String>,
    rows: Vec<view::StepView<'a>>,
    total: Option<String>,
    contacts: Vec<Contact>,
    content_html: String,
    reviewed: Option<String>,
    /// `reviewed` as the page's language writes a date.
    reviewed_text: Option<String>,
    online_url: String,
    qr_svg: Option<String>,
}

/// Links in a handout point at the online help center (absolute URLs); facts as on the web.
/// Heading ids start with the guide's path (`emergency-visit--triage`): a "print all" page
/// holds several guides, and slugs never contain `--`, so no two sheets share an id.
struct PrintResolver<'a> {
    site: &'a Site,
    page: &'a Page,
}

impl Resolver for PrintResolver<'_> {
    fn fact(&self, name: &str) -> Option<String> {
        self.site.render_fact(name, &self.page.locale, Style::Html)
    }
    fn max_page_bytes(&self) -> usize {
        self.site.config.limits.page_bytes()
    }
    fn link(&self, dest: &str) -> String {
        match links::classify(self.site, dest, links::source_dir(self.page)) {
            links::Link::Site { path, locale, fragment } => {
                let l = locale.as_deref().unwrap_or(&self.page.locale);
                let target =
                    self.site.published(&path, l).or_else(|| self.site.published(&path, self.site.default_locale()));
                let Some(target) = target else { return dest.to_string() };
                let frag = fragment.map(|f| format!("#{f}")).unwrap_or_default();
                paths::absolute(&self.site.config.base_url, &view::page_dir(self.site, target)) + &frag
            }
            links::Link::SamePage { fragment } => format!("#{}{fragment}", self.id_prefix()),
            links::Link::External => dest.to_string(),
        }
    }
    fn glossary(&self) -> Vec<(&str, &str)> {
        Vec::new()
    }
    fn id_prefix(&self) -> String {
        slugify(&self.page.path) + "--"
    }
}

/// Is `page` published as a handout in this build?
fn printed(ctx: &RenderContext, page: &Page) -> bool {
    page.kind == PageKind::Guide && !page.draft && page.in_channel("print") && ctx.tier_included(&page.tier)
}

/// The folder of a guide's handout.
fn print_dir(site: &Site, page: &Page) -> String {
    paths::page_dir(tier_seg(site, &page.tier), locale_seg(site, &page.locale), Some("print"), &page.path)
}

/// The relative URL from a help page in `dir` to `page`'s handout, when it has one.
pub fn url_from(site: &Site, page: &Page, dir: &str) -> Option<String> {
    (site.config.channel_enabled("print") && page.in_channel("print") && !page.draft)
        .then(|| paths::relative_page(dir, &print_dir(site, page)))
}

/// Contact facts of a handout: the public text facts the guide names, then every public
/// `phone.*` fact (the desk's and the emergency number).
fn contacts(site: &Site, page: &Page) -> Vec<Contact> {
    let (named, _) = site.facts_named_by(page);
    let widest = site.config.widest_tier();
    let mut ids: Vec<&str> = site
        .facts
        .values()
        .filter(|f| matches!(f.value, FactValue::Text(_)) && f.tier.as_deref().is_none_or(|t| t == widest))
        .filter(|f| named.contains(f.id.as_str()) || f.id.starts_with("phone."))
        .map(|f| f.id.as_str())
        .collect();
    ids.sort_unstable();
    ids.into_iter()
        .filter_map(|id| {
            let f = site.facts.get(id)?;
            // A fact without a `label:` shows its value alone: its id is for authors, not readers.
            let label = f.label.as_ref().map(|l| l.get(&page.locale, site.default_locale()).to_string());
            Some(Contact { label, value: site.render_fact(id, &page.locale, Style::Html)? })
        })
        .collect()
}

fn handout<'a>(site: &'a Site, page: &'a Page) -> Handout<'a> {
    let locale = page.locale.as_str();
    let rows = view::steps(site, page);
    let online_url = paths::absolute(&site.config.base_url, &view::page_dir(site, page));
    let r = markdown::render(page.body(), &PrintResolver { site, page }, site.config.markdown.unsafe_html);
    Handout {
        title: page.title.value.clone(),
        lang: page.locale.clone(),
        summary: page.summary.as_ref().map(|s| site.interpolate(&s.value, locale, Style::Html)),
        rows,
        total: site.total_text(page, Style::Html),
        contacts: contacts(site, page),
        content_html: r.html,
        reviewed: page.reviewed.map(|d| d.to_string()),
        reviewed_text: page.reviewed.map(|d| crate::model::dates::format_date(d, site.strings(&page.locale))),
        qr_svg: page.in_channel("help").then(|| super::qr::svg(&online_url)).flatten(),
        online_url,
    }
}

/// A link from the root "print all" page to a section's.
#[derive(Serialize)]
struct SectionLink {
    title: String,
    url: String,
}

/// A section's title in `locale` (its `_index` page), else its folder name.
fn section_title<'a>(site: &'a Site, locale: &str, section: &'a str) -> &'a str {
    let widest = site.config.widest_tier();
    site.published(section, locale)
        .filter(|p| p.kind == PageKind::Section && p.tier == widest)
        .map_or(section, |p| p.title.value.as_str())
}

/// Render `template` (for the page in that file, if one) into `<dir>index.html`; a template
/// error comes back as a diagnostic.
fn render_to(
    ctx: &RenderContext,
    out: &Output,
    (template, page): (&str, Option<&str>),
    dir: &str,
    c: &tera::Context,
) -> anyhow::Result<Option<Diagnostic>> {
    match ctx.theme.render(template, c, page) {
        Ok(html) => out.write(&format!("{dir}index.html"), html.as_bytes()).map(|()| None),
        Err(d) => Ok(Some(d)),
    }
}

fn context(
    site: &Site,
    locale: &str,
    dir: &str,
    title: &str,
    handouts: &[&Handout],
    sections: &[SectionLink],
) -> tera::Context {
    let mut c = tera::Context::new();
    c.insert("lang", locale);
    c.insert("title", title);
    c.insert("site_title", site.config.title(locale));
    c.insert("brand", &super::view::Brand::new(site, locale, |f| paths::relative(dir, f)));
    c.insert("paper", site.config.paper().css());
    c.insert("t", site.strings(locale));
    c.insert("emergency", &site.emergency(locale).map(|(line, _)| line));
    c.insert("handouts", handouts);
    c.insert("sections", sections);
    // A "print all" page has its own `h1`; its sheets' titles are `h2`s.
    c.insert("print_all", &false);
    c.insert("home_url", &paths::relative_page(dir, &paths::page_dir(None, locale_seg(site, locale), None, "")));
    c
}

/// `channels.print`.
static FIELDS: [Field; 2] = [field("enabled", Kind::Bool), field("paper", Kind::Str)];

static SETTINGS: Settings = Settings::of::<crate::model::config::PrintConfig>(&FIELDS);

impl Channel for Print {
    fn name(&self) -> &'static str {
        "print"
    }

    fn settings(&self) -> &'static Settings {
        &SETTINGS
    }

    fn folder(&self) -> Option<&'static str> {
        Some("print")
    }

    fn render(&self, ctx: &RenderContext, out: &Output) -> anyhow::Result<Vec<Diagnostic>> {
        render_print(ctx, out, None)
    }

    /// The guides' handouts and their sections' "print all" pages.
    fn render_guides(&self, ctx: &RenderContext, out: &Output, pages: &[&Page]) -> anyhow::Result<Vec<Diagnostic>> {
        render_print(ctx, out, Some(pages))
    }
}

/// The "print all" page a guide of the widest tier is on: (locale, section).
fn group_of(page: &Page) -> (&str, &str) {
    (page.locale.as_str(), page.parent_path().unwrap_or(""))
}

/// Which pages a render writes: every one, or (`only`) those that show these guides.
#[derive(Clone, Copy)]
struct Wanted<'a> {
    only: Option<&'a [&'a Page]>,
    widest: &'a str,
}

impl Wanted<'_> {
    /// A guide's own handout.
    fn handout(self, page: &Page) -> bool {
        self.only.is_none_or(|o| o.iter().any(|o| o.path == page.path && o.locale == page.locale))
    }

    /// The "print all" page of (locale, section).
    fn group(self, key: (&str, &str)) -> bool {
        self.only.is_none_or(|o| o.iter().any(|o| o.tier == self.widest && group_of(o) == key))
    }
}

/// Every handout and "print all" page, or (`only`) those that show these guides.
fn render_print(ctx: &RenderContext, out: &Output, only: Option<&[&Page]>) -> anyhow::Result<Vec<Diagnostic>> {
    let site = ctx.site;
    let guides: Vec<&Page> = site.pages.iter().map(AsRef::as_ref).filter(|p| printed(ctx, p)).collect();
    let wanted = Wanted { only, widest: site.config.widest_tier() };
    // Each handout is built once (its QR code is the dear part) and serves both its own page
    // and its section's "print all" page; with `only`, just those two pages' handouts.
    let handouts: Vec<Option<Handout>> = guides
        .par_iter()
        .map(|page| (wanted.handout(page) || wanted.group(group_of(page))).then(|| handout(site, page)))
        .collect();
    let mut diags = render_handouts(ctx, out, &guides, &handouts, wanted)?;
    let groups = print_all_groups(&guides, wanted.widest);
    for locale in site.config.locale_codes() {
        diags.extend(render_print_all(ctx, out, locale, &groups, &handouts, wanted)?);
    }
    Ok(diags)
}

/// "Print all": the widest tier's handouts (by their index in `guides`), one page per
/// (locale, section), path order.
fn print_all_groups<'a>(guides: &[&'a Page], widest: &str) -> BTreeMap<(&'a str, &'a str), Vec<usize>> {
    let mut groups: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
    for (i, page) in guides.iter().enumerate().filter(|(_, p)| p.tier == widest) {
        groups.entry(group_of(page)).or_default().push(i);
    }
    groups
}

/// The wanted guides' own handout pages (`handouts[i]` is `guides[i]`'s, when built).
fn render_handouts(
    ctx: &RenderContext,
    out: &Output,
    guides: &[&Page],
    handouts: &[Option<Handout>],
    wanted: Wanted,
) -> anyhow::Result<Vec<Diagnostic>> {
    let site = ctx.site;
    let results: Vec<anyhow::Result<Option<Diagnostic>>> = guides
        .par_iter()
        .zip(handouts.par_iter())
        .filter(|(page, _)| wanted.handout(page))
        .filter_map(|(page, h)| Some((page, h.as_ref()?)))
        .map(|(page, h)| {
            let dir = print_dir(site, page);
            let c = context(site, &page.locale, &dir, &page.title.value, &[h], &[]);
            render_to(ctx, out, ("print/handout.html", Some(page.source.path.as_str())), &dir, &c)
        })
        .collect();
    findings(results)
}

/// A locale's wanted "print all" pages: one per section with guides, and the root one, which
/// always exists when any does: it links to every section's page.
fn render_print_all<'a>(
    ctx: &RenderContext,
    out: &Output,
    locale: &'a str,
    groups: &BTreeMap<(&'a str, &'a str), Vec<usize>>,
    handouts: &[Option<Handout>],
    wanted: Wanted,
) -> anyhow::Result<Vec<Diagnostic>> {
    let no_handouts = Vec::new();
    let mut sections: Vec<(&str, &Vec<usize>)> = groups
        .range((locale, "")..)
        .take_while(|((l, _), _)| *l == locale)
        .map(|((_, section), hs)| (*section, hs))
        .collect();
    if sections.is_empty() {
        return Ok(Vec::new());
    }
    if !sections[0].0.is_empty() {
        sections.insert(0, ("", &no_handouts));
    }
    let results: Vec<anyhow::Result<Option<Diagnostic>>> = sections
        .par_iter()
        .filter(|(section, _)| wanted.group((locale, section)))
        .map(|&(section, hs)| {
            let hs: Vec<&Handout> = hs.iter().filter_map(|&i| handouts[i].as_ref()).collect();
            print_all_page(ctx, out, locale, section, &hs, &sections)
        })
        .collect();
    findings(results)
}

/// The "print all" page of `section` in `locale` (the root's when `section` is empty: it
/// links to the other `sections`).
fn print_all_page(
    ctx: &RenderContext,
    out: &Output,
    locale: &str,
    section: &str,
    handouts: &[&Handout],
    sections: &[(&str, &Vec<usize>)],
) -> anyhow::Result<Option<Diagnostic>> {
    let site = ctx.site;
    let all_dir = |section| paths::page_dir(None, locale_seg(site, locale), Some("print"), section);
    let dir = all_dir(section);
    let links: Vec<SectionLink> = if section.is_empty() {
        sections
            .iter()
            .filter(|(s, _)| !s.is_empty())
            .map(|&(s, _)| SectionLink {
                title: section_title(site, locale, s).to_string(),
                url: paths::relative_page(&dir, &all_dir(s)),
            })
            .collect()
    } else {
        Vec::new()
    };
    let all = site.t(locale, "print_all");
    let title =
        if section.is_empty() { all.to_string() } else { format!("{all}: {}", section_title(site, locale, section)) };
    let mut c = context(site, locale, &dir, &title, handouts, &links);
    c.insert("print_all", &true);
    render_to(ctx, out, ("print/all.html", None), &dir, &c)
}

/// The diagnostics of pages rendered in parallel; the first tool failure, if any.
fn findings(results: Vec<anyhow::Result<Option<Diagnostic>>>) -> anyhow::Result<Vec<Diagnostic>> {
    results.into_iter().filter_map(Result::transpose).collect()
}
