//! A rule (`Rule`: id, default level, docs, its check) and the helper per-page rules run with.

use rayon::prelude::*;

use super::ctx::Ctx;
use crate::diag::{Diagnostic, Level};

/// A rule: its id (from the SPEC), default level, a one-line summary, its documentation and
/// its check.
pub struct Rule {
    pub id: &'static str,
    pub level: Level,
    /// Whether the rule judges the words of a text (a wait, a promise, a perk, a link): the
    /// rules `check --text` and the editor run on a draft. The others judge a site's files
    /// (translations, review dates, notices, measured waits).
    pub judges_text: bool,
    pub summary: &'static str,
    /// Markdown: what, why, a bad and a good example, how to fix, settings.
    pub doc: &'static str,
    pub run: fn(&Ctx, &mut Vec<Diagnostic>),
}

impl Rule {
    /// A finding of this rule at its default level (`checks.severity` may change it later).
    pub fn finding(
        &self,
        file: impl Into<String>,
        span: Option<std::ops::Range<usize>>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic { level: self.level, ..Diagnostic::error(self.id, file, span, message) }
    }
}

/// Run `f` over `pages` in parallel and collect what it finds (rules whose work is per page).
pub fn per_page<'a>(
    pages: impl ParallelIterator<Item = &'a crate::model::Page>,
    f: impl Fn(&'a crate::model::Page, &mut Vec<Diagnostic>) + Sync + Send,
) -> Vec<Diagnostic> {
    pages
        .flat_map_iter(|page| {
            let mut out = Vec::new();
            f(page, &mut out);
            out
        })
        .collect()
}
