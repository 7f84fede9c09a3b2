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

/// Hands out unique heading ids within one page: `x`, `x-2`, `x-3`.
#[derive(Debug, Default)]
pub struct IdAllocator {
    seen: HashMap<String, usize>,
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
    }
}
