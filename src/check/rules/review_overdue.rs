//! `review-overdue`: a guide whose `reviewed:` date is missing or older than `review_every`
//! (a note in the 30 days before it falls due). Judged against `--today`, never the clock.

use crate::check::ctx::Ctx;
use crate::check::rule::Rule;
use crate::diag::{Diagnostic, Level};
use crate::model::duration::Duration;
use crate::model::{PageKind, Site};

pub static RULE: Rule = Rule {
    id: "review-overdue",
    level: Level::Warning,
    judges_text: false,
    summary: "`reviewed` is missing or older than `review_every`",
    doc: r"Waits, phone numbers and processes change. A guide nobody has looked at for months is
likely to promise something the clinic no longer does. Every guide carries the date of its
last content review; once it is older than `checks.review_every` (default `180d`) the guide
is flagged, naming its `owner`. In the 30 days before that, a note says it falls due soon.

**Bad**

```yaml
reviewed: 2025-01-10   # more than 180 days before --today
```

**Good**

```yaml
reviewed: 2026-10-01
owner: ed-comms
```

**Fix**: read the guide, correct it, and set `reviewed:` to today's date.

**Settings**: `checks.review_every` (days, e.g. `180d`); `--today YYYY-MM-DD` sets the date
it judges against (default: today in the site's `timezone`). Drafts are not judged.",
    run,
};

/// How many days a review lasts.
pub fn review_days(site: &Site) -> i64 {
    let every = site.config.checks.review_every.as_deref().unwrap_or("180d");
    Duration::parse(every).map_or(180, |d| i64::try_from(d.0 / 86_400).unwrap_or(180).max(1))
}

fn owner(page: &crate::model::Page) -> String {
    page.owner.as_ref().map_or_else(|| "no owner set".to_string(), |o| format!("owner: {o}"))
}

fn run(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let days = review_days(ctx.site);
    for page in ctx.pages().filter(|p| p.kind == PageKind::Guide && !p.draft) {
        let file = page.source.path.as_str();
        let Some(reviewed) = page.reviewed else {
            let d = RULE
                .finding(file, Some(page.key_span("title")), format!("no `reviewed:` date ({})", owner(page)))
                .with_hint(format!("add `reviewed: {}` once the guide has been checked", ctx.today));
            out.push(d);
            continue;
        };
        let Ok(due) = reviewed.checked_add(jiff::Span::new().days(days)) else { continue };
        let Ok(left) = ctx.today.until((jiff::Unit::Day, due)) else { continue };
        let left = i64::from(left.get_days());
        let (level, message) = if left < 0 {
            (RULE.level, format!("last reviewed {reviewed}, due {due} ({} days ago; {})", -left, owner(page)))
        } else if left <= 30 {
            (Level::Note, format!("last reviewed {reviewed}, due {due} (in {left} days; {})", owner(page)))
        } else {
            continue;
        };
        let d = RULE
            .finding(file, Some(page.key_span("reviewed")), message)
            .with_hint("review the guide and set `reviewed:` to the date of the review");
        out.push(Diagnostic { level, ..d });
    }
}
