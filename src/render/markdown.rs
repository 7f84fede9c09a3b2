//! Markdown → HTML with pulldown-cmark, filtered for safety: raw HTML is shown as text unless
//! the site opts in, links keep only safe schemes, facts are filled in from sentinels (so
//! content never runs template code), and headings get stable, unique ids.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::model::interp;
use crate::model::slug::IdAllocator;
use crate::model::terms::{explained_in_text, find_term};

/// A heading of the rendered page (for "On this page").
#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
}

/// What the renderer needs from its page: fact values and link targets.
pub trait Resolver {
    /// The rendered value of a placeholder name, `None` when unknown.
    fn fact(&self, name: &str) -> Option<String>;
    /// The URL to write for a link destination written in content (already scheme-checked).
    fn link(&self, dest: &str) -> String;
    /// Glossary terms of the page's locale with their plain explanation.
    fn glossary(&self) -> Vec<(&str, &str)> {
        Vec::new()
    }
    /// Put before every heading id, for pages that hold several bodies (print all).
    fn id_prefix(&self) -> String {
        String::new()
    }
    /// The page budget (`limits.max_page_bytes`): facts are filled in up to about this many
    /// bytes, so a page that would expand past it fails at the budget without being built
    /// whole in memory first.
    fn max_page_bytes(&self) -> usize {
        usize::MAX
    }
}

/// Split a text event at the first unexplained glossary term: the term in `<dfn>`, then its
/// explanation — unless the writer already explained it in brackets right after.
fn gloss(text: &str, terms: &[(&str, &str)], explained: &mut [bool], out: &mut Vec<Event>) {
    let mut rest = text;
    loop {
        let next = terms
            .iter()
            .enumerate()
            .filter(|(i, _)| !explained[*i])
            .filter_map(|(i, (t, e))| find_term(rest, t).map(|r| (r, i, *e)))
            .min_by_key(|(r, _, _)| r.start);
        let Some((range, i, explanation)) = next else { break };
        explained[i] = true;
        if explained_in_text(&rest[range.end..]) {
            continue;
        }
        out.push(Event::Text(CowStr::from(rest[..range.start].to_string())));
        out.push(Event::Html(CowStr::from("<dfn>")));
        out.push(Event::Text(CowStr::from(rest[range.clone()].to_string())));
        let cjk = explanation.chars().any(crate::model::script::is_cjk);
        let (open, close) = if cjk { ("（", "）") } else { (" (", ")") };
        out.push(Event::Html(CowStr::from(format!("</dfn><span class=\"gloss\">{open}"))));
        out.push(Event::Text(CowStr::from(explanation.to_string())));
        out.push(Event::Html(CowStr::from(format!("{close}</span>"))));
        rest = &rest[range.end..];
    }
    out.push(Event::Text(CowStr::from(rest.to_string())));
}

/// Is this link destination allowed? `http(s):`, `mailto:`, `tel:` and scheme-less targets.
pub fn safe_url(dest: &str) -> bool {
    let d = dest.trim_start_matches(|c: char| c.is_whitespace() || c.is_control());
    let scheme_end = d.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')));
    match scheme_end {
        Some(i) if i > 0 && d[i..].starts_with(':') => {
            let scheme = d[..i].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel")
        }
        _ => true,
    }
}

/// Footnotes numbered in order of first mention, as pulldown-cmark numbers them, with ids of
/// our own: `footnote--<n>` (after the page's id prefix). pulldown-cmark would use the label
/// as written, which may hold spaces, repeat a heading's id or another sheet's.
#[derive(Default)]
struct Footnotes {
    /// Labels in numbering order, with whether their definition was written out yet.
    labels: Vec<(String, bool)>,
}

impl Footnotes {
    fn number(&mut self, label: &str) -> usize {
        if let Some(i) = self.labels.iter().position(|(l, _)| l == label) {
            return i + 1;
        }
        self.labels.push((label.to_string(), false));
        self.labels.len()
    }

