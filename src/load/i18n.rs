//! UI strings: the built-in, domain-neutral `src/locales/<locale>/ui.yaml` (en, zh, hu),
//! overridden key by key by the site's own `i18n/<locale>.yaml`. A key the built-in strings do
//! not have is a located error (with the nearest key); a locale without built-in strings falls
//! back to English key by key, and a note says so once per locale.

use std::collections::BTreeMap;

use super::fs;
use super::loader::{Loader, parse_document};
use crate::diag::{Diagnostic, Level};
use crate::model::{Config, Strings};
use crate::source::SourceFile;
use crate::yaml::{Kind, Node, NodeKind, nearest};

fn parse_strings(file: &SourceFile) -> Result<(Strings, Node), Vec<Diagnostic>> {
    parse_document::<BTreeMap<String, String>>(file, 0..file.text.len(), &Kind::MapOf(&Kind::Str), "i18n file")
        .map_err(|p| p.into_diagnostics(&file.path).collect())
}

/// Each built-in file, parsed once per process.
static PARSED: std::sync::LazyLock<BTreeMap<&'static str, Strings>> = std::sync::LazyLock::new(|| {
    crate::lexicon::all()
        .iter()
        .filter_map(|l| Some((l.code, l.ui?)))
        .filter_map(|(b, text)| {
            let (strings, _) = parse_strings(&SourceFile::new(format!("i18n/{b}.yaml (built in)"), text)).ok()?;
            Some((b, strings))
        })
        .collect()
});

fn built_in(code: &str) -> Option<&'static Strings> {
    PARSED.get(code)
}

/// The built-in strings of `code` over English (what a site gets without its own `i18n/`).
pub fn built_in_strings(code: &str) -> Strings {
    let mut strings = built_in("en").cloned().unwrap_or_default();
    strings.extend(built_in(code).into_iter().flat_map(|s| s.iter().map(|(k, v)| (k.clone(), v.clone()))));
    strings
}

/// A located error for every key of a site's i18n file that Upfront does not know.
fn unknown_keys(file: &SourceFile, node: &Node, known: &Strings) -> Vec<Diagnostic> {
    let NodeKind::Map(entries) = &node.kind else { return Vec::new() };
    entries
        .iter()
        .filter_map(|(key, _)| {
            let NodeKind::Scalar { value, .. } = &key.kind else { return None };
            if known.contains_key(value) {
                return None;
            }
            let hint = match nearest(value, known.keys().map(String::as_str)) {
                Some(n) => format!("did you mean `{n}`? The keys are listed in docs/templates.md"),
                None => "remove it, or use one of the keys listed in docs/templates.md".to_string(),
            };
            Some(
                Diagnostic::error(
                    fs::RULE,
                    file.path.clone(),
                    Some(key.span.clone()),
                    format!("unknown UI string `{value}`"),
                )
                .with_hint(hint),
            )
        })
        .collect()
}

pub fn load(loader: &mut Loader, config: &Config, config_node: &Node) -> anyhow::Result<BTreeMap<String, Strings>> {
    let no_strings = Strings::new();
    let english = built_in("en").unwrap_or(&no_strings);
    let mut out = BTreeMap::new();
    for code in config.locales.keys() {
        let mut strings = built_in_strings(code);
        let path = loader.root.join("i18n").join(format!("{code}.yaml"));
        let mut own = Strings::new();
        let mut at = None;
        if fs::present(&path) {
            if let Some(file) = loader.read(&path)? {
                match parse_strings(&file) {
                    Ok((site, node)) => {
                        loader.diagnostics.extend(unknown_keys(&file, &node, english));
                        own = site;
                        at = Some((file.path.clone(), None));
                    }
                    Err(d) => loader.diagnostics.extend(d),
                }
            }
        }
        if built_in(code).is_none() {
            let missing: Vec<&str> = english.keys().filter(|k| !own.contains_key(*k)).map(String::as_str).collect();
            if !missing.is_empty() {
                let (file, span) = at.unwrap_or_else(|| {
                    (
                        "upfront.yaml".to_string(),
                        config_node.get("locales").and_then(|l| l.get(code)).map(|n| n.span.clone()),
                    )
                });
                let shown: Vec<&str> = missing.iter().take(5).copied().collect();
                let more = if missing.len() > shown.len() { ", …" } else { "" };
                loader.diagnostics.push(
                    Diagnostic {
                        level: Level::Note,
                        ..Diagnostic::error(
                            fs::RULE,
                            file,
                            span,
                            format!(
                                "{} interface strings have no `{code}` text and show in English: {}{more}",
                                missing.len(),
                                shown.join(", ")
                            ),
                        )
                    }
                    .with_hint(format!("add them to i18n/{code}.yaml (the keys are listed in docs/templates.md)")),
                );
            }
        }
        strings.extend(own.into_iter().filter(|(k, _)| english.contains_key(k)));
        out.insert(code.clone(), strings);
        if let Some(d) = without_word_lists(config, config_node, code) {
            loader.diagnostics.push(d);
        }
    }
    Ok(out)
}

/// A warning for a locale whose text Upfront cannot read: no built-in word lists
/// (`src/locales/<lang>/words.yaml`) and none of the site's own (`checks.words.<locale>`).
fn without_word_lists(config: &Config, config_node: &Node, code: &str) -> Option<Diagnostic> {
    let built_in = crate::lexicon::get(code).is_some_and(|l| l.words.is_some());
    if built_in || config.checks.words.contains_key(code) {
        return None;
    }
    let span = config_node.get("locales").and_then(|l| l.get(code)).map(|n| n.span.clone());
    Some(
        Diagnostic {
            level: Level::Warning,
            ..Diagnostic::error(
                fs::RULE,
                "upfront.yaml".to_string(),
                span,
                format!(
                    "the text rules have no word lists for `{code}`: hand-written waits, vague and absolute \
                     wording in `{code}` pages go unchecked"
                ),
            )
        }
        .with_hint(format!(
            "add `checks.words.{code}` with its `mode`, `durations`, `vague` and `absolute` lists (docs/text-rules.md \
             shows a whole language)"
        )),
    )
}
