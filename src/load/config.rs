//! `upfront.yaml`: its schema (every key the docs list) and the checks serde cannot do.

use std::sync::LazyLock;

use super::loader::{Problems, parse_document};
use crate::model::{Config, Page, PageKind};
use crate::source::SourceFile;
use crate::yaml::{Field, Kind, Node, NodeKind, field, required};

static LOCALE: [Field; 1] = [field("name", Kind::Str)];
static TIER: [Field; 2] = [field("perks", Kind::List(&Kind::Str)), field("name", Kind::Localized)];
/// `channels:`: each channel's own settings (`render::Channel::settings`), read off the one
/// list of channels.
static CHANNELS: LazyLock<Vec<Field>> = LazyLock::new(|| {
    crate::render::channels()
        .filter(|c| !c.settings().fields.is_empty())
        .map(|c| field(c.name(), Kind::Struct(c.settings().fields)))
        .collect()
});
static READABILITY: [Field; 3] =
    [field("max_grade", Kind::Int), field("max_sentence_chars", Kind::Int), field("max_words_per_sentence", Kind::Int)];
const WORD_LIST: Kind = Kind::List(&Kind::Str);
static INSTRUCTION: [Field; 8] = [
    field("anywhere", WORD_LIST),
    field("not", WORD_LIST),
    field("lead", WORD_LIST),
    field("verbs", WORD_LIST),
    field("not_object", WORD_LIST),
    field("joins", WORD_LIST),
    field("infinitive", WORD_LIST),
    field("infinitive_heads", WORD_LIST),
];
static NOT_WAIT: [Field; 9] = [
    field("before", WORD_LIST),
    field("after", WORD_LIST),
    field("age_before", WORD_LIST),
    field("unit_words", WORD_LIST),
    field("sentence", WORD_LIST),
    field("sentence_not", WORD_LIST),
    field("clock_dot", Kind::Bool),
    field("clock_after", WORD_LIST),
    field("clock_range_after", WORD_LIST),
];
/// `checks.words.<locale>`: the lists of the built-in word files (`src/locales/<lang>/words.yaml`), same
/// names and nesting, plus `jargon`.
static DURATIONS: [Field; 4] = [
    field("numbers", Kind::MapOf(&Kind::Number)),
    field("units", Kind::MapOf(&WORD_LIST)),
    field("range", WORD_LIST),
    field("bare", WORD_LIST),
];
pub static WORDS: [Field; 14] = [
    field("mode", Kind::Str),
    field("ordinal_dot", Kind::Bool),
    field("readability", Kind::Str),
    field("durations", Kind::Struct(&DURATIONS)),
    field("vague", WORD_LIST),
    field("vague_not", WORD_LIST),
    field("absolute", WORD_LIST),
    field("absolute_not", WORD_LIST),
    field("abbreviations", WORD_LIST),
    field("instruction", Kind::Struct(&INSTRUCTION)),
    field("wait_cues", WORD_LIST),
    field("continues", WORD_LIST),
    field("not_wait", Kind::Struct(&NOT_WAIT)),
    field("jargon", WORD_LIST),
];
static CHECKS: [Field; 6] = [
    field("max_grade", Kind::Int),
    field("review_every", Kind::Str),
    field("wait_percentile", Kind::Int),
    field("severity", Kind::MapOf(&Kind::Str)),
    field("readability", Kind::MapOf(&Kind::Struct(&READABILITY))),
    field("words", Kind::MapOf(&Kind::Struct(&WORDS))),
];
static MARKDOWN: [Field; 1] = [field("unsafe_html", Kind::Bool)];
static LIMITS: [Field; 2] = [field("max_file_bytes", Kind::Int), field("max_page_bytes", Kind::Int)];
static BRAND: [Field; 4] = [
    field("logo", Kind::Str),
    field("logo_alt", Kind::Localized),
    field("accent", Kind::Str),
    field("favicon", Kind::Str),
];
static NAV_LINK: [Field; 2] = [required("text", Kind::Str), required("link", Kind::Str)];
static LIVE: [Field; 6] = [
    field("every", Kind::Str),
    field("window", Kind::Str),
    field("min_samples", Kind::Int),
    field("low_percentile", Kind::Int),
    field("high_percentile", Kind::Int),
    field("stale_after", Kind::Str),
];
static LOCALES: Kind = Kind::MapOf(&Kind::Struct(&LOCALE));
static TIERS: Kind = Kind::MapOf(&Kind::Struct(&TIER));
static MENUS: Kind = Kind::MapOf(&Kind::List(&Kind::Struct(&NAV_LINK)));
pub static CONFIG: LazyLock<[Field; 15]> = LazyLock::new(|| {
    [
        required("title", Kind::Localized),
        required("base_url", Kind::Str),
        required("default_locale", Kind::Str),
        field("locales", LOCALES),
        field("timezone", Kind::Str),
        field("tiers", TIERS),
        field("channels", Kind::Struct(CHANNELS.as_slice())),
        field("checks", Kind::Struct(&CHECKS)),
        field("emergency", Kind::MapOf(&Kind::Str)),
        field("markdown", Kind::Struct(&MARKDOWN)),
        field("limits", Kind::Struct(&LIMITS)),
        field("brand", Kind::Struct(&BRAND)),
        field("nav", MENUS),
        field("footer", MENUS),
        field("live", Kind::Struct(&LIVE)),
    ]
});