    /// A footnote event as our own HTML; any other event unchanged.
    fn event<'a>(&mut self, event: Event<'a>, id_prefix: &str) -> Event<'a> {
        match event {
            Event::FootnoteReference(label) => self.reference(&label, id_prefix),
            Event::Start(Tag::FootnoteDefinition(label)) => self.definition(&label, id_prefix),
            Event::End(TagEnd::FootnoteDefinition) => Event::Html(CowStr::from("</div>\n")),
            other => other,
        }
    }

    fn reference(&mut self, label: &str, id_prefix: &str) -> Event<'static> {
        let n = self.number(label);
        let html = format!("<sup class=\"footnote-reference\"><a href=\"#{id_prefix}footnote--{n}\">{n}</a></sup>");
        Event::InlineHtml(CowStr::from(html))
    }

    /// The opening of a definition; a label defined twice gets its id only once.
    fn definition(&mut self, label: &str, id_prefix: &str) -> Event<'static> {
        let n = self.number(label);
        let first = !std::mem::replace(&mut self.labels[n - 1].1, true);
        let id = if first { format!(" id=\"{id_prefix}footnote--{n}\"") } else { String::new() };
        let html = format!("<div class=\"footnote-definition\"{id}><sup class=\"footnote-definition-label\">{n}</sup>");
        Event::Html(CowStr::from(html))
    }
}

fn is_footnote(event: &Event) -> bool {
    matches!(
        event,
        Event::FootnoteReference(_) | Event::Start(Tag::FootnoteDefinition(_)) | Event::End(TagEnd::FootnoteDefinition)
    )
}

fn is_comment(html: &str) -> bool {
    let t = html.trim();
    t.starts_with("<!--") && t.ends_with("-->")
}

/// A body heading's level: the page title is the one `h1`, so `#` becomes `h2`, and a heading
/// more than one level below the last one moves up (`h2` then `h6` is `h3`).
fn body_level(level: HeadingLevel, last: &mut usize) -> HeadingLevel {
    *last = (level as usize).clamp(2, *last + 1);
    HeadingLevel::try_from(*last).unwrap_or(HeadingLevel::H6)
}

/// A heading being collected: its level, its custom id (`{#id}`) and the events inside it.
type OpenHeading<'e> = (HeadingLevel, Option<String>, Vec<Event<'e>>);

/// The filter between pulldown-cmark's events and the HTML writer: it fills in facts, drops
/// unsafe links and raw HTML, explains glossary terms and numbers headings and footnotes.
struct Filter<'r, 'e> {
    resolver: &'r dyn Resolver,
    protected: &'r interp::Protected,
    unsafe_html: bool,
    terms: &'r [(&'r str, &'r str)],
    /// Per glossary term: whether the page explained it already.
    explained: Vec<bool>,
    ids: IdAllocator,
    id_prefix: String,
    headings: Vec<Heading>,
    events: Vec<Event<'e>>,
    /// For each open link/image: whether it was dropped.
    link_stack: Vec<bool>,
    heading: Option<OpenHeading<'e>>,
    in_table: bool,
    footnotes: Footnotes,
    last_level: usize,
}

impl<'r, 'e> Filter<'r, 'e> {
    fn new(
        resolver: &'r dyn Resolver,
        protected: &'r interp::Protected,
        terms: &'r [(&'r str, &'r str)],
        unsafe_html: bool,
    ) -> Self {
        Filter {
            resolver,
            protected,
            unsafe_html,
            terms,
            explained: vec![false; terms.len()],
            ids: IdAllocator::default(),
            id_prefix: resolver.id_prefix(),
            headings: Vec::new(),
            events: Vec::new(),
            link_stack: Vec::new(),
            heading: None,
            in_table: false,
            footnotes: Footnotes::default(),
            last_level: 1,
        }
    }

    fn fill(&self, s: &str, literal: bool) -> String {
        self.protected.fill(s, literal)
    }

    /// Take one event from the parser: filtered, into the open heading or the page.
    fn push(&mut self, event: Event<'e>) {
        let Some(event) = self.filter(event) else { return };
        match &mut self.heading {
            Some((_, _, inner)) => inner.push(event),
            None => self.events.push(event),
        }
    }

