//! `vague-wait`: a vague time word ("soon", "马上", "hamarosan") in a sentence that gives
//! no duration and no fact, unless it is an instruction to the reader. Word lists are data
//! (`check/words/<locale>.yaml`), extended by the site's `checks.words.<locale>.vague`.

use std::ops::Range;

use rayon::prelude::*;

use crate::check::text::words::{SiteWords, cue_hits, lang};
use crate::check::text::{
    Clauses, Origin, Sentence, first_overlap, for_each_sentence, may_contain, overlaps, union_of,
};
use crate::check::{Ctx, Rule};
use crate::diag::{Diagnostic, Level};
use crate::model::{Page, Site};

pub static RULE: Rule = Rule {
    id: "vague-wait",
    level: Level::Warning,
    summary: "a vague time word in a sentence that gives no duration",
    doc: r#"**What**: a vague time word ("soon", "shortly", "right away", "in a moment", "any
minute", "as soon as possible", "before long"; "马上", "很快", "稍后", "一会儿", "尽快";
"hamarosan", "rögtön", "nemsokára", "mindjárt", "azonnal") in a sentence that gives no
duration and names no wait fact. Condition clauses are vague too: "we will call you as soon
as a room is free".

Silent when:
- the clause holding the word is an instruction to the reader: it starts with an imperative
  ("go to the ER immediately", "if you feel worse, tell staff at once", "call 112 right
  away"; "请立即告诉工作人员"), or in Hungarian holds a formal imperative ("azonnal
  szóljon");
- the word is tied to the reader's own action ("as soon as you arrive, tell the desk");
- the sentence gives a duration written by hand or names a wait fact (`{{ er.triage }}`),
  or the text is a step's that has `wait:` (the timeline shows its time);
- the word is quoted, or part of an absolute promise (`absolute-promise` reports that).

**Why**: unexplained, vague waits feel longest. "Soon" means five minutes to one reader and
an hour to another, and both judge the service by it.

**Bad**: `A nurse will see you soon.`

**Good**: `A nurse will see you within {{ er.triage }}.`

**Fix**: say how long, with the fact for that wait; or say what the reader can do.

**Settings**: `checks.words.<locale>.vague: [...]` adds words; `checks.severity`."#,
    run: |ctx, out| {
        let extra = SiteWords::new(ctx.site);
        let found: Vec<Diagnostic> =
            ctx.site.pages.par_iter().flat_map_iter(|page| check_page(ctx, ctx.site, &extra, page)).collect();
        out.extend(found);
    },
};

/// Whether a sentence says how long: a duration written in it, or a wait fact named.
fn gives_duration(site: &Site, page: &Page, s: &Sentence, hits: &[Range<usize>]) -> bool {
    let lang = lang(&page.locale);
    let mut found = Vec::new();
    lang.durations.find(s.text, &mut found);
    // A duration inside the vague phrase itself ("pár percen belül": "within a few minutes")
    // gives no duration.
    found.iter().any(|w| !s.is_quoted_or_fact(&w.range) && !hits.iter().any(|h| overlaps(h, &w.range)))
        || s.facts().any(|p| site.resolve_fact(&p.name).is_none_or(|(f, _)| f.wait().is_some()))
        || matches!(s.block.origin, Origin::Step(i) if page.steps.get(i).is_some_and(|st| st.wait.is_some()))
}

fn check_page(ctx: &Ctx, site: &Site, extra: &SiteWords, page: &Page) -> Vec<Diagnostic> {
    let lang = lang(&page.locale);
    let mut out = Vec::new();
    let extra_words = extra.vague(&page.locale);
    if !may_contain(page, |t| lang.vague.may_match(t) || extra_words.is_some_and(|e| e.may_match(t))) {
        return out;
    }
    for_each_sentence(&ctx.blocks(page), lang, |s| {
        let hits: Vec<Range<usize>> = cue_hits(&lang.vague, extra_words, &lang.vague_not, s.text).collect();
        if hits.is_empty() || gives_duration(site, page, s, &hits) {
            return;
        }
        let absolute = union_of(lang.absolute.find_iter(s.text).collect());
        let mut clauses = Clauses::new(s.text);
        for hit in hits {
            if s.is_quoted_or_fact(&hit)
                || clauses.instruction_at(lang, hit.start).0
                || first_overlap(&absolute, &hit, |a| a).is_some()
            {
                continue;
            }
            let d = RULE
                .finding(
                    page.source.path.as_str(),
                    Some(s.span_of(&hit)),
                    format!("`{}` is vague: this sentence gives no duration", &s.text[hit]),
                )
                .with_hint("say how long with the wait's fact, e.g. `{{ er.triage }}`");
            out.push(d);
        }
    });
    out
}
