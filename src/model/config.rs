//! The typed shape of `upfront.yaml`. Unknown keys are rejected by the loader's schema
//! (`load/config.rs`) before these structs are filled.

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The site's name: one string, or one per locale (see [`Config::title`]).
    pub title: super::fact::Localized,
    pub base_url: String,
    pub default_locale: String,
    #[serde(default)]
    pub locales: BTreeMap<String, LocaleConfig>,
    pub timezone: Option<String>,
    /// Tiers, widest first (order of the file).
    #[serde(default, deserialize_with = "ordered_tiers")]
    pub tiers: Vec<(String, TierConfig)>,
    /// Each channel's settings by channel name (`channels.<name>`), as upfront.yaml gives
    /// them: each channel declares its keys (`render::Channel::settings`, checked at load) and
    /// reads them into its own type with [`Config::channel_settings`]. A channel that is
    /// absent is on with defaults; listing only some channels does not turn the others off
    /// (use `enabled: false`).
    #[serde(default)]
    pub channels: BTreeMap<String, serde_json::Value>,
    #[serde(default)]
    pub checks: ChecksConfig,
    #[serde(default)]
    pub emergency: BTreeMap<String, String>,
    #[serde(default)]
    pub markdown: MarkdownConfig,
    #[serde(default)]
    pub limits: LimitsConfig,
    #[serde(default)]
    pub brand: BrandConfig,
    /// The top navigation menu per locale (a locale without one uses the default locale's).
    #[serde(default)]
    pub nav: BTreeMap<String, Vec<NavLink>>,
    /// Links in the footer per locale (same fallback).
    #[serde(default)]
    pub footer: BTreeMap<String, Vec<NavLink>>,
    /// `upfront live`: how live quotes are computed (see `model::live::Settings`).
    #[serde(default)]
    pub live: LiveConfig,
}

/// `live:` in `upfront.yaml`, as written; `model::live::Settings::from_config` fills defaults.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LiveConfig {
    /// How often `upfront live` recomputes without a file change, e.g. `1m`.
    pub every: Option<String>,
    /// How far back a wait must have started to count, e.g. `2h`.
    pub window: Option<String>,
    /// Fewer waits than this in the window: use the same hour of the week instead.
    pub min_samples: Option<u32>,
    pub low_percentile: Option<u32>,
    pub high_percentile: Option<u32>,
    /// How long after `updated` screens fall back to the promise, e.g. `15m`.
    pub stale_after: Option<String>,
}

/// The site's look: a logo and a favicon (files under `static/`), and an accent colour.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BrandConfig {
    pub logo: Option<String>,
    /// What the logo shows, per locale (a plain string works too); none: decorative.
    pub logo_alt: Option<super::fact::Localized>,
    /// `#rrggbb`: links, the step timeline and the header; refused below 4.5:1 contrast.
    pub accent: Option<String>,
    pub favicon: Option<String>,
}

/// One link of a menu: a site path (`/emergency/visit/`, resolved in the page's locale) or a
/// full URL.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NavLink {
    pub text: String,
    pub link: String,
    /// Bytes of the `link:` value in `upfront.yaml` (set by the loader), for findings.
    #[serde(skip)]
    pub span: std::ops::Range<usize>,
}

fn ordered_tiers<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<(String, TierConfig)>, D::Error> {
    struct V;
    impl<'de> serde::de::Visitor<'de> for V {
        type Value = Vec<(String, TierConfig)>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a mapping of tiers")
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some((k, v)) = map.next_entry::<String, Option<TierConfig>>()? {
                out.push((k, v.unwrap_or_default()));
            }
            Ok(out)
        }
    }
    d.deserialize_any(V)
}

/// `checks:` in `upfront.yaml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecksConfig {
    /// Shorthand for `readability.en.max_grade`.
    pub max_grade: Option<u32>,
    /// How often a page must be reviewed, e.g. `180d`.
    pub review_every: Option<String>,
    /// The percentile of measured waits a quoted maximum must cover.
    pub wait_percentile: Option<u32>,
    /// Rule id → `error` | `warning` | `note` | `off`.
    #[serde(default)]
    pub severity: BTreeMap<String, String>,
    #[serde(default)]
    pub readability: BTreeMap<String, ReadabilityConfig>,
    /// Extra words per locale for the text rules.
    #[serde(default)]
    pub words: BTreeMap<String, WordsConfig>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[expect(clippy::struct_field_names, reason = "the keys users write in upfront.yaml")]
pub struct ReadabilityConfig {
    pub max_grade: Option<u32>,
    pub max_sentence_chars: Option<u32>,
    pub max_words_per_sentence: Option<u32>,
}

/// How words are found in a language's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WordMode {
    /// Whole words (English, German).
    #[default]
    Words,
    /// A word may carry suffixes after the entry (Hungarian); `entry$` is a whole word.
    Stems,
    /// Anywhere, no word boundaries (Chinese, Japanese).
    Chars,
}

