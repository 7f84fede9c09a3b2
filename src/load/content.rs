//! `content/`: guides and sections (Markdown with YAML front matter), read and parsed in
//! parallel. Paths are slugged, locale suffixes (`visit.zh.md`) recognised.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock};

use rayon::prelude::*;

use super::fs;
use super::loader::{Loader, Problems, parse_document, text_of};
use crate::diag::Diagnostic;
use crate::model::slug::slugify;
use crate::model::{Config, FrontMatter, Page, PageKind, Step, controls};
use crate::source::SourceFile;
use crate::yaml::{Field, Kind, Node, field, required};

static STEP: [Field; 4] =
    [required("title", Kind::Str), field("wait", Kind::Str), field("text", Kind::Str), field("total", Kind::Bool)];

macro_rules! common_keys {
    () => {
        [
            required("title", Kind::Str),
            field("summary", Kind::Str),
            field("tier", Kind::Str),
            field("channels", Kind::List(&Kind::Str)),
            field("reviewed", Kind::Str),
            field("owner", Kind::Str),
            field("ignore", Kind::List(&Kind::Str)),
            field("aliases", Kind::List(&Kind::Str)),
            field("draft", Kind::Bool),
            field("weight", Kind::Int),
        ]
    };
}

pub(super) static SECTION: [Field; 10] = common_keys!();
/// A guide's keys: a section's, its steps and total, and each channel's own text (`sms:`).
pub(super) static GUIDE: LazyLock<Vec<Field>> = LazyLock::new(|| {
    let mut keys = SECTION.to_vec();
    keys.push(field("steps", Kind::List(&STEPS)));
    keys.extend(crate::render::channel_text_keys().iter().map(|k| field(k, Kind::Str)));
    keys.push(field("total", Kind::Bool));
    keys
});
static STEPS: Kind = Kind::Struct(&STEP);

/// Names that a top-level guide or folder may not take: the channels' output folders, the
/// search pages and `static/`.
pub fn reserved() -> Vec<&'static str> {
    crate::render::channels().filter_map(crate::render::Channel::folder).chain(["search", "static"]).collect()
}

pub fn load(loader: &mut Loader, config: &Config) -> anyhow::Result<Vec<Page>> {
    let dir = loader.root.join("content");
    let md: Vec<PathBuf> =
        loader.walk(&dir, false).into_iter().filter(|p| p.extension().is_some_and(|e| e == "md")).collect();
    let (root, max) = (loader.root, loader.max);
    let results: Vec<_> = md
        .par_iter()
        .map(|path| match fs::read_listed(root, path, max) {
            Ok(file) => {
                let file = Arc::new(file);
                let (page, diags) = parse_page(&file, &fs::rel_path(&dir, path), config);
                (path, Ok((file, page, diags)))
            }
            Err(failure) => (path, Err(failure)),
        })
        .collect();

    let mut pages = Vec::new();
    for (path, result) in results {
        match result {
            Ok((file, page, diags)) => {
                loader.sources.insert_arc(file);
                loader.diagnostics.extend(diags);
                pages.extend(page);
            }
            Err(failure) => loader.failed(failure, path)?,
        }
    }
    pages.sort_by(|a, b| {
        (a.path.as_str(), a.locale.as_str(), &a.source.path).cmp(&(b.path.as_str(), b.locale.as_str(), &b.source.path))
    });
    check_paths(&mut pages, config, &mut loader.diagnostics);
    loader.diagnostics.extend(super::tiers::resolve(&mut pages, config));
    Ok(pages)
}

/// Duplicate (path, locale) pairs and reserved top-level names.
fn check_paths(pages: &mut Vec<Page>, config: &Config, diagnostics: &mut Vec<Diagnostic>) {
    let mut keep = vec![true; pages.len()];
    for i in 1..pages.len() {
        let (a, b) = (&pages[i - 1], &pages[i]);
        if a.path == b.path && a.locale == b.locale {
            keep[i] = false;
            diagnostics.push(
                Diagnostic::error(
                    fs::RULE,
                    b.source.path.clone(),
                    Some(0..0),
                    format!("this page has the same address as `{}` (`/{}` in `{}`)", a.source.path, a.path, a.locale),
                )
                .with_hint("rename one of the files; names are lowercased and punctuation becomes `-`"),
            );
        }
    }
    let mut k = keep.into_iter();
    pages.retain(|_| k.next().unwrap_or(true));
    for p in pages.iter() {
        let top = p.path.split('/').next().unwrap_or("");
        let reserved =
            reserved().contains(&top) || config.locales.contains_key(top) || config.tier_names().contains(&top);
        if reserved && !top.is_empty() {
            diagnostics.push(
                Diagnostic::error(fs::RULE, p.source.path.clone(), Some(0..0), format!(
                    "`{top}` cannot be a top-level name in content/: it is a channel, locale or tier folder in the output"
                ))
                .with_hint(format!("rename it, e.g. `{top}-info`; tier pages use `tier:` in front matter, not a folder")),
            );
        }
    }
}

