//! `translation-stale`: the source was reviewed after its translation.

use crate::check::ctx::Ctx;
use crate::check::rule::Rule;
use crate::diag::{Diagnostic, Level};

pub static RULE: Rule = Rule {
    id: "translation-stale",
    level: Level::Warning,
    judges_text: false,
    summary: "the source was reviewed after its translation",
    doc: r"When the default-locale guide is reviewed (and so maybe changed) after a translation
was, the translation may still say the old thing. The rule compares the `reviewed:` dates
of each translation with its source.

**Bad**: `visit.md` has `reviewed: 2026-11-01`, `visit.zh.md` has `reviewed: 2026-10-01`.

**Good**: the translation is checked against the new source and gets `reviewed: 2026-11-02`.

**Fix**: update the translation, then set its `reviewed:` to the date you did.

**Settings**: none.",
    run,
};

fn run(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let site = ctx.site;
    let default = site.default_locale();
    for tr in ctx.pages().filter(|p| p.locale != default && !p.draft) {
        let Some(source) = site.page(&tr.path, default) else { continue };
        let Some(src_date) = source.reviewed else { continue };
        let stale = tr.reviewed.is_none_or(|d| d < src_date);
        if !stale {
            continue;
        }
        let when = tr.reviewed.map_or_else(|| "has no `reviewed:` date".to_string(), |d| format!("reviewed {d}"));
        let d = RULE
            .finding(
                tr.source.path.as_str(),
                Some(tr.reviewed.map_or_else(|| tr.key_span("title"), |_| tr.key_span("reviewed"))),
                format!("{when}, but its source {} was reviewed {src_date}", source.source.path),
            )
            .with_hint(format!("check it against {} and set `reviewed:` to the date you did", source.source.path));
        out.push(d);
    }
}
