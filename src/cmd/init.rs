//! `upfront init [DIR] [--starter NAME] [--list]`: write a starter site (embedded in the
//! binary) into a new folder, with its dates set relative to today. Reads no site.
//!
//! Starters live in `starters/<name>/`; `er` is the bundled sample at the repo root. Their
//! files may hold date tokens, replaced when written: `@TODAY@` (today in the starter's
//! `timezone`) and `@TODAY+N@` (N days later), so a new site checks clean on any day.

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Context as _;
use include_dir::{Dir, include_dir};

use crate::cli::InitArgs;

static CONTENT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content");
static NOTICES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/notices");
static DATA: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/data");
static STATIC: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/static");
static I18N: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/i18n");
static STARTERS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/starters");
const ROOT_FILES: [(&str, &str); 3] = [
    ("upfront.yaml", include_str!("../../upfront.yaml")),
    ("facts.yaml", include_str!("../../facts.yaml")),
    ("glossary.yaml", include_str!("../../glossary.yaml")),
];

/// The starter `upfront init` uses when none is named.
pub const DEFAULT_STARTER: &str = "general";

/// Every starter: its name and a one-line description (`--list` prints them in this order).
pub const STARTERS_LIST: &[(&str, &str)] = &[
    ("general", "any organisation, English: how to reach us and what happens next (the default)"),
    ("clinic", "a GP clinic, English + Hungarian: appointments, walk-in waits, a paid priority membership"),
    ("utility", "a water utility, English + Chinese: repairs, new connections, complaints, planned outages"),
    ("support", "a software support desk, English + Chinese: tickets, SLA tiers in working days"),
    ("er", "the bundled sample, an emergency department, English + Chinese + Hungarian"),
];

/// Notices of the `er` sample that end within this many days of today are left out: their
/// dates are fixed, and a notice that has ended is a warning.
const ER_NOTICE_MARGIN_DAYS: i64 = 90;

/// Every file of the sample: (path relative to the site root, bytes).
pub fn sample_files() -> Vec<(String, &'static [u8])> {
    let mut out: Vec<(String, &'static [u8])> =
        ROOT_FILES.iter().map(|(n, t)| ((*n).to_string(), t.as_bytes())).collect();
    for (prefix, dir) in
        [("content", &CONTENT), ("notices", &NOTICES), ("data", &DATA), ("static", &STATIC), ("i18n", &I18N)]
    {
        out.extend(dir_files(dir, &format!("{prefix}/"), ""));
    }
    out.sort();
    out
}

/// The files under `dir`, each path with `strip` taken off its front and `prefix` put on.
fn dir_files(dir: &'static Dir<'static>, prefix: &str, strip: &str) -> Vec<(String, &'static [u8])> {
    let mut out = Vec::new();
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        for f in d.files() {
            let path = f.path().to_string_lossy();
            let rel = path.strip_prefix(strip).unwrap_or(&path);
            out.push((format!("{prefix}{rel}"), f.contents()));
        }
        stack.extend(d.dirs());
    }
    out
}

/// The files of starter `name` (unknown: `None`), before their dates are filled in.
pub fn starter_files(name: &str) -> Option<Vec<(String, &'static [u8])>> {
    if name == "er" {
        return Some(sample_files());
    }
    if !STARTERS_LIST.iter().any(|(n, _)| *n == name) {
        return None;
    }
    let dir = STARTERS.get_dir(name)?;
    let mut out = dir_files(dir, "", &format!("{name}/"));
    out.sort();
    Some(out)
}

fn list_text() -> String {
    let width = STARTERS_LIST.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (n, about) in STARTERS_LIST {
        let _ = writeln!(out, "  {n:width$}  {about}");
    }
    out
}

