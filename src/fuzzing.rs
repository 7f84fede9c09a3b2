//! Fuzzing entry points, one per target of `fuzz/` and of the stable replay harness
//! (`tests/fuzz.rs`): each takes raw bytes and must never panic, loop or allocate without
//! bound. Not an API: nothing else may call these, and they hide no logic of their own.

use std::collections::BTreeSet;
use std::sync::{Arc, LazyLock};

use crate::check::text::{self, words};
use crate::model::{Config, duration, interp, sms};
use crate::render::markdown;
use crate::source::SourceFile;

/// One target: raw bytes in, nothing out.
pub type Target = fn(&[u8]);

/// Every target, by name: `fuzz/fuzz_targets/<name>.rs` and `fuzz/corpus/<name>/`.
pub const TARGETS: [(&str, Target); 8] = [
    ("front_matter", front_matter),
    ("yaml", yaml),
    ("interp", interp),
    ("duration", duration),
    ("sentences", sentences),
    ("sms", sms),
    ("markdown", markdown),
    ("site", site),
];

/// The configuration of the fuzzed site: three locales (en, zh, hu), three tiers, no search
/// index (the site target renders a site per input).
const CONFIG: &str = "title: Fuzz Clinic
base_url: https://help.fuzz.example
default_locale: en
locales:
  en: { name: English }
  zh: { name: 简体中文 }
  hu: { name: Magyar }
tiers:
  public: {}
  member: { perks: [priority callback] }
  vip: { perks: [VIP lounge] }
emergency:
  en: If you feel worse, tell staff now.
  zh: 如果您感觉更不舒服，请立即告诉工作人员。
  hu: Ha rosszabbul érzi magát, azonnal szóljon a személyzetnek.
channels:
  help: { search: false }
";

/// Facts the fuzzed pages can name.
const FACTS: &str = "er.triage:
  wait: 10m..30m
er.stay:
  wait: 1h
phone.main:
  text: \"+1 555 0100\"
lounge.vip:
  wait: 5m
  tier: vip
";

static SITE_CONFIG: LazyLock<Option<Config>> =
    LazyLock::new(|| crate::load::parse_config(&SourceFile::new("upfront.yaml", CONFIG)).ok().map(|(c, _)| c));

/// The input as text (invalid UTF-8 replaced, as no reader of author input ever sees it).
fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// The first byte picks a variant; the rest is the text.
fn pick(data: &[u8]) -> (u8, String) {
    data.split_first().map_or((0, String::new()), |(b, rest)| (*b, text(rest)))
}

fn locale(b: u8) -> &'static str {
    ["en", "zh", "hu"][usize::from(b % 3)]
}

/// A content file: `---` split, the YAML loader and the page's own checks (guide or section).
pub fn front_matter(data: &[u8]) {
    let (b, t) = pick(data);
    let Some(config) = SITE_CONFIG.as_ref() else { return };
    let rel = if b & 1 == 0 { format!("fuzz/guide.{}.md", locale(b >> 1)) } else { "fuzz/_index.md".into() };
    let file = Arc::new(SourceFile::new(format!("content/{rel}"), t));
    let _ = crate::load::parse_page(&file, &rel, config);
}

/// A whole YAML file through each schema: `upfront.yaml`, `facts.yaml` and front matter.
pub fn yaml(data: &[u8]) {
    let file = SourceFile::new("fuzz.yaml", text(data));
    let _ = crate::load::parse_config(&file);
    if let Some(config) = SITE_CONFIG.as_ref() {
        let _ = crate::load::parse_facts(&file, config).facts;
    }
}

/// The `{{ }}` scanner, protecting placeholders and filling them back.
pub fn interp(data: &[u8]) {
    let t = text(data);
    let _ = interp::scan(&t);
    let protected = interp::protect(&t, &|name| (name.len() % 2 == 0).then(|| format!("<{name}>")));
    let _ = protected.fill(&protected.text, false);
    let _ = protected.fill(&protected.text, true);
}

