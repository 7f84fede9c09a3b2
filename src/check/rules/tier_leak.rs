//! `tier-leak`: a published text (a page's fields, a notice, a fact label, a glossary
//! explanation) that mentions a perk, uses a fact or links to a page of a tier narrower than
//! its audience, and a waiting-room screen (always public) that lists a non-public guide.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use rayon::prelude::*;

use crate::check::ctx::{BodyLink, Ctx};
use crate::check::rule::Rule;
use crate::check::text::words::Mode;
use crate::diag::{Diagnostic, Level};
use crate::model::links::{self, Link, Target};
use crate::model::script::is_cjk;
use crate::model::terms::TermSet;
use crate::model::{Page, Site, Text, interp};

pub static RULE: Rule = Rule {
    id: "tier-leak",
    level: Level::Error,
    judges_text: true,
    summary: "a page mentions a perk, fact or page of a narrower tier",
    doc: r"Tiers are audiences, widest first (`public`, then e.g. `member`, `vip`). A page may
mention what its own tier and wider tiers offer, never what a narrower one does. A page's
tier is its own `tier:` or, without one, its section's (the nearest `_index.md` above it).
This rule finds, on a page of a wider tier:

- a **perk** of a narrower tier (`tiers.<tier>.perks` in `upfront.yaml`) in the title,
  summary, body, step titles, step texts or SMS text: the whole phrase, case-insensitively,
  across line breaks; Hungarian suffixes may follow on Hungarian pages (`VIP-várót`, `VIP-váróban`);
  Chinese perks match anywhere (`贵宾通道`). Code spans, code blocks, raw HTML and link
  URLs are not prose and are not searched;
- a **fact** whose `tier:` is narrower (`{{ callback.priority }}`, or a step's `wait:`);
- a **link** to a page of a narrower tier, or to a folder without `_index.md` whose pages
  are all of narrower tiers.

The same goes for every other text that is published, read with the widest tier that sees
it: a **notice**'s title and body (every tier's, unless all the guides in its `applies_to`
are narrower: then the widest of their tiers), a fact's **`label:`** (its fact's tier) and
**glossary** explanations (shown on pages of every tier).

It also finds a waiting-room screen (`channels.waiting-room.screens.<name>.guides`) that
lists a guide which is not of the widest tier: screens hang in public rooms.

**Why**: a perk advertised where other tiers see it sets an expectation the service will
not meet for them, and people judge a service by that gap.

**Bad** (a public page): `Members get a priority callback within {{ callback.priority }}.`

**Good**: `Members get extra services: ask at the desk.` (naming a tier is fine; its perks
are not).

**Fix**: move the sentence to a page of the narrower tier, or describe it without naming
the perk. A page that must compare tiers opts out with `ignore: [tier-leak]` and says why.

**Settings**: the tiers and their `perks` in `upfront.yaml`.",
    run,
};

/// A character that makes a word go on (so a match there is not a whole phrase).
fn is_word(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

fn same_letter(a: char, b: char) -> bool {
    a == b || a.to_lowercase().eq(b.to_lowercase())
}

/// Where `phrase` matches `text` starting at byte `at`: the end of the match.
fn match_at(text: &str, at: usize, phrase: &str) -> Option<usize> {
    let mut rest = text[at..].char_indices().peekable();
    let mut end = at;
    for p in phrase.chars() {
        if p.is_whitespace() {
            // One or more whitespace characters (a line break in a paragraph).
            let mut any = false;
            while let Some(&(i, c)) = rest.peek().filter(|(_, c)| c.is_whitespace()) {
                any = true;
                end = at + i + c.len_utf8();
                rest.next();
            }
            if !any {
                return None;
            }
            continue;
        }
        let (i, c) = rest.next()?;
        if !same_letter(c, p) {
            return None;
        }
        end = at + i + c.len_utf8();
    }
    Some(end)
}

/// Every match of `phrase` in `text` as a whole phrase (see the rule's doc); with
/// `suffixes`, letters may follow a phrase that ends in a letter (Hungarian).
///
/// Not the word lists' [`Lexicon`](crate::check::text::matcher::Lexicon) nor the glossary's
/// [`find_term`](crate::model::terms::find_term): a perk is a literal phrase, a hyphen or a
/// Chinese character before it is a boundary, its end is a word end in every locale, and case
/// is compared as `to_lowercase` sees it (`perks_match_unlike_word_lists_and_glossary_terms`).
pub fn find_phrase(text: &str, phrase: &str, suffixes: bool) -> Vec<Range<usize>> {
    let phrase = phrase.trim();
    let (Some(first), Some(last)) = (phrase.chars().next(), phrase.chars().last()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    for (at, c) in text.char_indices() {
        let boundary_ok = !(is_word(first) && prev.is_some_and(is_word));
        prev = Some(c);
        if !boundary_ok || !same_letter(c, first) {
            continue;
        }
        let Some(end) = match_at(text, at, phrase) else { continue };
        let next = text[end..].chars().next();
        let ends_ok = !is_word(last) || !next.is_some_and(is_word) || (suffixes && last.is_alphabetic());
        if ends_ok && out.last().is_none_or(|r: &Range<usize>| r.end <= at) {
            // A suffix belongs to the match: `VIP-váróban` is reported whole.
            let word_end = text[end..].find(|c: char| !is_word(c)).map_or(text.len(), |i| end + i);
            out.push(at..word_end);
        }
    }
    out
}

/// Byte ranges of a Markdown body that are not prose: code, raw HTML, link destinations
/// (`links`: the spans of the body's link destinations).
fn not_prose(body: &str, links: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut out = links;
    let mut block_start = None;
    for (event, range) in Parser::new_ext(body, links::MARKDOWN_OPTIONS).into_offset_iter() {
        match event {
            Event::Code(_) | Event::Html(_) | Event::InlineHtml(_) => out.push(range),
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock) => block_start = Some(range.start),
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock) => {
                out.extend(block_start.take().map(|s| s..range.end));
            }
            _ => {}
        }
    }
    out
}