/// How the `readability` rule measures a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReadabilityMeasure {
    /// Flesch–Kincaid grade with English syllable rules (limit `max_grade`).
    Grade,
    /// Average sentence length in characters (limit `max_sentence_chars`).
    SentenceChars,
    /// Average words per sentence (limit `max_words_per_sentence`): any language.
    #[default]
    SentenceWords,
}

/// `durations:` of a word list: how a language writes a duration.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DurationsConfig {
    /// Number words and their values (`two: 2`, `半: 0.5`).
    #[serde(default)]
    pub numbers: BTreeMap<String, f64>,
    /// Unit words per unit (`second`, `minute`, `hour`, `day`, `business_day`, `week`,
    /// `month`, `year`).
    #[serde(default)]
    pub units: BTreeMap<String, Vec<String>>,
    /// Words that join the two ends of a range (`–`, `to`).
    #[serde(default)]
    pub range: Vec<String>,
    /// A wait without a number ("within minutes").
    #[serde(default)]
    pub bare: Vec<String>,
}

impl DurationsConfig {
    fn extend(&mut self, other: &DurationsConfig) {
        self.numbers.extend(other.numbers.iter().map(|(k, v)| (k.clone(), *v)));
        for (unit, words) in &other.units {
            self.units.entry(unit.clone()).or_default().extend(words.iter().cloned());
        }
        self.range.extend(other.range.iter().cloned());
        self.bare.extend(other.bare.iter().cloned());
    }
}

/// A language's word lists: the built-in `src/locales/<lang>/words.yaml` and a site's
/// `checks.words.<locale>`, which extends them (or, for a language Upfront does not ship,
/// is the whole of them).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordsConfig {
    /// How entries match; a site's setting replaces the built-in one.
    #[serde(default)]
    pub mode: Option<WordMode>,
    /// Whether "1." is an ordinal (Hungarian, German) rather than a sentence end.
    #[serde(default)]
    pub ordinal_dot: Option<bool>,
    /// How `readability` measures the language.
    #[serde(default)]
    pub readability: Option<ReadabilityMeasure>,
    #[serde(default)]
    pub durations: DurationsConfig,
    #[serde(default)]
    pub vague: Vec<String>,
    #[serde(default)]
    pub vague_not: Vec<String>,
    #[serde(default)]
    pub absolute: Vec<String>,
    #[serde(default)]
    pub absolute_not: Vec<String>,
    #[serde(default)]
    pub abbreviations: Vec<String>,
    #[serde(default)]
    pub instruction: InstructionWordsConfig,
    #[serde(default)]
    pub wait_cues: Vec<String>,
    #[serde(default)]
    pub continues: Vec<String>,
    #[serde(default)]
    pub not_wait: NotWaitWordsConfig,
    /// Extra jargon terms (explained on first use on public pages).
    #[serde(default)]
    pub jargon: Vec<String>,
}

impl WordsConfig {
    /// Every list extended by `other`'s (a site's lists on top of the built-in ones).
    pub fn extend(&mut self, other: &WordsConfig) {
        let pairs: [(&mut Vec<String>, &Vec<String>); 23] = [
            (&mut self.vague, &other.vague),
            (&mut self.vague_not, &other.vague_not),
            (&mut self.absolute, &other.absolute),
            (&mut self.absolute_not, &other.absolute_not),
            (&mut self.abbreviations, &other.abbreviations),
            (&mut self.instruction.anywhere, &other.instruction.anywhere),
            (&mut self.instruction.not, &other.instruction.not),
            (&mut self.instruction.lead, &other.instruction.lead),
            (&mut self.instruction.verbs, &other.instruction.verbs),
            (&mut self.instruction.not_object, &other.instruction.not_object),
            (&mut self.instruction.joins, &other.instruction.joins),
            (&mut self.instruction.infinitive, &other.instruction.infinitive),
            (&mut self.instruction.infinitive_heads, &other.instruction.infinitive_heads),
            (&mut self.wait_cues, &other.wait_cues),
            (&mut self.continues, &other.continues),
            (&mut self.not_wait.before, &other.not_wait.before),
            (&mut self.not_wait.after, &other.not_wait.after),
            (&mut self.not_wait.age_before, &other.not_wait.age_before),
            (&mut self.not_wait.unit_words, &other.not_wait.unit_words),
            (&mut self.not_wait.sentence, &other.not_wait.sentence),
            (&mut self.not_wait.sentence_not, &other.not_wait.sentence_not),
            (&mut self.not_wait.clock_after, &other.not_wait.clock_after),
            (&mut self.not_wait.clock_range_after, &other.not_wait.clock_range_after),
        ];
        for (mine, theirs) in pairs {
            mine.extend(theirs.iter().cloned());
        }
        self.jargon.extend(other.jargon.iter().cloned());
        self.not_wait.clock_dot |= other.not_wait.clock_dot;
        self.mode = other.mode.or(self.mode);
        self.ordinal_dot = other.ordinal_dot.or(self.ordinal_dot);
        self.readability = other.readability.or(self.readability);
        self.durations.extend(&other.durations);
    }
}

