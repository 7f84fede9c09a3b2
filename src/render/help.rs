//! The help-center channel: a home page per locale, section pages, guide pages, a 404 page,
//! alias redirects and the sitemap. Pages render in parallel and are written as they render.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;

use super::channel::{Channel, RenderContext, Settings};
use super::index::{Index, Published, body, resolve_absolute, resolve_link};
use super::markdown;
use super::search;
use super::view::{self, Common, GuideCard, LangLink, Link, SectionCard, StepView};
use crate::diag::Diagnostic;
use crate::model::config::NavLink;
use crate::model::{Page, PageKind, Site, Style, paths};
use crate::output::Output;
use crate::yaml::{Field, Kind, field};

pub struct Help;

/// At most this many guides are named on a section's card (home and parent section pages);
/// the card says how many there are and links to the section's page for the rest.
const CARD_GUIDES: usize = 5;

#[derive(Serialize)]
struct PageView<'a> {
    kind: &'static str,
    title: String,
    summary: Option<String>,
    content_html: String,
    headings: Vec<markdown::Heading>,
    breadcrumbs: Vec<Link>,
    sections: Vec<SectionCard<'a>>,
    guides: Vec<GuideCard<'a>>,
    steps: Vec<StepView<'a>>,
    total_wait: Option<String>,
    reviewed: Option<String>,
    /// `reviewed` as the page's language writes a date.
    reviewed_text: Option<String>,
    tier_notice: Option<String>,
    redirect_url: Option<String>,
    /// The search page: relative URL of the tier's `pagefind.js`.
    bundle_url: Option<String>,
}

impl Default for PageView<'_> {
    fn default() -> Self {
        PageView {
            kind: "guide",
            title: String::new(),
            summary: None,
            content_html: String::new(),
            headings: Vec::new(),
            breadcrumbs: Vec::new(),
            sections: Vec::new(),
            guides: Vec::new(),
            steps: Vec::new(),
            total_wait: None,
            reviewed: None,
            reviewed_text: None,
            tier_notice: None,
            redirect_url: None,
            bundle_url: None,
        }
    }
}

/// One file of the help center to render.
enum Job<'a> {
    Section(String, String),
    Guide(&'a Page),
    NotFound(String),
    Alias(&'a Page, String),
    /// The search page of a tier in a locale.
    Search(&'a str, String),
}

/// `channels.help`.
static FIELDS: [Field; 2] = [field("enabled", Kind::Bool), field("search", Kind::Bool)];

static SETTINGS: Settings = Settings::of::<crate::model::config::ChannelToggle>(&FIELDS);

impl Channel for Help {
    fn name(&self) -> &'static str {
        "help"
    }

    fn settings(&self) -> &'static Settings {
        &SETTINGS
    }

    fn render(&self, ctx: &RenderContext, out: &Output) -> anyhow::Result<Vec<Diagnostic>> {
        let mut diags = super::menus::unpublished_links(ctx);
        diags.extend(render_jobs(&Index::new(ctx.site, &Published::build(ctx)), ctx, out, None)?);
        Ok(diags)
    }

    /// Nothing: the pages that show a guide's text are `render_pages`' (on `serve`'s critical
    /// path), and the sitemap and search pages do not change with it. The search index is
    /// refreshed separately.
    fn render_guides(&self, _: &RenderContext, _: &Output, _: &[&Page]) -> anyhow::Result<Vec<Diagnostic>> {
        Ok(Vec::new())
    }
}

/// Render only the help pages of `targets` — (path, locale) of guides and sections, with
/// their aliases — and no sitemap: `serve`'s rebuild after one guide's text changed, with
/// the `published` list it keeps.
pub fn render_pages(
    ctx: &RenderContext,
    published: &Published,
    out: &Output,
    targets: &BTreeSet<(String, String)>,
) -> anyhow::Result<Vec<Diagnostic>> {
    render_jobs(&Index::new(ctx.site, published), ctx, out, Some(targets))
}

