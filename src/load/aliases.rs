//! `aliases:` of guides, checked once every page (with its resolved tier) and every static file
//! is known: an alias is written as a redirect page at `[<tier>/][<locale>/]<alias>/index.html`,
//! so it must be a plain path that starts with no tier, locale or output folder and lands on no
//! other output file. Each problem is an error at the alias's item. Pure: no I/O.

use std::collections::BTreeMap;
use std::ops::Range;

use super::fs;
use crate::diag::Diagnostic;
use crate::model::{Config, Page, paths};

/// Output folders besides the channels' and files at the output root that an alias's first
/// segment may not name.
const OUTPUT_FOLDERS: [&str; 2] = ["assets", "pagefind"];
const OUTPUT_FILES: [&str; 4] = ["404.html", "index.html", "sitemap.xml", "status.json"];

/// The output folder of `path` for a page of `page`'s tier and locale.
fn dir_of(config: &Config, page: &Page, path: &str) -> String {
    let tier = (page.tier != config.widest_tier()).then_some(page.tier.as_str());
    let locale = (page.locale != config.default_locale).then_some(page.locale.as_str());
    paths::page_dir(tier, locale, None, path)
}

/// What the first segment of an alias names, if it is a folder or file of the output root.
fn reserved_kind(config: &Config, first: &str) -> Option<&'static str> {
    if config.tier_names().contains(&first) {
        Some("a tier folder")
    } else if config.locales.contains_key(first) {
        Some("a locale folder")
    } else if crate::render::page_channels().contains(&first) {
        Some("a channel folder")
    } else if super::content::reserved().contains(&first) || OUTPUT_FOLDERS.contains(&first) {
        Some("an output folder")
    } else if OUTPUT_FILES.contains(&first) {
        Some("an output file")
    } else {
        None
    }
}

fn error(page: &Page, at: Range<usize>, message: String, hint: &str) -> Diagnostic {
    Diagnostic::error(fs::RULE, page.source.path.clone(), Some(at), message).with_hint(hint)
}

/// Every problem with the aliases of `pages` (sorted by path and locale).
pub fn check(pages: &[Page], static_files: &[String], config: &Config) -> Vec<Diagnostic> {
    // Output folder → the page written there; folders above a page hold its section's page.
    let mut taken: BTreeMap<String, (&str, bool)> = BTreeMap::new();
    for p in pages {
        let mut path = Some(p.path.as_str());
        let mut own = true;
        while let Some(folder) = path {
            taken.entry(dir_of(config, p, folder)).or_insert((p.source.path.as_str(), own));
            own = false;
            path = paths::parent_folder(folder).filter(|f| !f.is_empty());
        }
    }
    let mut aliases: BTreeMap<String, &str> = BTreeMap::new();
    let mut out = Vec::new();
    for p in pages.iter().filter(|p| !p.draft) {
        for (i, alias) in p.aliases.iter().enumerate() {
            let at = p.alias_spans.get(i).cloned().unwrap_or_else(|| p.key_span("aliases"));
            let path = alias.trim_matches('/');
            let bad = path.is_empty()
                || path.split('/').any(|s| s.is_empty() || s == "." || s == "..")
                || path.contains(['\\', ':', '?', '#']);
            if bad {
                let hint = "write the old path of the guide, e.g. `er/visit` (no `..`, no scheme, no `?` or `#`)";
                out.push(error(p, at, format!("`{alias}` is not a site path"), hint));
                continue;
            }
            let first = path.split('/').next().unwrap_or(path);
            if let Some(kind) = reserved_kind(config, first) {
                let hint = "write the old path without tier or locale folders (the redirect is written in \
                            the page's own tier and locale), and not under a channel or output folder";
                out.push(error(p, at, format!("alias `{alias}` starts with `{first}`, {kind}"), hint));
                continue;
            }
            let dir = dir_of(config, p, path);
            if let Some((file, own)) = taken.get(&dir) {
                let message = if *own {
                    format!("alias `{alias}` is the address of another page ({file})")
                } else {
                    format!("alias `{alias}` is the address of a section page (above {file})")
                };
                out.push(error(p, at, message, "remove the alias, or move the other page"));
            } else if let Some(other) = aliases.get(&dir) {
                let message = format!("alias `{alias}` is also an alias of {other}");
                out.push(error(p, at, message, "keep the alias on one page only"));
            } else if let Some(file) =
                static_files.iter().find(|s| **s == format!("{dir}index.html") || dir.starts_with(&format!("{s}/")))
            {
                let message = format!("alias `{alias}` would overwrite `{file}` from static/");
                out.push(error(p, at, message, "remove the alias, or rename the static file"));
            } else {
                aliases.insert(dir, p.source.path.as_str());
            }
        }
    }
    out
}