/// Split `---` front matter from the body: (YAML range, body start).
pub fn split(text: &str) -> Result<(std::ops::Range<usize>, usize), (String, String)> {
    if text.trim().is_empty() {
        return Err((
            "the file is empty".into(),
            "start it with front matter: a `---` line, `title: …`, and another `---` line".into(),
        ));
    }
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_end].trim_end() != "---" {
        let hint = if text.starts_with("+++") {
            "Upfront front matter is YAML between two `---` lines, not TOML between `+++`"
        } else {
            "start the file with a `---` line, then `title: …`, then another `---` line before the text"
        };
        return Err(("the file has no front matter".into(), hint.into()));
    }
    let mut pos = first_end;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            return Ok((first_end..pos, end));
        }
        pos = end;
    }
    Err(("the front matter is never closed".into(), "add a `---` line after the last front-matter key".into()))
}

/// Parse one content file. `rel` is its path under `content/`.
pub fn parse_page(file: &Arc<SourceFile>, rel: &str, config: &Config) -> (Option<Page>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let Some(front) = front_matter(file, rel, config, &mut diags) else {
        return (None, diags);
    };
    let mut problems = Problems::default();
    let checked = check_values(&front, config, &mut problems);
    diags.extend(problems.into_diagnostics(&file.path));
    let mut page = page_of(file, front, checked);
    drop_controls(&mut page, &mut diags);
    (Some(page), diags)
}

/// A content file's address and its front matter, parsed, validated and deserialized.
struct Front {
    kind: PageKind,
    path: String,
    locale: String,
    fm: FrontMatter,
    node: Node,
    /// The front matter's YAML in the file.
    yaml: Range<usize>,
    body_start: usize,
}

impl Front {
    /// The span of key `k`'s value, else the front matter's start.
    fn span(&self, k: &str) -> Range<usize> {
        self.node.get(k).map_or(self.yaml.start..self.yaml.start, |n| n.span.clone())
    }

    /// The span of item `i` of list `k`, else of the list.
    fn item(&self, k: &str, i: usize) -> Range<usize> {
        self.node.get(k).and_then(|n| n.index(i)).map_or_else(|| self.span(k), |n| n.span.clone())
    }
}