/// The search index alone, with the URL paths of the search pages that use it (`serve`
/// refreshes it after one-guide edits, off the critical path). Nothing when search is off.
pub fn render_search(site: &Site, published: &Published, out: &Output) -> anyhow::Result<Vec<String>> {
    if !search::enabled(site) {
        return Ok(Vec::new());
    }
    let index = Index::new(site, published);
    search::write_indexes(&index, out)?;
    let pages = search::tiers(&index)
        .into_iter()
        .flat_map(|t| site.config.locale_codes().map(move |l| format!("/{}", search::page_dir(site, t, l))))
        .collect();
    Ok(pages)
}

/// Render the help pages (`only`: those of these (path, locale), without the 404 pages,
/// search pages, search index and sitemap), writing each as it is rendered.
fn render_jobs(
    index: &Index,
    ctx: &RenderContext,
    out: &Output,
    only: Option<&BTreeSet<(String, String)>>,
) -> anyhow::Result<Vec<Diagnostic>> {
    let site = ctx.site;
    let jobs = match only {
        Some(only) => jobs_showing(index, only),
        None => all_jobs(index),
    };
    // The search index (pagefind, mostly on one thread) is built alongside the pages.
    let full = only.is_none();
    let (results, searched) = rayon::join(
        || -> Vec<anyhow::Result<Option<Diagnostic>>> {
            jobs.par_iter()
                .map(|job| {
                    let page = build_job(index, job);
                    match ctx.theme.render(page.template, &page.context, page.source) {
                        Ok(html) => out.write(&page.file, html.as_bytes()).map(|()| None),
                        Err(d) => Ok(Some(d)),
                    }
                })
                .collect()
        },
        || if full && ctx.search_index && search::enabled(site) { search::write_indexes(index, out) } else { Ok(()) },
    );
    let mut diags = Vec::new();
    for r in results {
        diags.extend(r?);
    }
    searched?;
    diags.sort_by(|a, b| a.file.cmp(&b.file));
    diags.dedup();
    if full {
        out.write("sitemap.xml", super::sitemap::render(index).as_bytes())?;
    }
    Ok(diags)
}

/// Every page of the help center.
fn all_jobs<'a>(index: &Index<'a>) -> Vec<Job<'a>> {
    let site = index.site;
    let mut jobs: Vec<Job> = Vec::new();
    jobs.extend(index.sections.keys().map(|(p, l)| Job::Section(p.clone(), l.clone())));
    jobs.extend(index.guides.iter().map(|g| Job::Guide(g)));
    jobs.extend(site.config.locale_codes().map(|l| Job::NotFound(l.to_string())));
    for g in &index.guides {
        jobs.extend(g.aliases.iter().map(|a| Job::Alias(g, a.clone())));
    }
    if search::enabled(site) {
        for tier in search::tiers(index) {
            jobs.extend(site.config.locale_codes().map(|l| Job::Search(tier, l.to_string())));
        }
    }
    jobs
}

/// The pages of the sections and guides at `only`'s (path, locale), with the guides' aliases.
fn jobs_showing<'a>(index: &Index<'a>, only: &BTreeSet<(String, String)>) -> Vec<Job<'a>> {
    let mut jobs: Vec<Job> = Vec::new();
    for (path, locale) in only {
        if index.sections.contains_key(&(path.clone(), locale.clone())) {
            jobs.push(Job::Section(path.clone(), locale.clone()));
        }
        if let Some(g) = index.is_guide(path, locale) {
            jobs.push(Job::Guide(g));
            jobs.extend(g.aliases.iter().map(|a| Job::Alias(g, a.clone())));
        }
    }
    jobs
}

fn translations<'a>(
    index: &Index<'a>,
    dir: &str,
    current: &str,
    exists: impl Fn(&str) -> Option<String>,
) -> Vec<LangLink<'a>> {
    let site = index.site;
    site.config
        .locales
        .keys()
        .filter_map(|code| {
            exists(code).map(|target| LangLink {
                code,
                name: site.config.locale_name(code),
                url: paths::relative_page(dir, &target),
                abs_url: paths::absolute(&site.config.base_url, &target),
                og_locale: view::og_locale(code),
                current: code == current,
            })
        })
        .collect()
}

