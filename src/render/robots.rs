//! `robots.txt`, written from the site's own settings: crawlers are asked to stay out of the
//! folders of narrower tiers this build publishes, and pointed at this site's sitemap. A site's
//! own `static/robots.txt` replaces it. Crawlers read `robots.txt` only at a host's root: a
//! site under a path (`base_url: https://x.org/help/`) gets rules under that path, and the docs
//! say to merge them into the host's file. Never reads files.

use std::fmt::Write as _;

use super::channel::RenderContext;
use crate::model::paths;

pub fn render(ctx: &RenderContext) -> String {
    let site = ctx.site;
    let base = &site.config.base_url;
    let prefix = paths::base_path(base);
    let mut out = String::from(
        "# Written by Upfront from upfront.yaml (tiers, base_url). Put a robots.txt in static/ to\n\
         # replace this file.\nUser-agent: *\nAllow: /\n",
    );
    let narrower: Vec<&str> = site.config.tier_names().into_iter().skip(1).filter(|t| ctx.tier_included(t)).collect();
    if !narrower.is_empty() {
        out.push_str(
            "# Pages for narrower audiences. Protect these folders with your host's authentication:\n\
             # this file only asks crawlers to stay out.\n",
        );
        for tier in narrower {
            let _ = writeln!(out, "Disallow: {prefix}{tier}/");
        }
    }
    if site.config.channel_enabled("help") && !base.is_empty() {
        let _ = write!(out, "\nSitemap: {}\n", paths::absolute(base, "sitemap.xml"));
    }
    out
}
