//! `sitemap.xml`: every public help page with its `hreflang` alternates. Narrower tiers are
//! never listed.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::index::Index;
use super::view;
use crate::model::paths;

pub fn render(index: &Index) -> String {
    let site = index.site;
    let base = &site.config.base_url;
    let widest = site.config.widest_tier();
    // Logical page → (locale → folder).
    let mut groups: BTreeMap<(u8, &str), BTreeMap<&str, String>> = BTreeMap::new();
    for ((path, locale), tier) in index.sections.iter().filter(|(_, t)| *t == widest) {
        groups.entry((0, path)).or_default().insert(locale, view::section_dir(site, tier, path, locale));
    }
    for g in index.guides.iter().filter(|g| g.tier == widest) {
        groups.entry((1, &g.path)).or_default().insert(&g.locale, view::page_dir(site, g));
    }
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for variants in groups.values() {
        for dir in variants.values() {
            let _ = writeln!(out, "  <url>\n    <loc>{}</loc>", crate::escape::xml(&paths::absolute(base, dir)));
            if variants.len() > 1 {
                for (locale, alt) in variants {
                    let _ = writeln!(
                        out,
                        "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                        crate::escape::xml(locale),
                        crate::escape::xml(&paths::absolute(base, alt))
                    );
                }
                if let Some(default) = variants.get(site.default_locale()) {
                    let _ = writeln!(
                        out,
                        "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>",
                        crate::escape::xml(&paths::absolute(base, default))
                    );
                }
            }
            out.push_str("  </url>\n");
        }
    }
    out.push_str("</urlset>\n");
    out
}
