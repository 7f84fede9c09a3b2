//! Section tiers: after every page of `content/` is read, a page's tier becomes the narrower of
//! its own `tier:` and its section's. The default locale's `_index.md` sets a section's tier
//! (a translation that says otherwise is `translation-drift`'s finding); a page may narrow
//! its section's tier, never widen it. Pure: no I/O.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::fs;
use crate::diag::Diagnostic;
use crate::model::{Config, Page, PageKind, paths};

/// Section folder → its resolved tier, from the default locale's `_index.md` files.
struct SectionTiers(BTreeMap<String, (String, String)>);

impl SectionTiers {
    /// The tier of `folder` and the file that sets it: its own `_index.md`, else the nearest
    /// folder above with one. `None`: no section above sets a tier (the widest applies).
    fn of(&self, folder: Option<&str>) -> Option<&(String, String)> {
        let mut f = folder;
        while let Some(path) = f {
            if let Some(t) = self.0.get(path) {
                return Some(t);
            }
            f = paths::parent_folder(path);
        }
        None
    }

    /// The folder a page inherits its tier from: a guide's folder, or a section's own folder
    /// (for its translations) or the folder above (for the default-locale `_index.md`).
    fn inherited(&self, page: &Page, config: &Config) -> Option<&(String, String)> {
        if page.kind == PageKind::Section && page.locale == config.default_locale {
            self.of(paths::parent_folder(&page.path))
        } else if page.kind == PageKind::Section {
            self.of(Some(&page.path))
        } else {
            self.of(page.parent_path())
        }
    }
}

/// Resolve every page's tier in place (`pages` sorted by path, so a section comes before the
/// sections under it). Pages that widen their section's tier get an error and the section's tier.
pub fn resolve(pages: &mut [Page], config: &Config) -> Vec<Diagnostic> {
    let mut sections = SectionTiers(BTreeMap::new());
    let mut diags = Vec::new();
    for page in pages.iter_mut().filter(|p| p.kind == PageKind::Section && p.locale == config.default_locale) {
        diags.extend(narrow(page, &sections, config));
        sections.0.insert(page.path.clone(), (page.tier.clone(), page.source.path.clone()));
    }
    for page in pages.iter_mut().filter(|p| !(p.kind == PageKind::Section && p.locale == config.default_locale)) {
        diags.extend(narrow(page, &sections, config));
    }
    diags
}

/// Resolve the tier of one page read again (`serve`) against the site's other pages.
pub fn resolve_one(page: &mut Page, site_pages: &[Arc<Page>], config: &Config) -> Option<Diagnostic> {
    let sections = SectionTiers(
        site_pages
            .iter()
            .filter(|p| p.kind == PageKind::Section && p.locale == config.default_locale)
            .map(|p| (p.path.clone(), (p.tier.clone(), p.source.path.clone())))
            .collect(),
    );
    narrow(page, &sections, config)
}

/// Give `page` its section's tier when that is narrower; an error when its own `tier:` is wider.
fn narrow(page: &mut Page, sections: &SectionTiers, config: &Config) -> Option<Diagnostic> {
    let (inherited, from) = sections.inherited(page, config)?;
    if config.tier_rank(inherited) <= config.tier_rank(&page.tier) {
        return None;
    }
    let own = std::mem::replace(&mut page.tier, inherited.clone());
    page.key_spans.contains_key("tier").then(|| {
        Diagnostic::error(
            fs::RULE,
            page.source.path.clone(),
            Some(page.key_span("tier")),
            format!("`tier: {own}` is wider than the tier of its section, `{inherited}` (set in {from})"),
        )
        .with_hint(format!(
            "remove `tier:` to use the section's tier, or name a tier at least as narrow as `{inherited}`"
        ))
    })
}
