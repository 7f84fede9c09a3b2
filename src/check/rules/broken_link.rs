//! `broken-link`: an internal link in a Markdown body to a page, anchor or static file that
//! does not exist. Resolution is `model::links`, the help center's rule; no network.

use std::ops::Range;
use std::sync::OnceLock;

use rayon::prelude::*;

use crate::check::ctx::{BodyLink, Ctx};
use crate::check::rule::Rule;
use crate::diag::{Diagnostic, Level};
use crate::model::links::{self, Link, Target};
use crate::model::{Page, Site};
use crate::suggest::nearest;

pub static RULE: Rule = Rule {
    id: "broken-link",
    level: Level::Error,
    judges_text: true,
    summary: "an internal link to a missing page or anchor",
    doc: r"Finds links (and images) in guide and section bodies that point nowhere:

- a site-absolute guide path (`/emergency/visit/`) or a relative `.md` path
  (`waiting.md`, `../contact.hu.md`) that names no page, neither in the linking page's
  locale (or the `.md` file's locale) nor in the default locale;
- an `#anchor` that names no heading on the page the link resolves to, in the locale it
  resolves to. Heading ids are the renderer's: the heading text with facts filled in,
  slugged, `-2`, `-3` for repeats, `{#custom}` ids honoured. Percent-encoded anchors
  (`#ha-rosszabbul-%C3%A9rzi`) are decoded first;
- a site-absolute path that is neither a page, a folder of pages nor a file under
  `static/`;
- a link to a draft page (drafts are not published), unless the linking page is a draft.

External links (`https:`, `mailto:`, `tel:`, `//host`) are never checked, and neither are
relative links that are not `.md` files (they are written out as given).

**Why**: a dead link strands a worried reader mid-way through a process, and QR codes and
SMS links outlive the pages they point at.

**Bad**: `See [why you wait](/emergency/wait/#why-peple-wait).`

**Good**: `See [why you wait](/emergency/waiting/#why-people-wait).`

**Fix**: use the path or anchor the hint suggests; when a guide moved, add its old path to
the guide's `aliases:` and link to the new one.

**Settings**: none.",
    run,
};

/// Heading ids of each page (aligned with `site.pages`), computed on first use.
struct Ids<'a> {
    site: &'a Site,
    by_page: Vec<OnceLock<Vec<String>>>,
}

impl<'a> Ids<'a> {
    fn new(site: &'a Site) -> Self {
        Ids { site, by_page: site.pages.iter().map(|_| OnceLock::new()).collect() }
    }

    fn of(&self, page: &Page) -> &[String] {
        let site = self.site;
        match site.page_index(&page.path, &page.locale).and_then(|i| self.by_page.get(i)) {
            Some(cell) => cell.get_or_init(|| links::page_heading_ids(site, page)),
            None => &[],
        }
    }
}

fn finding(page: &Page, span: Range<usize>, message: String, hint: String) -> Diagnostic {
    RULE.finding(page.source.path.as_str(), Some(span), message).with_hint(hint)
}

/// A finding for `#fragment` when it names no heading in `ids`.
fn check_anchor(ids: &[String], fragment: &str, on: &str) -> Option<(String, String)> {
    let decoded = links::percent_decode(fragment);
    if ids.contains(&decoded) {
        return None;
    }
    let message = format!("`#{decoded}` names no heading on {on}");
    let hint = match nearest(&decoded, ids.iter().map(String::as_str)) {
        Some(best) => format!("did you mean `#{best}`?"),
        None if ids.is_empty() => "that page has no headings; link to the page itself".to_string(),
        None => format!("its headings are {}", ids.iter().map(|i| format!("`#{i}`")).collect::<Vec<_>>().join(", ")),
    };
    Some((message, hint))
}

/// The nearest existing page path (or static file) to `path`, as a site-absolute link.
fn nearest_path(site: &Site, path: &str) -> String {
    let pages = site.pages.iter().filter(|p| !p.draft).map(|p| p.path.as_str());
    match nearest(path, pages.chain(site.static_files.iter().map(String::as_str))) {
        Some(best) if site.static_files.iter().any(|f| f == best) => format!("did you mean `/{best}`?"),
        Some("") => "did you mean `/`?".to_string(),
        Some(best) => format!("did you mean `/{best}/`?"),
        None => "link to an existing guide path, e.g. `/emergency/visit/`, or a `.md` file".to_string(),
    }
}

fn check_link(site: &Site, page: &Page, link: &BodyLink, span: Range<usize>, ids: &Ids) -> Option<Diagnostic> {
    let dest = link.dest.as_str();
    match &link.link {
        Link::External => None,
        Link::SamePage { fragment } if fragment.is_empty() => None,
        Link::SamePage { fragment } => {
            check_anchor(ids.of(page), fragment, "this page").map(|(message, hint)| finding(page, span, message, hint))
        }
        Link::Site { path, locale, fragment } => {
            let want = locale.as_deref().unwrap_or(&page.locale);
            let fragment = fragment.as_deref().filter(|f| !f.is_empty());
            match link.target.unwrap_or(Target::Missing) {
                Target::Missing => {
                    let draft = [want, site.default_locale()].iter().any(|l| site.page(path, l).is_some());
                    if draft && page.draft {
                        return None;
                    }
                    let message = if draft {
                        format!("`{dest}` links to a draft page, which is not published")
                    } else {
                        format!("`{dest}` names no page or static file")
                    };
                    Some(finding(page, span, message, nearest_path(site, path)))
                }
                Target::Page(target) => {
                    let fragment = fragment?;
                    let on = format!("`/{}/` ({})", target.path, target.locale);
                    check_anchor(ids.of(target), fragment, on.replace("`//`", "`/`").as_str())
                        .map(|(message, hint)| finding(page, span, message, hint))
                }
                Target::Folder => fragment.map(|f| {
                    let message =
                        format!("`#{}` names no heading: `/{path}/` has no `_index.md`", links::percent_decode(f));
                    finding(page, span, message, "link to the folder itself, or to a guide in it".to_string())
                }),
                Target::Static => None,
            }
        }
    }
}

/// Every page's links, in parallel (the links are the ones `tier-leak` reads too: parsed and
/// resolved once per run, `Ctx::links`).
fn run(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let site = ctx.site;
    let ids = Ids::new(site);
    let found = ctx.par_indexed().flat_map_iter(|(i, page)| {
        let start = page.body_start;
        let found = ctx
            .links(i)
            .iter()
            .filter_map(|link| check_link(site, page, link, start + link.span.start..start + link.span.end, &ids));
        found.collect::<Vec<_>>()
    });
    out.par_extend(found);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_decoded_and_hinted() {
        let ids = vec!["ha-rosszabbul-érzi-magát".to_string(), "steps".to_string()];
        assert_eq!(check_anchor(&ids, "ha-rosszabbul-%C3%A9rzi-mag%C3%A1t", "x"), None);
        let (message, hint) = check_anchor(&ids, "step", "this page").unwrap_or_default();
        assert_eq!(message, "`#step` names no heading on this page");
        assert_eq!(hint, "did you mean `#steps`?");
        let (_, hint) = check_anchor(&[], "x", "this page").unwrap_or_default();
        assert!(hint.contains("no headings"));
    }
}
