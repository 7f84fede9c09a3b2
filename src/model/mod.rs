//! The model: plain data for a loaded site, plus pure functions both `check` and `render`
//! need (fact rendering, placeholder scanning, slugs, URLs). No I/O here.

pub(crate) mod audit;
pub(crate) mod colour;
pub(crate) mod config;
pub(crate) mod controls;
pub mod dates;
pub mod duration;
pub mod fact;
pub(crate) mod interp;
pub(crate) mod links;
pub(crate) mod live;
pub(crate) mod paths;
pub(crate) mod script;
pub(crate) mod slug;
pub(crate) mod sms;
pub(crate) mod stats;
pub(crate) mod terms;
pub(crate) mod text;

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;

pub use config::Config;
pub use fact::{Fact, FactValue, Part, Style};
pub use text::Text;

use crate::source::SourceFile;

/// UI strings of one locale (`i18n/<locale>.yaml` over the built-in ones).
pub type Strings = BTreeMap<String, String>;

/// A whole site, loaded and validated.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    /// The text of `upfront.yaml` (findings about settings point into it).
    pub config_source: Arc<SourceFile>,
    pub facts: BTreeMap<String, Fact>,
    /// Ids written in `facts.yaml` whose fact is invalid (left out; its error is reported
    /// there once, so names of it are not also "not a fact").
    pub broken_facts: BTreeSet<String>,
    /// Guides and sections, sorted by (path, locale). Shared, so that `serve` can change
    /// one page of a site a background task still reads without copying the others.
    pub pages: Vec<Arc<Page>>,
    pub notices: Vec<Notice>,
    /// UI strings per configured locale.
    pub strings: BTreeMap<String, Strings>,
    /// Template overrides from the site's `templates/`: (name, source, file).
    pub templates: Vec<TemplateSource>,
    /// Files under `static/`, relative to it, `/` separators, sorted.
    pub static_files: Vec<String>,
    /// Measured waits per fact id, from the facts' `measured:` CSV files.
    pub measurements: BTreeMap<String, Vec<Measurement>>,
    /// `glossary.yaml`: terms as written in text, with a plain explanation per locale.
    pub glossary: Vec<GlossaryEntry>,
}

/// A term and its plain explanation per locale. The help theme explains a term on its first
/// use in a page of a locale that has an explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryEntry {
    pub term: String,
    pub explanations: BTreeMap<String, Text>,
}

/// One measured wait (a row of `data/waits.csv`).
#[derive(Debug, Clone, PartialEq)]
pub struct Measurement {
    pub started: jiff::Timestamp,
    pub minutes: f64,
}

#[derive(Debug, Clone)]
pub struct TemplateSource {
    /// Name relative to `templates/`, e.g. `help/guide.html`.
    pub name: String,
    pub text: String,
    /// Path relative to the site root (for errors).
    pub file: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PageKind {
    /// `_index.md`: describes its folder.
    Section,
    Guide,
}

/// The raw front matter of a guide or section, as typed by serde.
/// Unknown keys are refused by the schema check before this is read (with their position);
/// a channel's own text (`sms:`) is read from the YAML tree by the channel's key, not here.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub tier: Option<String>,
    pub channels: Option<Vec<String>>,
    pub reviewed: Option<String>,
    pub owner: Option<String>,
    #[serde(default)]
    pub steps: Vec<StepMeta>,
    #[serde(default)]
    pub ignore: Vec<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub draft: bool,
    /// Order in lists (lower first), then title.
    #[serde(default)]
    pub weight: Option<i64>,
    /// `total: false`: the guide shows no total of its steps (they are not one visit).
    pub total: Option<bool>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepMeta {
    pub title: String,
    pub wait: Option<String>,
    pub text: Option<String>,
    /// `total: false` leaves the step's wait out of the guide's total.
    pub total: Option<bool>,
}

/// One step of a process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub title: Text,
    /// The wait fact's id.
    pub wait: Option<String>,
    /// Span of the `wait:` value in the file.
    pub wait_span: Range<usize>,
    pub text: Text,
    /// Whether the step's wait counts in the guide's total (`total: false` on the step).
    pub in_total: bool,
}

