//! `hardcoded-wait`: a wait written by hand ("about 15 minutes", "15分钟", "15 perc")
//! instead of a fact. Finding and classifying durations lives in `check/text/waits.rs`,
//! shared with `fact-contradiction`, which takes the spans it reports.

use rayon::prelude::*;

use crate::check::rule::Rule;
use crate::check::text::waits::Verdict;
use crate::diag::{Diagnostic, Level};

pub static RULE: Rule = Rule {
    id: "hardcoded-wait",
    level: Level::Warning,
    judges_text: true,
    summary: "a wait written by hand instead of a fact",
    doc: r#"**What**: a duration typed into prose that tells the reader how long their wait,
case, reply, repair or application takes: "about 15 minutes", "within 2 hours", "2 business
days", "10–15 minutes", "half an hour"; "15分钟", "半小时内", "3个工作日内"; "15 perc",
"két órán belül", "fél óra". The finding spans the duration.

Not a wait, so never reported: opening hours and clock times ("8:00", "9–17 óráig nyitva",
"24/7", "24 hours a day"), intervals and dosing ("every 4 hours", "每4小时", "4 óránként",
"twice a day"), ages ("5 years old", "under 2 years", "2 évesnél"), how long a symptom has
lasted ("pain for 3 days"), validity and warranty ("valid for 30 days"), deadlines in an
instruction to the reader ("return the form within 30 days"), past statistics ("last year
the average was 40 minutes"), quoted text and anything inside `{{ }}`. The exact rules and
the word lists are in `docs/text-rules.md`.

**Why**: one fact, one truth. A number typed by hand is not updated when the fact changes,
and then the website, the screens and the SMS disagree.

**Bad**: `A repair crew usually arrives within 45 minutes.`

**Good**: `A repair crew usually arrives within {{ repair.arrival }}.`

Read everywhere a reader meets text: a page's title, summary, body, step titles and texts and
SMS text, notices (title and body) and glossary explanations.

**Fix**: name the fact the hint suggests, or add the fact to `facts.yaml`. The hint names
one of the site's own facts with exactly that value (a range "10–30 minutes" matches a fact
`10m..30m`, a single "30 minutes" a fact `30m` or the `.max` of one) whose id or `label:`
shares a word with the sentence; a fact that only has the same value is named as such,
beside how to add a fact for this wait. When the duration contradicts the fact the same
sentence or step uses, `fact-contradiction` reports it instead.

**Settings**: `checks.severity: { hardcoded-wait: error }`; the cue words are data
(`src/locales/<lang>/words.yaml`), extended by the site's `checks.words.<locale>`
(`not_wait`, `wait_cues`, `instruction`: see `docs/text-rules.md`)."#,
    run: |ctx, out| {
        let found: Vec<Diagnostic> = ctx
            .hand_written()
            .flat_map_iter(|(file, found)| {
                found.iter().cloned().filter_map(move |h| match h.verdict {
                    Verdict::Hardcoded { hint } => Some(
                        RULE.finding(file, Some(h.span), format!("`{}` is a wait written by hand", h.text))
                            .with_hint(hint),
                    ),
                    Verdict::Contradiction { .. } => None,
                })
            })
            .collect();
        out.extend(found);
    },
};
