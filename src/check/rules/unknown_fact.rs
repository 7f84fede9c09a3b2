//! `unknown-fact`: a `{{ x }}` that names no fact (hint: the nearest name), a malformed
//! placeholder, `.min`/`.max` of a text fact, or a step `wait:` that is not a wait fact.

use crate::check::rule::Rule;
use crate::diag::{Diagnostic, Level};
use std::ops::Range;

use crate::model::{Part, Site, interp};

pub static RULE: Rule = Rule {
    id: "unknown-fact",
    level: Level::Error,
    judges_text: true,
    summary: "a `{{ x }}` or step `wait:` that names no fact",
    doc: r"Content names facts instead of writing numbers: `{{ repair.arrival }}`,
`{{ repair.arrival.max }}`. A name that is not in `facts.yaml` would print as written, so it is
an error, with the nearest fact as a hint. Also: an unclosed `{{`, a placeholder that is
not a plain name (content cannot run template code), `.min`/`.max` of a text fact, and a
step whose `wait:` is not a wait fact. A fact that is in `facts.yaml` but invalid (e.g.
`wait: 5x`) is reported there once, not again on every page that names it.

**Bad**: `A crew arrives within {{ repair.arival }}.`

**Good**: `A crew arrives within {{ repair.arrival }}.`

**Fix**: use the name the hint suggests, or add the fact to `facts.yaml`.

**Settings**: none.",
    run: |ctx, out| run(ctx.site, ctx.pages(), ctx.notices(), out),
};

fn nearest_hint(site: &Site, name: &str) -> String {
    let base = name.strip_suffix(".min").or_else(|| name.strip_suffix(".max")).unwrap_or(name);
    match crate::suggest::nearest(base, site.facts.keys().map(String::as_str)) {
        Some(best) => format!("did you mean `{best}`?"),
        None => "add the fact to facts.yaml, or fix the name".to_string(),
    }
}

/// Whether `name` (or the fact of `name.min`/`.max`) is in facts.yaml but invalid: its error
/// there is the one message.
fn is_broken(site: &Site, name: &str) -> bool {
    let base = name.strip_suffix(".min").or_else(|| name.strip_suffix(".max"));
    site.broken_facts.contains(name) || base.is_some_and(|b| site.broken_facts.contains(b))
}

/// Check the placeholders of `text`; `span_of` maps a range of it to the file.
fn scan_text(
    site: &Site,
    file: &str,
    text: &str,
    span_of: &dyn Fn(Range<usize>) -> Range<usize>,
    out: &mut Vec<Diagnostic>,
) {
    let (found, problems) = interp::scan(text);
    for p in problems {
        out.push(RULE.finding(file, Some(span_of(p.span)), p.message).with_hint(p.hint));
    }
    for p in found {
        let span = Some(span_of(p.name_span.clone()));
        match site.resolve_fact(&p.name) {
            None if is_broken(site, &p.name) => {}
            None => out.push(
                RULE.finding(file, span, format!("`{}` is not a fact", p.name)).with_hint(nearest_hint(site, &p.name)),
            ),
            Some((f, part)) if part != Part::Whole && f.wait().is_none() => out.push(
                RULE.finding(file, span, format!("`{}` is a text fact: it has no `.min` or `.max`", f.id))
                    .with_hint(format!("write `{{{{ {} }}}}`", f.id)),
            ),
            Some(_) => {}
        }
    }
}

fn run<'a>(
    site: &Site,
    pages: impl Iterator<Item = &'a crate::model::Page>,
    notices: &[crate::model::Notice],
    out: &mut Vec<Diagnostic>,
) {
    for page in pages {
        check_page(site, page, out);
    }
    for n in notices {
        let base = n.body_start;
        scan_text(site, &n.source.path, n.body(), &|r| base + r.start..base + r.end, out);
    }
}

/// The rule on one page (what `serve` runs on the critical path after an edit).
pub fn check_page(site: &Site, page: &crate::model::Page, out: &mut Vec<Diagnostic>) {
    let file = page.source.path.as_str();
    let base = page.body_start;
    scan_text(site, file, page.body(), &|r| base + r.start..base + r.end, out);
    for t in page.summary.iter().chain(page.channel_text.values()).chain(page.steps.iter().map(|s| &s.text)) {
        scan_text(site, file, &t.value, &|r| t.span_of(r), out);
    }
    for step in &page.steps {
        let Some(wait) = &step.wait else { continue };
        let span = Some(step.wait_span.clone());
        match site.facts.get(wait) {
            None if site.broken_facts.contains(wait) => {}
            None => out.push(
                RULE.finding(file, span, format!("step `{}` waits on `{wait}`, which is not a fact", step.title.value))
                    .with_hint(nearest_hint(site, wait)),
            ),
            Some(f) if f.wait().is_none() => out.push(
                RULE.finding(file, span, format!("step `{}`: `{wait}` is a text fact, not a wait", step.title.value))
                    .with_hint("name a fact that has `wait:` in facts.yaml"),
            ),
            Some(_) => {}
        }
    }
}
