//! Output paths and URLs: `[/<tier>]/[<locale>]/[<channel>/]<guide path>/index.html`, with no
//! locale segment for the default locale and no tier segment for the widest tier.

/// Where a page of `channel` lives, as a folder path relative to the output root with a
/// trailing `/` (empty for the home page).
pub fn page_dir(tier: Option<&str>, locale: Option<&str>, channel: Option<&str>, path: &str) -> String {
    let mut out = String::new();
    for seg in [tier, locale, channel].into_iter().flatten().chain((!path.is_empty()).then_some(path)) {
        out.push_str(seg);
        out.push('/');
    }
    out
}

/// The folder a content path is in (`emergency/visit` → `emergency`, `emergency` → the root
/// `""`); `None` for the root itself.
pub fn parent_folder(path: &str) -> Option<&str> {
    (!path.is_empty()).then(|| path.rsplit_once('/').map_or("", |(p, _)| p))
}

/// A relative URL from a page in folder `from_dir` to the file `to_file` (both relative to the
/// output root). Works from disk and from any host path.
pub fn relative(from_dir: &str, to_file: &str) -> String {
    let depth = from_dir.matches('/').count();
    let mut out = "../".repeat(depth);
    out.push_str(to_file);
    if out.is_empty() {
        out.push_str("./");
    }
    out
}

/// The relative URL of a page folder: its `index.html`.
pub fn relative_page(from_dir: &str, to_dir: &str) -> String {
    relative(from_dir, &format!("{to_dir}index.html"))
}

/// The absolute URL of a page folder under `base_url`.
pub fn absolute(base_url: &str, dir: &str) -> String {
    format!("{}/{dir}", base_url.trim_end_matches('/'))
}

/// The path part of `base_url`, with slashes at both ends (`https://x.org/help` → `/help/`):
/// what a page served at any address (404) or `robots.txt` puts before the site's folders.
pub fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    let path = path.split(['?', '#']).next().unwrap_or("");
    format!("{}/", path.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_path_of_a_base_url() {
        assert_eq!(base_path("https://help.example.org"), "/");
        assert_eq!(base_path("https://help.example.org/"), "/");
        assert_eq!(base_path("https://example.org/help/"), "/help/");
        assert_eq!(base_path("https://example.org/help?x=1"), "/help/");
    }

    #[test]
    fn dirs_and_relative_urls() {
        assert_eq!(page_dir(None, Some("zh"), Some("print"), "emergency/visit"), "zh/print/emergency/visit/");
        assert_eq!(page_dir(None, None, None, ""), "");
        assert_eq!(page_dir(Some("vip"), None, None, "services/lounge"), "vip/services/lounge/");
        assert_eq!(relative_page("zh/emergency/visit/", ""), "../../../index.html");
        assert_eq!(relative_page("", "emergency/visit/"), "emergency/visit/index.html");
        assert_eq!(absolute("https://x.example/", "zh/"), "https://x.example/zh/");
    }
}
