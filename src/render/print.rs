//! The print channel: one handout per guide in the `print` channel
//! (`[<tier>/][<locale>/]print/<guide>/index.html`, print CSS inline, paper from `upfront.yaml`)
//! with the steps as a table, contact facts, the emergency line, the review date and a QR code
//! to the online guide; plus a "print all" page per locale (each guide on its own sheet).

use rayon::prelude::*;
use serde::Serialize;

use super::markdown::{self, Resolver};
use super::view::{self, locale_seg, tier_seg};
use super::{Channel, RenderContext};
use crate::diag::Diagnostic;
use crate::model::{FactValue, Page, PageKind, Site, Style, fact, links, paths};
use crate::output::Output;

pub struct Print;

#[derive(Serialize)]
struct Row {
    number: usize,
    title: String,
    wait: Option<String>,
    label: Option<String>,
    text: String,
}

#[derive(Serialize)]
struct Contact {
    label: String,
    value: String,
}

#[derive(Serialize)]
struct Handout {
    title: String,
    lang: String,
    summary: Option<String>,
    rows: Vec<Row>,
    total: Option<String>,
    contacts: Vec<Contact>,
    content_html: String,
    reviewed: Option<String>,
    online_url: String,
    qr_svg: Option<String>,
}

/// Links in a handout point at the online help center (absolute URLs); facts as on the web.
struct PrintResolver<'a> {
    site: &'a Site,
    page: &'a Page,
}

impl Resolver for PrintResolver<'_> {
    fn fact(&self, name: &str) -> Option<String> {
        self.site.render_fact(name, &self.page.locale, Style::Web)
    }
    fn link(&self, dest: &str) -> String {
        match links::classify(self.site, dest, links::source_dir(self.page)) {
            links::Link::Site { path, locale, fragment } => {
                let l = locale.as_deref().unwrap_or(&self.page.locale);
                let target = self.site.page(&path, l).or_else(|| self.site.page(&path, self.site.default_locale()));
                let Some(target) = target else { return dest.to_string() };
                let frag = fragment.map(|f| format!("#{f}")).unwrap_or_default();
                paths::absolute(&self.site.config.base_url, &view::page_dir(self.site, target)) + &frag
            }
            _ => dest.to_string(),
        }
    }
    fn glossary(&self) -> Vec<(&str, &str)> {
        Vec::new()
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

/// A QR code (SVG) for `url`, labelled for screen readers.
fn qr_svg(url: &str) -> Option<String> {
    let code = qrcode::QrCode::new(url.as_bytes()).ok()?;
    let svg = code.render::<qrcode::render::svg::Color>().min_dimensions(200, 200).quiet_zone(true).build();
    let start = svg.find("<svg")?;
    let label = url.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
    Some(svg[start..].replacen("<svg ", &format!("<svg role=\"img\" aria-label=\"QR: {label}\" "), 1))
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
            let label = f
                .label
                .as_ref()
                .map_or_else(|| id.to_string(), |l| l.get(&page.locale, site.default_locale()).to_string());
            Some(Contact { label, value: site.render_fact(id, &page.locale, Style::Web)? })
        })
        .collect()
}

fn handout(site: &Site, page: &Page) -> Handout {
    let locale = page.locale.as_str();
    let strings = site.strings(locale);
    let rows = page
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let f = s.wait.as_deref().and_then(|w| site.facts.get(w));
            Row {
                number: i + 1,
                title: s.title.clone(),
                wait: s.wait.as_deref().and_then(|w| site.render_fact(w, locale, Style::Web)),
                label: f.and_then(|f| f.label.as_ref()).map(|l| l.get(locale, site.default_locale()).to_string()),
                text: site.interpolate(&s.text.value, locale, Style::Web),
            }
        })
        .collect();
    let online_url = paths::absolute(&site.config.base_url, &view::page_dir(site, page));
    let r = markdown::render(page.body(), &PrintResolver { site, page }, site.config.markdown.unsafe_html);
    Handout {
        title: page.title.clone(),
        lang: page.locale.clone(),
        summary: page.summary.as_ref().map(|s| site.interpolate(&s.value, locale, Style::Web)),
        rows,
        total: site.total_wait(&page.steps).map(|w| fact::format_total(w, strings, Style::Web)),
        contacts: contacts(site, page),
        content_html: r.html,
        reviewed: page.reviewed.map(|d| d.to_string()),
        qr_svg: page.in_channel("help").then(|| qr_svg(&online_url)).flatten(),
        online_url,
    }
}

fn context(site: &Site, locale: &str, dir: &str, title: &str, handouts: &[Handout]) -> tera::Context {
    let mut c = tera::Context::new();
    c.insert("lang", locale);
    c.insert("title", title);
    c.insert("site_title", &site.config.title);
    c.insert("paper", site.config.paper().css());
    c.insert("t", site.strings(locale));
    c.insert(
        "emergency",
        &site.config.emergency.get(locale).or_else(|| site.config.emergency.get(site.default_locale())),
    );
    c.insert("handouts", handouts);
    c.insert("home_url", &paths::relative_page(dir, &paths::page_dir(None, locale_seg(site, locale), None, "")));
    c
}

impl Channel for Print {
    fn name(&self) -> &'static str {
        "print"
    }

    fn render(&self, ctx: &RenderContext, out: &Output) -> anyhow::Result<Vec<Diagnostic>> {
        let site = ctx.site;
        let guides: Vec<&Page> = site.pages.iter().filter(|p| printed(ctx, p)).collect();
        let results: Vec<anyhow::Result<Option<Diagnostic>>> = guides
            .par_iter()
            .map(|page| {
                let dir = print_dir(site, page);
                let h = handout(site, page);
                let c = context(site, &page.locale, &dir, &page.title, std::slice::from_ref(&h));
                match ctx.theme.render("print/handout.html", &c) {
                    Ok(html) => out.write(&format!("{dir}index.html"), html.as_bytes()).map(|()| None),
                    Err(d) => Ok(Some(d)),
                }
            })
            .collect();
        let mut diags = Vec::new();
        for r in results {
            diags.extend(r?);
        }
        // "Print all": the widest tier's handouts of each locale, in path order (sections together).
        let widest = site.config.widest_tier();
        for locale in site.config.locale_codes() {
            let all: Vec<Handout> =
                guides.iter().filter(|p| p.locale == locale && p.tier == widest).map(|p| handout(site, p)).collect();
            if all.is_empty() {
                continue;
            }
            let dir = paths::page_dir(None, locale_seg(site, locale), Some("print"), "");
            let c = context(site, locale, &dir, site.t(locale, "print_all"), &all);
            match ctx.theme.render("print/all.html", &c) {
                Ok(html) => out.write(&format!("{dir}index.html"), html.as_bytes())?,
                Err(d) => diags.push(d),
            }
        }
        Ok(diags)
    }
}
