//! `fact-contradiction`: a hand-written duration outside the range of the fact the same
//! step or sentence uses, or typed by a translation where its source names a fact. Shares
//! its duration finder with `hardcoded-wait` (`check/text/waits.rs`): one span, one finding.

use rayon::prelude::*;

use crate::check::rule::Rule;
use crate::check::text::waits::Verdict;
use crate::diag::{Diagnostic, Level};

pub static RULE: Rule = Rule {
    id: "fact-contradiction",
    level: Level::Error,
    judges_text: true,
    summary: "a hand-written duration that contradicts the fact used for the same step or sentence",
    doc: r#"**What**: two cases, each reported on the duration's span.

1. In a sentence that names a wait fact (`{{ repair.arrival }}`, `.min`, `.max`), or in a step's
   title or text whose step has `wait:`, a hand-written wait that lies outside that fact's range
   (with several facts: outside all of them). Step `wait: repair.arrival` (10–30 minutes)
   with the text "the crew arrives in about 45 minutes" contradicts it; "about 20 minutes"
   does not (that is a `hardcoded-wait`).
2. A translation (same guide, another locale) that types a duration where its source names
   a fact: in the summary, the SMS or the same step, when the source names a fact the
   translation does not; in the body, when the typed value equals a fact the source's body
   names ("10–30 分钟" where the English says `{{ repair.arrival }}`). Reported in the
   translation.

Durations that are not waits (intervals, ages, clock times, …: see `hardcoded-wait` and
`docs/text-rules.md`) are never compared.

**Why**: the page says two different things about the same wait, and readers believe the
one that disappoints them.

**Bad**: step `wait: repair.arrival`, text `The crew arrives in about 45 minutes.`

**Good**: step `wait: repair.arrival`, text `The crew checks the pipe and the meter.`

**Fix**: delete the typed duration or write the fact (`{{ repair.arrival }}`); if the fact is
wrong, change it in `facts.yaml`.

**Settings**: `checks.severity: { fact-contradiction: warning }`."#,
    run: |ctx, out| {
        let found: Vec<Diagnostic> = ctx
            .hand_written()
            .flat_map_iter(|(file, found)| {
                found.iter().cloned().filter_map(move |h| match h.verdict {
                    Verdict::Contradiction { message, hint } => {
                        Some(RULE.finding(file, Some(h.span), message).with_hint(hint))
                    }
                    Verdict::Hardcoded { .. } => None,
                })
            })
            .collect();
        out.extend(found);
    },
};