pub fn run(args: &InitArgs) -> anyhow::Result<ExitCode> {
    if args.list {
        print!("{}", list_text());
        return Ok(ExitCode::SUCCESS);
    }
    let name = args.starter.as_deref().unwrap_or(DEFAULT_STARTER);
    let Some(files) = starter_files(name) else {
        let hint = crate::yaml::nearest(name, STARTERS_LIST.iter().map(|(n, _)| *n))
            .map(|n| format!("; did you mean `{n}`?"))
            .unwrap_or_default();
        eprintln!("error: there is no starter `{name}`{hint}\nthe starters are:\n{}", list_text());
        return Ok(ExitCode::from(2));
    };
    let dir = &args.dir;
    if dir.exists() {
        anyhow::ensure!(dir.is_dir(), "{} is a file; `upfront init` needs an empty or new folder", dir.display());
        let mut entries = std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
        anyhow::ensure!(
            entries.next().is_none(),
            "refusing to write into {}: it is not empty; pick a new folder, e.g. `upfront init my-site`",
            dir.display()
        );
    }
    let config = files.iter().find(|(p, _)| p == "upfront.yaml").map(|(_, b)| String::from_utf8_lossy(b));
    let today = crate::clock::today_in(config.as_deref().and_then(timezone_of));
    for (rel, bytes) in files {
        let text = std::str::from_utf8(bytes).ok();
        let out: Vec<u8> = match (name, text) {
            ("er", Some(t)) if rel.starts_with("notices/") && ends_soon(t, today) => continue,
            ("er", Some(t)) if rel.starts_with("content/") => reviewed_today(t, today).into_bytes(),
            (_, Some(t)) if name != "er" => fill_dates(t, today).into_bytes(),
            _ => bytes.to_vec(),
        };
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(&path, out).with_context(|| format!("cannot write {}", path.display()))?;
    }
    eprintln!(
        "created a new site from the `{name}` starter in {}; build it with `upfront --root {} build`",
        dir.display(),
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// The `timezone:` value of a starter's `upfront.yaml` (a top-level line).
fn timezone_of(config: &str) -> Option<&str> {
    config.lines().find_map(|l| l.strip_prefix("timezone:")).map(|v| v.split('#').next().unwrap_or("").trim())
}

/// `@TODAY@` → today, `@TODAY+N@` → N days later (YYYY-MM-DD). Anything else stays.
pub fn fill_dates(text: &str, today: jiff::civil::Date) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("@TODAY") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "@TODAY".len()..];
        let token = after.find('@').and_then(|end| {
            let inner = &after[..end];
            let days: i64 = if inner.is_empty() { 0 } else { inner.strip_prefix('+')?.parse().ok()? };
            Some((today.checked_add(jiff::Span::new().days(days)).ok()?, end))
        });
        if let Some((date, end)) = token {
            out.push_str(&date.to_string());
            rest = &after[end + 1..];
        } else {
            out.push_str("@TODAY");
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// The front matter's `reviewed:` line set to today (the sample's own dates are fixed).
fn reviewed_today(text: &str, today: jiff::civil::Date) -> String {
    let mut in_front = false;
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            in_front = i == 0;
        }
        if in_front && line.starts_with("reviewed:") {
            let eol = if line.ends_with("\r\n") {
                "\r\n"
            } else if line.ends_with('\n') {
                "\n"
            } else {
                ""
            };
            let _ = write!(out, "reviewed: {today}{eol}");
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Whether a sample notice's `until:` date is within the margin of today (or unreadable).
fn ends_soon(text: &str, today: jiff::civil::Date) -> bool {
    let until = text.lines().find_map(|l| l.strip_prefix("until:")).map(str::trim);
    let date = until.and_then(|u| u.get(..10)).and_then(|d| d.parse::<jiff::civil::Date>().ok());
    date.is_none_or(|d| today.checked_add(jiff::Span::new().days(ER_NOTICE_MARGIN_DAYS)).is_ok_and(|limit| d < limit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_tokens() {
        let d = jiff::civil::date(2026, 12, 30);
        assert_eq!(fill_dates("a @TODAY@ b @TODAY+3@ c", d), "a 2026-12-30 b 2027-01-02 c");
        assert_eq!(fill_dates("@TODAY x @TODAY-1@ @TODAY+@", d), "@TODAY x @TODAY-1@ @TODAY+@");
        assert_eq!(fill_dates("{{ fact.id }} @ home", d), "{{ fact.id }} @ home");
    }

    #[test]
    fn reviewed_lines_only_in_front_matter() {
        let d = jiff::civil::date(2027, 1, 5);
        let t = "---\ntitle: A\nreviewed: 2026-10-05\n---\nreviewed: 2020-01-01\n";
        assert_eq!(reviewed_today(t, d), "---\ntitle: A\nreviewed: 2027-01-05\n---\nreviewed: 2020-01-01\n");
    }

    #[test]
    fn every_listed_starter_has_files() {
        for (name, _) in STARTERS_LIST {
            let files = starter_files(name).unwrap_or_default();
            assert!(files.iter().any(|(p, _)| p == "upfront.yaml"), "{name}");
            assert!(files.iter().any(|(p, _)| p.starts_with("content/")), "{name}");
        }
    }
}