/// Parse and validate `upfront.yaml`.
pub fn parse(file: &SourceFile) -> Result<(Config, Node), Problems> {
    let (mut config, node): (Config, Node) =
        parse_document(file, 0..file.text.len(), &Kind::Struct(CONFIG.as_slice()), "upfront.yaml")?;
    let mut problems = Problems::default();
    if config.locales.is_empty() {
        config.locales.insert(config.default_locale.clone(), crate::model::config::LocaleConfig::default());
    }
    if !config.locales.contains_key(&config.default_locale) {
        problems.push(
            node.get("default_locale").map_or(0..0, |n| n.span.clone()),
            format!("default_locale `{}` is not one of `locales`", config.default_locale),
            format!("add `{}` under `locales:` or pick one of: {}", config.default_locale, keys(config.locale_codes())),
        );
    }
    let locales = node.get("locales");
    for code in config.locales.keys() {
        if !is_locale_code(code) {
            problems.push(
                locales.map_or(0..0, |n| n.key_span(code)),
                format!("`{code}` is not a locale code"),
                "use a language code such as `en`, `zh` or `pt-BR`".to_string(),
            );
        }
    }
    if !(config.base_url.starts_with("https://") || config.base_url.starts_with("http://")) {
        problems.push(
            node.get("base_url").map_or(0..0, |n| n.span.clone()),
            format!("base_url `{}` is not an http(s) address", config.base_url),
            "write the address the site is published at, e.g. `https://help.example.org`".to_string(),
        );
    }
    if let Some(tz) = &config.timezone {
        if jiff::tz::TimeZone::get(tz).is_err() {
            problems.push(
                node.get("timezone").map_or(0..0, |n| n.span.clone()),
                format!("`{tz}` is not a known time zone"),
                "use an IANA name such as `Europe/Budapest` or `America/New_York`".to_string(),
            );
        }
    }
    // Each channel reads its settings into its own type: a value that type refuses (an
    // unknown paper size) is an error here, located, not a silent default when it renders.
    let channels = node.get("channels");
    for channel in crate::render::channels() {
        if let Some(value) = channels.and_then(|c| c.get(channel.name())) {
            let settings = channel.settings();
            if let Err(p) = (settings.read)(value, &Kind::Struct(settings.fields)) {
                problems.0.push(p);
            }
        }
    }
    let tiers = node.get("tiers");
    for (name, _) in &config.tiers {
        if crate::model::slug::slugify(name) != *name {
            problems.push(
                tiers.map_or(0..0, |n| n.key_span(name)),
                format!("tier name `{name}` cannot be used in a URL"),
                format!("use lowercase letters, digits and `-`, e.g. `{}`", crate::model::slug::slugify(name)),
            );
        }
    }
    // Maps keyed by locale: the title, menus, the logo's alt text, tier names.
    let named = ["title", "nav", "footer"]
        .into_iter()
        .filter_map(|k| node.get(k))
        .chain(node.get("brand").and_then(|b| b.get("logo_alt")))
        .chain(config.tiers.iter().filter_map(|(t, _)| tiers.and_then(|n| n.get(t)).and_then(|n| n.get("name"))));
    for text in named {
        check_locale_keys(&config, text, &mut problems);
    }
    check_checks(&config, &node, &mut problems);
    check_live(&config, &node, &mut problems);
    problems.into_result((config, node))
}