/// Links to the sections above a page of `tier` (none of a narrower tier).
fn breadcrumbs(index: &Index, folder: Option<&str>, locale: &str, tier: &str, dir: &str) -> Vec<Link> {
    let site = index.site;
    let rank = site.config.tier_rank(tier);
    let mut crumbs = Vec::new();
    let mut f = folder;
    while let Some(path) = f {
        let section = index.section_tier(path, locale).filter(|t| site.config.tier_rank(t) <= rank);
        if let Some(section_tier) = section {
            let title =
                if path.is_empty() { site.t(locale, "home").to_string() } else { index.section_title(path, locale) };
            let url = paths::relative_page(dir, &view::section_dir(site, section_tier, path, locale));
            crumbs.push(Link { title, url });
        }
        f = paths::parent_folder(path);
    }
    crumbs.reverse();
    crumbs
}

fn cards<'a>(index: &Index<'a>, guides: &[&'a Page], dir: &str) -> Vec<GuideCard<'a>> {
    guides
        .iter()
        .map(|g| GuideCard {
            title: &g.title.value,
            summary: g.summary.as_ref().map(|s| index.site.interpolate(&s.value, &g.locale, Style::Html)),
            url: paths::relative_page(dir, &view::page_dir(index.site, g)),
        })
        .collect()
}

/// A page of the help center, ready to render.
struct HelpPage<'a> {
    /// Its file in the output.
    file: String,
    template: &'static str,
    /// The source file it shows (a template error points there).
    source: Option<&'a str>,
    context: tera::Context,
}

impl<'a> HelpPage<'a> {
    /// `<dir>index.html`.
    fn index(dir: &str, template: &'static str, source: Option<&'a str>, common: &Common, view: &PageView) -> Self {
        HelpPage { file: format!("{dir}index.html"), template, source, context: context(common, view) }
    }
}

/// One page of the help center, ready to render.
fn build_job<'a>(index: &'a Index<'a>, job: &'a Job<'a>) -> HelpPage<'a> {
    match job {
        Job::Section(path, locale) => section_page(index, path, locale),
        Job::Guide(page) => guide_page(index, page),
        Job::NotFound(locale) => not_found_page(index, locale),
        Job::Alias(page, alias) => alias_page(index, page, alias),
        Job::Search(tier, locale) => search_page(index, tier, locale),
    }
}

/// A home or section page: its guides and subsections.
fn section_page<'a>(index: &'a Index<'a>, path: &str, locale: &'a str) -> HelpPage<'a> {
    let (dir, view, translations) = section_view(index, path, locale);
    // A narrower section's page searches its tier when that tier has an index.
    let search_tier = || {
        index
            .section_tier(path, locale)
            .filter(|t| search::tiers(index).contains(t))
            .unwrap_or_else(|| search::tier_of(index.site, None))
    };
    let common = shown_page(index, locale, &dir, translations, None, search_tier);
    let template = if path.is_empty() { "help/home.html" } else { "help/section.html" };
    let source = index.site.page(path, locale).map(|p| p.source.path.as_str());
    HelpPage::index(&dir, template, source, &common, &view)
}

fn guide_page<'a>(index: &'a Index<'a>, page: &'a Page) -> HelpPage<'a> {
    let (dir, view, translations) = guide_view(index, page);
    let search_tier = || search::tier_of(index.site, Some(page));
    let mut common = shown_page(index, &page.locale, &dir, translations, Some(page), search_tier);
    common.print_url = super::print::url_from(index.site, page, &dir);
    HelpPage::index(&dir, "help/guide.html", Some(&page.source.path), &common, &view)
}

/// A tier's search page in `locale`.
fn search_page<'a>(index: &'a Index<'a>, tier: &'a str, locale: &'a str) -> HelpPage<'a> {
    let site = index.site;
    let dir = search::page_dir(site, tier, locale);
    let view = PageView {
        kind: "search",
        title: site.t(locale, "search").to_string(),
        bundle_url: Some(paths::relative(&dir, &format!("{}pagefind.js", search::bundle_dir(site, tier)))),
        ..PageView::default()
    };
    let translations = translations(index, &dir, locale, |l| Some(search::page_dir(site, tier, l)));
    let common = shown_page(index, locale, &dir, translations, None, || tier);
    HelpPage::index(&dir, "help/search.html", None, &common, &view)
}

