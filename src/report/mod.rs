//! Report: diagnostics → text for people or machines, one file per `--format`. Renderers
//! only format; positions come from `diag::Sources` (the one place that computes them).

pub(crate) mod baseline;
pub(crate) mod color;
pub(crate) mod fingerprint;
pub mod github;
pub(crate) mod gitlab;
pub mod human;
pub(crate) mod json;
pub(crate) mod junit;
pub(crate) mod sarif;

use crate::diag::{self, Diagnostic, Level, Sources};
use crate::source::LineCol;

/// A diagnostic with its positions and covered text resolved: what every machine format
/// needs, computed once.
#[derive(Debug, Clone, Copy)]
pub struct Located<'a> {
    pub diag: &'a Diagnostic,
    pub start: LineCol,
    /// Exclusive end.
    pub end: LineCol,
    /// The source text the span covers (empty for whole-file findings).
    pub text: &'a str,
}

/// Resolve every diagnostic, keeping their order (already sorted by `diag::sort`).
pub fn locate<'a>(diags: &'a [Diagnostic], sources: &'a Sources) -> Vec<Located<'a>> {
    diags
        .iter()
        .map(|d| {
            let (start, end) = sources.locate(d);
            Located { diag: d, start, end, text: sources.text_of(d) }
        })
        .collect()
}

/// How many findings of each level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

impl Counts {
    pub fn of(diags: &[Diagnostic]) -> Self {
        Self {
            errors: diag::count(diags, Level::Error),
            warnings: diag::count(diags, Level::Warning),
            notes: diag::count(diags, Level::Note),
        }
    }

    /// "3 errors, 1 warning" (notes only when there are some).
    pub fn summary(self) -> String {
        let mut s = format!("{}, {}", plural(self.errors, "error"), plural(self.warnings, "warning"));
        if self.notes > 0 {
            s.push_str(", ");
            s.push_str(&plural(self.notes, "note"));
        }
        s
    }
}

/// "1 error", "2 errors", "0 errors".
pub use crate::plural::count as plural;