fn overlaps(span: &Range<usize>, ranges: &[Range<usize>]) -> bool {
    ranges.iter().any(|r| r.start < span.end && span.start < r.end)
}

/// A published text's audience: the file it is in, its locale, the widest tier that sees it,
/// and the narrower tiers' perks it must not mention.
struct Checker<'a> {
    site: &'a Site,
    file: &'a str,
    /// How the locale's words match (a perk may carry suffixes in `stems` languages).
    mode: Mode,
    tier: &'a str,
    rank: usize,
    /// Where the text is shown, for the message ("on a `public` page").
    place: String,
    /// (perk, its tier) for every tier narrower than `tier`.
    perks: Vec<(&'a str, &'a str)>,
    /// The first word of every perk of the site, to skip texts that name none.
    perk_words: &'a TermSet,
    /// The fact ids narrower than each tier (by rank), for pages: see [`NarrowerIds`].
    narrower_ids: Option<&'a [NarrowerIds]>,
}

/// The ids of the facts narrower than one tier, to skip the `{{ }}` scan of a body that
/// names none of them (a placeholder's name holds its fact's id: `callback.priority.max`).
enum NarrowerIds {
    /// No fact is narrower: no body can name one.
    None,
    Some(aho_corasick::AhoCorasick),
    /// The matcher could not be built: scan every body.
    Unknown,
}

/// [`NarrowerIds`] for each tier rank of the site.
fn narrower_ids(site: &Site) -> Vec<NarrowerIds> {
    let ranked: Vec<(&str, usize)> = site
        .facts
        .iter()
        .filter_map(|(id, f)| Some((id.as_str(), site.config.tier_rank(f.tier.as_deref()?))))
        .collect();
    (0..site.config.tier_names().len())
        .map(|rank| {
            let ids: Vec<&str> = ranked.iter().filter(|(_, r)| *r > rank).map(|(id, _)| *id).collect();
            if ids.is_empty() {
                return NarrowerIds::None;
            }
            aho_corasick::AhoCorasick::new(ids).map_or(NarrowerIds::Unknown, NarrowerIds::Some)
        })
        .collect()
}

impl<'a> Checker<'a> {
    /// `mode`: how the text's locale matches words (`ctx.lang(locale).mode`).
    fn new(site: &'a Site, mode: Mode, perk_words: &'a TermSet, file: &'a str, tier: &'a str) -> Self {
        let rank = site.config.tier_rank(tier);
        let perks = site
            .config
            .tiers
            .iter()
            .filter(|(name, _)| site.config.tier_rank(name) > rank)
            .flat_map(|(name, t)| t.perks.iter().map(move |p| (p.as_str(), name.as_str())))
            .collect();
        let place = format!("on a `{tier}` page");
        Checker { site, file, mode, tier, rank, place, perks, perk_words, narrower_ids: None }
    }