/// A locale's 404 page. It is served at any address: its links are absolute paths from the
/// base URL.
fn not_found_page<'a>(index: &'a Index<'a>, locale: &'a str) -> HelpPage<'a> {
    let site = index.site;
    let widest = site.config.widest_tier();
    let dir = view::section_dir(site, widest, "", locale);
    let view = PageView { kind: "404", title: site.t(locale, "not_found_title").to_string(), ..PageView::default() };
    let base = paths::base_path(&site.config.base_url);
    let mut common = Common::new(site, locale, &dir);
    common.notices = super::live::page_notices(site, None, locale);
    if search::enabled(site) {
        common.search_url = Some(format!("{base}{}index.html", search::page_dir(site, widest, locale)));
    }
    let link = |dest: &str| {
        let url = resolve_link(index, locale, &dir, "", dest);
        if url.contains(':') { url } else { resolve_absolute(index, locale, &base, dest) }
    };
    common.nav = menu(index, locale, &site.config.nav, link);
    common.footer_links = menu(index, locale, &site.config.footer, link);
    common.brand = view::Brand::new(site, locale, |f| format!("{base}{f}"));
    common.home_url = format!("{base}{}", view::section_dir(site, widest, "", locale));
    common.css_url = format!("{base}assets/style.css");
    common.root = base;
    HelpPage {
        file: format!("{dir}404.html"),
        template: "help/404.html",
        source: None,
        context: context(&common, &view),
    }
}

/// A redirect from one of a guide's `aliases` to the guide.
fn alias_page<'a>(index: &'a Index<'a>, page: &'a Page, alias: &str) -> HelpPage<'a> {
    let site = index.site;
    let locale = page.locale.as_str();
    let from = paths::page_dir(
        view::tier_seg(site, &page.tier),
        view::locale_seg(site, locale),
        None,
        alias.trim_matches('/'),
    );
    let view = PageView {
        kind: "alias",
        title: page.title.value.clone(),
        redirect_url: Some(paths::relative_page(&from, &view::page_dir(site, page))),
        ..PageView::default()
    };
    let mut common = Common::new(site, locale, &from);
    let link = |dest: &str| resolve_link(index, locale, &from, "", dest);
    common.nav = menu(index, locale, &site.config.nav, link);
    common.footer_links = menu(index, locale, &site.config.footer, link);
    HelpPage::index(&from, "help/alias.html", Some(&page.source.path), &common, &view)
}

/// What a page that shows content has around it (a home, section, guide or search page): its
/// translations, the notices that apply to it (`guide`: the guide it shows), the search box
/// (searching `search_tier`'s index), the menus and its canonical URL.
fn shown_page<'a>(
    index: &'a Index<'a>,
    locale: &'a str,
    dir: &str,
    translations: Vec<LangLink<'a>>,
    guide: Option<&Page>,
    search_tier: impl FnOnce() -> &'a str,
) -> Common<'a> {
    let site = index.site;
    let mut common = Common::new(site, locale, dir);
    common.translations = translations;
    common.notices = super::live::page_notices(site, guide.map(|g| g.path.as_str()), locale);
    if search::enabled(site) {
        common.search_url = Some(paths::relative_page(dir, &search::page_dir(site, search_tier(), locale)));
    }
    let link = |dest: &str| resolve_link(index, locale, dir, "", dest);
    common.nav = menu(index, locale, &site.config.nav, link);
    common.footer_links = menu(index, locale, &site.config.footer, link);
    common.canonical = Some(paths::absolute(&site.config.base_url, dir));
    common
}

/// A menu (`nav:` or `footer:`) of `locale`, each link's URL as `url` writes its destination.
fn menu(
    index: &Index,
    locale: &str,
    menus: &BTreeMap<String, Vec<NavLink>>,
    url: impl Fn(&str) -> String,
) -> Vec<Link> {
    index.site.config.menu(menus, locale).iter().map(|l| Link { title: l.text.clone(), url: url(&l.link) }).collect()
}

