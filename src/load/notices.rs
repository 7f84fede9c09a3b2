//! `notices/*.md`: time-bound change notices with RFC 3339 windows.

use std::sync::Arc;

use serde::Deserialize;

use super::fs;
use super::loader::{Loader, Problems, parse_document};
use crate::diag::Diagnostic;
use crate::model::{Config, Notice, Page, Severity, controls};
use crate::source::SourceFile;
use crate::yaml::{Field, Kind, Node, field, required};

pub(super) static NOTICE: [Field; 5] = [
    required("title", Kind::Str),
    required("from", Kind::Str),
    required("until", Kind::Str),
    field("applies_to", Kind::List(&Kind::Str)),
    field("severity", Kind::Str),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawNotice {
    title: String,
    from: String,
    until: String,
    #[serde(default)]
    applies_to: Vec<String>,
    severity: Option<String>,
}

pub fn load(loader: &mut Loader, config: &Config, pages: &[Page]) -> anyhow::Result<Vec<Notice>> {
    let dir = loader.root.join("notices");
    let mut notices = Vec::new();
    for path in loader.walk(&dir, false).iter().filter(|p| p.extension().is_some_and(|e| e == "md")) {
        let Some(file) = loader.read(path)? else { continue };
        let mut warnings = Vec::new();
        let parsed = parse(&file, config, pages, &mut warnings);
        loader.diagnostics.append(&mut warnings);
        match parsed {
            Ok(Some(mut n)) => {
                let title_span = n.title.span.clone();
                loader.diagnostics.extend(controls::drop_escaped(&mut n.title.value, &file.path, title_span));
                notices.push(n);
            }
            Ok(None) => {}
            Err(d) => loader.diagnostics.extend(d),
        }
    }
    notices.sort_by(|a, b| (&a.id, &a.locale).cmp(&(&b.id, &b.locale)));
    Ok(notices)
}

/// A notice time and, when its written offset is not the site's time zone's at that instant,
/// that offset: RFC 3339 with an offset (`2026-12-24T18:00:00+01:00`), or a local date and
/// time read in the site's time zone (`2026-12-24T18:00`, `2026-12-24 18:00`, `2026-12-24`).
fn notice_time(text: &str, tz: &jiff::tz::TimeZone) -> Result<(jiff::Timestamp, Option<jiff::tz::Offset>), ()> {
    let text = text.trim();
    if let Ok(t) = text.parse::<jiff::Timestamp>() {
        // The written offset: the difference between the civil time written and the instant.
        let written = text
            .parse::<jiff::civil::DateTime>()
            .ok()
            .and_then(|dt| jiff::tz::TimeZone::UTC.to_timestamp(dt).ok())
            .and_then(|utc| i32::try_from(utc.as_second() - t.as_second()).ok())
            .and_then(|s| jiff::tz::Offset::from_seconds(s).ok());
        let zulu = text.ends_with(['Z', 'z']);
        return Ok((t, written.filter(|o| !zulu && *o != tz.to_offset(t))));
    }
    let civil = text
        .parse::<jiff::civil::DateTime>()
        .or_else(|_| text.parse::<jiff::civil::Date>().map(|d| d.to_datetime(jiff::civil::Time::midnight())))
        .map_err(|_| ())?;
    tz.to_timestamp(civil).map(|t| (t, None)).map_err(|_| ())
}

fn parse(
    file: &Arc<SourceFile>,
    config: &Config,
    pages: &[Page],
    warnings: &mut Vec<Diagnostic>,
) -> Result<Option<Notice>, Vec<Diagnostic>> {
    let name = file.path.rsplit('/').next().unwrap_or(&file.path);
    let stem = name.strip_suffix(".md").unwrap_or(name);
    let (id, locale) = match stem.rsplit_once('.') {
        Some((s, l)) if config.locales.contains_key(l) => (s, l),
        _ => (stem, config.default_locale.as_str()),
    };
    let (front, body_start) = super::content::split(&file.text)
        .map_err(|(m, h)| vec![Diagnostic::error(fs::RULE, file.path.clone(), Some(0..0), m).with_hint(h)])?;
    let (raw, node): (RawNotice, Node) = parse_document(file, front, &Kind::Struct(&NOTICE), "notice")
        .map_err(|p| p.into_diagnostics(&file.path).collect::<Vec<_>>())?;
    let span = |k: &str| node.get(k).map_or(0..0, |n| n.span.clone());
    let mut problems = Problems::default();
    let tz = config.time_zone();
    let zone = config.timezone.as_deref().unwrap_or("UTC");
    let mut time = |key: &str, text: &str| match notice_time(text, &tz) {
        Ok((t, None)) => Some(t),
        Ok((t, Some(written))) => {
            let usual = tz.to_offset(t);
            warnings.push(Diagnostic {
                level: crate::diag::Level::Warning,
                ..Diagnostic::error(
                    fs::RULE,
                    file.path.clone(),
                    Some(span(key)),
                    format!("the offset {written} is not {zone}'s on that day ({usual})"),
                )
                .with_hint(format!(
                    "a summer date with a winter offset (or the reverse) shows the notice an hour off; write `{usual}`, or leave the offset out to use {zone}'s"
                ))
            });
            Some(t)
        }
        Err(()) => {
            problems.push(
                span(key),
                format!("`{text}` is not a date and time"),
                format!("write e.g. `{key}: 2026-12-01T18:00` (read in {zone}) or with an offset, `{key}: 2026-12-01T18:00:00+01:00`"),
            );
            None
        }
    };
    let from = time("from", &raw.from);
    let until = time("until", &raw.until);
    if let (Some(f), Some(u)) = (from, until) {
        if u <= f {
            problems.push(
                span("until"),
                "`until` is not after `from`".into(),
                "a notice ends after it starts; check the dates".into(),
            );
        }
    }
    let severity = match raw.severity.as_deref().unwrap_or("info") {
        "info" => Severity::Info,
        "warning" => Severity::Warning,
        "urgent" => Severity::Urgent,
        other => {
            problems.push(
                span("severity"),
                format!("`{other}` is not a severity"),
                "use `info`, `warning` or `urgent`".into(),
            );
            Severity::Info
        }
    };
    let mut applies_to = Vec::new();
    for (i, target) in raw.applies_to.iter().enumerate() {
        let path = target.trim_matches('/').trim_end_matches(".md").to_string();
        if !pages.iter().any(|p| p.path == path) {
            let at = node.get("applies_to").and_then(|n| n.index(i)).map_or(span("applies_to"), |n| n.span.clone());
            let hint = crate::yaml::nearest(&path, pages.iter().map(|p| p.path.as_str())).map_or_else(
                || "name a guide by its path, e.g. `emergency/visit`".to_string(),
                |b| format!("did you mean `{b}`?"),
            );
            problems.push(at, format!("`{target}` is not a guide"), hint);
        }
        applies_to.push(path);
    }
    let (Some(from), Some(until)) = (from, until) else {
        return Err(problems.into_diagnostics(&file.path).collect());
    };
    problems
        .into_result(Some(Notice {
            id: id.to_string(),
            locale: locale.to_string(),
            source: file.clone(),
            body_start,
            title: super::loader::text_of(file, node.get("title"), Some(raw.title)).unwrap_or_default(),
            from,
            until,
            from_text: raw.from,
            until_text: raw.until,
            applies_to,
            severity,
            until_span: span("until"),
        }))
        .map_err(|p| p.into_diagnostics(&file.path).collect())
}
