//! `jargon`: a jargon term whose first use on a public page has no plain explanation.
//! Built-in term lists are data (`check/jargon/<locale>.txt`); glossary terms count as
//! explained, because the help theme explains them on first use.

use std::sync::LazyLock;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::check::{Ctx, Rule};
use crate::diag::{Diagnostic, Level};
use crate::model::terms::{explained_in_text, find_term};
use crate::model::{Page, PageKind};

pub static RULE: Rule = Rule {
    id: "jargon",
    level: Level::Warning,
    summary: "a jargon term without its plain explanation on first use",
    doc: r#"People in a waiting room should not need to know what "triage", "acuity" or "分诊"
means. On a public page, the first use of a term from the built-in jargon lists (English,
Chinese, Hungarian: common emergency and support terms) must be explained in plain words
in brackets within the next few words of the same sentence. Terms in `glossary.yaml`
(with an explanation for the page's locale) are explained by the help theme on first use,
so they are never flagged. Order of "first": summary, step texts, then the body;
headings, code and link addresses are not prose.

**Bad**: `After check-in comes triage.`

**Good**: `After check-in comes triage (a nurse checks how urgent your condition is).`

**Fix**: explain the term in brackets on its first use, or add it to `glossary.yaml` with
an explanation for each locale, or use a plain word instead.

**Settings**: `glossary.yaml`. Pages of narrower tiers are not judged (their readers are
staff or members who know the terms)."#,
    run,
};

/// The built-in terms per locale.
static BUILT_IN: LazyLock<Vec<(&'static str, Vec<&'static str>)>> = LazyLock::new(|| {
    [
        ("en", include_str!("../jargon/en.txt")),
        ("zh", include_str!("../jargon/zh.txt")),
        ("hu", include_str!("../jargon/hu.txt")),
    ]
    .into_iter()
    .map(|(l, text)| (l, text.lines().map(str::trim).filter(|t| !t.is_empty() && !t.starts_with('#')).collect()))
    .collect()
});

/// The built-in jargon terms of `locale` (empty for locales without a list).
pub fn terms(locale: &str) -> &'static [&'static str] {
    BUILT_IN.iter().find(|(l, _)| *l == locale).map_or(&[], |(_, t)| t.as_slice())
}

/// Prose pieces of a page in reading order: (text, file offset of its first byte).
fn prose(page: &Page) -> Vec<(String, Option<usize>)> {
    let mut out = Vec::new();
    if let Some(s) = &page.summary {
        out.push((s.value.clone(), s.base));
    }
    out.extend(page.steps.iter().map(|s| (s.text.value.clone(), s.text.base)));
    let body = page.body();
    let mut skip = 0usize;
    for (event, range) in Parser::new_ext(body, pulldown_cmark::Options::all()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. } | Tag::CodeBlock(_)) => skip += 1,
            Event::End(TagEnd::Heading(_) | TagEnd::CodeBlock) => skip = skip.saturating_sub(1),
            Event::Text(t) if skip == 0 => {
                let exact = body.get(range.clone()) == Some(t.as_ref());
                out.push((t.into_string(), exact.then_some(page.body_start + range.start)));
            }
            _ => {}
        }
    }
    out
}

fn run(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let site = ctx.site;
    let widest = site.config.widest_tier();
    for page in site.pages.iter().filter(|p| p.tier == widest && !p.draft && p.kind == PageKind::Guide) {
        let Some((_, terms)) = BUILT_IN.iter().find(|(l, _)| *l == page.locale) else { continue };
        let glossary: Vec<&str> = site
            .glossary
            .iter()
            .filter(|g| g.explanations.contains_key(&page.locale))
            .map(|g| g.term.as_str())
            .collect();
        let pieces = prose(page);
        for term in terms.iter().filter(|t| !glossary.iter().any(|g| g.eq_ignore_ascii_case(t))) {
            let Some((text, base, range)) =
                pieces.iter().find_map(|(text, base)| find_term(text, term).map(|r| (text, *base, r)))
            else {
                continue;
            };
            if explained_in_text(&text[range.end..]) {
                continue;
            }
            let span = base.map_or_else(|| page.key_span("title"), |b| b + range.start..b + range.end);
            let mut d = Diagnostic::error(
                RULE.id,
                page.source.path.as_str(),
                Some(span),
                format!("`{}` is jargon and is not explained on its first use", &text[range]),
            )
            .with_hint(format!("explain it in brackets right after, e.g. \"{term} (…)\", or add it to glossary.yaml"));
            d.level = RULE.level;
            out.push(d);
        }
    }
}
