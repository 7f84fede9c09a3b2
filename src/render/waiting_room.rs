//! The waiting-room channel: one self-contained HTML file per screen
//! (`waiting-room/<screen>/index.html`, CSS, JS and data inline). Slides are the screen's guides
//! × locales; the page rotates them, shows notices by the viewer's clock and polls
//! `status.json`. Only guides of the widest tier in the `waiting-room` channel are shown.

use serde::Serialize;

use super::channel::{Channel, RenderContext, Settings};
use super::markdown::{self, Resolver};
use super::view::{self, StepView};
use crate::diag::Diagnostic;
use crate::model::config::ScreenConfig;
use crate::model::{Page, PageKind, Site, Style};
use crate::output::Output;
use crate::yaml::{Field, Kind, field};

pub struct WaitingRoom;

/// Steps per slide: a long process is split so each slide stays readable across a room.
const STEPS_PER_SLIDE: usize = 2;
/// Reading pace on a lobby screen, in words per minute (a Chinese word ≈ two characters).
const WORDS_PER_MINUTE: usize = 120;

#[derive(Serialize)]
struct Slide<'a> {
    guide: String,
    /// The locale this slide is for, and the language it is written in (the default locale
    /// when the guide has no translation).
    locale: String,
    lang: String,
    title: String,
    /// "1/3" when a guide's steps take several slides.
    part: Option<String>,
    summary: Option<String>,
    steps: Vec<StepView<'a>>,
    total: Option<String>,
    /// A guide without steps shows its section headings as key points.
    points: Vec<String>,
    /// "Why you may wait longer" (on a guide's last slide).
    why: bool,
    seconds: u32,
}

/// UI strings and the emergency line of one locale of the screen.
#[derive(Serialize)]
struct LocaleUi {
    code: String,
    emergency: Option<String>,
    emergency_lang: String,
    t: std::collections::BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
struct ScreenData<'a> {
    name: String,
    site_title: String,
    /// The site's logo (`brand:`), from the screen's folder.
    brand: super::view::Brand,
    default_locale: String,
    poll_seconds: u32,
    status_url: &'static str,
    /// The guides on this screen (notices naming one of them are shown).
    guides: Vec<String>,
    locales: Vec<LocaleUi>,
    slides: Vec<Slide<'a>>,
    status: &'a serde_json::Value,
}

const UI_KEYS: [&str; 14] = [
    "notices",
    "screen_why_title",
    "screen_why_text",
    "screen_pause",
    "screen_play",
    "screen_previous",
    "screen_next",
    "screen_updated",
    "screen_stale",
    "live_now",
    "live_over",
    "total_expected_time",
    "usual_wait",
    "colon",
];

struct NoLinks<'a>(&'a Site, &'a str);

impl Resolver for NoLinks<'_> {
    fn fact(&self, name: &str) -> Option<String> {
        self.0.render_fact(name, self.1, Style::Html)
    }
    fn link(&self, dest: &str) -> String {
        dest.to_string()
    }
    fn glossary(&self) -> Vec<(&str, &str)> {
        Vec::new()
    }
    fn max_page_bytes(&self) -> usize {
        self.0.config.limits.page_bytes()
    }
}

/// Words a reader takes in: whitespace-separated tokens, plus one per two CJK characters.
fn words(text: &str) -> usize {
    let is_cjk = crate::model::script::is_han;
    let cjk = text.chars().filter(|c| is_cjk(*c)).count();
    let other = text.split_whitespace().filter(|w| w.chars().any(|c| c.is_alphanumeric() && !is_cjk(c))).count();
    other + cjk.div_ceil(2)
}

fn slides_of<'a>(site: &'a Site, page: &'a Page, locale: &str, spp: u32) -> Vec<Slide<'a>> {
    let lang = page.locale.as_str();
    let summary = page.summary.as_ref().map(|s| site.interpolate(&s.value, lang, Style::Html));
    let steps = view::steps(site, page);
    let total = site.total_text(page, Style::Html);
    let why_words = words(site.t(lang, "screen_why_text")) + words(site.t(lang, "screen_why_title"));
    let mut slides = Vec::new();
    let base = |part, steps: Vec<StepView<'a>>, points: Vec<String>, why: bool| {
        let mut n = words(&page.title.value) + if why { why_words } else { 0 };
        n += summary.as_deref().map_or(0, words);
        for s in &steps {
            n += words(s.title) + words(&s.text) + s.wait_label.map_or(0, words) + 2;
        }
        n += points.iter().map(|p| words(p)).sum::<usize>();
        let reading = u32::try_from((n * 60).div_ceil(WORDS_PER_MINUTE)).unwrap_or(u32::MAX);
        Slide {
            guide: page.path.clone(),
            locale: locale.to_string(),
            lang: lang.to_string(),
            title: page.title.value.clone(),
            part,
            summary: summary.clone(),
            steps,
            total: total.clone(),
            points,
            why,
            seconds: reading.max(spp),
        }
    };
    if steps.is_empty() {
        let r = markdown::render(page.body(), &NoLinks(site, lang), false);
        let points = r.headings.into_iter().filter(|h| h.level == 2).map(|h| h.text).collect();
        slides.push(base(None, Vec::new(), points, true));
        return slides;
    }
    let parts = steps.len().div_ceil(STEPS_PER_SLIDE);
    let per = steps.len().div_ceil(parts);
    let mut rest = steps.into_iter().peekable();
    for i in 0..parts {
        let chunk: Vec<StepView> = rest.by_ref().take(per).collect();
        let part = (parts > 1).then(|| format!("{}/{parts}", i + 1));
        slides.push(base(part, chunk, Vec::new(), i + 1 == parts));
    }
    slides
}

