//! Content links, as the help center resolves them: site-absolute guide paths
//! (`/emergency/visit/`, in the page's locale when translated, else the default locale),
//! relative `.md` paths, `#anchors` and static files. Also the heading ids a page gets, by the
//! renderer's rule. Pure functions over the model; no I/O. Used by `broken-link` and
//! `tier-leak`.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::slug::{IdAllocator, slugify};
use super::{Page, Site, Style, interp};

/// The Markdown extensions content is parsed with (the renderer's).
pub const MARKDOWN_OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_HEADING_ATTRIBUTES);

/// What a link destination written in content names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// A URL with a scheme, `//host`, or a relative path that is not `.md`: not resolved.
    External,
    /// `#anchor` on the same page (still percent-encoded as written).
    SamePage { fragment: String },
    /// A guide, section or static file: `path` is slugged and has no slashes at either end.
    Site { path: String, locale: Option<String>, fragment: Option<String> },
}

/// The page's folder under `content/` (for relative `.md` links).
pub fn source_dir(page: &Page) -> &str {
    let rel = page.source.path.strip_prefix("content/").unwrap_or(&page.source.path);
    rel.rsplit_once('/').map_or("", |(d, _)| d)
}

/// Join a relative path onto a folder, resolving `.` and `..`.
pub fn join(folder: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Classify a link destination written on a page whose source folder is `source_dir`.
pub fn classify(site: &Site, dest: &str, source_dir: &str) -> Link {
    let dest = dest.trim();
    if let Some(fragment) = dest.strip_prefix('#') {
        return Link::SamePage { fragment: fragment.to_string() };
    }
    if dest.starts_with("//") || dest.contains(':') || dest.is_empty() {
        return Link::External;
    }
    let (path_part, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (dest, None),
    };
    if let Some(md) = path_part.strip_suffix(".md") {
        let joined = if md.starts_with('/') { md.trim_start_matches('/').to_string() } else { join(source_dir, md) };
        let (stem, locale) = match joined.rsplit_once('.') {
            Some((p, l)) if site.config.locales.contains_key(l) && !l.contains('/') => (p.to_string(), Some(l.into())),
            _ => (joined, None),
        };
        let segs: Vec<String> = stem.split('/').filter(|s| !s.is_empty() && *s != "_index").map(slugify).collect();
        return Link::Site { path: segs.join("/"), locale, fragment };
    }
    if path_part.starts_with('/') {
        // A URL path as the help center writes it (`/zh/emergency/visit/`, `/vip/zh/…`): the
        // tier and locale folders name no content, so they are read, not resolved.
        let mut path = path_part.trim_matches('/');
        if let Some((first, rest)) = path.split_once('/') {
            if first != site.config.widest_tier() && site.config.tier_names().contains(&first) {
                path = rest;
            }
        }
        let mut locale = None;
        let first = path.split('/').next().unwrap_or("");
        if first != site.default_locale() && site.config.locales.contains_key(first) {
            locale = Some(first.to_string());
            path = path[first.len()..].trim_start_matches('/');
        }
        let path = path.strip_suffix("/index.html").or_else(|| path.strip_suffix("index.html")).unwrap_or(path);
        return Link::Site { path: path.trim_matches('/').to_string(), locale, fragment };
    }
    Link::External
}

/// What a site link resolves to.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    /// A written guide or section (in the locale it resolved to).
    Page(&'a Page),
    /// A folder of guides without an `_index.md`: it gets a section page with no headings.
    Folder,
    /// A file under `static/`.
    Static,
    Missing,
}

/// Does `path` name a folder that holds a published page in `locale` (or the root)?
fn is_folder(site: &Site, path: &str, locale: &str) -> bool {
    if path.is_empty() {
        return true;
    }
    // Pages are sorted by path: those under `path/` are one run, found by binary search.
    let prefix = format!("{path}/");
    let start = site.pages.partition_point(|p| p.path.as_str() < prefix.as_str());
    site.pages[start..].iter().take_while(|p| p.path.starts_with(&prefix)).any(|p| p.locale == locale && !p.draft)
}

/// The widest tier of the published pages under folder `path` in `locale` (a link to a folder
/// without `_index.md` shows those pages).
pub fn folder_tier<'a>(site: &'a Site, path: &str, locale: &str) -> Option<&'a str> {
    let prefix = format!("{path}/");
    let start = site.pages.partition_point(|p| p.path.as_str() < prefix.as_str());
    site.pages[start..]
        .iter()
        .take_while(|p| p.path.starts_with(&prefix))
        .filter(|p| p.locale == locale && !p.draft)
        .map(|p| p.tier.as_str())
        .min_by_key(|t| site.config.tier_rank(t))
}

/// Resolve a site link's path: in `locale` (the explicit one of a `.md` link, else the
/// page's own), else in the default locale; then a static file. The page lookup is given:
/// a run that resolves every link of the site keeps a hash index of the pages
/// (`page(path, locale)` must answer as `Site::page` does).
pub fn resolve_in<'a>(
    site: &'a Site,
    path: &str,
    locale: &str,
    page: &dyn Fn(&str, &str) -> Option<&'a Page>,
) -> Target<'a> {
    for l in [locale, site.default_locale()] {
        if let Some(p) = page(path, l).filter(|p| !p.draft) {
            return Target::Page(p);
        }
        if is_folder(site, path, l) {
            return Target::Folder;
        }
    }
    if site.static_files.iter().any(|f| f == path) { Target::Static } else { Target::Missing }
}

