//! `--format gitlab`: GitLab's Code Quality report (a JSON array of issues: `description`,
//! `check_name`, `fingerprint`, `severity`, `location.path`, `location.lines.begin`), from
//! typed serde structs. Fingerprints are unique per issue, as GitLab requires.

use serde::Serialize;

use crate::diag::{Diagnostic, Level, Sources};

#[derive(Debug, Serialize)]
pub struct Issue<'a> {
    pub description: String,
    pub check_name: &'a str,
    pub fingerprint: String,
    /// `info` (note), `minor` (warning) or `major` (error).
    pub severity: &'static str,
    pub location: Location<'a>,
}

#[derive(Debug, Serialize)]
pub struct Location<'a> {
    /// From the folder `upfront` runs in (the repository root in CI).
    pub path: &'a str,
    pub lines: Lines,
}

#[derive(Debug, Serialize)]
pub struct Lines {
    pub begin: usize,
    pub end: usize,
}

fn severity(level: Level) -> &'static str {
    match level {
        Level::Error => "major",
        Level::Warning => "minor",
        Level::Note => "info",
    }
}

pub fn issues<'a>(diags: &'a [Diagnostic], sources: &'a Sources) -> Vec<Issue<'a>> {
    let located = super::locate(diags, sources);
    let fingerprints = super::fingerprint::unique(&located, sources);
    located
        .into_iter()
        .zip(fingerprints)
        .map(|(l, fingerprint)| {
            let d = l.diag;
            Issue {
                description: match &d.hint {
                    Some(h) => format!("{} (hint: {h})", d.message),
                    None => d.message.clone(),
                },
                check_name: d.rule,
                fingerprint,
                severity: severity(d.level),
                location: Location { path: &d.file, lines: Lines { begin: l.start.line, end: l.end.line } },
            }
        })
        .collect()
}

/// The report as pretty-printed JSON with a final newline (`[]` when there are no findings).
pub fn render(diags: &[Diagnostic], sources: &Sources) -> serde_json::Result<String> {
    let mut out = serde_json::to_string_pretty(&issues(diags, sources))?;
    out.push('\n');
    Ok(out)
}
