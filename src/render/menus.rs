//! Menu links in a build that leaves tiers out (render, help channel): a `nav:` or `footer:`
//! link to a page of a tier this build does not publish (`build --tiers public` and a link to
//! the members' section) would be a dead link on every page, so it is a located error in
//! `upfront.yaml`, as a broken content link is. Reads only the model; writes nothing.

use crate::diag::Diagnostic;
use crate::model::links::{self, Link};

use super::channel::RenderContext;

/// One error per menu link whose target is only in tiers the build leaves out.
pub(super) fn unpublished_links(ctx: &RenderContext) -> Vec<Diagnostic> {
    let site = ctx.site;
    let mut out = Vec::new();
    for (key, menus) in [("nav", &site.config.nav), ("footer", &site.config.footer)] {
        for (locale, items) in menus {
            for item in items {
                let Link::Site { path, locale: wanted, .. } = links::classify(site, &item.link, "") else { continue };
                let Some(tier) = target_tier(ctx, &path, wanted.as_deref().unwrap_or(locale)) else { continue };
                if ctx.tier_included(tier) {
                    continue;
                }
                let published: Vec<&str> =
                    site.config.tier_names().into_iter().filter(|t| ctx.tier_included(t)).collect();
                let message = format!(
                    "`{}` in `{key}` ({locale}) links to a page of the `{tier}` tier, which this build does not publish (it publishes {})",
                    item.link,
                    published.join(", ")
                );
                let hint = format!(
                    "menus are on every page: link only pages of the published tiers, or build with `--tiers {},{tier}`",
                    published.join(",")
                );
                out.push(
                    Diagnostic::error(
                        "broken-link",
                        site.config_source.path.as_str(),
                        Some(item.span.clone()),
                        message,
                    )
                    .with_hint(hint),
                );
            }
        }
    }
    out
}

/// The tier of the page or folder at `path` (in `locale`, else the default locale), when it
/// is one of the site; the widest tier of a folder's pages for a folder.
fn target_tier<'a>(ctx: &RenderContext<'a>, path: &str, locale: &str) -> Option<&'a str> {
    let site = ctx.site;
    if path.is_empty() {
        return None;
    }
    [locale, site.default_locale()]
        .into_iter()
        .find_map(|l| site.published(path, l).map(|p| p.tier.as_str()).or_else(|| links::folder_tier(site, path, l)))
}