    fn with_narrower_ids(self, ids: &'a [NarrowerIds]) -> Self {
        Checker { narrower_ids: Some(ids), ..self }
    }

    fn shown(self, place: String) -> Self {
        Checker { place, ..self }
    }

    fn push(&self, span: Range<usize>, message: String, hint: &str, out: &mut Vec<Diagnostic>) {
        out.push(RULE.finding(self.file, Some(span), message).with_hint(hint));
    }

    fn narrower(&self, tier: &str) -> bool {
        self.site.config.tier_rank(tier) > self.rank
    }

    /// Perks and facts in `text`, skipping `skip` ranges; `span_of` maps a range to the file.
    fn scan(
        &self,
        text: &str,
        skip: &[Range<usize>],
        span_of: &dyn Fn(Range<usize>) -> Range<usize>,
        out: &mut Vec<Diagnostic>,
    ) {
        let suffixes = self.mode == Mode::Stems;
        // Cheap test first: most texts name no perk at all.
        let perks = if self.perk_words.matches_any(text) { self.perks.as_slice() } else { &[] };
        for (perk, tier) in perks {
            for m in find_phrase(text, perk, suffixes).into_iter().filter(|m| !overlaps(m, skip)) {
                let written = text[m.clone()].split_whitespace().collect::<Vec<_>>().join(" ");
                let message = format!("mentions `{written}`, a perk of the `{tier}` tier, {}", self.place);
                self.push(
                    span_of(m),
                    message,
                    "move this to a page of that tier, or say what every tier gets (\"ask at the desk\")",
                    out,
                );
            }
        }
        if !text.contains("{{") {
            return;
        }
        for p in interp::scan(text).0.into_iter().filter(|p| !overlaps(&p.span, skip)) {
            let Some((fact, _)) = self.site.resolve_fact(&p.name) else { continue };
            if let Some(tier) = fact.tier.as_deref().filter(|t| self.narrower(t)) {
                let message = format!("uses `{}`, a fact of the `{tier}` tier, {}", fact.id, self.place);
                self.push(
                    span_of(p.name_span),
                    message,
                    "use a fact of this page's tier, or move the sentence to a page of that tier",
                    out,
                );
            }
        }
    }

    fn front(&self, t: &Text, out: &mut Vec<Diagnostic>) {
        self.scan(&t.value, &[], &|r| t.span_of(r), out);
    }

    /// A Markdown body that starts at byte `start` of the file. Code, HTML and link addresses
    /// are not prose; finding them needs a parse, done only when the body may name a perk or
    /// has a placeholder. `links` are the body's links when they are already known (a page's).
    fn body(&self, body: &str, start: usize, links: Option<&[BodyLink]>, out: &mut Vec<Diagnostic>) {
        if self.perk_words.matches_any(body) || self.names_narrower_fact(body) {
            let links = match links {
                Some(known) => known.iter().map(|l| l.span.clone()).collect(),
                None => links::body_links(body).into_iter().map(|(_, span)| span).collect(),
            };
            self.scan(body, &not_prose(body, links), &|r| start + r.start..start + r.end, out);
        }
    }

    /// Whether `text` has a placeholder of a narrower tier's fact (before the Markdown parse
    /// that tells prose from code: most bodies name only facts their readers may see).
    fn names_narrower_fact(&self, text: &str) -> bool {
        match self.narrower_ids.and_then(|ids| ids.get(self.rank)) {
            Some(NarrowerIds::None) => return false,
            Some(NarrowerIds::Some(ids)) if !ids.is_match(text) => return false,
            _ => {}
        }
        text.contains("{{")
            && interp::scan(text).0.iter().any(|p| {
                self.site
                    .resolve_fact(&p.name)
                    .is_some_and(|(f, _)| f.tier.as_deref().is_some_and(|t| self.narrower(t)))
            })
    }

