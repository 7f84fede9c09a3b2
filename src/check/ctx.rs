//! What every rule gets (`Ctx`): the site, today's date, the compiled word lists, the texts
//! outside guides, and what several rules share, computed once per run (hand-written
//! durations, each page's links); in a focused check, the pages to look at.

use rayon::prelude::*;

use super::text;
use crate::diag::Diagnostic;
use crate::model::links;
use crate::model::{Page, Site};

/// Hand-written durations of each text of a list.
type Found = Vec<Vec<text::waits::HandWritten>>;

/// What every rule gets.
pub struct Ctx<'a> {
    pub site: &'a Site,
    /// The date review and notice rules judge against (`--today`).
    pub today: jiff::civil::Date,
    /// The word lists of the locales the site extends (`checks.words`), compiled once.
    langs: std::collections::BTreeMap<String, text::words::Lang>,
    /// Published texts outside guides (notices, glossary explanations), in blocks.
    others: Vec<text::Prose<'a>>,
    /// Hand-written durations per page (aligned with `site.pages`), then per other text
    /// (aligned with `others`), found once for the two rules that judge them.
    hand_written: std::sync::OnceLock<(Found, Found)>,
    /// The pages checked (by index in `site.pages`), when not all: `upfront lsp` checks the
    /// page being typed and its translations this way, and the site-wide passes (notices,
    /// facts, glossary, screens) are skipped.
    focus: Option<Vec<bool>>,
    /// The links of each page's body (aligned with `site.pages`), parsed, classified and
    /// resolved on first use, once for `broken-link` and `tier-leak`.
    links: Vec<std::sync::OnceLock<Vec<BodyLink<'a>>>>,
    /// The pages by (path, locale), built on first use by `links`.
    page_index: std::sync::OnceLock<PageIndex<'a>>,
}

/// Every page by (path, locale): what `Site::page` answers, without its binary search over
/// scattered pages (most of the link resolution's time on a 10,000-guide site).
type PageIndex<'a> = std::collections::HashMap<(&'a str, &'a str), &'a Page>;

/// A link (or image) of a page body: its destination as written, the byte span of that
/// destination in the body, what it names and, for a site link, what it resolves to.
pub struct BodyLink<'a> {
    pub dest: String,
    pub span: std::ops::Range<usize>,
    pub link: links::Link,
    pub target: Option<links::Target<'a>>,
}

/// The links of `page`'s body, classified and resolved the way the help center does.
fn body_links<'a>(site: &'a Site, index: &PageIndex<'a>, page: &Page) -> Vec<BodyLink<'a>> {
    let dir = links::source_dir(page);
    let lookup = |path: &str, locale: &str| index.get(&(path, locale)).copied();
    let resolved = |(dest, span): (String, std::ops::Range<usize>)| {
        let link = links::classify(site, &dest, dir);
        let target = match &link {
            links::Link::Site { path, locale, .. } => {
                Some(links::resolve_in(site, path, locale.as_deref().unwrap_or(&page.locale), &lookup))
            }
            _ => None,
        };
        BodyLink { dest, span, link, target }
    };
    links::body_links(page.body()).into_iter().map(resolved).collect()
}

/// The texts outside guides that the text rules read: each notice (title and body, seen by the
/// widest tier of the guides it applies to) and each glossary explanation (every tier).
fn others(site: &Site) -> Vec<text::Prose<'_>> {
    let mut out = Vec::new();
    for n in &site.notices {
        let tier = text::notice_tier(site, n);
        out.push(text::Prose::other(&n.source.path, &n.locale, tier, text::notice_blocks(n)));
    }
    let widest = site.config.widest_tier();
    for g in &site.glossary {
        for (locale, t) in &g.explanations {
            out.push(text::Prose::other("glossary.yaml", locale, widest, vec![text::glossary_block(t)]));
        }
    }
    out
}

impl<'a> Ctx<'a> {
    pub fn new(site: &'a Site, today: jiff::civil::Date) -> Self {
        Ctx {
            site,
            today,
            langs: text::words::site_langs(site),
            others: others(site),
            hand_written: std::sync::OnceLock::new(),
            focus: None,
            links: site.pages.iter().map(|_| std::sync::OnceLock::new()).collect(),
            page_index: std::sync::OnceLock::new(),
        }
    }

    /// The links of the page at position `index` of `site.pages` (parsed on first use; an
    /// index out of range has none).
    pub fn links(&self, index: usize) -> &[BodyLink<'a>] {
        match (self.links.get(index), self.site.pages.get(index)) {
            (Some(cell), Some(page)) => cell.get_or_init(|| {
                let site = self.site;
                let index = self
                    .page_index
                    .get_or_init(|| site.pages.iter().map(|p| ((p.path.as_str(), p.locale.as_str()), &**p)).collect());
                body_links(site, index, page)
            }),
            _ => &[],
        }
    }