/// Decode `%XX` escapes (an anchor written `#ha-rosszabbul-%C3%A9rzi`); a `%` without two hex
/// digits stays as it is, and bytes that are not UTF-8 become U+FFFD.
pub fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// Every link and image destination in a Markdown body, with the byte span of the
/// destination as written (the whole link when it cannot be found, e.g. reference links).
pub fn body_links(body: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(body, MARKDOWN_OPTIONS).into_offset_iter() {
        let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = event else { continue };
        let written = &body[range.clone()];
        let span = match written.rfind(&*dest_url) {
            Some(i) if !dest_url.is_empty() => range.start + i..range.start + i + dest_url.len(),
            _ => reference_span(body, &dest_url).unwrap_or(range),
        };
        out.push((dest_url.to_string(), span));
    }
    out
}

/// The span of `dest` in a reference definition (`[x]: dest`).
fn reference_span(body: &str, dest: &str) -> Option<Range<usize>> {
    if dest.is_empty() {
        return None;
    }
    let mut from = 0;
    while let Some(i) = body[from..].find(dest) {
        let at = from + i;
        if body[..at].trim_end_matches([' ', '<']).ends_with("]:") {
            return Some(at..at + dest.len());
        }
        from = at + dest.len();
    }
    None
}

/// The heading ids the help center gives a page body, in order: placeholders filled by
/// `fact` (code keeps them as written), `{#custom}` ids honoured, repeats numbered by
/// `IdAllocator`, raw HTML counted as text unless `unsafe_html`.
pub fn heading_ids(body: &str, fact: &dyn Fn(&str) -> Option<String>, unsafe_html: bool) -> Vec<String> {
    // Placeholders become sentinels first, as in the renderer, so Markdown cannot split them.
    let protected = interp::protect(body, fact);
    let fill = |s: &str, literal: bool| protected.fill(s, literal);

    let mut ids = IdAllocator::default();
    let mut out = Vec::new();
    let mut heading: Option<(Option<String>, String)> = None;
    for event in Parser::new_ext(&protected.text, MARKDOWN_OPTIONS) {
        match event {
            Event::Start(Tag::Heading { id, .. }) => heading = Some((id.map(|i| i.to_string()), String::new())),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((custom, plain)) = heading.take() {
                    out.push(ids.next_id(custom.as_deref().unwrap_or(&plain)));
                }
            }
            Event::Text(t) => {
                if let Some((_, plain)) = &mut heading {
                    plain.push_str(&fill(&t, false));
                }
            }
            Event::Code(t) => {
                if let Some((_, plain)) = &mut heading {
                    plain.push_str(&fill(&t, true));
                }
            }
            Event::Html(h) | Event::InlineHtml(h) if !unsafe_html => {
                let t = h.trim();
                let comment = t.starts_with("<!--") && t.ends_with("-->");
                if let Some((_, plain)) = heading.as_mut().filter(|_| !comment) {
                    plain.push_str(&fill(&h, true));
                }
            }
            _ => {}
        }
    }
    out
}

/// The heading ids of a page, with facts filled in for its locale as the help center does.
pub fn page_heading_ids(site: &Site, page: &Page) -> Vec<String> {
    let fact = |name: &str| site.render_fact(name, &page.locale, Style::Web);
    heading_ids(&super::controls::strip(page.body()), &fact, site.config.markdown.unsafe_html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_and_decodes() {
        assert_eq!(join("emergency", "../contact"), "contact");
        assert_eq!(join("emergency", "./waiting"), "emergency/waiting");
        assert_eq!(percent_decode("ha-rosszabbul-%C3%A9rzi"), "ha-rosszabbul-érzi");
        assert_eq!(percent_decode("100%-sure%2"), "100%-sure%2");
    }

    #[test]
    fn heading_ids_follow_the_renderer() {
        let fact = |name: &str| (name == "er.triage").then(|| "10–30 minutes".to_string());
        let md = "# Wait {{ er.triage }}\n\n## Wait\n## Wait\n\n## Custom {#My-Id}\n\n## `{{ er.triage }}` code\n\n## Ha rosszabbul érzi magát\n\n```\n# not a heading\n```\n";
        assert_eq!(
            heading_ids(md, &fact, false),
            ["wait-10-30-minutes", "wait", "wait-2", "my-id", "er-triage-code", "ha-rosszabbul-érzi-magát"]
        );
        assert_eq!(heading_ids("## A <b>b</b>\n", &fact, false), ["a-b-b-b"]);
        assert_eq!(heading_ids("## A <b>b</b>\n", &fact, true), ["a-b"]);
    }

    #[test]
    fn link_spans() {
        let body = "See [a](/x/#y \"t\") and [b][r] and ![i](/img.png).\n\n[r]: <../z.md>\n";
        let links = body_links(body);
        let got: Vec<(&str, &str)> = links.iter().map(|(d, s)| (d.as_str(), &body[s.clone()])).collect();
        assert_eq!(got, [("/x/#y", "/x/#y"), ("../z.md", "../z.md"), ("/img.png", "/img.png")]);
    }
}