/// `checks.words.<locale>.instruction`: what makes a clause an instruction to the reader.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstructionWordsConfig {
    #[serde(default)]
    pub anywhere: Vec<String>,
    #[serde(default)]
    pub not: Vec<String>,
    #[serde(default)]
    pub lead: Vec<String>,
    #[serde(default)]
    pub verbs: Vec<String>,
    #[serde(default)]
    pub not_object: Vec<String>,
    #[serde(default)]
    pub joins: Vec<String>,
    #[serde(default)]
    pub infinitive: Vec<String>,
    #[serde(default)]
    pub infinitive_heads: Vec<String>,
}

/// `checks.words.<locale>.not_wait`: cues that a duration is not a wait.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotWaitWordsConfig {
    #[serde(default)]
    pub before: Vec<String>,
    #[serde(default)]
    pub after: Vec<String>,
    #[serde(default)]
    pub age_before: Vec<String>,
    #[serde(default)]
    pub unit_words: Vec<String>,
    #[serde(default)]
    pub sentence: Vec<String>,
    #[serde(default)]
    pub sentence_not: Vec<String>,
    #[serde(default)]
    pub clock_after: Vec<String>,
    #[serde(default)]
    pub clock_range_after: Vec<String>,
    /// `7.30` before an hour unit is a clock time (a language that writes decimals with `,`).
    #[serde(default)]
    pub clock_dot: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocaleConfig {
    pub name: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierConfig {
    #[serde(default)]
    pub perks: Vec<String>,
    /// What readers call the tier ("VIP members"), per locale; the tier's id by default.
    #[serde(default)]
    pub name: Option<super::fact::Localized>,
}

/// `channels.sms`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmsConfig {
    pub enabled: Option<bool>,
    /// How many messages one SMS text may take (default 2).
    pub max_segments: Option<u64>,
    /// Send accented letters outside GSM-7 as plain ones.
    pub strip_accents: Option<bool>,
    /// The sending system's own fields (`[[date]]`), each with the most characters its value takes.
    #[serde(default)]
    pub merge_fields: BTreeMap<String, usize>,
}

/// `channels.waiting-room`: the lobby screens and how often they poll `status.json`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaitingRoomConfig {
    pub enabled: Option<bool>,
    /// Screen name → what it shows (sorted by name).
    #[serde(default)]
    pub screens: BTreeMap<String, ScreenConfig>,
    /// Seconds between two polls of `status.json` (default 60).
    pub poll_seconds: Option<u32>,
}

pub const DEFAULT_POLL_SECONDS: u32 = 60;
pub const DEFAULT_SECONDS_PER_SLIDE: u32 = 20;

impl WaitingRoomConfig {
    pub fn poll_seconds(&self) -> u32 {
        self.poll_seconds.unwrap_or(DEFAULT_POLL_SECONDS).max(5)
    }
}

/// One screen of `channels.waiting-room.screens`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScreenConfig {
    /// Guide paths, in slide order.
    #[serde(default)]
    pub guides: Vec<String>,
    /// Locales to rotate through; empty means every locale of the site.
    #[serde(default)]
    pub locales: Vec<String>,
    /// The shortest time a slide stays up (default 20).
    pub seconds_per_slide: Option<u32>,
    /// `false`: this screen shows the promise only, never live quotes (default: live facts
    /// are quoted live).
    pub live: Option<bool>,
}

impl ScreenConfig {
    pub fn seconds_per_slide(&self) -> u32 {
        self.seconds_per_slide.unwrap_or(DEFAULT_SECONDS_PER_SLIDE).max(1)
    }
}

/// `channels.print`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrintConfig {
    /// Read through [`Config::channel_enabled`], as every channel's.
    #[allow(dead_code)]
    pub enabled: Option<bool>,
    #[serde(default)]
    pub paper: Paper,
}