/// A guide (`visit.md`) or a section (`_index.md`) in one locale.
#[derive(Debug, Clone)]
pub struct Page {
    pub kind: PageKind,
    /// Slugged path without locale: `emergency/visit`; empty for the root section.
    pub path: String,
    pub locale: String,
    pub source: Arc<SourceFile>,
    /// Byte offset where the Markdown body starts.
    pub body_start: usize,
    pub title: Text,
    pub summary: Option<Text>,
    /// The tier name (the widest tier when not given).
    pub tier: String,
    pub channels: Vec<String>,
    pub reviewed: Option<jiff::civil::Date>,
    pub owner: Option<String>,
    pub steps: Vec<Step>,
    /// Whether the guide shows the total of its steps' waits (`total: false` turns it off).
    pub show_total: bool,
    /// Each channel's own text of the guide by the channel's front-matter key (`sms`).
    pub channel_text: BTreeMap<&'static str, Text>,
    pub ignore: Vec<String>,
    pub aliases: Vec<String>,
    /// Span of each item of `aliases:` in the file (where an alias's finding points).
    pub alias_spans: Vec<Range<usize>>,
    pub draft: bool,
    pub weight: Option<i64>,
    /// Span of each top-level front-matter key (`reviewed`, `tier`, …) in the file.
    pub key_spans: BTreeMap<String, Range<usize>>,
    /// Span of the front matter (between the `---` lines).
    pub front_span: Range<usize>,
}

impl Page {
    /// The guide's own text for the channel whose front-matter key is `key` (`sms`).
    pub fn channel_text(&self, key: &str) -> Option<&Text> {
        self.channel_text.get(key)
    }

    /// Where a finding about `key` points: the key, else the start of the front matter.
    pub fn key_span(&self, key: &str) -> Range<usize> {
        self.key_spans.get(key).cloned().unwrap_or(self.front_span.start..self.front_span.start)
    }
}

impl Page {
    pub fn body(&self) -> &str {
        &self.source.text[self.body_start..]
    }

    /// The folder this page belongs to (a guide's parent; a section's parent section).
    pub fn parent_path(&self) -> Option<&str> {
        paths::parent_folder(&self.path)
    }

    pub fn in_channel(&self, channel: &str) -> bool {
        self.channels.iter().any(|c| c == channel)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Urgent,
}

/// A time-bound change people must hear about.
#[derive(Debug, Clone)]
pub struct Notice {
    /// File stem, e.g. `north-entrance`.
    pub id: String,
    pub locale: String,
    pub source: Arc<SourceFile>,
    pub body_start: usize,
    pub title: Text,
    pub from: jiff::Timestamp,
    pub until: jiff::Timestamp,
    /// Original `from`/`until` text (with its offset), as written.
    pub from_text: String,
    pub until_text: String,
    /// Guide paths; empty means site-wide.
    pub applies_to: Vec<String>,
    pub severity: Severity,
    /// Span of the `until:` value (where `notice-expired` points).
    pub until_span: Range<usize>,
}

impl Notice {
    pub fn body(&self) -> &str {
        &self.source.text[self.body_start..]
    }
}

impl Site {
    pub fn default_locale(&self) -> &str {
        &self.config.default_locale
    }

    /// The emergency line (`emergency:` in `upfront.yaml`) for `locale`, else the default
    /// locale's, with the language it is written in.
    pub fn emergency(&self, locale: &str) -> Option<(&str, &str)> {
        let own = self.config.emergency.get_key_value(locale);
        let (lang, line) = own.or_else(|| self.config.emergency.get_key_value(self.default_locale()))?;
        Some((line.as_str(), lang.as_str()))
    }

    pub fn strings(&self, locale: &str) -> &Strings {
        static EMPTY: Strings = BTreeMap::new();
        self.strings.get(locale).or_else(|| self.strings.get(self.default_locale())).unwrap_or(&EMPTY)
    }

    /// A UI string, or its key when missing.
    pub fn t<'a>(&'a self, locale: &str, key: &'a str) -> &'a str {
        self.strings(locale).get(key).map_or(key, String::as_str)
    }

    /// The page at `path` in `locale`, if written.
    pub fn page(&self, path: &str, locale: &str) -> Option<&Page> {
        self.page_index(path, locale).map(|i| &*self.pages[i])
    }

