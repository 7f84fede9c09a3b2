//! `translation-missing`: a guide or section that lacks one of the configured locales.

use crate::check::ctx::Ctx;
use crate::check::rule::Rule;
use crate::diag::{Diagnostic, Level};

pub static RULE: Rule = Rule {
    id: "translation-missing",
    level: Level::Warning,
    judges_text: false,
    summary: "a guide lacks a configured locale",
    doc: r"Upfront never falls back to another language: an untranslated guide simply has no
`/zh/…` page, and the language switcher does not offer it. People who read that language
lose the guide. The rule names every configured locale a default-locale guide or section
(`_index.md`) has no file for.

**Bad**: `content/emergency/visit.md` and `visit.zh.md`, but no `visit.hu.md` while
`upfront.yaml` lists `hu`.

**Good**: all three files, with the same facts, steps, tier and channels.

**Fix**: add `visit.hu.md`, or accept the gap for now by lowering the rule in
`checks.severity`.

**Settings**: `locales` in `upfront.yaml`. Drafts are not judged.",
    run,
};

fn run(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let site = ctx.site;
    let default = site.default_locale();
    for page in ctx.pages().filter(|p| p.locale == default && !p.draft) {
        let missing: Vec<&str> =
            site.config.locale_codes().filter(|l| *l != default && site.page(&page.path, l).is_none()).collect();
        if missing.is_empty() {
            continue;
        }
        let stem = page.source.path.trim_end_matches(".md");
        let names: Vec<String> = missing.iter().map(|l| format!("{stem}.{l}.md")).collect();
        let d = RULE
            .finding(
                page.source.path.as_str(),
                Some(page.key_span("title")),
                format!(
                    "no translation in {}",
                    missing.iter().map(|l| format!("`{l}`")).collect::<Vec<_>>().join(", ")
                ),
            )
            .with_hint(format!("add {}", names.join(", ")));
        out.push(d);
    }
}
