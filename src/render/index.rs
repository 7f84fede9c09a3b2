//! What the help center publishes and how its pages link: `Published` (which pages, by
//! position in `site.pages`), `Index` (the published guides and sections, with their
//! folders) and a page's body rendered with its links resolved. The help center, the search
//! index and the sitemap read it.

use std::collections::{BTreeMap, HashMap};

use super::channel::RenderContext;
use super::markdown::{self, Resolver};
use super::view;
use crate::model::links;
use crate::model::{Page, PageKind, Site, Style, paths};

/// Which pages the help center publishes, by position in `site.pages`. Built once per site;
/// `serve` keeps it between one-guide rebuilds, which never change what is published.
#[derive(Debug, Clone, Default)]
pub struct Published {
    /// Published guides (not drafts, tier included, in the help channel).
    guides: Vec<usize>,
    /// (folder, locale) pairs that get a section page, with the section's tier.
    sections: BTreeMap<(String, String), String>,
    /// Per page of the site: whether it is a published guide.
    by_page: Vec<bool>,
    /// (locale, tier) → folder → published guides of that tier directly in it, in list order.
    by_folder: HashMap<(String, String), HashMap<String, Vec<usize>>>,
}

impl Published {
    pub fn build(ctx: &RenderContext) -> Self {
        let site = ctx.site;
        let published: Vec<bool> = site
            .pages
            .iter()
            .map(|p| p.kind == PageKind::Guide && !p.draft && ctx.tier_included(&p.tier) && p.in_channel("help"))
            .collect();
        let guides: Vec<usize> = (0..site.pages.len()).filter(|&i| published[i]).collect();
        let widest = site.config.widest_tier();
        let mut sections = BTreeMap::new();
        let mut by_folder: HashMap<(String, String), HashMap<String, Vec<usize>>> = HashMap::new();
        for &i in &guides {
            let g = &site.pages[i];
            if let Some(folder) = g.parent_path() {
                let key = (g.locale.clone(), g.tier.clone());
                by_folder.entry(key).or_default().entry(folder.to_string()).or_default().push(i);
            }
            // Folders without `_index.md` get a section page from their public guides only.
            let mut folder = g.parent_path().filter(|_| g.tier == widest);
            while let Some(f) = folder {
                if sections.insert((f.to_string(), g.locale.clone()), widest.to_string()).is_some() {
                    break; // its parents are in already
                }
                folder = paths::parent_folder(f);
            }
        }
        // A section page is published in its own tier; the home page is always the widest
        // tier's (a narrower root `_index.md` narrows every page, not the home page).
        for p in site.pages.iter().filter(|p| p.kind == PageKind::Section && !p.draft && ctx.tier_included(&p.tier)) {
            if !p.path.is_empty() || p.tier == widest {
                sections.insert((p.path.clone(), p.locale.clone()), p.tier.clone());
            }
        }
        sections.insert((String::new(), site.default_locale().to_string()), widest.to_string());
        for list in by_folder.values_mut().flat_map(HashMap::values_mut) {
            sort_list(site, list);
        }
        Published { guides, sections, by_page: published, by_folder }
    }

    /// Page `i` was replaced by a version in the same place (`serve`): its title, and so its
    /// folder's list order, may have changed.
    pub fn retitled(&mut self, site: &Site, i: usize) {
        let page = &site.pages[i];
        let key = (page.locale.clone(), page.tier.clone());
        let list = page.parent_path().and_then(|f| self.by_folder.get_mut(&key).and_then(|m| m.get_mut(f)));
        if let Some(list) = list {
            sort_list(site, list);
        }
    }
}

/// Guides of a list in reading order: by weight, then title.
fn sort_list(site: &Site, list: &mut [usize]) {
    list.sort_by(|&a, &b| {
        let (a, b) = (&site.pages[a], &site.pages[b]);
        (a.weight.unwrap_or(0), &a.title.value).cmp(&(b.weight.unwrap_or(0), &b.title.value))
    });
}

/// What the help center publishes, over the site it was built from.
pub struct Index<'a> {
    pub site: &'a Site,
    /// Published guides (not drafts, tier included, in the help channel).
    pub guides: Vec<&'a Page>,
    /// (folder, locale) pairs that get a section page, with the section's tier.
    pub sections: &'a BTreeMap<(String, String), String>,
    published: &'a Published,
}

impl<'a> Index<'a> {
    /// `published` must have been built from `site` (or kept in step with it).
    pub fn new(site: &'a Site, published: &'a Published) -> Self {
        let guides = published.guides.iter().map(|&i| &*site.pages[i]).collect();
        Index { site, guides, sections: &published.sections, published }
    }