/// Paper size of the handouts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    /// The CSS `@page size` keyword.
    pub fn css(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "letter",
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelToggle {
    /// Read through [`Config::channel_enabled`], as every channel's.
    #[allow(dead_code)]
    pub enabled: Option<bool>,
    /// `channels.help.search`: the search index and search pages (default on).
    pub search: Option<bool>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownConfig {
    /// Pass raw HTML in Markdown through unchanged (off: it is shown as text).
    #[serde(default)]
    pub unsafe_html: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitsConfig {
    #[serde(default = "default_max_file_bytes")]
    pub max_file_bytes: u64,
    /// The most bytes one rendered page may have (facts filled in, template applied).
    #[serde(default = "default_max_page_bytes")]
    pub max_page_bytes: u64,
}

pub const DEFAULT_MAX_FILE_BYTES: u64 = 20_000_000;
pub const DEFAULT_MAX_PAGE_BYTES: u64 = 10_000_000;

fn default_max_file_bytes() -> u64 {
    DEFAULT_MAX_FILE_BYTES
}

fn default_max_page_bytes() -> u64 {
    DEFAULT_MAX_PAGE_BYTES
}

impl LimitsConfig {
    /// `max_page_bytes` as a length.
    pub fn page_bytes(&self) -> usize {
        usize::try_from(self.max_page_bytes).unwrap_or(usize::MAX)
    }
}

impl Default for LimitsConfig {
    fn default() -> Self {
        Self { max_file_bytes: DEFAULT_MAX_FILE_BYTES, max_page_bytes: DEFAULT_MAX_PAGE_BYTES }
    }
}

impl Config {
    pub fn locale_codes(&self) -> impl Iterator<Item = &str> {
        self.locales.keys().map(String::as_str)
    }

    /// The site's time zone (`timezone:`, an IANA name; UTC when unset or unknown): the one
    /// place it is looked up.
    pub fn time_zone(&self) -> jiff::tz::TimeZone {
        time_zone(self.timezone.as_deref())
    }

    /// The menu of `locale` in `menus` (`nav` or `footer`), else the default locale's.
    pub fn menu<'a>(&'a self, menus: &'a BTreeMap<String, Vec<NavLink>>, locale: &str) -> &'a [NavLink] {
        menus.get(locale).or_else(|| menus.get(&self.default_locale)).map_or(&[], Vec::as_slice)
    }

    /// The site's name in `locale` (the default locale's, then any, when it has none).
    pub fn title(&self, locale: &str) -> &str {
        self.title.get(locale, &self.default_locale)
    }

    /// What readers of `locale` call `tier`: its `name:`, else its id.
    pub fn tier_name<'a>(&'a self, tier: &'a str, locale: &str) -> &'a str {
        self.tiers
            .iter()
            .find(|(t, _)| t == tier)
            .and_then(|(_, c)| c.name.as_ref())
            .map_or(tier, |n| n.get(locale, &self.default_locale))
    }

    pub fn locale_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.locales.get(code).and_then(|l| l.name.as_deref()).unwrap_or(code)
    }

    /// Tier names, widest first. A site with no tiers has just `public`.
    pub fn tier_names(&self) -> Vec<&str> {
        if self.tiers.is_empty() { vec!["public"] } else { self.tiers.iter().map(|(n, _)| n.as_str()).collect() }
    }

    /// The widest tier (the public one).
    pub fn widest_tier(&self) -> &str {
        self.tiers.first().map_or("public", |(n, _)| n.as_str())
    }

    /// Position of a tier, 0 = widest; unknown tiers sort last.
    pub fn tier_rank(&self, tier: &str) -> usize {
        self.tier_names().iter().position(|t| *t == tier).unwrap_or(usize::MAX)
    }

    /// `channels.<name>` read into the channel's own settings type (defaults when absent;
    /// the keys and their types were checked when upfront.yaml loaded).
    pub fn channel_settings<T: serde::de::DeserializeOwned + Default>(&self, name: &str) -> T {
        self.channels.get(name).and_then(|v| serde_json::from_value(v.clone()).ok()).unwrap_or_default()
    }

    /// `channels.sms` (defaults when absent); read it once per run, not per page.
    pub fn sms(&self) -> SmsConfig {
        self.channel_settings("sms")
    }

    /// `channels.help.search`: build the search index and pages (on unless set to false).
    pub fn search_enabled(&self) -> bool {
        self.channel_settings::<ChannelToggle>("help").search != Some(false)
    }

    /// Whether `channels.<name>.enabled` leaves the channel on (it is unless set to false).
    pub fn channel_enabled(&self, name: &str) -> bool {
        self.channels.get(name).and_then(|c| c.get("enabled")).and_then(serde_json::Value::as_bool) != Some(false)
    }

    /// `channels.waiting-room` (defaults when absent).
    pub fn waiting_room(&self) -> WaitingRoomConfig {
        self.channel_settings("waiting-room")
    }

    /// `channels.print.paper` (A4 when absent).
    pub fn paper(&self) -> Paper {
        self.channel_settings::<PrintConfig>("print").paper
    }
}

/// The time zone of an IANA name; UTC when unset or unknown (`upfront.yaml` reports a bad name).
pub fn time_zone(name: Option<&str>) -> jiff::tz::TimeZone {
    name.and_then(|t| jiff::tz::TimeZone::get(t).ok()).unwrap_or(jiff::tz::TimeZone::UTC)
}