    /// Every published field of a guide or section: body, title, summary, SMS text, step
    /// titles, texts and waits, and links (`links`: the body's, from `Ctx::links`).
    fn page(&self, page: &Page, links: &[BodyLink], out: &mut Vec<Diagnostic>) {
        let body = page.body();
        let start = page.body_start;
        self.body(body, start, Some(links), out);
        let steps = page.steps.iter().flat_map(|s| [&s.title, &s.text]);
        for t in [&page.title].into_iter().chain(page.summary.iter()).chain(page.channel_text.values()).chain(steps) {
            self.front(t, out);
        }
        for step in &page.steps {
            let fact = step.wait.as_deref().and_then(|w| self.site.facts.get(w));
            if let Some((fact, tier)) =
                fact.and_then(|f| Some((f, f.tier.as_deref()?))).filter(|(_, t)| self.narrower(t))
            {
                let message = format!(
                    "step `{}` waits on `{}`, a fact of the `{tier}` tier, on a `{}` page",
                    step.title.value, fact.id, self.tier
                );
                self.push(step.wait_span.clone(), message, "use a fact of this page's tier", out);
            }
        }
        for link in links {
            let (Link::Site { path, locale, .. }, Some(target)) = (&link.link, link.target) else {
                continue;
            };
            let want = locale.as_deref().unwrap_or(&page.locale);
            let (tier, what) = match target {
                Target::Page(target) => (target.tier.as_str(), "a page"),
                Target::Folder if !path.is_empty() => {
                    let tier = [want, self.site.default_locale()]
                        .into_iter()
                        .find_map(|l| links::folder_tier(self.site, path, l))
                        .unwrap_or(self.tier);
                    (tier, "a folder of pages")
                }
                _ => continue,
            };
            if self.narrower(tier) {
                let message =
                    format!("links to `{}`, {what} of the `{tier}` tier, from a `{}` page", link.dest, self.tier);
                self.push(
                    start + link.span.start..start + link.span.end,
                    message,
                    "link to a page of this page's tier (or a wider one)",
                    out,
                );
            }
        }
    }
}

/// Texts published outside guides: notices (title and body), fact labels (shown wherever the
/// fact is) and glossary explanations (on pages of every tier).
fn other_fields(ctx: &Ctx, perk_words: &TermSet, out: &mut Vec<Diagnostic>) {
    let site = ctx.site;
    for n in &site.notices {
        let tier = crate::check::text::notice_tier(site, n);
        let c = Checker::new(site, ctx.lang(&n.locale).mode, perk_words, &n.source.path, tier)
            .shown(format!("in a notice shown on `{tier}` pages"));
        c.front(&n.title, out);
        c.body(n.body(), n.body_start, None, out);
    }
    let default = site.default_locale();
    for f in site.facts.values() {
        let tier = f.tier.as_deref().unwrap_or_else(|| site.config.widest_tier());
        for (locale, label) in &f.label_texts {
            let locale = locale.as_deref().unwrap_or(default);
            Checker::new(site, ctx.lang(locale).mode, perk_words, "facts.yaml", tier)
                .shown(format!("in the label of `{}`, shown with it on `{tier}` pages", f.id))
                .front(label, out);
        }
    }
    let widest = site.config.widest_tier();
    for g in &site.glossary {
        for (locale, text) in &g.explanations {
            Checker::new(site, ctx.lang(locale).mode, perk_words, "glossary.yaml", widest)
                .shown(format!("in the glossary's explanation of `{}`, shown on `{widest}` pages", g.term))
                .front(text, out);
        }
    }
}

/// Waiting-room screens (public rooms) that list a guide that is not of the widest tier.
fn screens(site: &Site, out: &mut Vec<Diagnostic>) {
    let widest = site.config.widest_tier();
    for (name, screen) in &site.config.waiting_room().screens {
        for guide in &screen.guides {
            let path = guide.trim_matches('/');
            let Some(page) = site.variants(path).find(|p| p.tier != widest) else { continue };
            let message = format!(
                "screen `{name}` lists `{path}`, a page of the `{}` tier: screens are seen by everyone",
                page.tier
            );
            let span = screen_guide_span(&site.config_source.text, name, guide);
            let d = RULE
                .finding("upfront.yaml", span, message)
                .with_hint(format!("remove `{path}` from the screen's guides"));
            out.push(d);
        }
    }
}

/// The span of `guide` in the `guides:` of screen `screen` in the text of `upfront.yaml`
pub fn screen_guide_span(config_text: &str, screen: &str, guide: &str) -> Option<Range<usize>> {
    let at_screen = config_text.find(&format!("{screen}:"))?;
    let guides = at_screen + config_text[at_screen..].find("guides:")?;
    let rel = config_text[guides..].find(guide)?;
    Some(guides + rel..guides + rel + guide.len())
}

