//! `glossary.yaml`: `term: { en: explanation, zh: …, hu: … }`. The key is the term as it is
//! written in text (add `分诊:` or `triázs:` for terms of other languages).

use std::collections::BTreeMap;

use super::loader::{Loader, parse_document};
use crate::model::{Config, GlossaryEntry};
use crate::yaml::Kind;

pub fn load(loader: &mut Loader, config: &Config) -> anyhow::Result<Vec<GlossaryEntry>> {
    let path = loader.root.join("glossary.yaml");
    if !super::fs::present(&path) {
        return Ok(Vec::new());
    }
    let Some(file) = loader.read(&path)? else { return Ok(Vec::new()) };
    let parsed = parse_document::<BTreeMap<String, BTreeMap<String, String>>>(
        &file,
        0..file.text.len(),
        &Kind::MapOf(&Kind::MapOf(&Kind::Str)),
        "glossary.yaml",
    );
    let (map, node) = match parsed {
        Ok(v) => v,
        Err(p) => {
            loader.diagnostics.extend(p.into_diagnostics(&file.path));
            return Ok(Vec::new());
        }
    };
    let mut problems = super::loader::Problems::default();
    for (term, explanations) in &map {
        for code in explanations.keys() {
            if !config.locales.contains_key(code) {
                let at = node.get(term).map_or(node.key_span(term), |n| n.key_span(code));
                problems.push(
                    at,
                    format!("`{code}` is not a locale of this site"),
                    format!("use one of: {}", config.locales.keys().cloned().collect::<Vec<_>>().join(", ")),
                );
            }
        }
    }
    loader.diagnostics.extend(problems.into_diagnostics(&file.path));
    let entries = map.into_iter().map(|(term, explanations)| {
        let entry = node.get(&term);
        let explanations = explanations
            .into_iter()
            .map(|(code, e)| {
                let text = super::loader::text_of(&file, entry.and_then(|n| n.get(&code)), Some(e)).unwrap_or_default();
                (code, text)
            })
            .collect();
        GlossaryEntry { term, explanations }
    });
    Ok(entries.collect())
}
