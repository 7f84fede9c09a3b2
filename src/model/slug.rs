//! Slugs for paths and heading ids: lowercase, Unicode letters and digits kept, anything else
//! becomes `-` (runs collapsed, ends trimmed).

use std::collections::HashMap;

pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

/// The ids the built-in theme writes around a page body (`<main id="main">`, the search
/// box, "On this page", the section listings). A heading never takes one: "Main" becomes
/// `main-2`, as a repeat would. A theme test keeps this list in step with `templates/`.
pub const THEME_IDS: &[&str] = &[
    "guides-heading",
    "main",
    "results-heading",
    "search-form",
    "search-input",
    "search-results",
    "search-status",
    "sections-heading",
    "site-search",
    "steps-heading",
    "toc-heading",
];

/// Hands out unique heading ids within one page: `x`, `x-2`, `x-3`, never one of
/// [`THEME_IDS`].
#[derive(Debug)]
pub struct IdAllocator {
    seen: HashMap<String, usize>,
}

impl Default for IdAllocator {
    fn default() -> Self {
        IdAllocator { seen: THEME_IDS.iter().map(|id| ((*id).to_string(), 1)).collect() }
    }
}

impl IdAllocator {
    pub fn next_id(&mut self, text: &str) -> String {
        let mut base = slugify(text);
        if base.is_empty() {
            base = "section".to_string();
        }
        loop {
            let n = self.seen.entry(base.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                return base;
            }
            let candidate = format!("{base}-{n}");
            if !self.seen.contains_key(&candidate) {
                self.seen.insert(candidate.clone(), 1);
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slugify("If you feel worse!"), "if-you-feel-worse");
        assert_eq!(slugify("Várakozás és Triázs"), "várakozás-és-triázs");
        assert_eq!(slugify("如果 病情加重"), "如果-病情加重");
        assert_eq!(slugify("While_You Wait.md"), "while-you-wait-md");
        let mut ids = IdAllocator::default();
        assert_eq!(ids.next_id("Steps"), "steps");
        assert_eq!(ids.next_id("Steps"), "steps-2");
        assert_eq!(ids.next_id("Steps 2"), "steps-2-2");
        assert_eq!(ids.next_id("Steps"), "steps-3");
        assert_eq!(ids.next_id("!!"), "section");
        assert_eq!(ids.next_id("Main"), "main-2");
        assert_eq!(ids.next_id("Main"), "main-3");
        assert_eq!(ids.next_id("On this page"), "on-this-page");
    }
}
