//! `jargon`: a jargon term whose first use on a public page has no plain explanation.
//! Built-in term lists are data (`src/locales/<lang>/jargon.txt`); glossary terms count as
//! explained, because the help theme explains them on first use.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use rayon::prelude::*;

use crate::check::ctx::Ctx;
use crate::check::rule::Rule;
use crate::check::text::{Block, Kind, Origin, first_overlap};
use crate::diag::{Diagnostic, Level};
use crate::model::terms::{TermSet, explained_in_text, find_term_where, named_in_brackets};
use crate::model::{PageKind, Site};

pub static RULE: Rule = Rule {
    id: "jargon",
    level: Level::Warning,
    judges_text: true,
    summary: "a jargon term without its plain explanation on first use",
    doc: r#"People in a waiting room should not need to know what "triage", "acuity" or "分诊"
means. On a public page, the first use of a term from the built-in jargon lists (English,
Chinese, Hungarian: common emergency and support terms) must be explained in plain words
in brackets within the next few words of the same sentence, or stand in brackets right
after the plain words it names ("departments sort (triage) patients"). Terms in `glossary.yaml`
(with an explanation for the page's locale) are explained by the help theme on first use,
so they are never flagged. Order of "first": summary, step texts, then the body;
headings, code and link addresses are not prose.

**Bad**: `After check-in comes triage.`

**Good**: `After check-in comes triage (a nurse checks how urgent your condition is).`

**Fix**: explain the term in brackets on its first use, or add it to `glossary.yaml` with
an explanation for each locale, or use a plain word instead.

Notices shown to the widest tier are read the same way (their body; titles are headings).

**Settings**: `glossary.yaml`; `checks.words.<locale>.jargon: [...]` adds terms to the
built-in list. Pages of narrower tiers are not judged (their readers are
staff or members who know the terms)."#,
    run,
};

/// The built-in terms per language (`src/locales/<lang>/jargon.txt`).
static BUILT_IN: LazyLock<Vec<(&'static str, Vec<&'static str>)>> = LazyLock::new(|| {
    crate::lexicon::all()
        .iter()
        .filter_map(|l| Some((l.code, l.jargon?)))
        .map(|(l, text)| (l, text.lines().map(str::trim).filter(|t| !t.is_empty() && !t.starts_with('#')).collect()))
        .collect()
});

/// The language whose built-in lists `locale` uses: its own, else its base language's.
fn language(locale: &str) -> &str {
    crate::lexicon::get(locale).map_or(locale, |l| l.code)
}

/// The built-in jargon terms of `locale` (empty for locales without a list).
pub fn terms(locale: &str) -> &'static [&'static str] {
    let locale = language(locale);
    BUILT_IN.iter().find(|(l, _)| *l == locale).map_or(&[], |(_, t)| t.as_slice())
}

/// The built-in terms of each locale as one matcher, built once.
static SETS: LazyLock<Vec<(&'static str, TermSet)>> =
    LazyLock::new(|| BUILT_IN.iter().map(|(l, t)| (*l, TermSet::new(t.iter().copied()))).collect());

/// The matcher of `locale`'s built-in terms.
pub fn term_set(locale: &str) -> Option<&'static TermSet> {
    let locale = language(locale);
    SETS.iter().find(|(l, _)| *l == locale).map(|(_, s)| s)
}

/// Prose blocks of a page in reading order: summary, step texts, then the body (headings
/// and the SMS left out).
fn prose(blocks: &[Block]) -> Vec<&Block> {
    let mut blocks: Vec<&Block> =
        blocks.iter().filter(|b| b.kind != Kind::Heading && !matches!(b.origin, Origin::ChannelText(_))).collect();
    blocks.sort_by_key(|b| match b.origin {
        Origin::Summary => (0, 0),
        Origin::Step(i) => (1, i),
        Origin::Body | Origin::ChannelText(_) | Origin::Title | Origin::StepTitle(_) | Origin::Glossary => (2, 0),
    });
    blocks
}

/// The first use of `term` in a block's prose, outside `{{ }}` placeholders.
fn first_use(block: &Block, term: &str) -> Option<std::ops::Range<usize>> {
    let places = block.placeholders();
    find_term_where(&block.text, term, |r| first_overlap(&places, &(r.start..r.start + 1), |p| &p.span).is_none())
}

/// The terms of each locale: the built-in list plus the site's `checks.words.<locale>.jargon`,
/// with one matcher per locale (built once per run).
fn site_terms(site: &Site) -> BTreeMap<&str, (Vec<&str>, TermSet)> {
    let mut out = BTreeMap::new();
    for locale in site.config.locale_codes() {
        let mut terms: Vec<&str> = terms(locale).to_vec();
        let extra = site.config.checks.words.get(locale).map_or(&[][..], |w| w.jargon.as_slice());
        if extra.is_empty() && terms.is_empty() {
            continue;
        }
        terms.extend(extra.iter().map(|t| t.trim()).filter(|t| !t.is_empty()));
        let set = if extra.is_empty() {
            term_set(locale).map_or_else(|| TermSet::new(terms.iter().copied()), TermSet::clone)
        } else {
            TermSet::new(terms.iter().copied())
        };
        out.insert(locale, (terms, set));
    }
    out
}

/// The findings of one published text: the first use of each term in `blocks` (in reading
/// order) that has no explanation in brackets and no glossary entry for `locale`.
fn judge(
    site: &Site,
    file: &str,
    locale: &str,
    blocks: &[Block],
    lists: &(Vec<&str>, TermSet),
    out: &mut Vec<Diagnostic>,
) {
    let (terms, set) = lists;
    let glossary: Vec<&str> =
        site.glossary.iter().filter(|g| g.explanations.contains_key(locale)).map(|g| g.term.as_str()).collect();
    let pieces = prose(blocks);
    let mut present: Vec<usize> = pieces.iter().flat_map(|b| set.present(&b.text)).collect();
    present.sort_unstable();
    present.dedup();
    let candidates = present.into_iter().filter_map(|i| terms.get(i));
    for term in candidates.filter(|t| !glossary.iter().any(|g| g.eq_ignore_ascii_case(t))) {
        let Some((block, range)) = pieces.iter().find_map(|b| first_use(b, term).map(|r| (b, r))) else {
            continue;
        };
        let text = &block.text;
        if explained_in_text(&text[range.end..]) || named_in_brackets(&text[..range.start], &text[range.end..]) {
            continue;
        }
        let span = block.span_of(range.clone());
        let d = RULE
            .finding(file, Some(span), format!("`{}` is jargon and is not explained on its first use", &text[range]))
            .with_hint(format!("explain it in brackets right after, e.g. \"{term} (…)\", or add it to glossary.yaml"));
        out.push(d);
    }
}

fn run(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let site = ctx.site;
    let widest = site.config.widest_tier();
    let lists = site_terms(site);
    let pages = ctx.par_pages().filter(|p| p.tier == widest && !p.draft && p.kind == PageKind::Guide);
    out.extend(crate::check::rule::per_page(pages, |page, out| {
        if let Some(l) = lists.get(page.locale.as_str()) {
            judge(site, &page.source.path, &page.locale, &ctx.blocks(page), l, out);
        }
    }));
    // Notices seen by the widest tier: their body is read like a page's (the title is a heading).
    for n in ctx.notices().iter().filter(|n| crate::check::text::notice_tier(site, n) == widest) {
        if let Some(l) = lists.get(n.locale.as_str()) {
            judge(site, &n.source.path, &n.locale, &crate::check::text::notice_blocks(n), l, out);
        }
    }
}
