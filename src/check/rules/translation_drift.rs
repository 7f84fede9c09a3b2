//! `translation-drift`: a translation uses other facts, steps (or step waits), tier or
//! channels than its source — the channels and languages would no longer say the same thing.

use std::collections::BTreeSet;

use crate::check::ctx::Ctx;
use crate::check::rule::Rule;
use crate::diag::{Diagnostic, Level};
use crate::model::{Page, Site};

pub static RULE: Rule = Rule {
    id: "translation-drift",
    level: Level::Error,
    judges_text: false,
    summary: "a translation uses other facts, steps, tier or channels than its source",
    doc: r"A translation must promise exactly what its source promises. If the English guide says
a crew arrives within `{{ repair.arrival }}` and the Chinese one names `{{ repair.time }}`, or has one
step less, or is published to another tier or channel, readers of the two languages are
told different things. The rule compares, for each translation and its default-locale
source: the set of facts used (placeholders and step waits), the number of steps and each
step's `wait:`, `tier` and `channels`. A translation without a source is also reported.
A step `wait:` that names no fact (a typo, on either side) is `unknown-fact`'s to report, on
the file and line of the typo, so it is not compared here.

**Bad**

```yaml
# repairs.md                  # repairs.zh.md
steps:                        steps:
  - title: A crew arrives       - title: 抢修人员到达
    wait: repair.arrival          wait: repair.time
```

**Good**: the same `wait:` on the same step in both.

**Fix**: make the translation use the source's facts and steps (or change both).

**Settings**: none.",
    run,
};

/// Fact ids a page uses anywhere (every channel, its own texts like `sms:` included).
fn facts_used<'a>(site: &'a Site, page: &Page) -> BTreeSet<&'a str> {
    let (mut used, own) = site.facts_named_by(page);
    used.extend(own.into_values().flatten());
    used
}

fn list(items: &BTreeSet<&str>) -> String {
    items.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", ")
}

fn run(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let site = ctx.site;
    let default = site.default_locale();
    for tr in ctx.pages().filter(|p| p.locale != default) {
        let file = tr.source.path.as_str();
        let mut push = |span, message: String, hint: String| {
            let d = RULE.finding(file, Some(span), message).with_hint(hint);
            out.push(d);
        };
        let Some(src) = site.page(&tr.path, default) else {
            push(
                tr.key_span("title"),
                format!("this translation has no source in `{default}`"),
                format!("add the `{default}` guide, or rename this file to match it"),
            );
            continue;
        };
        let src_file = &src.source.path;
        // A step `wait:` that names no valid fact is `unknown-fact`'s one message (on the file
        // with the typo): the step and the fact it should name are not compared again here.
        let valid = |w: &Option<String>| w.as_deref().is_none_or(|id| site.facts.contains_key(id));
        let typo = |s: &crate::model::Step, t: &crate::model::Step| !valid(&s.wait) || !valid(&t.wait);
        let mut skip: BTreeSet<&str> = BTreeSet::new();
        if tr.steps.len() == src.steps.len() {
            for (s, t) in src.steps.iter().zip(&tr.steps).filter(|(s, t)| typo(s, t)) {
                skip.extend(s.wait.as_deref().into_iter().chain(t.wait.as_deref()));
            }
        }
        let (a, b) = (facts_used(site, src), facts_used(site, tr));
        let missing: BTreeSet<&str> = a.difference(&b).copied().filter(|f| !skip.contains(f)).collect();
        let extra: BTreeSet<&str> = b.difference(&a).copied().filter(|f| !skip.contains(f)).collect();
        if !missing.is_empty() {
            push(
                tr.key_span("title"),
                format!("does not use {} like its source {src_file}", list(&missing)),
                "write the same `{{ fact }}` where the source has it, not a typed number".into(),
            );
        }
        if !extra.is_empty() {
            push(
                tr.key_span("title"),
                format!("uses {} that its source {src_file} does not", list(&extra)),
                "use only the facts of the source, or add them to the source too".into(),
            );
        }
        if tr.steps.len() == src.steps.len() {
            for (i, (s, t)) in src.steps.iter().zip(&tr.steps).enumerate() {
                if s.wait != t.wait && !typo(s, t) {
                    let show =
                        |w: &Option<String>| w.as_deref().map_or_else(|| "no wait".to_string(), |w| format!("`{w}`"));
                    push(
                        t.wait_span.clone(),
                        format!("step {} waits on {}, in the source on {}", i + 1, show(&t.wait), show(&s.wait)),
                        "use the source's `wait:` for this step".into(),
                    );
                }
            }
        } else {
            push(
                tr.key_span("steps"),
                format!("has {} steps, its source {src_file} has {}", tr.steps.len(), src.steps.len()),
                "translate every step of the source, in the same order".into(),
            );
        }
        if tr.tier != src.tier {
            push(
                tr.key_span("tier"),
                format!("tier `{}`, its source's is `{}`", tr.tier, src.tier),
                format!("set `tier: {}`", src.tier),
            );
        }
        if tr.channels != src.channels {
            push(
                tr.key_span("channels"),
                format!("channels [{}], its source's are [{}]", tr.channels.join(", "), src.channels.join(", ")),
                "use the source's `channels:`".into(),
            );
        }
    }
}