/// A map keyed by locale (`title: { en: …, zh: … }`, `nav:`, `checks.words:`) names only
/// locales of the site.
fn check_locale_keys(config: &Config, text: &Node, problems: &mut Problems) {
    let NodeKind::Map(entries) = &text.kind else { return };
    for (key, _) in entries {
        let NodeKind::Scalar { value, .. } = &key.kind else { continue };
        if !config.locales.contains_key(value) {
            problems.push(
                key.span.clone(),
                format!("`{value}` is not a locale of this site"),
                format!("use one of: {}", keys(config.locale_codes())),
            );
        }
    }
}

/// `checks:`: rule ids and levels in `severity`, `review_every`, `wait_percentile`, locales.
fn check_checks(config: &Config, node: &Node, problems: &mut Problems) {
    let Some(checks) = node.get("checks") else { return };
    if let Some(sev) = checks.get("severity") {
        for (rule, level) in &config.checks.severity {
            if !crate::check::RULE_IDS.contains(&rule.as_str()) {
                let hint = match crate::yaml::nearest(rule, crate::check::RULE_IDS.iter().copied()) {
                    Some(b) => format!("did you mean `{b}`?"),
                    None => format!("rule ids: {}", crate::check::RULE_IDS.join(", ")),
                };
                problems.push(sev.key_span(rule), format!("`{rule}` is not a rule id"), hint);
            }
            if !["error", "warning", "note", "off"].contains(&level.as_str()) {
                problems.push(
                    sev.get(rule).map_or(sev.span.clone(), |n| n.span.clone()),
                    format!("`{level}` is not a level"),
                    "use `error`, `warning`, `note` or `off`".into(),
                );
            }
        }
    }
    if let Some(every) = &config.checks.review_every {
        let ok = crate::model::duration::Duration::parse(every).is_ok_and(|d| d.0 > 0);
        if !ok {
            problems.push(
                checks.get("review_every").map_or(checks.span.clone(), |n| n.span.clone()),
                format!("`{every}` is not a duration"),
                "write days, e.g. `review_every: 180d`".into(),
            );
        }
    }
    if let Some(p) = config.checks.wait_percentile {
        if !(1..=100).contains(&p) {
            problems.push(
                checks.get("wait_percentile").map_or(checks.span.clone(), |n| n.span.clone()),
                format!("`{p}` is not a percentile"),
                "use a whole number from 1 to 100, e.g. `wait_percentile: 90`".into(),
            );
        }
    }
    for map in ["readability", "words"].into_iter().filter_map(|key| checks.get(key)) {
        check_locale_keys(config, map, problems);
    }
}