    /// The published guide at `path` in `locale`.
    pub fn is_guide(&self, path: &str, locale: &str) -> Option<&'a Page> {
        let i = self.site.page_index(path, locale)?;
        self.published.by_page.get(i).copied().unwrap_or(false).then(|| &*self.site.pages[i])
    }

    /// The folder of the page at `path` in `locale`, or in the default locale when there is no
    /// translation.
    pub fn dir_of(&self, path: &str, locale: &str) -> Option<String> {
        let site = self.site;
        for l in [locale, site.default_locale()] {
            if let Some(g) = self.is_guide(path, l) {
                return Some(view::page_dir(site, g));
            }
            if let Some(dir) = self.section_dir(path, l) {
                return Some(dir);
            }
        }
        None
    }

    /// The tier of the section page of `path` in `locale`, if it has one.
    pub fn section_tier(&self, path: &str, locale: &str) -> Option<&'a str> {
        self.sections.get(&(path.to_string(), locale.to_string())).map(String::as_str)
    }

    /// The folder of the section page of `path` in `locale`, if it has one.
    pub fn section_dir(&self, path: &str, locale: &str) -> Option<String> {
        self.section_tier(path, locale).map(|t| view::section_dir(self.site, t, path, locale))
    }

    /// A section's title: its `_index` page's when that is of the section page's own tier.
    pub fn section_title(&self, path: &str, locale: &str) -> String {
        match self.site.published(path, locale) {
            Some(p) if p.kind == PageKind::Section && self.section_tier(path, locale) == Some(p.tier.as_str()) => {
                p.title.value.clone()
            }
            _ if path.is_empty() => self.site.config.title(locale).to_string(),
            _ => view::humanize(path.rsplit('/').next().unwrap_or(path)),
        }
    }

    /// Published guides of `tier` directly in `folder`, in list order.
    pub fn guides_in(&self, folder: &str, locale: &str, tier: &str) -> Vec<&'a Page> {
        let list = self.published.by_folder.get(&(locale.to_string(), tier.to_string())).and_then(|f| f.get(folder));
        list.map_or_else(Vec::new, |l| l.iter().map(|&i| &*self.site.pages[i]).collect())
    }

    /// Sections of `tier` directly in `folder` (a page never lists a narrower section).
    pub fn subsections(&self, folder: &str, locale: &str, tier: &str) -> Vec<&str> {
        self.sections
            .iter()
            .filter(|((p, l), t)| l == locale && *t == tier && paths::parent_folder(p) == Some(folder))
            .map(|((p, _), _)| p.as_str())
            .collect()
    }
}

/// Resolves facts and links for one page.
struct PageResolver<'a> {
    index: &'a Index<'a>,
    locale: &'a str,
    dir: &'a str,
    /// The page's source folder under `content/` (for relative `.md` links).
    source_dir: &'a str,
}

impl Resolver for PageResolver<'_> {
    fn fact(&self, name: &str) -> Option<String> {
        self.index.site.render_fact(name, self.locale, Style::Html)
    }

    fn link(&self, dest: &str) -> String {
        resolve_link(self.index, self.locale, self.dir, self.source_dir, dest)
    }

    fn glossary(&self) -> Vec<(&str, &str)> {
        self.index
            .site
            .glossary
            .iter()
            .filter_map(|g| g.explanations.get(self.locale).map(|e| (g.term.as_str(), e.value.as_str())))
            .collect()
    }

    fn max_page_bytes(&self) -> usize {
        self.index.site.config.limits.page_bytes()
    }
}

/// A menu link as an absolute path under the site's base path (for the 404 page).
pub fn resolve_absolute(index: &Index, locale: &str, base: &str, dest: &str) -> String {
    let links::Link::Site { path, locale: wanted, fragment } = links::classify(index.site, dest, "") else {
        return dest.to_string();
    };
    let frag = fragment.map(|f| format!("#{f}")).unwrap_or_default();
    match index.dir_of(&path, wanted.as_deref().unwrap_or(locale)) {
        Some(dir) => format!("{base}{dir}{frag}"),
        None => dest.to_string(),
    }
}

/// Turn a content link into a relative URL. Unknown targets are written as given (the
/// `broken-link` check reports them).
pub fn resolve_link(index: &Index, locale: &str, dir: &str, source_dir: &str, dest: &str) -> String {
    let links::Link::Site { path, locale: wanted, fragment } = links::classify(index.site, dest, source_dir) else {
        return dest.to_string();
    };
    let frag = fragment.map(|f| format!("#{f}")).unwrap_or_default();
    if let Some(target_dir) = index.dir_of(&path, wanted.as_deref().unwrap_or(locale)) {
        return paths::relative_page(dir, &target_dir) + &frag;
    }
    if index.site.static_files.contains(&path) {
        return paths::relative(dir, &path) + &frag;
    }
    dest.to_string()
}

pub fn body(index: &Index, page: &Page, dir: &str) -> markdown::Rendered {
    let resolver = PageResolver { index, locale: &page.locale, dir, source_dir: links::source_dir(page) };
    markdown::render(page.body(), &resolver, index.site.config.markdown.unsafe_html)
}