    /// The event to write for `event`, or `None` when it was dropped or already written.
    fn filter(&mut self, event: Event<'e>) -> Option<Event<'e>> {
        Some(match event {
            Event::Start(Tag::Table(_)) | Event::End(TagEnd::Table) => {
                self.in_table = matches!(event, Event::Start(_));
                event
            }
            Event::Text(t) if self.glosses() => {
                gloss(&self.fill(&t, false), self.terms, &mut self.explained, &mut self.events);
                return None;
            }
            Event::Text(t) => Event::Text(CowStr::from(self.fill(&t, false))),
            Event::Code(t) => Event::Code(CowStr::from(self.fill(&t, true))),
            Event::Html(h) | Event::InlineHtml(h) if !self.unsafe_html => {
                if is_comment(&h) {
                    return None;
                }
                Event::Text(CowStr::from(self.fill(&h, true)))
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let keep = safe_url(&dest_url);
                self.link_stack.push(keep);
                if !keep {
                    return None;
                }
                let dest = CowStr::from(self.resolver.link(&self.fill(&dest_url, true)));
                Event::Start(Tag::Link { link_type, dest_url: dest, title, id })
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let keep = safe_url(&dest_url) && !dest_url.trim_start().to_ascii_lowercase().starts_with("mailto:");
                self.link_stack.push(keep);
                let dest = if keep { CowStr::from(self.resolver.link(&dest_url)) } else { CowStr::from("") };
                Event::Start(Tag::Image { link_type, dest_url: dest, title, id })
            }
            Event::End(TagEnd::Link) => {
                if !self.link_stack.pop().unwrap_or(true) {
                    return None;
                }
                Event::End(TagEnd::Link)
            }
            Event::End(TagEnd::Image) => {
                self.link_stack.pop();
                Event::End(TagEnd::Image)
            }
            e if is_footnote(&e) => self.footnotes.event(e, &self.id_prefix),
            Event::Start(Tag::Heading { level, id, .. }) => {
                self.heading = Some((level, id.map(|i| i.to_string()), Vec::new()));
                return None;
            }
            Event::End(TagEnd::Heading(level)) => {
                self.close_heading(level);
                return None;
            }
            other => other,
        })
    }

    /// Whether a text event here gets its glossary terms explained: prose outside headings,
    /// links and tables, on a page with a glossary.
    fn glosses(&self) -> bool {
        self.heading.is_none() && self.link_stack.is_empty() && !self.in_table && !self.terms.is_empty()
    }

    /// Write the open heading at its body level, with a unique id, and list it.
    fn close_heading(&mut self, level: HeadingLevel) {
        let Some((_, custom, inner)) = self.heading.take() else { return };
        let level = body_level(level, &mut self.last_level);
        let plain: String = inner
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        let id = self.id_prefix.clone() + &self.ids.next_id(custom.as_deref().unwrap_or(&plain));
        self.headings.push(Heading { level: level as u8, id: id.clone(), text: plain });
        self.events.push(Event::Start(Tag::Heading {
            level,
            id: Some(CowStr::from(id)),
            classes: vec![],
            attrs: vec![],
        }));
        self.events.extend(inner);
        self.events.push(Event::End(TagEnd::Heading(level)));
    }
}

/// Render `body` to HTML.
pub fn render(body: &str, resolver: &dyn Resolver, unsafe_html: bool) -> Rendered {
    // Control characters never reach the output (`control-character` says where they are).
    let body = crate::model::controls::strip(body);
    let mut protected = interp::protect(&body, &|name| resolver.fact(name));
    protected.limit(resolver.max_page_bytes());
    let terms = resolver.glossary();
    let mut filter = Filter::new(resolver, &protected, &terms, unsafe_html);
    for event in Parser::new_ext(&protected.text, crate::model::links::MARKDOWN_OPTIONS) {
        filter.push(event);
    }
    let mut html = String::with_capacity(protected.text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, filter.events.into_iter());
    Rendered { html, headings: filter.headings }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct R;
    impl Resolver for R {
        fn fact(&self, name: &str) -> Option<String> {
            (name == "er.triage").then(|| "10–30 minutes".to_string())
        }
        fn link(&self, dest: &str) -> String {
            format!("resolved:{dest}")
        }
    }

    #[test]
    fn filters_and_fills() {
        let md = "# Wait {{ er.triage }}\n\nTriage takes {{ er.triage }}. `{{ er.triage }}`\n\n<script>alert(1)</script>\n\n<!-- upfront-ignore x -->\n\n[x](javascript:alert(1)) [y]( JaVaScRiPt:alert(1)) [z](<\tjavascript:alert(1)>) [ok](/emergency/visit/)\n\n## Wait\n## Wait\n";
        let r = render(md, &R, false);
        assert!(r.html.contains("<h2 id=\"wait-10-30-minutes\">Wait 10–30 minutes</h2>"), "{}", r.html);
        assert!(r.html.contains("Triage takes 10–30 minutes."));
        assert!(r.html.contains("<code>{{ er.triage }}</code>"));
        assert!(r.html.contains("&lt;script&gt;"), "{}", r.html);
        assert!(!r.html.contains("upfront-ignore"));
        let lower = r.html.to_lowercase();
        assert!(lower.split("href=\"").skip(1).all(|h| !h.trim_start().starts_with("javascript")), "{}", r.html);
        assert!(!lower.contains("<a href=\"javascript"), "{}", r.html);
        assert!(r.html.contains("href=\"resolved:/emergency/visit/\""));
        assert!(r.html.contains("id=\"wait\"") && r.html.contains("id=\"wait-2\""));
        let unsafe_r = render("<b>x</b>", &R, true);
        assert!(unsafe_r.html.contains("<b>x</b>"));
    }

    struct G;
    impl Resolver for G {
        fn fact(&self, _: &str) -> Option<String> {
            None
        }
        fn link(&self, dest: &str) -> String {
            dest.to_string()
        }
        fn glossary(&self) -> Vec<(&str, &str)> {
            vec![
                ("triage", "a nurse checks how urgent it is"),
                ("分诊", "护士判断紧急程度"),
                ("acuity", "<b>how urgent</b>"),
            ]
        }
    }

    #[test]
    fn glossary_terms_are_explained_once() {
        let r = render(
            "# Triage\n\nTriage happens first. Then triage again. 分诊很快。\n\n[triage](/x/) acuity (already explained).",
            &G,
            false,
        );
        assert!(r.html.contains("<h2 id=\"triage\">Triage</h2>"), "{}", r.html);
        assert!(r.html.contains("<p><dfn>Triage</dfn><span class=\"gloss\"> (a nurse checks how urgent it is)</span> happens first. Then triage again. <dfn>分诊</dfn><span class=\"gloss\">（护士判断紧急程度）</span>"), "{}", r.html);
        assert!(!r.html.contains("&lt;b&gt;how urgent") && !r.html.contains("<b>how"), "{}", r.html);
    }

    /// `broken-link` checks anchors against `model::links::heading_ids`; it must give the ids
    /// this renderer writes.
    #[test]
    fn heading_ids_agree_with_the_link_checker() {
        let body = "# Wait {{ er.triage }}\n\n## Wait\n\n## Wait\n\n### `code` *em* <b>x</b>\n\n## Custom {#mine}\n\n## 分诊 Triázs\n\nText\n\n## <!-- c --> Note\n";
        let rendered: Vec<String> = render(body, &R, false).headings.into_iter().map(|h| h.id).collect();
        let fact = |name: &str| R.fact(name);
        assert_eq!(rendered, crate::model::links::heading_ids(body, &fact, false));
        assert_eq!(rendered.len(), 7);
    }

    #[test]
    fn url_schemes() {
        assert!(safe_url("https://x.example"));
        assert!(safe_url("tel:+15550100"));
        assert!(safe_url("../a.md#b"));
        assert!(!safe_url(" javascript:alert(1)"));
        assert!(!safe_url("data:text/html,x"));
        assert!(!safe_url("vbscript:x"));
    }
}