/// `live:`: durations above zero, percentiles 1..=100 with low ≤ high, `min_samples` ≥ 1.
fn check_live(config: &Config, node: &Node, problems: &mut Problems) {
    let Some(live) = node.get("live") else { return };
    let at = |key: &str| live.get(key).map_or(live.span.clone(), |n| n.span.clone());
    let l = &config.live;
    for (key, value, example) in
        [("every", &l.every, "1m"), ("window", &l.window, "2h"), ("stale_after", &l.stale_after, "15m")]
    {
        let Some(v) = value else { continue };
        if !crate::model::duration::Duration::parse(v).is_ok_and(|d| d.0 > 0) {
            problems.push(
                at(key),
                format!("`live.{key}`: `{v}` is not a duration above zero"),
                format!("write a duration such as `{key}: {example}` (units s, m, h, d)"),
            );
        }
    }
    for (key, value) in [("low_percentile", l.low_percentile), ("high_percentile", l.high_percentile)] {
        if let Some(p) = value.filter(|p| !(1..=100).contains(p)) {
            problems.push(
                at(key),
                format!("`live.{key}`: `{p}` is not a percentile"),
                "use a whole number from 1 to 100 (defaults: low 50, high 90)".into(),
            );
        }
    }
    let (low, high) = (l.low_percentile.unwrap_or(50), l.high_percentile.unwrap_or(90));
    if low > high {
        problems.push(
            at("low_percentile"),
            format!("`live.low_percentile` ({low}) is above `live.high_percentile` ({high})"),
            "the low end of a quote must come from a lower percentile, e.g. 50 and 90".into(),
        );
    }
    if l.min_samples == Some(0) {
        problems.push(
            at("min_samples"),
            "`live.min_samples` is 0".into(),
            "use at least 1 (default 8): a quote from no waits is the promise".into(),
        );
    }
}

/// `channels.waiting-room.screens`: each guide a guide in the waiting-room channel, each
/// locale one of the site's, each name usable in a URL. Findings point at the offending item.
pub fn check_screens(config: &Config, node: &Node, pages: &[Page]) -> Problems {
    let mut problems = Problems::default();
    let Some(screens) = node.get("channels").and_then(|c| c.get("waiting-room")).and_then(|w| w.get("screens")) else {
        return problems;
    };
    // A guide of a narrower tier is `tier-leak`'s finding (the render skips it).
    for (name, screen) in &config.waiting_room().screens {
        let at = screens.get(name);
        if crate::model::slug::slugify(name) != *name {
            problems.push(
                screens.key_span(name),
                format!("screen name `{name}` cannot be used in a URL"),
                format!("use lowercase letters, digits and `-`, e.g. `{}`", crate::model::slug::slugify(name)),
            );
        }
        let item = |key: &str, i: usize| {
            at.and_then(|n| n.get(key))
                .and_then(|n| n.index(i))
                .map_or_else(|| screens.key_span(name), |n| n.span.clone())
        };
        for (i, guide) in screen.guides.iter().enumerate() {
            let path = guide.trim_matches('/');
            let page = pages
                .iter()
                .filter(|p| p.kind == PageKind::Guide && p.path == path)
                .min_by_key(|p| p.locale != config.default_locale);
            let (message, hint) = match page {
                None => (
                    format!("screen `{name}` shows `{guide}`, which is not a guide"),
                    crate::yaml::nearest(
                        path,
                        pages
                            .iter()
                            .filter(|p| p.kind == PageKind::Guide && p.in_channel("waiting-room"))
                            .map(|p| p.path.as_str()),
                    )
                    .map_or_else(
                        || "name a guide by its path, e.g. `emergency/visit`".into(),
                        |b| format!("did you mean `{b}`?"),
                    ),
                ),
                Some(p) if !p.in_channel("waiting-room") => (
                    format!("screen `{name}` shows `{guide}`, which is not in the `waiting-room` channel"),
                    format!(
                        "add `waiting-room` to the `channels:` of `{}`, or remove it from the screen",
                        p.source.path
                    ),
                ),
                Some(_) => continue,
            };
            problems.push(item("guides", i), message, hint);
        }
        for (i, locale) in screen.locales.iter().enumerate() {
            if !config.locales.contains_key(locale) {
                problems.push(
                    item("locales", i),
                    format!("`{locale}` is not a locale of this site"),
                    format!("use one of: {}", keys(config.locale_codes())),
                );
            }
        }
    }
    problems
}

fn keys<'a>(it: impl Iterator<Item = &'a str>) -> String {
    it.map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
}

/// `en`, `zh`, `hu`, `pt-BR`, `zh-Hant`.
pub fn is_locale_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let lang = parts.next().unwrap_or("");
    (2..=3).contains(&lang.len())
        && lang.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}
