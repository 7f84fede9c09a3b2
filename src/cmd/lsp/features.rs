//! What the editor asks about a position: the fact under the cursor (hover, definition), the
//! fact names to complete after `{{`, and the exact replacements a finding's hint names (code
//! actions). Pure functions of the kept site and a document's text.

use std::fmt::Write as _;

use lsp_types::{
    CodeAction, CodeActionKind, CompletionItem, CompletionItemKind, CompletionTextEdit, Hover, HoverContents,
    MarkupContent, MarkupKind, TextEdit, WorkspaceEdit,
};

use super::position;
use crate::diag::Diagnostic;
use crate::model::{Fact, FactValue, Site, Style, interp};

/// The fact named at byte `at` of `text`: inside a `{{ name }}`, or a bare fact id such as a
/// step's `wait: er.triage`. Returns the fact and the span of its name.
pub fn fact_at<'a>(site: &'a Site, text: &str, at: usize) -> Option<(&'a Fact, std::ops::Range<usize>)> {
    let (placeholders, _) = interp::scan(text);
    if let Some(p) = placeholders.iter().find(|p| p.span.start <= at && at <= p.span.end) {
        return site.resolve_fact(&p.name).map(|(f, _)| (f, p.name_span.clone()));
    }
    let is_name = |c: char| c.is_alphanumeric() || matches!(c, '.' | '_' | '-');
    let start = text[..at.min(text.len())].rfind(|c: char| !is_name(c)).map_or(0, |i| i + 1);
    let end = text[start..].find(|c: char| !is_name(c)).map_or(text.len(), |i| start + i);
    let word = text.get(start..end)?.trim_end_matches('.');
    site.resolve_fact(word).map(|(f, _)| (f, start..start + word.len()))
}

/// The locale of a content file from its name (`visit.zh.md` → `zh`), else the default.
pub fn locale_of<'a>(site: &'a Site, rel: &str) -> &'a str {
    let stem = rel.rsplit('/').next().unwrap_or(rel).trim_end_matches(".md");
    let suffix = stem.rsplit_once('.').map(|(_, l)| l);
    site.config.locale_codes().find(|l| Some(*l) == suffix).unwrap_or(site.default_locale())
}

/// Markdown: the fact's value in every locale, what it measures, its tier and measured waits.
pub fn hover(site: &Site, fact: &Fact, range: lsp_types::Range) -> Hover {
    let mut md = format!("**{}**", fact.id);
    md.push_str(match fact.value {
        FactValue::Wait(_) => " — wait",
        FactValue::Text(_) => " — text",
    });
    if let Some(tier) = &fact.tier {
        let _ = write!(md, " (tier `{tier}` only)");
    }
    md.push_str("\n\n| locale | value | measures |\n|---|---|---|\n");
    for locale in site.config.locale_codes() {
        let value = site.render_fact(&fact.id, locale, Style::Web).unwrap_or_default();
        let label = fact.label.as_ref().map_or("", |l| l.get(locale, site.default_locale()));
        let _ = writeln!(md, "| {locale} | {value} | {label} |");
    }
    if let Some(m) = crate::cmd::facts::measured(fact, site.measurements.get(&fact.id)) {
        let _ = write!(
            md,
            "\nMeasured in `{}`: {} waits, median {} min, 90% within {} min, longest {} min",
            m.file, m.n, m.p50, m.p90, m.max
        );
    }
    Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: md }),
        range: Some(range),
    }
}

/// Fact names to complete when the cursor follows `{{` (and maybe the start of a name): each
/// with its value in the document's locale; the closing `}}` is added when missing.
pub fn completions(site: &Site, text: &str, at: usize, locale: &str) -> Option<Vec<CompletionItem>> {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..at];
    let open = before.rfind("{{")?;
    if before[open..].contains("}}") {
        return None;
    }
    let typed = before[open + 2..].trim_start();
    if !typed.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-')) {
        return None;
    }
    let name_start = at - typed.len();
    let closed = text[at..].trim_start_matches(|c: char| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'));
    let needs_close = !closed.trim_start_matches(' ').starts_with("}}");
    let replace_end = at + (text[at..].len() - closed.len());
    let range = position::range(text, name_start..replace_end);
    let lead = if before[open + 2..].starts_with(' ') { "" } else { " " };
    let mut items = Vec::new();
    for fact in site.facts.values() {
        let mut names = vec![fact.id.clone()];
        if matches!(fact.value, FactValue::Wait(_)) {
            names.push(format!("{}.min", fact.id));
            names.push(format!("{}.max", fact.id));
        }
        for name in names {
            let value = site.render_fact(&name, locale, Style::Web).unwrap_or_default();
            let insert = format!("{lead}{name}{}", if needs_close { " }}" } else { "" });
            items.push(CompletionItem {
                label: name.clone(),
                kind: Some(CompletionItemKind::CONSTANT),
                detail: Some(value),
                filter_text: Some(format!("{lead}{name}")),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit { range, new_text: insert })),
                ..CompletionItem::default()
            });
        }
    }
    Some(items)
}

/// The fix a finding's hint names exactly: "write `{{ er.triage }}`" replaces the finding's text
/// with that placeholder. Anything less exact offers nothing.
pub fn fix(site: &Site, finding: &Diagnostic) -> Option<(std::ops::Range<usize>, String)> {
    // `unknown-fact` covers a name already inside `{{ }}`: its hint's placeholder would nest.
    if finding.rule == "unknown-fact" {
        return None;
    }
    let span = finding.span.clone()?;
    let rest = finding.hint.as_deref()?.strip_prefix("write `")?;
    let placeholder = &rest[..rest.find('`')?];
    let (found, _) = interp::scan(placeholder);
    let [p] = found.as_slice() else { return None };
    (p.span == (0..placeholder.len()) && site.resolve_fact(&p.name).is_some()).then(|| (span, placeholder.to_string()))
}

/// A code action for `fix` in the document `uri` whose text is `text`.
pub fn action(
    uri: &lsp_types::Url,
    text: &str,
    finding: &Diagnostic,
    diagnostic: lsp_types::Diagnostic,
    fix: (std::ops::Range<usize>, String),
) -> CodeAction {
    let (span, new_text) = fix;
    let edit = TextEdit { range: position::range(text, span.clone()), new_text: new_text.clone() };
    CodeAction {
        title: format!("Replace `{}` with `{new_text}`", &text[span]),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic]),
        edit: Some(WorkspaceEdit {
            changes: Some([(uri.clone(), vec![edit])].into_iter().collect()),
            ..WorkspaceEdit::default()
        }),
        is_preferred: Some(finding.rule == "hardcoded-wait" || finding.rule == "fact-contradiction"),
        ..CodeAction::default()
    }
}
