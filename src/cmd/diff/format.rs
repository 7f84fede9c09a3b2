//! `upfront diff` as text: `human` for a terminal, `markdown` for a pull-request comment (a
//! short summary first, the details folded).

use std::fmt::Write as _;

use super::compare::{Changes, FactChange, GuideChange, Kind, NoticeChange};
use crate::cmd::facts::Use;
use crate::report::plural;

/// "2 facts changed (quoted on 14 pages), 1 guide added, …" or "no changes readers will see".
fn summary(c: &Changes<'_>) -> String {
    let mut parts = Vec::new();
    if !c.facts.is_empty() {
        let pages: std::collections::BTreeSet<(&str, &str)> =
            c.facts.iter().flat_map(|f| f.quoted_by.iter().map(|u| (u.page, u.locale))).collect();
        parts.push(format!("{} (quoted on {})", plural(c.facts.len(), "fact"), plural(pages.len(), "page")));
    }
    for (kind, word) in
        [(Kind::Added, "added"), (Kind::Removed, "removed"), (Kind::Moved, "moved"), (Kind::Changed, "changed")]
    {
        let n = c.guides.iter().filter(|g| g.change == kind).count();
        if n > 0 {
            parts.push(format!("{} {word}", plural(n, "page")));
        }
    }
    if !c.notices.is_empty() {
        parts.push(plural(c.notices.len(), "notice"));
    }
    if !c.findings.new.is_empty() {
        parts.push(format!("{} new", plural(c.findings.new.len(), "finding")));
    }
    if c.findings.fixed > 0 {
        parts.push(format!("{} fixed", plural(c.findings.fixed, "finding")));
    }
    if parts.is_empty() { "no changes readers will see".into() } else { parts.join(", ") }
}

fn kind(k: Kind) -> &'static str {
    match k {
        Kind::Added => "added",
        Kind::Removed => "removed",
        Kind::Moved => "moved",
        Kind::Changed => "changed",
    }
}

fn or_none(v: Option<&String>) -> &str {
    v.map_or("(none)", String::as_str)
}

/// `emergency/visit` (en: help, print, sms; zh: help), one line per page.
fn quoted(uses: &[Use<'_>]) -> Vec<String> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for u in uses {
        let page = if u.page.is_empty() { "/".to_string() } else { format!("/{}/", u.page) };
        let entry = format!("{}: {}", u.locale, u.channels.join(", "));
        match out.last_mut() {
            Some((p, list)) if *p == page => list.push(entry),
            _ => out.push((page, vec![entry])),
        }
    }
    out.into_iter().map(|(p, l)| format!("{p} ({})", l.join("; "))).collect()
}

fn guide_title(g: &GuideChange) -> String {
    let page = if g.page.is_empty() { "/".to_string() } else { format!("/{}/", g.page) };
    match &g.moved_from {
        Some(from) => format!("{page} [{}] moved from /{}/", g.locale, from.trim_matches('/')),
        None => format!("{page} [{}] {}", g.locale, kind(g.change)),
    }
}

fn notice_title(n: &NoticeChange) -> String {
    format!("{} [{}] {}", n.id, n.locale, kind(n.change))
}

fn fact_lines(f: &FactChange<'_>) -> Vec<String> {
    f.value.iter().map(|(l, v)| format!("{l}: {} → {}", or_none(v.old.as_ref()), or_none(v.new.as_ref()))).collect()
}

pub fn human(c: &Changes<'_>) -> String {
    let mut s = format!("{} → {}: {}\n", c.base, c.head, summary(c));
    if !c.facts.is_empty() {
        s.push_str("\nFacts\n");
        for f in &c.facts {
            let _ = writeln!(s, "  {} ({})", f.id, kind(f.change));
            for line in fact_lines(f) {
                let _ = writeln!(s, "    {line}");
            }
            for line in quoted(&f.quoted_by) {
                let _ = writeln!(s, "    quoted on {line}");
            }
        }
    }
    if !c.guides.is_empty() {
        s.push_str("\nPages\n");
        for g in &c.guides {
            let _ = writeln!(s, "  {}  {}", guide_title(g), g.file);
            for d in &g.details {
                let _ = writeln!(s, "    {d}");
            }
        }
    }
    if !c.notices.is_empty() {
        s.push_str("\nNotices\n");
        for n in &c.notices {
            let _ = writeln!(s, "  {}", notice_title(n));
            for d in &n.details {
                let _ = writeln!(s, "    {d}");
            }
        }
    }
    if !c.findings.new.is_empty() {
        s.push_str("\nNew findings\n");
        for f in &c.findings.new {
            let _ = writeln!(s, "  {}:{}:{}: {}[{}] {}", f.file, f.line, f.column, f.level, f.rule, f.message);
        }
    }
    s
}

/// Markdown for a pull-request comment: a heading and one summary line, then each part in a
/// `<details>` block so the comment stays short.
pub fn markdown(c: &Changes<'_>) -> String {
    let mut s =
        format!("### Upfront: what readers will see change\n\n`{}` → `{}`: **{}**\n", c.base, c.head, summary(c));
    if !c.findings.new.is_empty() {
        let errors = c.findings.new.iter().filter(|f| f.level == crate::diag::Level::Error).count();
        if errors > 0 {
            let _ =
                writeln!(s, "\n> [!WARNING]\n> This change adds {} (`upfront check` fails).", plural(errors, "error"));
        }
    }
    let mut section = |title: String, body: String| {
        let _ = write!(s, "\n<details><summary>{title}</summary>\n\n{body}\n</details>\n");
    };
    if !c.facts.is_empty() {
        let mut body = String::from("| fact | change | locale: before → after | quoted on |\n|---|---|---|---|\n");
        for f in &c.facts {
            let _ = writeln!(
                body,
                "| `{}` | {} | {} | {} |",
                f.id,
                kind(f.change),
                cell(&fact_lines(f).join("<br>")),
                cell(&quoted(&f.quoted_by).join("<br>"))
            );
        }
        section(format!("Facts ({})", c.facts.len()), body);
    }
    if !c.guides.is_empty() {
        let mut body = String::new();
        for g in &c.guides {
            let _ = writeln!(body, "- **{}** `{}`", cell(&guide_title(g)), g.file);
            for d in &g.details {
                let _ = writeln!(body, "  - {}", cell(d));
            }
        }
        section(format!("Pages ({})", c.guides.len()), body);
    }
    if !c.notices.is_empty() {
        let mut body = String::new();
        for n in &c.notices {
            let _ = writeln!(body, "- **{}**", cell(&notice_title(n)));
            for d in &n.details {
                let _ = writeln!(body, "  - {}", cell(d));
            }
        }
        section(format!("Notices ({})", c.notices.len()), body);
    }
    if !c.findings.new.is_empty() {
        let mut body = String::new();
        for f in &c.findings.new {
            let _ =
                writeln!(body, "- `{}:{}:{}` {} `{}`: {}", f.file, f.line, f.column, f.level, f.rule, cell(f.message));
        }
        section(format!("New findings ({})", c.findings.new.len()), body);
    }
    s
}

/// Text safe inside a Markdown table cell or list item: no pipes, no raw HTML, one line.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('<', "&lt;").replace("&lt;br>", "<br>").replace('\n', " ")
}
