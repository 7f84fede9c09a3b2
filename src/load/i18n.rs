//! UI strings: the built-in `i18n/<locale>.yaml` (en, zh, hu), overridden key by key by the
//! site's own `i18n/<locale>.yaml`. A locale without strings falls back to English.

use std::collections::BTreeMap;

use super::yaml::Kind;
use super::{Loader, parse_document};
use crate::diag::Diagnostic;
use crate::model::{Config, Strings};
use crate::source::SourceFile;

/// The built-in strings, compiled into the binary.
pub const BUILT_IN: [(&str, &str); 3] = [
    ("en", include_str!("../../i18n/en.yaml")),
    ("zh", include_str!("../../i18n/zh.yaml")),
    ("hu", include_str!("../../i18n/hu.yaml")),
];

fn parse_strings(file: &SourceFile) -> Result<Strings, Vec<Diagnostic>> {
    parse_document::<BTreeMap<String, String>>(file, 0..file.text.len(), &Kind::MapOf(&Kind::Str), "i18n file")
        .map(|(m, _)| m)
        .map_err(|p| p.into_diagnostics(&file.path).collect())
}

/// The built-in strings of `code` over English (what a site gets without its own `i18n/`).
pub fn built_in_strings(code: &str) -> Strings {
    let parse = |c: &str| -> Strings {
        BUILT_IN
            .iter()
            .find(|(b, _)| *b == c)
            .and_then(|(b, text)| parse_strings(&SourceFile::new(format!("i18n/{b}.yaml (built in)"), *text)).ok())
            .unwrap_or_default()
    };
    let mut strings = parse("en");
    strings.extend(parse(code));
    strings
}

pub fn load(loader: &mut Loader, config: &Config) -> anyhow::Result<BTreeMap<String, Strings>> {
    let mut out = BTreeMap::new();
    for code in config.locales.keys() {
        let mut strings = built_in_strings(code);
        let path = loader.root.join("i18n").join(format!("{code}.yaml"));
        if super::fs::present(&path) {
            if let Some(file) = loader.read(&path)? {
                match parse_strings(&file) {
                    Ok(site) => strings.extend(site),
                    Err(d) => loader.diagnostics.extend(d),
                }
            }
        }
        out.insert(code.clone(), strings);
    }
    Ok(out)
}
