//! `facts.yaml`: one fact, one truth. Each fact is a wait (`5m..15m`) or a text (a phone
//! number), optionally with a label, a tier and measured data.

use std::collections::{BTreeMap, BTreeSet};

use super::loader::Problems;
use crate::model::duration::WaitRange;
use crate::model::fact::Localized;
use crate::model::{Config, Fact, FactValue, Text};
use crate::source::SourceFile;
use crate::yaml::{Field, Kind, Node, NodeKind, field};

static FACT: Kind = Kind::Struct(&FACT_FIELDS);

static FACT_FIELDS: [Field; 6] = [
    field("wait", Kind::Str),
    field("text", Kind::Localized),
    field("label", Kind::Localized),
    field("measured", Kind::Str),
    field("tier", Kind::Str),
    field("live", Kind::Bool),
];

const LIVE_HINT: &str =
    "add `measured: data/waits.csv` (the CSV of real waits the live quote is computed from), or remove `live:`";

/// A fact's fields as written (after the schema check).
struct RawFact {
    wait: Option<String>,
    text: Option<Localized>,
    label: Option<Localized>,
    measured: Option<String>,
    tier: Option<String>,
    live: bool,
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
    let text = |n: &Node| super::loader::text_of(file, Some(n), n.as_str().map(String::from));
    match node.map(|n| &n.kind) {
        Some(crate::yaml::NodeKind::Map(entries)) => {
            entries.iter().filter_map(|(k, v)| Some((Some(k.as_str()?.to_string()), text(v)?))).collect()
        }
        Some(_) => node.and_then(text).map(|t| vec![(None, t)]).unwrap_or_default(),
        None => Vec::new(),
    }
}

/// What `facts.yaml` gives: the facts that are valid, the ids of those that are not (each
/// left out alone, with its own problems), and every problem.
#[derive(Debug, Default)]
pub struct Parsed {
    pub facts: BTreeMap<String, Fact>,
    /// Facts written in the file but invalid: pages that name them get no `unknown-fact`
    /// (the fact exists, it is broken: its error in facts.yaml is the one message).
    pub broken: BTreeSet<String>,
    pub problems: Problems,
}

/// A localized text (`text:`, `label:`) from a node that passed the schema.
fn localized(node: Option<&Node>) -> Option<Localized> {
    let node = node.filter(|n| !n.is_null())?;
    match &node.kind {
        crate::yaml::NodeKind::Map(entries) => Some(Localized::PerLocale(
            entries.iter().filter_map(|(k, v)| Some((k.as_str()?.to_string(), v.as_str()?.to_string()))).collect(),
        )),
        _ => node.as_str().map(|s| Localized::Same(s.to_string())),
    }
}

/// One fact's fields from its node (which passed the schema); `None` for an empty entry.
fn raw_fact(node: &Node) -> Option<RawFact> {
    if node.is_null() {
        return None;
    }
    let text = |k: &str| node.get(k).filter(|n| !n.is_null()).and_then(Node::as_str).map(String::from);
    Some(RawFact {
        wait: text("wait"),
        text: localized(node.get("text")),
        label: localized(node.get("label")),
        measured: text("measured"),
        tier: text("tier"),
        live: node.get("live").and_then(Node::as_str).is_some_and(|v| v.eq_ignore_ascii_case("true")),
    })
}

/// Parse `facts.yaml`. A fact with a problem is left out alone: the others keep working.
pub fn parse(file: &SourceFile, config: &Config) -> Parsed {
    let mut out = Parsed::default();
    let node = match crate::yaml::parse(file, 0..file.text.len()) {
        Ok(Some(node)) => node,
        Ok(None) => return out,
        Err(p) => {
            out.problems = Problems(p);
            return out;
        }
    };
    let NodeKind::Map(entries) = &node.kind else {
        let mut p = Vec::new();
        crate::yaml::validate(&node, &Kind::MapOf(&FACT), "facts.yaml", &mut p);
        out.problems = Problems(p);
        return out;
    };
    let mut raw = Vec::new();
    for (k, v) in entries {
        let Some(id) = k.as_str() else { continue };
        let mut p = Vec::new();
        crate::yaml::validate(v, &FACT, &format!("facts.yaml.{id}"), &mut p);
        if p.is_empty() {
            raw.push((id.to_string(), raw_fact(v)));
        } else {
            out.broken.insert(id.to_string());
            out.problems.0.extend(p);
        }
    }
    let by_id = node.entries_by_key();
    for (id, raw) in raw {
        let before = out.problems.0.len();
        let entry = by_id.get(id.as_str()).copied();
        match one_fact(file, config, &node, entry, &id, raw, &mut out.problems) {
            Some(fact) if out.problems.0.len() == before => {
                out.facts.insert(id, fact);
            }
            _ => {
                out.broken.insert(id);
            }
        }
    }
    out
}

/// One fact from its fields; `None` when it cannot be made (its problems are pushed).
fn one_fact(
    file: &SourceFile,
    config: &Config,
    node: &Node,
    entry: Option<(&Node, &Node)>,
    id: &str,
    raw: Option<RawFact>,
    problems: &mut Problems,
) -> Option<Fact> {
    let key_span = entry.map_or_else(|| node.span.clone(), |(k, _)| k.span.clone());
    let fact_node = entry.map(|(_, v)| v);
    let span_of = |k: &str| fact_node.and_then(|n| n.get(k)).map_or(key_span.clone(), |n| n.span.clone());
    if !valid_id(id) {
        problems.push(
            key_span.clone(),
            format!("`{id}` is not a valid fact id"),
            "use letters, digits, `.`, `_` and `-`, e.g. `repair.arrival`; `.min` and `.max` are reserved".into(),
        );
        return None;
    }
    let Some(raw) = raw else {
        problems.push(
            key_span.clone(),
            format!("fact `{id}` has no value"),
            "add `wait: 5m..15m` or `text: \"…\"` under it".into(),
        );
        return None;
    };
    let value = match (raw.wait, raw.text) {
        (Some(w), None) => match WaitRange::parse(&w) {
            Ok(r) => FactValue::Wait(r),
            Err(e) => {
                problems.push(span_of("wait"), format!("fact `{id}`: {e}"), "e.g. `wait: 10m..30m`".into());
                return None;
            }
        },
        (None, Some(t)) => FactValue::Text(t),
        (Some(_), Some(_)) => {
            problems.push(
                span_of("text"),
                format!("fact `{id}` has both `wait:` and `text:`"),
                "split it into two facts".into(),
            );
            return None;
        }
        (None, None) => {
            problems.push(
                key_span.clone(),
                format!("fact `{id}` has neither `wait:` nor `text:`"),
                "add `wait: 5m..15m` or `text: \"…\"`".into(),
            );
            return None;
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
    if raw.live && raw.measured.is_none() {
        problems.push(span_of("live"), format!("fact `{id}`: `live: true` needs measured data"), LIVE_HINT.into());
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
        if let Some(Node { kind: crate::yaml::NodeKind::Map(entries), .. }) = map {
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
    let label = raw.label;
    let measured_span = if raw.measured.is_some() { span_of("measured") } else { span.clone() };
    Some(Fact {
        id: id.to_string(),
        span,
        measured_span,
        value,
        label,
        label_texts,
        tier: raw.tier,
        measured: raw.measured,
        live: raw.live,
    })
}
