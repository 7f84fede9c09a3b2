//! Check: rules over the loaded model, each in its own file under `rules/`, listed once in
//! `RULES`. Findings then pass through suppressions (`ignore:`, `<!-- upfront-ignore -->`)
//! and the site's `severity:` settings. Never imports `render`.

mod ctx;
pub mod docs;
mod rule;
pub(crate) mod rules;
pub(crate) mod suppress;
pub(crate) mod text;

use std::sync::LazyLock;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Level};
use crate::model::Site;
pub use ctx::{BodyLink, Ctx};
pub use rule::{Rule, per_page};

/// Every rule, one line each.
pub static RULES: &[&Rule] = &[
    &rules::front_matter::RULE,
    &rules::unknown_fact::RULE,
    &rules::hardcoded_wait::RULE,
    &rules::fact_contradiction::RULE,
    &rules::vague_wait::RULE,
    &rules::absolute_promise::RULE,
    &rules::tier_leak::RULE,
    &rules::translation_missing::RULE,
    &rules::translation_stale::RULE,
    &rules::translation_drift::RULE,
    &rules::review_overdue::RULE,
    &rules::readability::RULE,
    &rules::jargon::RULE,
    &rules::broken_link::RULE,
    &rules::promise_exceeded::RULE,
    &rules::sms_too_long::RULE,
    &rules::notice_expired::RULE,
    &rules::control_character::RULE,
    &suppress::RULE,
];

/// Every rule id, in the registry's order: what `severity:`, `ignore:` and the CLI accept.
pub static RULE_IDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| RULES.iter().map(|r| r.id).collect());

pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.id == id)
}

/// The findings that stop `page` from rendering at all (a `{{ name }}` no fact answers):
/// what `serve` runs on its critical path after an edit, before the full check.
pub fn blocking(site: &Site, page: &crate::model::Page, out: &mut Vec<Diagnostic>) {
    rules::unknown_fact::check_page(site, page, out);
}

/// Run every rule over the site (in parallel), then apply suppressions and severities.
/// `loaded` are the loader's findings (front-matter), which pass through the same settings.
pub fn check(site: &Site, today: jiff::civil::Date, loaded: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let ctx = Ctx::new(site, today);
    let found = run_rules(&ctx);
    finish(site, site.pages.iter().map(AsRef::as_ref), found, loaded)
}

/// The findings a full [`check`] gives in the files of `pages` (indices in `site.pages`),
/// found by running every rule on those pages only: what `upfront lsp` runs on a keystroke,
/// with the edited page and its translations (translation rules compare them). Findings
/// the page's edit may change in other files (a link to its headings, a missing
/// translation) wait for the next full check. `loaded` are the loader's findings of these
/// files (and of edited guides that do not parse, so have no page), which pass through the
/// suppressions and severities as in [`check`].
pub fn check_focused(
    site: &Site,
    today: jiff::civil::Date,
    loaded: Vec<Diagnostic>,
    pages: &[usize],
) -> Vec<Diagnostic> {
    let ctx = Ctx::focused(site, today, pages);
    let mut files: std::collections::BTreeSet<String> = ctx.pages().map(|p| p.source.path.clone()).collect();
    files.extend(loaded.iter().map(|d| d.file.clone()));
    let found = run_rules(&ctx);
    let mut found = finish(site, ctx.pages(), found, loaded);
    found.retain(|d| files.contains(&d.file));
    found
}

fn run_rules(ctx: &Ctx) -> Vec<Diagnostic> {
    RULES
        .par_iter()
        .flat_map_iter(|rule| {
            let mut out = Vec::new();
            (rule.run)(ctx, &mut out);
            out
        })
        .collect()
}

/// Add the loader's findings, then apply the suppressions of `pages` and the severities.
fn finish<'a>(
    site: &Site,
    pages: impl Iterator<Item = &'a crate::model::Page>,
    mut found: Vec<Diagnostic>,
    loaded: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    found.extend(loaded);
    let mut found = suppress::apply_on(pages, found);
    apply_severity(site, &mut found);
    crate::diag::sort(&mut found);
    found
}

/// The site's `checks.severity` overrides: a new level, or `off` to drop the finding.
fn apply_severity(site: &Site, diags: &mut Vec<Diagnostic>) {
    let overrides = &site.config.checks.severity;
    if overrides.is_empty() {
        return;
    }
    diags.retain_mut(|d| match overrides.get(d.rule).map(String::as_str) {
        Some("off") => false,
        Some("error") => {
            d.level = Level::Error;
            true
        }
        Some("warning") => {
            d.level = Level::Warning;
            true
        }
        Some("note") => {
            d.level = Level::Note;
            true
        }
        _ => true,
    });
}
