//! `data/*.csv`: measured waits for the promise audit. Each file named by a fact's
//! `measured:` is read once; rows are `fact,started,minutes`, `…,seconds` or `…,ended` (the
//! header names the columns). A bad row is a located warning: the other rows still count.

use std::collections::BTreeMap;

use super::fs::RULE;
use super::loader::Loader;
use crate::diag::Diagnostic;
use crate::model::{Fact, Measurement};

/// Measurements per fact id, for every fact with `measured:`.
pub fn load(loader: &mut Loader, facts: &BTreeMap<String, Fact>) -> anyhow::Result<BTreeMap<String, Vec<Measurement>>> {
    let mut by_file: BTreeMap<&str, Vec<&Fact>> = BTreeMap::new();
    for f in facts.values() {
        if let Some(m) = &f.measured {
            by_file.entry(m.as_str()).or_default().push(f);
        }
    }
    let mut out = BTreeMap::new();
    for (rel, users) in by_file {
        let path = loader.root.join(rel);
        let refusal = match super::fs::guard(loader.root, &path) {
            Ok(kind) if kind.is_file() => None,
            Ok(_) => Some(("is a folder, not a CSV file".to_string(), "name a CSV file under data/")),
            Err(super::fs::Refusal::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => Some((
                "does not exist".to_string(),
                "check the path under `measured:` (relative to the site root), or remove it",
            )),
            Err(super::fs::Refusal::Outside(_)) => Some((
                "is outside the site, so it is not read".to_string(),
                "copy the CSV file into data/ and name it relative to the site root, e.g. `data/waits.csv`",
            )),
            Err(refusal) => {
                let (message, hint) = refusal.explain();
                Some((format!("cannot be read: {message}"), hint))
            }
        };
        if let Some((problem, hint)) = refusal {
            for f in &users {
                loader.diagnostics.push(
                    Diagnostic::error(
                        RULE,
                        "facts.yaml",
                        Some(f.measured_span.clone()),
                        format!("fact `{}`: measured data `{rel}` {problem}", f.id),
                    )
                    .with_hint(hint),
                );
            }
            continue;
        }
        let Some(file) = loader.read(&path)? else { continue };
        let rows = parse(&file.path, &file.text, facts, &mut loader.diagnostics);
        for f in users {
            out.insert(f.id.clone(), rows.get(f.id.as_str()).cloned().unwrap_or_default());
        }
    }
    Ok(out)
}

/// Which column holds what: `fact` and `started` always, and `minutes`, `seconds` or `ended`
/// (or several: a row fills one of them).
struct Columns {
    fact: usize,
    started: usize,
    minutes: Option<usize>,
    seconds: Option<usize>,
    ended: Option<usize>,
}

fn columns(header: &csv::StringRecord) -> Option<Columns> {
    let at = |name: &str| header.iter().position(|h| h == name);
    let known = header.iter().all(|h| ["fact", "started", "minutes", "seconds", "ended"].contains(&h));
    let (minutes, seconds, ended) = (at("minutes"), at("seconds"), at("ended"));
    (known && (minutes.is_some() || seconds.is_some() || ended.is_some()))
        .then_some(())
        .and_then(|()| Some(Columns { fact: at("fact")?, started: at("started")?, minutes, seconds, ended }))
}

/// A bad row: a warning (the other rows still count; `upfront live` keeps running).
fn bad_row(
    file: &str,
    span: std::ops::Range<usize>,
    message: impl Into<String>,
    hint: impl Into<String>,
) -> Diagnostic {
    let mut d = Diagnostic::error(RULE, file, Some(span), message).with_hint(hint);
    d.level = crate::diag::Level::Warning;
    d
}

/// The wait of a row: its `minutes`, else `ended` − `started`.
fn wait_minutes(
    record: &csv::StringRecord,
    cols: &Columns,
    started: jiff::Timestamp,
) -> Result<f64, (&'static str, &'static str)> {
    let field = |i: Option<usize>| i.and_then(|i| record.get(i)).filter(|v| !v.is_empty());
    if let Some(m) = field(cols.minutes) {
        return m
            .parse::<f64>()
            .ok()
            .filter(|m| m.is_finite() && *m >= 0.0)
            .ok_or(("`minutes` is not a number of minutes ≥ 0", "write the wait in minutes, e.g. `17` or `17.5`"));
    }
    if let Some(s) = field(cols.seconds) {
        return s
            .parse::<f64>()
            .ok()
            .filter(|s| s.is_finite() && *s >= 0.0)
            .map(|s| s / 60.0)
            .ok_or(("`seconds` is not a number of seconds ≥ 0", "write the wait in seconds, e.g. `1020`"));
    }
    let Some(ended) = field(cols.ended) else {
        return Err(("the row has no wait: fill in `minutes`, `seconds` or `ended`", "fill in one of them"));
    };
    let ended = ended.parse::<jiff::Timestamp>().map_err(|_| {
        ("`ended` is not a date and time with an offset", "write RFC 3339, e.g. `2026-11-02T14:25:00+01:00`")
    })?;
    let secs = ended.duration_since(started).as_secs_f64();
    if secs < 0.0 {
        return Err(("`ended` is before `started`", "check the two times of this row"));
    }
    Ok(secs / 60.0)
}

/// Parse one CSV file; a bad header is an error, every bad row a located warning.
fn parse<'a>(
    file: &str,
    text: &str,
    facts: &'a BTreeMap<String, Fact>,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<&'a str, Vec<Measurement>> {
    let mut rows: BTreeMap<&str, Vec<Measurement>> = BTreeMap::new();
    let mut reader =
        csv::ReaderBuilder::new().has_headers(true).flexible(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let Some(cols) = reader.headers().ok().and_then(columns) else {
        diags.push(
            Diagnostic::error(
                RULE,
                file,
                Some(0..text.find('\n').unwrap_or(text.len())),
                "the first line is not a header such as `fact,started,minutes` (or `seconds` or `ended` for `minutes`)",
            )
            .with_hint("start the file with the line `fact,started,minutes` (or `fact,started,ended`)"),
        );
        return rows;
    };
    let form = "each row is `fact,started,minutes` (or `fact,started,ended`, as the header says)";
    let mut record = csv::StringRecord::new();
    let mut last: Option<&'a str> = None;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let at = e.position().map_or(0, |p| usize::try_from(p.byte()).unwrap_or(0));
                diags.push(bad_row(file, at..at, format!("unreadable row: {e}"), form));
                if e.is_io_error() {
                    break;
                }
                continue;
            }
        }
        let at = record.position().map_or(0, |p| usize::try_from(p.byte()).unwrap_or(0)).min(text.len());
        let line_span = || at..text[at..].find('\n').map_or(text.len(), |i| at + i);
        let (Some(fact), Some(started)) = (record.get(cols.fact), record.get(cols.started)) else {
            diags.push(bad_row(file, line_span(), "this row has too few fields", form));
            continue;
        };
        // Rows of one fact usually come together: skip the map lookup then.
        let id = match last {
            Some(id) if id == fact => id,
            _ => {
                let Some((id, _)) = facts.get_key_value(fact) else {
                    let hint = crate::yaml::nearest(fact, facts.keys().map(String::as_str))
                        .map_or_else(|| "name a fact from facts.yaml".to_string(), |b| format!("did you mean `{b}`?"));
                    diags.push(bad_row(file, line_span(), format!("`{fact}` is not a fact"), hint));
                    continue;
                };
                last = Some(id.as_str());
                id.as_str()
            }
        };
        let Ok(started) = started.parse::<jiff::Timestamp>() else {
            diags.push(bad_row(
                file,
                line_span(),
                "`started` is not a date and time with an offset",
                "write RFC 3339, e.g. `2026-11-02T14:05:00+01:00`",
            ));
            continue;
        };
        match wait_minutes(&record, &cols, started) {
            Ok(minutes) => rows.entry(id).or_default().push(Measurement { started, minutes }),
            Err((message, hint)) => diags.push(bad_row(file, line_span(), message, hint)),
        }
    }
    rows
}