/// The address from the file name, the `---` block, its YAML against the section or guide
/// schema: `None` (with the problems in `diags`) when any of them fails.
fn front_matter(file: &SourceFile, rel: &str, config: &Config, diags: &mut Vec<Diagnostic>) -> Option<Front> {
    let (kind, path, locale) = match address(file, rel, config) {
        Ok(a) => a,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let (yaml, body_start) = match split(&file.text) {
        Ok(v) => v,
        Err((message, hint)) => {
            diags.push(Diagnostic::error(fs::RULE, file.path.clone(), Some(0..0), message).with_hint(hint));
            return None;
        }
    };
    let schema = if kind == PageKind::Section { Kind::Struct(&SECTION) } else { Kind::Struct(GUIDE.as_slice()) };
    let what = if kind == PageKind::Section { "section front matter" } else { "front matter" };
    match parse_document(file, yaml.clone(), &schema, what) {
        Ok((fm, node)) => Some(Front { kind, path, locale, fm, node, yaml, body_start }),
        Err(p) => {
            diags.extend(p.into_diagnostics(&file.path));
            None
        }
    }
}

/// What the front matter names that serde cannot check: the tier, the channels, the rule
/// ids of `ignore:`, the `reviewed:` date.
struct Checked {
    tier: String,
    channels: Vec<String>,
    reviewed: Option<jiff::civil::Date>,
}

fn check_values(front: &Front, config: &Config, problems: &mut Problems) -> Checked {
    let fm = &front.fm;
    let tier = fm.tier.clone().unwrap_or_else(|| config.widest_tier().to_string());
    let tiers = config.tier_names();
    if !tiers.contains(&tier.as_str()) {
        problems.push(front.span("tier"), format!("tier `{tier}` is not in upfront.yaml"), hint_one_of(&tier, &tiers));
    }
    let known = crate::render::page_channels();
    let channels = fm.channels.clone().unwrap_or_else(|| known.iter().map(ToString::to_string).collect());
    for (i, ch) in channels.iter().enumerate() {
        if !known.contains(&ch.as_str()) {
            problems.push(front.item("channels", i), format!("`{ch}` is not a channel"), hint_one_of(ch, known));
        }
    }
    for (i, rule) in fm.ignore.iter().enumerate() {
        if !crate::check::RULE_IDS.contains(&rule.as_str()) {
            problems.push(
                front.item("ignore", i),
                format!("`{rule}` is not a rule id"),
                hint_one_of(rule, &crate::check::RULE_IDS),
            );
        }
    }
    let reviewed = fm.reviewed.as_deref().and_then(|r| {
        if let Ok(d) = r.parse::<jiff::civil::Date>() {
            Some(d)
        } else {
            problems.push(
                front.span("reviewed"),
                format!("`{r}` is not a date"),
                "write the date as YYYY-MM-DD, e.g. `reviewed: 2026-10-01`".into(),
            );
            None
        }
    });
    Checked { tier, channels, reviewed }
}

/// The page: each text with its position in the file, each step with its spans.
fn page_of(file: &Arc<SourceFile>, front: Front, checked: Checked) -> Page {
    let alias_spans = (0..front.fm.aliases.len()).map(|i| front.item("aliases", i)).collect();
    let Front { kind, path, locale, fm, node, yaml, body_start } = front;
    Page {
        kind,
        path,
        locale,
        source: file.clone(),
        body_start,
        title: text_of(file, node.get("title"), fm.title.clone()).unwrap_or_default(),
        summary: text_of(file, node.get("summary"), fm.summary.clone()),
        tier: checked.tier,
        channels: checked.channels,
        reviewed: checked.reviewed,
        owner: fm.owner.clone(),
        steps: steps(file, &fm, node.get("steps"), yaml.start),
        show_total: fm.total.unwrap_or(true),
        channel_text: crate::render::channel_text_keys()
            .iter()
            .copied()
            .filter_map(|k| {
                let n = node.get(k).filter(|n| !n.is_null())?;
                Some((k, text_of(file, Some(n), n.as_str().map(str::to_string))?))
            })
            .collect(),
        ignore: fm.ignore,
        alias_spans,
        aliases: fm.aliases,
        draft: fm.draft,
        weight: fm.weight,
        key_spans: match &node.kind {
            crate::yaml::NodeKind::Map(entries) => {
                entries.iter().filter_map(|(k, _)| Some((k.as_str()?.to_string(), k.span.clone()))).collect()
            }
            _ => std::collections::BTreeMap::new(),
        },
        front_span: yaml,
    }
}

/// Control characters that YAML escapes (`"\0"`, `"\x1b"`) put into published front-matter
/// values: dropped, with a warning at the value (raw ones are YAML errors).
fn drop_controls(page: &mut Page, diags: &mut Vec<Diagnostic>) {
    let file = page.source.path.clone();
    let mut fields: Vec<(&mut String, std::ops::Range<usize>)> = vec![(&mut page.title.value, page.title.span.clone())];
    for text in page.summary.iter_mut().chain(page.channel_text.values_mut()) {
        fields.push((&mut text.value, text.span.clone()));
    }
    for step in &mut page.steps {
        fields.push((&mut step.title.value, step.title.span.clone()));
        fields.push((&mut step.text.value, step.text.span.clone()));
    }
    diags.extend(fields.into_iter().filter_map(|(value, span)| controls::drop_escaped(value, &file, span)));
}

/// The steps of a guide, with the spans of their `wait:` and `text:` (`at` when absent).
fn steps(file: &SourceFile, fm: &FrontMatter, node: Option<&Node>, at: usize) -> Vec<Step> {
    fm.steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let n = node.and_then(|n| n.index(i));
            Step {
                title: text_of(file, n.and_then(|n| n.get("title")), Some(s.title.clone())).unwrap_or_default(),
                wait: s.wait.clone(),
                wait_span: n.and_then(|n| n.get("wait")).map_or(at..at, |w| w.span.clone()),
                text: text_of(file, n.and_then(|n| n.get("text")), s.text.clone()).unwrap_or_default(),
                in_total: s.total.unwrap_or(true),
            }
        })
        .collect()
}

fn hint_one_of(word: &str, valid: &[&str]) -> String {
    let list = valid.join(", ");
    match crate::yaml::nearest(word, valid.iter().copied()) {
        Some(best) => format!("did you mean `{best}`? Use one of: {list}"),
        None => format!("use one of: {list}"),
    }
}

/// A content file's address from its name: (kind, slugged path, locale).
fn address(file: &SourceFile, rel: &str, config: &Config) -> Result<(PageKind, String, String), Diagnostic> {
    let (dirs, name) = rel.rsplit_once('/').unwrap_or(("", rel));
    let stem = name.strip_suffix(".md").unwrap_or(name);
    let (stem, locale) = match stem.rsplit_once('.') {
        Some((s, l)) if config.locales.contains_key(l) => (s, l.to_string()),
        Some((_, l)) if super::config::is_locale_code(l) => {
            return Err(Diagnostic::error(
                fs::RULE,
                file.path.clone(),
                Some(0..0),
                format!("`{l}` in the file name is not a locale of this site"),
            )
            .with_hint(format!(
                "add `{l}` under `locales:` in upfront.yaml, or rename the file (locales: {})",
                config.locales.keys().cloned().collect::<Vec<_>>().join(", ")
            )));
        }
        _ => (stem, config.default_locale.clone()),
    };
    let kind = if stem == "_index" { PageKind::Section } else { PageKind::Guide };
    let mut segments: Vec<String> = dirs.split('/').filter(|s| !s.is_empty()).map(slugify).collect();
    if kind == PageKind::Guide {
        segments.push(slugify(stem));
    }
    Ok((kind, segments.join("/"), locale))
}
