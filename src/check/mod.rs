//! Check: rules over the loaded model, each in its own file under `rules/`, listed once in
//! `RULES`. Never imports `render`.

pub mod rules;

use crate::diag::{Diagnostic, Level};
use crate::model::Site;

/// A rule: its id (from the SPEC), default level, a one-line summary and its check.
pub struct Rule {
    pub id: &'static str,
    pub level: Level,
    pub summary: &'static str,
    pub run: fn(&Site, &mut Vec<Diagnostic>),
}

/// Every rule, one line each.
pub static RULES: &[&Rule] = &[&rules::front_matter::RULE, &rules::unknown_fact::RULE];

/// Run every rule over the site.
pub fn check(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in RULES {
        (rule.run)(site, &mut out);
    }
    out
}
