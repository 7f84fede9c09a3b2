//! The human format: `path:line:col: level[rule]: message`, the source line with a caret under
//! the span, and the hint. Colour only on a terminal, and never with `NO_COLOR`.

use std::fmt::Write as _;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Level as SnippetLevel, Renderer, Snippet};

use crate::diag::{Diagnostic, Level, Sources};

/// Findings shown per source line; the rest of that line's are counted in one line (every
/// finding stays in the machine formats).
const SHOWN_PER_LINE: usize = 10;
/// Characters of the source line shown on each side of the caret, and the widest caret.
const CONTEXT_CHARS: usize = 100;
const CARET_CHARS: usize = 120;

/// Render all diagnostics, then a summary line ("2 errors, 1 warning").
pub fn render(diags: &[Diagnostic], sources: &Sources, color: bool) -> String {
    let mut out = findings(diags, sources, color);
    out.push_str(&super::Counts::of(diags).summary());
    out.push('\n');
    out
}

/// How many findings each rule has, most first, then the summary line (`--statistics`).
pub fn statistics(diags: &[Diagnostic]) -> String {
    let mut per_rule: std::collections::BTreeMap<(&str, Level), usize> = std::collections::BTreeMap::new();
    for d in diags {
        *per_rule.entry((d.rule, d.level)).or_default() += 1;
    }
    let mut rows: Vec<_> = per_rule.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let width = rows.iter().map(|(_, n)| n.to_string().len()).max().unwrap_or(1);
    let mut out = String::new();
    for ((rule, level), n) in rows {
        let _ = writeln!(out, "{n:>width$}  {rule} [{level}]");
    }
    out.push_str(&super::Counts::of(diags).summary());
    out.push('\n');
    out
}

/// Every diagnostic, without the summary line (`--quiet`). Linear in the findings and their
/// lines: a snippet shows at most `CONTEXT_CHARS` around its caret, and a line with more than
/// `SHOWN_PER_LINE` findings shows the first ones and says how many more it has.
pub fn findings(diags: &[Diagnostic], sources: &Sources, color: bool) -> String {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let mut out = String::new();
    let mut line_run: (Option<(&str, usize)>, usize) = (None, 0);
    let mut hidden = 0usize;
    for d in diags {
        let (start, _) = sources.locate(d);
        let key = Some((d.file.as_str(), start.line)).filter(|_| d.span.is_some());
        if key.is_some() && key == line_run.0 {
            line_run.1 += 1;
        } else {
            more_on_line(&mut out, line_run.0, hidden);
            (line_run, hidden) = ((key, 1), 0);
        }
        if line_run.1 > SHOWN_PER_LINE {
            hidden += 1;
            continue;
        }
        let _ = writeln!(out, "{}:{}:{}: {}[{}]: {}", d.file, start.line, start.column, d.level, d.rule, d.message);
        let level = match d.level {
            Level::Error => SnippetLevel::ERROR,
            Level::Warning => SnippetLevel::WARNING,
            Level::Note => SnippetLevel::NOTE,
        };
        let mut group = annotate_snippets::Group::with_title(level.primary_title(d.message.as_str()).id(d.rule));
        let window;
        if let (Some(file), Some(span)) = (sources.get(&d.file), &d.span) {
            let line = file.line_span(start.line);
            let text = file.line_text(start.line);
            let (rel_start, rel_end) =
                caret_range(text, span.start.saturating_sub(line.start), span.end.saturating_sub(line.start));
            let caret;
            (window, caret) = around(text, rel_start..rel_end);
            let label = d.hint.as_deref().unwrap_or("");
            group = group.element(
                Snippet::source(window.as_str())
                    .line_start(start.line)
                    .annotation(AnnotationKind::Primary.span(caret).label(label)),
            );
        } else if let Some(h) = &d.hint {
            group = group.element(SnippetLevel::HELP.message(h.as_str()));
        }
        let snippet = renderer.render(&[group]);
        // Our own first line already names the place; drop the renderer's title line.
        for l in snippet.lines().skip(1) {
            let _ = writeln!(out, "{l}");
        }
        out.push('\n');
    }
    more_on_line(&mut out, line_run.0, hidden);
    out
}

/// The line saying how many findings of `place` were left out.
fn more_on_line(out: &mut String, place: Option<(&str, usize)>, hidden: usize) {
    if let (Some((file, line)), 1..) = (place, hidden) {
        let _ = writeln!(
            out,
            "{file}:{line}: … and {hidden} more finding{} on this line, not shown here (`--format json` lists every one)\n",
            crate::plural::s(hidden)
        );
    }
}

/// The part of `line` shown around `caret` (byte ranges on char boundaries): at most
/// `CONTEXT_CHARS` each side and a caret of at most `CARET_CHARS`, with `…` where it is cut.
/// Returns the shown text and the caret's range in it.
fn around(line: &str, caret: Range<usize>) -> (String, Range<usize>) {
    let from = line[..caret.start].char_indices().rev().nth(CONTEXT_CHARS - 1).map_or(0, |(i, _)| i);
    let caret_end =
        line[caret.start..caret.end].char_indices().nth(CARET_CHARS).map_or(caret.end, |(i, _)| caret.start + i);
    let to = line[caret_end..].char_indices().nth(CONTEXT_CHARS).map_or(line.len(), |(i, _)| caret_end + i);
    let lead = if from > 0 { "…" } else { "" };
    let tail = if to < line.len() { "…" } else { "" };
    let shift = lead.len() + caret.start - from;
    (format!("{lead}{}{tail}", &line[from..to]), shift..shift + caret_end - caret.start)
}

/// The caret's byte range within one line: on char boundaries, at least one character wide
/// when the line has one there.
fn caret_range(line: &str, start: usize, end: usize) -> (usize, usize) {
    let floor = |mut i: usize| {
        i = i.min(line.len());
        while !line.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(start);
    let mut end = floor(end.max(start));
    if end == start {
        end = line[start..].chars().next().map_or(start, |c| start + c.len_utf8());
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    #[test]
    fn caret_stays_on_char_boundaries() {
        assert_eq!(super::caret_range("Caf\u{fffd}", 3, 4), (3, 6));
        assert_eq!(super::caret_range("分诊", 1, 1), (0, 3));
        assert_eq!(super::caret_range("ab", 5, 9), (2, 2));
    }

    #[test]
    fn a_long_line_is_cut_around_the_caret() {
        let line = format!("{}分诊{}", "a".repeat(500), "b".repeat(500));
        let (shown, caret) = super::around(&line, 500..506);
        assert_eq!(&shown[caret], "分诊");
        assert_eq!(shown, format!("…{}分诊{}…", "a".repeat(100), "b".repeat(100)));
        assert_eq!(super::around("short", 0..5), ("short".to_string(), 0..5));
    }
}
