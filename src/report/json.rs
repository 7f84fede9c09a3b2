//! `--format json`: one object on stdout in the SPEC's shape, from typed serde structs.
//! Stable across versions: `version` changes only when a field changes meaning or goes away.

use serde::Serialize;

use super::{Counts, Located};
use crate::diag::{Diagnostic, Level, Sources};

/// The version of this report's shape.
pub const VERSION: u32 = 1;

#[derive(Debug, Serialize)]
pub struct Report<'a> {
    pub version: u32,
    pub findings: Vec<Finding<'a>>,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    /// With `--baseline`: how many findings the baseline held back (absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baselined: Option<usize>,
}

#[derive(Debug, Serialize)]
pub struct Finding<'a> {
    pub rule: &'a str,
    pub level: Level,
    /// Relative to the site root, `/` separators.
    pub file: &'a str,
    /// 1-based; columns count characters.
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    /// Exclusive.
    pub end_column: usize,
    /// The source text the finding covers.
    pub text: &'a str,
    pub message: &'a str,
    /// `null` when the rule has no advice.
    pub hint: Option<&'a str>,
    /// What baselines match (see `report::fingerprint`): no line numbers in it.
    pub fingerprint: String,
}

impl<'a> From<Located<'a>> for Finding<'a> {
    fn from(l: Located<'a>) -> Self {
        let d = l.diag;
        Finding {
            rule: d.rule,
            level: d.level,
            file: &d.file,
            line: l.start.line,
            column: l.start.column,
            end_line: l.end.line,
            end_column: l.end.column,
            text: l.text,
            message: &d.message,
            hint: d.hint.as_deref(),
            fingerprint: String::new(),
        }
    }
}

pub fn report<'a>(diags: &'a [Diagnostic], sources: &'a Sources) -> Report<'a> {
    let counts = Counts::of(diags);
    Report {
        version: VERSION,
        findings: super::locate(diags, sources)
            .into_iter()
            .map(|l| Finding { fingerprint: super::fingerprint::of(&l, sources), ..Finding::from(l) })
            .collect(),
        errors: counts.errors,
        warnings: counts.warnings,
        notes: counts.notes,
        baselined: None,
    }
}

/// The report as pretty-printed JSON with a final newline.
pub fn render(diags: &[Diagnostic], sources: &Sources) -> serde_json::Result<String> {
    let mut out = serde_json::to_string_pretty(&report(diags, sources))?;
    out.push('\n');
    Ok(out)
}
