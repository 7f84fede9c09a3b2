//! `notice-expired`: a notice whose `until` has passed (judged against `--today`).

use crate::check::ctx::Ctx;
use crate::check::rule::Rule;
use crate::diag::{Diagnostic, Level};

pub static RULE: Rule = Rule {
    id: "notice-expired",
    level: Level::Warning,
    judges_text: false,
    summary: "a notice whose `until` has passed",
    doc: r"Pages hide a notice after its window by themselves, so an expired notice does no harm to
readers — but it is clutter in `notices/` that someone may copy, extend by mistake, or
read as current. The rule flags a notice whose `until` is before the start of `--today`
in the site's `timezone`.

**Bad**

```yaml
until: 2026-01-31T23:59:00+01:00   # --today 2026-11-23
```

**Good**: no notice file whose window has closed.

**Fix**: delete the file, or move `until` if the change really goes on.

**Settings**: `--today YYYY-MM-DD`; `timezone` in `upfront.yaml`.",
    run,
};

fn run(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let tz = ctx.site.config.time_zone();
    let Ok(start_of_today) = ctx.today.to_zoned_datetime(tz).map(|z| z.timestamp()) else { return };
    for n in ctx.notices() {
        if n.until < start_of_today {
            let d = RULE
                .finding(
                    n.source.path.as_str(),
                    Some(n.until_span.clone()),
                    format!("this notice ended at {} (before {})", n.until_text, ctx.today),
                )
                .with_hint("delete the notice, or set a later `until:` if the change goes on");
            out.push(d);
        }
    }
}
