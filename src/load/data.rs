//! `data/*.csv`: measured waits for the promise audit. Each file named by a fact's
//! `measured:` is read once; rows are `fact,started,minutes`.

use std::collections::BTreeMap;

use super::fs::RULE;
use super::loader::Loader;
use crate::diag::Diagnostic;
use crate::model::{Fact, Measurement};

const HEADER: [&str; 3] = ["fact", "started", "minutes"];

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

/// Parse one CSV file; every bad row is a located diagnostic.
fn parse<'a>(
    file: &str,
    text: &str,
    facts: &'a BTreeMap<String, Fact>,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<&'a str, Vec<Measurement>> {
    let mut rows: BTreeMap<&str, Vec<Measurement>> = BTreeMap::new();
    let mut reader = csv::ReaderBuilder::new().has_headers(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let header_ok = reader.headers().is_ok_and(|h| h.iter().eq(HEADER.iter().copied()));
    if !header_ok {
        diags.push(
            Diagnostic::error(
                RULE,
                file,
                Some(0..text.find('\n').unwrap_or(text.len())),
                "the first line is not the header `fact,started,minutes`",
            )
            .with_hint("start the file with the line `fact,started,minutes`"),
        );
        return rows;
    }
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let at = e.position().map_or(0, |p| usize::try_from(p.byte()).unwrap_or(0));
                diags.push(
                    Diagnostic::error(RULE, file, Some(at..at), format!("unreadable row: {e}"))
                        .with_hint("each row is `fact,started,minutes`"),
                );
                continue;
            }
        };
        let at = record.position().map_or(0, |p| usize::try_from(p.byte()).unwrap_or(0));
        let line_span = at..text[at..].find('\n').map_or(text.len(), |i| at + i);
        let (Some(fact), Some(started), Some(minutes)) = (record.get(0), record.get(1), record.get(2)) else {
            diags.push(
                Diagnostic::error(RULE, file, Some(line_span), "this row does not have 3 fields")
                    .with_hint("each row is `fact,started,minutes`"),
            );
            continue;
        };
        let Some((id, _)) = facts.get_key_value(fact) else {
            let hint = super::yaml::nearest(fact, facts.keys().map(String::as_str))
                .map_or_else(|| "name a fact from facts.yaml".to_string(), |b| format!("did you mean `{b}`?"));
            diags.push(
                Diagnostic::error(RULE, file, Some(line_span), format!("`{fact}` is not a fact")).with_hint(hint),
            );
            continue;
        };
        let started = started.parse::<jiff::Timestamp>();
        let minutes = minutes.parse::<f64>().ok().filter(|m| m.is_finite() && *m >= 0.0);
        match (started, minutes) {
            (Ok(started), Some(minutes)) => rows.entry(id.as_str()).or_default().push(Measurement { started, minutes }),
            (Err(_), _) => diags.push(
                Diagnostic::error(RULE, file, Some(line_span), "`started` is not a date and time with an offset")
                    .with_hint("write RFC 3339, e.g. `2026-11-02T14:05:00+01:00`"),
            ),
            (_, None) => diags.push(
                Diagnostic::error(RULE, file, Some(line_span), "`minutes` is not a number of minutes ≥ 0")
                    .with_hint("write the wait in minutes, e.g. `17` or `17.5`"),
            ),
        }
    }
    rows
}
