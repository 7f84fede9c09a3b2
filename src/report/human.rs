//! The human format: `path:line:col: level[rule]: message`, the source line with a caret under
//! the span, and the hint. Colour only on a terminal, and never with `NO_COLOR`.

use std::fmt::Write as _;

use annotate_snippets::{AnnotationKind, Level as SnippetLevel, Renderer, Snippet};

use crate::diag::{Diagnostic, Level, Sources};

/// Render all diagnostics, then a summary line.
pub fn render(diags: &[Diagnostic], sources: &Sources, color: bool) -> String {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let mut out = String::new();
    for d in diags {
        let (start, _) = sources.locate(d);
        let _ = writeln!(out, "{}:{}:{}: {}[{}]: {}", d.file, start.line, start.column, d.level, d.rule, d.message);
        let level = match d.level {
            Level::Error => SnippetLevel::ERROR,
            Level::Warning => SnippetLevel::WARNING,
            Level::Note => SnippetLevel::NOTE,
        };
        let mut group = annotate_snippets::Group::with_title(level.primary_title(d.message.as_str()).id(d.rule));
        if let (Some(file), Some(span)) = (sources.get(&d.file), &d.span) {
            let line = file.line_span(start.line);
            let text = file.line_text(start.line);
            let (rel_start, rel_end) =
                caret_range(text, span.start.saturating_sub(line.start), span.end.saturating_sub(line.start));
            let label = d.hint.as_deref().unwrap_or("");
            group = group.element(
                Snippet::source(text)
                    .line_start(start.line)
                    .annotation(AnnotationKind::Primary.span(rel_start..rel_end).label(label)),
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
    let errors = crate::diag::count(diags, Level::Error);
    let warnings = crate::diag::count(diags, Level::Warning);
    let _ = writeln!(out, "{errors} error{}, {warnings} warning{}", plural(errors), plural(warnings));
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
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
}
