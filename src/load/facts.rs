//! `facts.yaml`: one fact, one truth. Each fact is a wait (`5m..15m`) or a text (a phone
//! number), optionally with a label, a tier and measured data.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::yaml::{Field, Kind, Node, field};
use super::{Problems, parse_document};
use crate::model::duration::WaitRange;
use crate::model::fact::Localized;
use crate::model::{Config, Fact, FactValue, Text};
use crate::source::SourceFile;

static FACT: Kind = Kind::Struct(&FACT_FIELDS);

static FACT_FIELDS: [Field; 5] = [
    field("wait", Kind::Str),
    field("text", Kind::Localized),
    field("label", Kind::Localized),
    field("measured", Kind::Str),
    field("tier", Kind::Str),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFact {
    wait: Option<String>,
    text: Option<RawLocalized>,
    label: Option<RawLocalized>,
    measured: Option<String>,
    tier: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawLocalized {
    Same(String),
    PerLocale(BTreeMap<String, String>),
}

impl From<RawLocalized> for Localized {
    fn from(r: RawLocalized) -> Self {
        match r {
            RawLocalized::Same(s) => Localized::Same(s),
            RawLocalized::PerLocale(m) => Localized::PerLocale(m),
        }
    }
}

/// A fact id: letters, digits, `.`, `_`, `-`; not ending in `.min` / `.max`.
#[expect(clippy::case_sensitive_file_extension_comparisons, reason = "fact ids, not file names")]
fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'))
        && !id.starts_with('.')
        && !id.ends_with('.')
        && !id.contains("..")
        && !id.ends_with(".min")
        && !id.ends_with(".max")
}

/// The texts of a fact's `label:` with their spans: one for all locales, or one per locale.
fn label_texts(file: &SourceFile, node: Option<&Node>) -> Vec<(Option<String>, Text)> {
    let text = |n: &Node| super::text_of(file, Some(n), n.as_str().map(String::from));
    match node.map(|n| &n.kind) {
        Some(super::yaml::NodeKind::Map(entries)) => {
            entries.iter().filter_map(|(k, v)| Some((Some(k.as_str()?.to_string()), text(v)?))).collect()
        }
        Some(_) => node.and_then(text).map(|t| vec![(None, t)]).unwrap_or_default(),
        None => Vec::new(),
    }
}

pub fn parse(file: &SourceFile, config: &Config) -> Result<BTreeMap<String, Fact>, Problems> {
    let (raw, node): (BTreeMap<String, Option<RawFact>>, Node) =
        parse_document(file, 0..file.text.len(), &Kind::MapOf(&FACT), "facts.yaml")?;
    let mut problems = Problems::default();
    let mut facts = BTreeMap::new();
    let by_id = node.entries_by_key();
    for (id, raw) in raw {
        let entry = by_id.get(id.as_str());
        let key_span = entry.map_or_else(|| node.span.clone(), |(k, _)| k.span.clone());
        let fact_node = entry.map(|(_, v)| *v);
        let span_of = |k: &str| fact_node.and_then(|n| n.get(k)).map_or(key_span.clone(), |n| n.span.clone());
        if !valid_id(&id) {
            problems.push(
                key_span.clone(),
                format!("`{id}` is not a valid fact id"),
                "use letters, digits, `.`, `_` and `-`, e.g. `er.triage`; `.min` and `.max` are reserved".into(),
            );
            continue;
        }
        let Some(raw) = raw else {
            problems.push(
                key_span.clone(),
                format!("fact `{id}` has no value"),
                "add `wait: 5m..15m` or `text: \"…\"` under it".into(),
            );
            continue;
        };
        let value = match (raw.wait, raw.text) {
            (Some(w), None) => match WaitRange::parse(&w) {
                Ok(r) => FactValue::Wait(r),
                Err(e) => {
                    problems.push(span_of("wait"), format!("fact `{id}`: {e}"), "e.g. `wait: 10m..30m`".into());
                    continue;
                }
            },
            (None, Some(t)) => FactValue::Text(t.into()),
            (Some(_), Some(_)) => {
                problems.push(
                    span_of("text"),
                    format!("fact `{id}` has both `wait:` and `text:`"),
                    "split it into two facts".into(),
                );
                continue;
            }
            (None, None) => {
                problems.push(
                    key_span.clone(),
                    format!("fact `{id}` has neither `wait:` nor `text:`"),
                    "add `wait: 5m..15m` or `text: \"…\"`".into(),
                );
                continue;
            }
        };
        if let Some(t) = &raw.tier {
            if !config.tier_names().contains(&t.as_str()) {
                problems.push(
                    span_of("tier"),
                    format!("fact `{id}`: tier `{t}` is not in upfront.yaml"),
                    format!("use one of: {}", config.tier_names().join(", ")),
                );
            }
        }
        if raw.measured.is_some() && !matches!(value, FactValue::Wait(_)) {
            problems.push(
                span_of("measured"),
                format!("fact `{id}`: only a wait can have measured data"),
                "remove `measured:` or make the fact a `wait:`".into(),
            );
        }
        for (what, loc) in [("text", matches!(&value, FactValue::Text(Localized::PerLocale(_)))), ("label", true)] {
            if !loc {
                continue;
            }
            let map = fact_node.and_then(|n| n.get(what));
            if let Some(Node { kind: super::yaml::NodeKind::Map(entries), .. }) = map {
                for (k, _) in entries {
                    let code = k.as_str().unwrap_or("");
                    if !config.locales.contains_key(code) {
                        problems.push(
                            k.span.clone(),
                            format!("fact `{id}`: `{code}` is not a locale of this site"),
                            format!("use one of: {}", config.locales.keys().cloned().collect::<Vec<_>>().join(", ")),
                        );
                    }
                }
            }
        }
        let span = if matches!(value, FactValue::Wait(_)) { span_of("wait") } else { span_of("text") };
        let label_texts = label_texts(file, fact_node.and_then(|n| n.get("label")));
        let label = raw.label.map(Into::into);
        let measured_span = if raw.measured.is_some() { span_of("measured") } else { span.clone() };
        facts.insert(
            id.clone(),
            Fact { id, span, measured_span, value, label, label_texts, tier: raw.tier, measured: raw.measured },
        );
    }
    problems.into_result(facts)
}
