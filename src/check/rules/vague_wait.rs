//! `vague-wait`: a vague time word ("soon", "马上", "hamarosan") in a sentence that gives
//! no duration and no fact, unless it is an instruction to the reader. Word lists are data
//! (`src/locales/<lang>/words.yaml`), extended by the site's `checks.words.<locale>.vague`.

use std::ops::Range;

use crate::check::ctx::Ctx;
use crate::check::rule::Rule;
use crate::check::text::words::{Lang, cue_hits};
use crate::check::text::{Clauses, Prose, Sentence, first_overlap, for_each_sentence, overlaps, union_of};
use crate::diag::{Diagnostic, Level};
use crate::model::Site;

pub static RULE: Rule = Rule {
    id: "vague-wait",
    level: Level::Warning,
    judges_text: true,
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
- the sentence gives a duration written by hand or names a wait fact (`{{ repair.arrival }}`),
  or the text is a step's that has `wait:` (the timeline shows its time);
- the word is quoted, or part of an absolute promise (`absolute-promise` reports that).

**Why**: unexplained, vague waits feel longest. "Soon" means five minutes to one reader and
an hour to another, and both judge the service by it.

**Bad**: `A repair crew will arrive soon.`

**Good**: `A repair crew will arrive within {{ repair.arrival }}.`

**Fix**: say how long, with the fact for that wait; or say what the reader can do.

Read in every published text: titles, summaries, bodies, step titles and texts, SMS text,
notices and glossary explanations. The hint names the site's wait fact whose id or `label:`
shares a word with the sentence, if one does.

**Settings**: `checks.words.<locale>.vague: [...]` adds words (`vague_not`, `instruction`
too); `checks.severity`."#,
    run: |ctx, out| out.extend(ctx.per_prose(|prose, out| check(ctx, prose, out))),
};

/// Whether a sentence says how long: a duration written in it, or a wait fact named.
fn gives_duration(lang: &Lang, site: &Site, prose: &Prose, s: &Sentence, hits: &[Range<usize>]) -> bool {
    let mut found = Vec::new();
    lang.durations.find(s.text, &mut found);
    // A duration inside the vague phrase itself ("pár percen belül": "within a few minutes")
    // gives no duration.
    found.iter().any(|w| !s.is_quoted_or_fact(&w.range) && !hits.iter().any(|h| overlaps(h, &w.range)))
        || s.facts().any(|p| site.resolve_fact(&p.name).is_none_or(|(f, _)| f.wait().is_some()))
        || s.block.origin.step().is_some_and(|i| prose.steps().get(i).is_some_and(|st| st.wait.is_some()))
}

fn check(ctx: &Ctx, prose: &Prose, out: &mut Vec<Diagnostic>) {
    let site = ctx.site;
    let lang = ctx.lang(prose.locale);
    if lang.vague.is_empty() || !prose.may_contain(|t| lang.vague.may_match(t)) {
        return;
    }
    for_each_sentence(prose.blocks(), lang, |s| {
        let hits: Vec<Range<usize>> = cue_hits(&lang.vague, &lang.vague_not, s.text).collect();
        if hits.is_empty() || gives_duration(lang, site, prose, s, &hits) {
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
            let near = crate::check::text::meaning::around(s.text, hit.clone());
            let d = RULE
                .finding(
                    prose.file,
                    Some(s.span_of(&hit)),
                    format!("`{}` is vague: this sentence gives no duration", &s.text[hit]),
                )
                .with_hint(hint(site, prose, &near));
            out.push(d);
        }
    });
}

/// Say how long: with a wait fact of the site whose name or label shares a word with the words
/// `near` the vague one, else with a fact to add.
fn hint(site: &Site, prose: &Prose, near: &str) -> String {
    match crate::check::text::meaning::wait_fact_for(site, prose, near) {
        Some(id) => format!("say how long with the fact for this wait, e.g. `{{{{ {id} }}}}`"),
        None => {
            "say how long: name the fact for this wait from facts.yaml (`{{ fact.id }}`), or add one (`wait: 10m..30m`)"
                .to_string()
        }
    }
}