fn screen_data<'a>(
    site: &'a Site,
    name: &str,
    screen: &ScreenConfig,
    poll_seconds: u32,
    status: &'a serde_json::Value,
) -> ScreenData<'a> {
    let widest = site.config.widest_tier();
    let locales: Vec<&str> = if screen.locales.is_empty() {
        site.config.locale_codes().collect()
    } else {
        screen.locales.iter().map(String::as_str).filter(|l| site.config.locales.contains_key(*l)).collect()
    };
    let guides: Vec<&str> = screen
        .guides
        .iter()
        .map(|g| g.trim_matches('/'))
        .filter(|g| {
            site.published(g, site.default_locale())
                .is_some_and(|p| p.kind == PageKind::Guide && p.tier == widest && p.in_channel("waiting-room"))
        })
        .collect();
    // A translation shows only when it could show on its own: not a draft, public, on screens.
    let shown = |g: &str, l: &str| site.published(g, l).filter(|p| p.tier == widest && p.in_channel("waiting-room"));
    let mut slides = Vec::new();
    for g in &guides {
        for l in &locales {
            // Screens fall back to the default locale, with that `lang`.
            let Some(page) = shown(g, l).or_else(|| shown(g, site.default_locale())) else { continue };
            let mut more = slides_of(site, page, l, screen.seconds_per_slide());
            if screen.live == Some(false) {
                more.iter_mut().flat_map(|s| s.steps.iter_mut()).for_each(|st| st.live = false);
            }
            slides.extend(more);
        }
    }
    let ui = locales
        .iter()
        .map(|l| {
            let found = site.emergency(l);
            let emergency = found.map(|(line, _)| line.to_string());
            let emergency_lang = found.map_or(site.default_locale(), |(_, lang)| lang).to_string();
            LocaleUi {
                code: (*l).to_string(),
                emergency,
                emergency_lang,
                t: UI_KEYS.iter().map(|k| (*k, site.t(l, k).to_string())).collect(),
            }
        })
        .collect();
    ScreenData {
        name: name.to_string(),
        site_title: site.config.title(site.default_locale()).to_string(),
        brand: super::view::Brand::new(site, site.default_locale(), |f| format!("../../{f}")),
        default_locale: site.default_locale().to_string(),
        poll_seconds,
        status_url: "../../status.json",
        guides: guides.iter().map(ToString::to_string).collect(),
        locales: ui,
        slides,
        status,
    }
}

/// `channels.waiting-room` and each of its screens.
static SCREEN: [Field; 4] = [
    field("guides", Kind::List(&Kind::Str)),
    field("locales", Kind::List(&Kind::Str)),
    field("seconds_per_slide", Kind::Int),
    field("live", Kind::Bool),
];
static FIELDS: [Field; 3] = [
    field("enabled", Kind::Bool),
    field("screens", Kind::MapOf(&Kind::Struct(&SCREEN))),
    field("poll_seconds", Kind::Int),
];

static SETTINGS: Settings = Settings::of::<crate::model::config::WaitingRoomConfig>(&FIELDS);

impl Channel for WaitingRoom {
    fn name(&self) -> &'static str {
        "waiting-room"
    }

    fn settings(&self) -> &'static Settings {
        &SETTINGS
    }

    fn folder(&self) -> Option<&'static str> {
        Some("waiting-room")
    }

    fn render(&self, ctx: &RenderContext, out: &Output) -> anyhow::Result<Vec<Diagnostic>> {
        let site = ctx.site;
        let config = site.config.waiting_room();
        let status = ctx.status_json();
        let mut diags = Vec::new();
        for (name, screen) in &config.screens {
            let data = screen_data(site, name, screen, config.poll_seconds(), status);
            let mut context = tera::Context::new();
            context.insert("screen", &data);
            context.insert("first", &data.locales.first());
            // Serialized here, not with the `json` filter: Tera's maps do not keep key order,
            // and the output must be the same bytes on every build.
            context.insert("screen_json", &super::theme::script_safe_json(&data));
            match ctx.theme.render("waiting-room/screen.html", &context, None) {
                Ok(html) => out.write(&format!("waiting-room/{name}/index.html"), html.as_bytes())?,
                Err(d) => diags.push(d),
            }
        }
        Ok(diags)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn words_count_latin_and_cjk() {
        assert_eq!(super::words("Tell the front desk"), 4);
        assert_eq!(super::words("请告诉工作人员"), 4);
        assert_eq!(super::words("Ha rosszabbul érzi magát"), 4);
    }
}