    /// A context that checks only `pages` (indices in `site.pages`) and skips the site-wide
    /// passes: see [`check_focused`].
    pub fn focused(site: &'a Site, today: jiff::civil::Date, pages: &[usize]) -> Self {
        let mut focus = vec![false; site.pages.len()];
        for &i in pages {
            if let Some(f) = focus.get_mut(i) {
                *f = true;
            }
        }
        Ctx {
            site,
            today,
            langs: text::words::site_langs(site),
            others: Vec::new(),
            hand_written: std::sync::OnceLock::new(),
            focus: Some(focus),
            links: site.pages.iter().map(|_| std::sync::OnceLock::new()).collect(),
            page_index: std::sync::OnceLock::new(),
        }
    }

    /// Whether every page is checked (false in a focused check, whose site-wide passes over
    /// notices, facts, the glossary and screens are skipped).
    pub fn whole_site(&self) -> bool {
        self.focus.is_none()
    }

    fn in_focus(&self, index: usize) -> bool {
        self.focus.as_ref().is_none_or(|f| f.get(index).copied().unwrap_or(false))
    }

    /// The pages the rules check: all of them, or the focused ones.
    pub fn pages(&self) -> impl Iterator<Item = &'a crate::model::Page> + '_ {
        let pages = self.site.pages.iter().enumerate();
        pages.filter(|(i, _)| self.in_focus(*i)).map(|(_, p)| p.as_ref())
    }

    /// [`Ctx::pages`] in parallel.
    pub fn par_pages(&self) -> impl ParallelIterator<Item = &'a crate::model::Page> + '_ {
        let pages = self.site.pages.par_iter().enumerate();
        pages.filter(|(i, _)| self.in_focus(*i)).map(|(_, p)| p.as_ref())
    }

    /// [`Ctx::par_pages`] with each page's index in `site.pages` (for [`Ctx::links`]).
    pub fn par_indexed(&self) -> impl ParallelIterator<Item = (usize, &'a crate::model::Page)> + '_ {
        let pages = self.site.pages.par_iter().enumerate();
        pages.filter(|(i, _)| self.in_focus(*i)).map(|(i, p)| (i, p.as_ref()))
    }

    /// The notices the rules check: none in a focused check.
    pub fn notices(&self) -> &'a [crate::model::Notice] {
        if self.whole_site() { &self.site.notices } else { &[] }
    }

    /// The word lists of `locale`: the built-in ones, extended by the site's `checks.words`.
    pub fn lang(&self, locale: &str) -> &text::words::Lang {
        self.langs.get(locale).unwrap_or_else(|| text::words::lang(locale))
    }

    /// The prose blocks of `page`. Parsed on each call: keeping them for all pages doubled
    /// the peak memory of a 10,000-guide check and saved no measurable time.
    pub fn blocks(&self, page: &crate::model::Page) -> Vec<text::Block> {
        text::blocks(page)
    }

    /// Run `f` over every published text the text rules read, in parallel: each page (parsed
    /// when `f` asks), then the notices and glossary explanations; collect what it finds.
    pub fn per_prose(&self, f: impl Fn(&text::Prose, &mut Vec<Diagnostic>) + Sync + Send) -> Vec<Diagnostic> {
        let run = |p: &text::Prose| {
            let mut out = Vec::new();
            f(p, &mut out);
            out
        };
        let pages = self.par_pages().flat_map_iter(|p| run(&text::Prose::page(p)));
        pages.chain(self.others.par_iter().flat_map_iter(run)).collect()
    }

    /// Every published text's file with its hand-written durations (computed in parallel on
    /// first use).
    pub fn hand_written(&self) -> impl ParallelIterator<Item = (&str, &[text::waits::HandWritten])> {
        let (pages, others) = self.hand_written.get_or_init(|| {
            let pages = self.site.pages.par_iter().enumerate().map(|(i, p)| {
                if self.in_focus(i) {
                    text::waits::hand_written(self.site, self.lang(&p.locale), &text::Prose::page(p))
                } else {
                    Vec::new()
                }
            });
            let others = self.others.par_iter().map(|o| text::waits::hand_written(self.site, self.lang(o.locale), o));
            (pages.collect(), others.collect())
        });
        let pages = self.site.pages.par_iter().map(|p| p.source.path.as_str()).zip(pages.par_iter().map(Vec::as_slice));
        let others = self.others.par_iter().map(|o| o.file).zip(others.par_iter().map(Vec::as_slice));
        pages.chain(others)
    }
}
