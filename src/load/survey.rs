//! `upfront audit --survey FILE.csv`: survey or complaints answers (`date` and a `score`
//! and/or a `text` column), named on the command line, so read from wherever it is. A bad
//! row is a located warning.

use std::path::Path;

use anyhow::Context as _;

use crate::diag::{Diagnostic, Level, Sources};
use crate::model::audit::SurveyRow;
use crate::source::SourceFile;

const RULE: &str = "survey";

fn warning(file: &str, span: std::ops::Range<usize>, message: impl Into<String>, hint: &str) -> Diagnostic {
    let mut d = Diagnostic::error(RULE, file, Some(span), message).with_hint(hint);
    d.level = Level::Warning;
    d
}

/// The answers of `path` (shown as `shown`), the problems, and the file for reports.
pub fn load_survey(path: &Path, shown: &str) -> anyhow::Result<(Vec<SurveyRow>, Vec<Diagnostic>, Sources)> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read the survey file {}", path.display()))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("the survey file {} is not UTF-8 text; save it as UTF-8 CSV", path.display()))?;
    let mut diags = Vec::new();
    let mut rows = Vec::new();
    let mut reader = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let header = reader.headers().cloned().unwrap_or_default();
    let col = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
    let (date, score, comment) = (col("date"), col("score"), col("text"));
    let form = "each row is `date,score` (and/or `text`), e.g. `2026-11-02,4`";
    let mut sources = Sources::default();
    let (Some(date), Some(_)) = (date, score.or(comment)) else {
        diags.push(
            Diagnostic::error(
                RULE,
                shown,
                Some(0..text.find('\n').unwrap_or(text.len())),
                "the first line is not a header with `date` and `score` and/or `text`",
            )
            .with_hint("start the file with the line `date,score,text` (or `date,score`)"),
        );
        sources.insert(SourceFile::new(shown, text));
        return Ok((rows, diags, sources));
    };
    for record in reader.records() {
        let Ok(record) = record else { continue };
        let at = record.position().map_or(0, |p| usize::try_from(p.byte()).unwrap_or(0)).min(text.len());
        let span = at..text[at..].find('\n').map_or(text.len(), |i| at + i);
        let day = record.get(date).unwrap_or("");
        let Some(day) = day.get(..10).and_then(|d| d.parse::<jiff::civil::Date>().ok()) else {
            diags.push(warning(shown, span, format!("`{day}` is not a date"), "write YYYY-MM-DD, e.g. `2026-11-02`"));
            continue;
        };
        let score_text = score.and_then(|i| record.get(i)).filter(|s| !s.is_empty());
        let score_value = match score_text.map(str::parse::<f64>) {
            Some(Ok(v)) if v.is_finite() => Some(v),
            Some(_) => {
                diags.push(warning(shown, span, "`score` is not a number", "write a number, e.g. `4` or `4.5`"));
                continue;
            }
            None => None,
        };
        let has_text = comment.and_then(|i| record.get(i)).is_some_and(|t| !t.is_empty());
        if score_value.is_none() && !has_text {
            diags.push(warning(shown, span, "this row has neither a score nor a text", form));
            continue;
        }
        rows.push(SurveyRow { date: day, score: score_value, text: has_text });
    }
    sources.insert(SourceFile::new(shown, text));
    Ok((rows, diags, sources))
}