fn context(common: &Common, view: &PageView) -> tera::Context {
    let mut context = tera::Context::from_serialize(common).unwrap_or_default();
    context.insert("page", view);
    context
}

/// A home or section page's folder, view and translations.
fn section_view<'a>(index: &'a Index<'a>, path: &str, locale: &str) -> (String, PageView<'a>, Vec<LangLink<'a>>) {
    let site = index.site;
    let tier = index.section_tier(path, locale).unwrap_or_else(|| site.config.widest_tier());
    let dir = view::section_dir(site, tier, path, locale);
    let mut v = PageView { kind: if path.is_empty() { "home" } else { "section" }, ..PageView::default() };
    v.title = index.section_title(path, locale);
    if let Some(p) = site.published(path, locale).filter(|p| p.kind == PageKind::Section && p.tier == tier) {
        v.summary = p.summary.as_ref().map(|s| site.interpolate(&s.value, locale, Style::Html));
        let r = body(index, p, &dir);
        v.content_html = r.html;
    }
    v.guides = cards(index, &index.guides_in(path, locale, tier), &dir);
    v.sections = index
        .subsections(path, locale, tier)
        .into_iter()
        .map(|sub| {
            let all = index.guides_in(sub, locale, tier);
            let title = index.section_title(sub, locale);
            let more = (all.len() > CARD_GUIDES).then(|| {
                site.t(locale, "all_guides").replace("{n}", &all.len().to_string()).replace("{section}", &title)
            });
            SectionCard {
                title,
                summary: site
                    .published(sub, locale)
                    .filter(|p| p.kind == PageKind::Section)
                    .and_then(|p| p.summary.as_ref())
                    .map(|s| site.interpolate(&s.value, locale, Style::Html)),
                url: paths::relative_page(&dir, &view::section_dir(site, tier, sub, locale)),
                guides: cards(index, &all[..all.len().min(CARD_GUIDES)], &dir),
                guide_count: all.len(),
                more,
            }
        })
        .collect();
    let parent = paths::parent_folder(path);
    v.breadcrumbs = breadcrumbs(index, parent, locale, tier, &dir);
    // The language switcher names only translations of the same tier.
    let tr = translations(index, &dir, locale, |l| {
        (index.section_tier(path, l) == Some(tier)).then(|| view::section_dir(site, tier, path, l))
    });
    (dir, v, tr)
}

fn guide_view<'a>(index: &'a Index<'a>, page: &'a Page) -> (String, PageView<'a>, Vec<LangLink<'a>>) {
    let site = index.site;
    let dir = view::page_dir(site, page);
    let locale = page.locale.as_str();
    let r = body(index, page, &dir);
    let strings = site.strings(locale);
    let steps = view::steps(site, page);
    let tier_notice = view::tier_seg(site, &page.tier).map(|t| {
        strings.get("tier_notice").map_or_else(String::new, |s| s.replace("{tier}", site.config.tier_name(t, locale)))
    });
    let v = PageView {
        kind: "guide",
        title: page.title.value.clone(),
        summary: page.summary.as_ref().map(|s| site.interpolate(&s.value, locale, Style::Html)),
        content_html: r.html,
        headings: r.headings.into_iter().filter(|h| h.level == 2).collect(),
        breadcrumbs: breadcrumbs(index, page.parent_path(), locale, &page.tier, &dir),
        steps,
        total_wait: site.total_text(page, Style::Html),
        reviewed: page.reviewed.map(|d| d.to_string()),
        reviewed_text: page.reviewed.map(|d| crate::model::dates::format_date(d, site.strings(&page.locale))),
        tier_notice,
        ..PageView::default()
    };
    let tr = translations(index, &dir, locale, |l| {
        index.is_guide(&page.path, l).filter(|g| g.tier == page.tier).map(|g| view::page_dir(site, g))
    });
    (dir, v, tr)
}