/// Wait values (`5m..15m`) and durations written in prose, per locale.
pub fn duration(data: &[u8]) {
    let (b, t) = pick(data);
    if let Ok(r) = duration::WaitRange::parse(&t) {
        let _ = (r.min.to_string(), r.max.to_string(), r.min.in_largest_unit());
    }
    let lang = words::lang(locale(b));
    let mut found = Vec::new();
    if lang.durations.may_match(&t) {
        lang.durations.find(&t, &mut found);
    }
    let mut clauses = text::Clauses::new(&t);
    let cued = text::waits::cued(lang, &t, &found, &clauses);
    for (w, &cued) in found.iter().zip(&cued) {
        let _ = text::waits::is_wait(lang, &t, w, &mut clauses, cued);
    }
}

/// Markdown blocks, sentences, clauses, quotes and token windows, per locale.
pub fn sentences(data: &[u8]) {
    let (b, t) = pick(data);
    let lang = words::lang(locale(b));
    let mut blocks = Vec::new();
    text::markdown_blocks(&t, 0, &mut blocks);
    text::for_each_sentence(&blocks, lang, |s| {
        for pos in [s.range.start, s.range.start + s.text.len() / 2, s.range.end] {
            let at = (0..=pos).rev().find(|i| s.block.text.is_char_boundary(*i)).unwrap_or(0);
            let clause = text::clause_at(&s.block.text, s.range.clone(), at);
            let _ = text::is_instruction(lang, &s.block.text[clause]);
            let _ = text::tokens_before(lang.mode, &s.block.text, at, 3);
            let _ = text::tokens_after(lang.mode, &s.block.text, at, 3);
        }
        let _ = s.span_of(&(0..s.text.len()));
    });
}

/// SMS encoding, units and segments, and the GSM-7 fallbacks.
pub fn sms(data: &[u8]) {
    let t = text(data);
    let info = sms::analyze(&t);
    let _ = sms::max_units(info.encoding, info.segments);
    let _ = sms::strip_accents(&t);
    let _: String = t.chars().map(|c| sms::gsm_fallback(c).map_or_else(|| c.to_string(), str::to_string)).collect();
}

struct Resolver;

impl markdown::Resolver for Resolver {
    fn fact(&self, name: &str) -> Option<String> {
        (name == "er.triage").then(|| "10–30 minutes".to_string())
    }

    fn link(&self, dest: &str) -> String {
        format!("/resolved/{dest}")
    }

    fn glossary(&self) -> Vec<(&str, &str)> {
        vec![("triage", "sorting patients by urgency"), ("分诊", "按紧急程度排序")]
    }
}

/// Markdown rendering with the site's options; the first byte's low bit is `unsafe_html`.
pub fn markdown(data: &[u8]) {
    let (b, t) = pick(data);
    let _ = markdown::render(&t, &Resolver, b & 1 == 1);
}

/// One guide (the input, front matter and body) in a small site on disk: load, every check,
/// and every channel rendered into a staging folder that is then dropped.
pub fn site(data: &[u8]) {
    let Ok(dir) = tempfile::tempdir() else { return };
    let root = dir.path();
    let files = [("upfront.yaml", CONFIG.as_bytes()), ("facts.yaml", FACTS.as_bytes()), ("content/fuzz.md", data)];
    for (name, bytes) in files {
        let path = root.join(name);
        if path.parent().is_some_and(|p| std::fs::create_dir_all(p).is_err()) || std::fs::write(&path, bytes).is_err() {
            return;
        }
    }
    let Ok(loaded) = crate::load::load_site(root) else { return };
    let Some(site) = loaded.site else { return };
    let today = jiff::civil::date(2026, 12, 1);
    let _ = crate::check::check(&site, today, loaded.diagnostics);
    let Ok(output) = crate::output::Output::create(&root.join("public")) else { return };
    let (tiers, only) = (BTreeSet::new(), BTreeSet::new());
    let _ = crate::render::render_channels(&site, root, &tiers, &only, &output);
}
