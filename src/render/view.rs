//! View structs: the template API. Borrowed, serialisable, computed once per page; templates
//! only print them (escaped, except the `*_html` fields that we rendered ourselves).

use serde::Serialize;

use crate::model::{Page, Site, Strings, Style, paths};

#[derive(Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

#[derive(Serialize)]
pub struct LangLink<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub url: String,
    /// Absolute URL under `base_url` (for `<link rel="alternate" hreflang>`).
    pub abs_url: String,
    /// The locale as Open Graph writes it (`zh-Hant` → `zh_Hant`).
    pub og_locale: String,
    pub current: bool,
}

#[derive(Serialize)]
pub struct GuideCard<'a> {
    pub title: &'a str,
    pub summary: Option<String>,
    pub url: String,
}

#[derive(Serialize)]
pub struct SectionCard<'a> {
    pub title: String,
    pub summary: Option<String>,
    pub url: String,
    /// The first guides of the section (at most five).
    pub guides: Vec<GuideCard<'a>>,
    /// How many guides the section has directly.
    pub guide_count: usize,
    /// When `guides` does not hold them all: the text of a link to the section's page
    /// ("All 63 guides in Billing").
    pub more: Option<String>,
}

/// A step of a guide as every channel shows it (help timeline, handout table, screen slide).
#[derive(Serialize)]
pub struct StepView<'a> {
    pub number: usize,
    pub title: &'a str,
    /// The rendered wait ("10–30 minutes").
    pub wait: Option<String>,
    /// The wait's fact id (screens refresh the value from `status.json`).
    pub fact: Option<&'a str>,
    /// What the wait measures (the fact's `label`).
    pub wait_label: Option<&'a str>,
    /// The fact is quoted live (`live: true`, public): pages show `status.json`'s `live` quote.
    pub live: bool,
    pub text: String,
}

/// The steps of `page`, in its own locale, facts filled in as on the web.
pub fn steps<'a>(site: &'a Site, page: &'a Page) -> Vec<StepView<'a>> {
    let locale = page.locale.as_str();
    page.steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let fact = s.wait.as_deref().and_then(|w| site.facts.get(w));
            StepView {
                number: i + 1,
                title: &s.title.value,
                wait: s.wait.as_deref().and_then(|w| site.render_fact(w, locale, Style::Html)),
                fact: s.wait.as_deref(),
                wait_label: fact.and_then(|f| f.label.as_ref()).map(|l| l.get(locale, site.default_locale())),
                live: fact.is_some_and(|f| f.live && f.tier.as_deref().is_none_or(|t| t == site.config.widest_tier())),
                text: site.interpolate(&s.text.value, locale, Style::Html),
            }
        })
        .collect()
}

/// What every page of the help center has.
#[derive(Serialize)]
pub struct Common<'a> {
    pub site_title: &'a str,
    pub lang: &'a str,
    /// `lang` as Open Graph writes it (`og:locale`).
    pub og_locale: String,
    /// Relative prefix to the output root ("" or "../../").
    pub root: String,
    pub home_url: String,
    pub css_url: String,
    pub t: &'a Strings,
    pub translations: Vec<LangLink<'a>>,
    pub emergency: Option<&'a str>,
    pub canonical: Option<String>,
    /// Every notice that applies to the page, with its window (scripts hide those out of it).
    pub notices: Vec<super::live::PageNotice>,
    /// The printable version of the page, if it has one.
    pub print_url: Option<String>,
    /// Relative URL of the search page for this page's tier and locale (none: search off).
    pub search_url: Option<String>,
    /// The site's logo, favicon and accent colour (`brand:`), with URLs from this page.
    pub brand: Brand,
    /// The top menu and the footer links of this locale, resolved from this page.
    pub nav: Vec<Link>,
    pub footer_links: Vec<Link>,
}

/// `brand:` as a page shows it.
#[derive(Serialize, Default)]
pub struct Brand {
    pub logo_url: Option<String>,
    /// Empty: the logo is decorative (the site's name follows it).
    pub logo_alt: String,
    /// Absolute, for `og:image`.
    pub logo_abs_url: Option<String>,
    pub favicon_url: Option<String>,
    /// `--accent` and `--accent-dark` for the page's `:root`, when the site sets an accent.
    pub accent_css: Option<String>,
}

impl Brand {
    /// The brand of `site` for a page in `locale`; `url` turns a `static/` file into a URL.
    pub fn new(site: &Site, locale: &str, url: impl Fn(&str) -> String) -> Brand {
        let b = &site.config.brand;
        let file = |f: &Option<String>| f.as_deref().map(|f| f.trim_start_matches('/').to_string());
        let accent_css = b
            .accent
            .as_deref()
            .and_then(crate::model::colour::Rgb::parse)
            .map(|c| format!(":root {{ --accent: {c}; --accent-dark: {}; }}", c.darker(0.7)));
        Brand {
            logo_url: file(&b.logo).map(|f| url(&f)),
            logo_alt: b.logo_alt.as_ref().map(|a| a.get(locale, site.default_locale()).to_string()).unwrap_or_default(),
            logo_abs_url: file(&b.logo).map(|f| paths::absolute(&site.config.base_url, &f)),
            favicon_url: file(&b.favicon).map(|f| url(&f)),
            accent_css,
        }
    }
}

impl<'a> Common<'a> {
    pub fn new(site: &'a Site, locale: &'a str, dir: &str) -> Self {
        let root = Some(paths::relative(dir, "")).filter(|r| r != "./").unwrap_or_default();
        let home_dir = paths::page_dir(None, locale_seg(site, locale), None, "");
        let emergency = site.emergency(locale).map(|(line, _)| line);
        Common {
            site_title: site.config.title(locale),
            lang: locale,
            og_locale: og_locale(locale),
            home_url: paths::relative_page(dir, &home_dir),
            css_url: paths::relative(dir, "assets/style.css"),
            root,
            t: site.strings(locale),
            translations: Vec::new(),
            emergency,
            canonical: None,
            notices: Vec::new(),
            print_url: None,
            search_url: None,
            brand: Brand::new(site, locale, |f| paths::relative(dir, f)),
            nav: Vec::new(),
            footer_links: Vec::new(),
        }
    }
}

/// A locale code as Open Graph's `og:locale` writes it: `_` between its parts.
pub fn og_locale(code: &str) -> String {
    code.replace('-', "_")
}

/// The locale segment of a URL: none for the default locale.
pub fn locale_seg<'a>(site: &Site, locale: &'a str) -> Option<&'a str> {
    (locale != site.default_locale()).then_some(locale)
}

/// The tier segment of a URL: none for the widest tier.
pub fn tier_seg<'a>(site: &Site, tier: &'a str) -> Option<&'a str> {
    (tier != site.config.widest_tier()).then_some(tier)
}

/// The output folder of a guide or section page in the help center.
pub fn page_dir(site: &Site, page: &Page) -> String {
    paths::page_dir(tier_seg(site, &page.tier), locale_seg(site, &page.locale), None, &page.path)
}

/// The folder of the section page of `path` in `locale` whose tier is `tier`.
pub fn section_dir(site: &Site, tier: &str, path: &str, locale: &str) -> String {
    paths::page_dir(tier_seg(site, tier), locale_seg(site, locale), None, path)
}

/// "while-you-wait" → "While you wait" (for folders without `_index.md`).
pub fn humanize(segment: &str) -> String {
    let words = segment.replace('-', " ");
    let mut chars = words.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}