fn run(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let site = ctx.site;
    let perk_words = TermSet::new(
        site.config.tiers.iter().flat_map(|(_, t)| t.perks.iter().filter_map(|p| p.split_whitespace().next())),
    );
    let perk_words = &perk_words;
    let narrower = narrower_ids(site);
    let pages = ctx.par_indexed().flat_map_iter(|(i, page)| {
        let mut found = Vec::new();
        Checker::new(site, ctx.lang(&page.locale).mode, perk_words, &page.source.path, &page.tier)
            .with_narrower_ids(&narrower)
            .page(page, ctx.links(i), &mut found);
        found
    });
    out.par_extend(pages);
    if ctx.whole_site() {
        other_fields(ctx, perk_words, out);
        screens(site, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found<'a>(text: &'a str, phrase: &str, suffixes: bool) -> Vec<&'a str> {
        find_phrase(text, phrase, suffixes).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn whole_phrases_case_insensitive() {
        assert_eq!(found("Our vip Lounge is open. VIP lounges too.", "VIP lounge", false), ["vip Lounge"]);
        assert_eq!(found("the VIP\n  lounge", "VIP lounge", false), ["VIP\n  lounge"]);
        assert!(found("a XVIP lounge", "VIP lounge", false).is_empty());
        assert_eq!(found("Ask for a priority callback.", "priority callback", false), ["priority callback"]);
    }

    #[test]
    fn hungarian_suffixes_and_chinese() {
        assert_eq!(found("A VIP-várót és a VIP-váróban", "VIP-váró", true), ["VIP-várót", "VIP-váróban"]);
        assert!(found("A VIP-várót", "VIP-váró", false).is_empty());
        assert_eq!(found("您可以使用贵宾通道。", "贵宾通道", false), ["贵宾通道"]);
        assert!(found("贵宾通", "贵宾通道", false).is_empty());
    }

    /// Why perks have their own matcher: each of these texts is found differently by the word
    /// lists' `Lexicon` (regex, hyphen-joined words, `chars` mode matching anywhere, `…` a
    /// gap, Unicode case folding) or the glossary's `find_term` (any suffix, acronyms in
    /// exact case). One matcher for the three would change `tier-leak`'s findings.
    #[test]
    fn perks_match_unlike_word_lists_and_glossary_terms() {
        use crate::check::text::matcher::Lexicon;
        let lexicon = |mode, text: &str, phrase: &str| {
            let lexicon = Lexicon::new(mode, [phrase].into_iter()).unwrap_or_default();
            lexicon.find_iter(text).map(|r| text[r].to_string()).collect::<Vec<_>>()
        };
        for text in ["pre-VIP lounge", "贵宾VIP lounge"] {
            assert_eq!(found(text, "VIP lounge", false), ["VIP lounge"]);
            assert!(lexicon(Mode::Words, text, "VIP lounge").is_empty());
        }
        assert!(found("使用VIP lounges", "VIP lounge", false).is_empty());
        assert_eq!(lexicon(Mode::Chars, "使用VIP lounges", "VIP lounge"), ["VIP lounge"]);
        assert!(found("fast big lane", "fast … lane", false).is_empty());
        assert_eq!(lexicon(Mode::Words, "fast big lane", "fast … lane"), ["fast big lane"]);
        assert!(found("Priority ſupport", "priority support", false).is_empty());
        assert_eq!(lexicon(Mode::Words, "Priority ſupport", "priority support"), ["Priority ſupport"]);
        assert!(found("triages", "triage", false).is_empty());
        assert_eq!(crate::model::terms::find_term("triages", "triage"), Some(0..7));
        assert_eq!(found("an iv line", "IV", false), ["iv"]);
        assert_eq!(crate::model::terms::find_term("an iv line", "IV"), None);
    }

    #[test]
    fn code_and_urls_are_not_prose() {
        let body = "See `VIP lounge` and [x](/vip-lounge/) <b>VIP lounge</b>\n\n```\nVIP lounge\n```\nVIP lounge";
        let skip = not_prose(body, links::body_links(body).into_iter().map(|(_, span)| span).collect());
        let hits: Vec<_> = find_phrase(body, "VIP lounge", false).into_iter().filter(|m| !overlaps(m, &skip)).collect();
        // Inline HTML tags are skipped, the text between them is prose.
        let texts: Vec<usize> = hits.iter().map(|m| m.start).collect();
        assert_eq!(texts, [body.find("<b>").unwrap_or(0) + 3, body.len() - "VIP lounge".len()]);
    }

    #[test]
    fn screen_lines() {
        let text =
            "channels:\n  waiting-room:\n    screens:\n      lobby:\n        guides: [emergency/visit, lounge]\n";
        let span = screen_guide_span(text, "lobby", "lounge").unwrap_or_default();
        assert_eq!(&text[span], "lounge");
    }
}
