//! `brand:`, `nav:` and `footer:` of `upfront.yaml`, checked once content and `static/` are
//! known: the logo and favicon are files of `static/`, the accent colour is readable (WCAG AA,
//! 4.5:1, against every colour the theme puts beside it), and menu links name pages of the site.

use super::loader::Problems;
use crate::model::colour::Rgb;
use crate::model::{Config, Page};
use crate::yaml::{Node, nearest};

/// The colours the theme puts the accent beside: (what, colour, whether the accent is the text).
const BESIDE: [(&str, Rgb, bool); 3] = [
    ("the page background", Rgb::WHITE, true),
    ("the card background", Rgb(0xf3, 0xf5, 0xf7), true),
    ("white text on it (step numbers)", Rgb::WHITE, false),
];

pub fn check(config: &Config, node: &Node, pages: &[Page], static_files: &[String]) -> Problems {
    let mut problems = Problems::default();
    let brand = node.get("brand");
    let at = |key: &str| brand.and_then(|b| b.get(key)).map_or(0..0, |n| n.span.clone());
    for (key, file) in [("logo", &config.brand.logo), ("favicon", &config.brand.favicon)] {
        let Some(file) = file else { continue };
        let rel = file.trim_start_matches('/');
        if !static_files.iter().any(|f| f == rel) {
            let hint = nearest(rel, static_files.iter().map(String::as_str)).map_or_else(
                || format!("put the image in static/ and name it from there, e.g. `{key}: images/{key}.svg`"),
                |n| format!("did you mean `{n}`? Name a file under static/"),
            );
            problems.push(at(key), format!("`{file}` is not a file under static/"), hint);
        }
    }
    if let Some(accent) = &config.brand.accent {
        match Rgb::parse(accent) {
            None => problems.push(
                at("accent"),
                format!("`{accent}` is not a colour"),
                "write it as `#rrggbb`, e.g. `accent: \"#0b5cad\"` (quoted: YAML reads `#` as a comment)".into(),
            ),
            Some(c) => {
                let failing: Vec<String> = BESIDE
                    .iter()
                    .filter(|(_, other, _)| c.contrast(*other) < 4.5)
                    .map(|(what, other, text)| {
                        let pair = if *text { format!("{c} on {what} ({other})") } else { (*what).to_string() };
                        format!("{pair}: {:.2}:1", c.contrast(*other))
                    })
                    .collect();
                if !failing.is_empty() {
                    problems.push(
                        at("accent"),
                        format!("the accent colour {c} is too light to read: {}, below 4.5:1", failing.join("; ")),
                        format!("pick a darker colour, e.g. `{}`", darkest_readable(c)),
                    );
                }
            }
        }
    }
    for (key, menus) in [("nav", &config.nav), ("footer", &config.footer)] {
        let Some(menu_node) = node.get(key) else { continue };
        // A locale the site lacks is `upfront.yaml`'s error (`config::check_locale_keys`).
        for (locale, links) in menus.iter().filter(|(l, _)| config.locales.contains_key(*l)) {
            for (i, link) in links.iter().enumerate() {
                let span = menu_node
                    .get(locale)
                    .and_then(|l| l.index(i))
                    .and_then(|n| n.get("link"))
                    .map_or_else(|| menu_node.span.clone(), |n| n.span.clone());
                if let Some(problem) = link_problem(&link.link, pages, static_files) {
                    problems.push(span, problem.0, problem.1);
                }
            }
        }
    }
    problems
}

/// Record where each menu link's `link:` is in `upfront.yaml` (the render's findings about a
/// link point there).
pub fn locate_menus(config: &mut Config, node: &Node) {
    for (key, menus) in [("nav", &mut config.nav), ("footer", &mut config.footer)] {
        let Some(menu_node) = node.get(key) else { continue };
        for (locale, links) in menus.iter_mut() {
            for (i, link) in links.iter_mut().enumerate() {
                link.span = menu_node
                    .get(locale)
                    .and_then(|l| l.index(i))
                    .and_then(|n| n.get("link"))
                    .map_or_else(|| menu_node.span.clone(), |n| n.span.clone());
            }
        }
    }
}

/// The accent mixed with black until it reads on every colour beside it.
fn darkest_readable(c: Rgb) -> Rgb {
    let mut keep = 1.0;
    let mut out = c;
    while keep > 0.0 && BESIDE.iter().any(|(_, other, _)| out.contrast(*other) < 4.5) {
        keep -= 0.05;
        out = c.darker(keep);
    }
    out
}

/// What is wrong with a menu link: a site path (`/emergency/visit/`) that names no page, folder
/// or static file. Full URLs (`https://…`, `mailto:`, `tel:`) are not checked.
fn link_problem(link: &str, pages: &[Page], static_files: &[String]) -> Option<(String, String)> {
    let link = link.trim();
    if link.contains(':') || link.starts_with("//") {
        return None;
    }
    if !link.starts_with('/') {
        return Some((
            format!("`{link}` is not a site path or a URL"),
            "write a path from the site's root, e.g. `/emergency/visit/`, or a full URL".into(),
        ));
    }
    let path = link.split(['#', '?']).next().unwrap_or("").trim_matches('/');
    let prefix = format!("{path}/");
    let known = path.is_empty()
        || pages.iter().any(|p| !p.draft && (p.path == path || p.path.starts_with(&prefix)))
        || static_files.iter().any(|f| f == path);
    (!known).then(|| {
        let hint = nearest(path, pages.iter().map(|p| p.path.as_str())).map_or_else(
            || "name a guide or section by its path, e.g. `/emergency/visit/`".to_string(),
            |n| format!("did you mean `/{n}/`?"),
        );
        (format!("`{link}` is not a page of this site"), hint)
    })
}