    /// The position of the page at (`path`, `locale`) in `pages` (a binary search).
    pub fn page_index(&self, path: &str, locale: &str) -> Option<usize> {
        self.pages.binary_search_by(|p| (p.path.as_str(), p.locale.as_str()).cmp(&(path, locale))).ok()
    }

    /// The page at `path` in `locale` unless it is a draft: the only way a channel picks a
    /// page or one of its translations (drafts reach no output).
    pub fn published(&self, path: &str, locale: &str) -> Option<&Page> {
        self.page(path, locale).filter(|p| !p.draft)
    }

    /// All locale variants of `path` that are not drafts, default locale first.
    pub fn variants<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a Page> + 'a {
        self.config.locale_codes().filter_map(move |l| self.published(path, l))
    }

    /// Resolve a placeholder name to a fact and a part (`repair.arrival.max` → (repair.arrival, Max)).
    pub fn resolve_fact(&self, name: &str) -> Option<(&Fact, Part)> {
        if let Some(f) = self.facts.get(name) {
            return Some((f, Part::Whole));
        }
        let (base, part) = name.rsplit_once('.')?;
        let part = match part {
            "min" => Part::Min,
            "max" => Part::Max,
            _ => return None,
        };
        self.facts.get(base).map(|f| (f, part))
    }

    /// Fill every placeholder of `text` with its fact for `locale` and `style`. Unknown names
    /// are left as written (the checks report them).
    pub fn interpolate(&self, text: &str, locale: &str, style: Style) -> String {
        let (found, _) = interp::scan(text);
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        // `\{{` writes a literal `{{` in every field, as it does in a Markdown body.
        let literal = |out: &mut String, t: &str| out.push_str(&t.replace("\\{{", "{{"));
        for p in found {
            literal(&mut out, &text[last..p.span.start]);
            match self.render_fact(&p.name, locale, style) {
                Some(v) => out.push_str(&v),
                None => out.push_str(&text[p.span.clone()]),
            }
            last = p.span.end;
        }
        literal(&mut out, &text[last..]);
        controls::strip_owned(out)
    }

    pub fn render_fact(&self, name: &str, locale: &str, style: Style) -> Option<String> {
        let (fact, part) = self.resolve_fact(name)?;
        fact.render(part, locale, self.default_locale(), self.strings(locale), style).map(controls::strip_owned)
    }

    /// The facts a page names, as (what every channel without a text of its own carries:
    /// body, summary, step texts and step waits; what each channel text (`sms:`) names, by
    /// key). `x.max` counts as fact `x`; names that are no fact are left out.
    pub fn facts_named_by(&self, page: &Page) -> (BTreeSet<&str>, BTreeMap<&'static str, BTreeSet<&str>>) {
        let resolve = |name: &str| self.resolve_fact(name).map(|(f, _)| f.id.as_str());
        let scan = |text: &str| interp::scan(text).0.into_iter().filter_map(|p| resolve(&p.name)).collect::<Vec<_>>();
        let mut content: BTreeSet<&str> = scan(page.body()).into_iter().collect();
        content.extend(page.summary.iter().flat_map(|s| scan(&s.value)));
        for step in &page.steps {
            content.extend(scan(&step.text.value));
            content.extend(step.wait.as_deref().and_then(resolve));
        }
        let own = page.channel_text.iter().map(|(k, t)| (*k, scan(&t.value).into_iter().collect())).collect();
        (content, own)
    }

    /// The total of a guide's step waits, calendar time and working days apart: none when the
    /// guide says `total: false` or no counted step has a wait (`total: false` on a step leaves
    /// it out).
    pub fn total_wait(&self, page: &Page) -> Option<duration::Total> {
        if !page.show_total {
            return None;
        }
        let waits: Vec<_> = page
            .steps
            .iter()
            .filter(|s| s.in_total)
            .filter_map(|s| s.wait.as_deref())
            .filter_map(|id| self.facts.get(id).and_then(Fact::wait))
            .collect();
        duration::Total::of(&waits)
    }

    /// The total of a guide's steps in words of `locale` ([`Site::total_wait`]).
    pub fn total_text(&self, page: &Page, style: Style) -> Option<String> {
        self.total_wait(page).map(|t| fact::format_total(t, self.strings(&page.locale), style))
    }
}
