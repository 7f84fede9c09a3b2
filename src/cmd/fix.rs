//! `check --fix` and `check --diff`: apply the replacements findings' hints name exactly —
//! a hand-written wait equal to a fact → the `{{ fact }}` the hint names, a broken link with
//! exactly one nearest page → that page, an unused suppression comment → removed — and
//! nothing ambiguous. Edits whole files (written beside, then renamed into place); `--diff`
//! prints a unified diff instead and writes nothing.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use anyhow::Context as _;

use crate::diag::{Diagnostic, Sources};
use crate::model::Site;
use crate::model::links::{self, Link};

/// The fixes for one run: per site-relative file, its text before and after.
#[derive(Debug, Default)]
pub struct Plan {
    pub files: BTreeMap<String, (String, String)>,
    /// How many findings the edits fix.
    pub fixed: usize,
}

/// One replacement of a byte range of a file.
struct Edit {
    span: Range<usize>,
    with: String,
    /// How many findings it fixes.
    fixes: usize,
}

/// The fixes for `diags` (site-relative files, as the checks report them).
pub fn plan(diags: &[Diagnostic], sources: &Sources, site: Option<&Site>) -> Plan {
    let Some(site) = site else { return Plan::default() };
    let mut edits: BTreeMap<&str, Vec<Edit>> = BTreeMap::new();
    let mut unused: BTreeMap<(&str, usize, usize), usize> = BTreeMap::new();
    for d in diags {
        let Some(file) = sources.get(&d.file) else { continue };
        let edit = match d.rule {
            "unused-suppression" => {
                if let Some(span) = d.span.clone() {
                    *unused.entry((d.file.as_str(), span.start, span.end)).or_default() += 1;
                }
                None
            }
            "broken-link" => link_fix(site, d, &file.text),
            // Only a hand-written wait: other hints naming a placeholder (`{{ phone.main }}`
            // for `{{ phone.main.max }}`) cover text that is itself inside `{{ }}`.
            "hardcoded-wait" => super::lsp::features::fix(site, d)
                .filter(|(span, _)| file.text.get(span.clone()).is_some_and(|t| !t.contains("{{") && !t.contains("}}")))
                .map(|(span, with)| Edit { span, with, fixes: 1 }),
            _ => None,
        };
        edits.entry(&d.file).or_default().extend(edit);
    }
    // A comment is removed only when every rule it names silences nothing.
    for ((file, start, end), n) in unused {
        let Some(source) = sources.get(file) else { continue };
        if let Some(edit) = comment_removal(&source.text, start..end, n) {
            edits.entry(file).or_default().push(edit);
        }
    }
    let mut plan = Plan::default();
    for (file, mut list) in edits {
        let Some(source) = sources.get(file) else { continue };
        let (after, applied) = apply(&source.text, &mut list);
        if applied > 0 && after != source.text {
            plan.fixed += applied;
            plan.files.insert(file.to_string(), (source.text.clone(), after));
        }
    }
    plan
}

/// Apply non-overlapping edits in order of position; an edit overlapping an earlier one is
/// skipped (two fixes of the same text would be ambiguous). Returns the findings fixed.
fn apply(text: &str, edits: &mut [Edit]) -> (String, usize) {
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut applied = 0;
    for e in edits.iter() {
        let fits = text.get(e.span.clone()).is_some();
        if e.span.start < at || !fits {
            continue;
        }
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.with);
        at = e.span.end;
        applied += e.fixes;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// Removing `<!-- upfront-ignore … -->` at `span` when it names exactly `unused` rules: the
/// comment, and its line when nothing else is on it.
fn comment_removal(text: &str, span: Range<usize>, unused: usize) -> Option<Edit> {
    let comment = text.get(span.clone())?;
    let rules = comment.strip_prefix("<!-- upfront-ignore")?.strip_suffix("-->")?;
    let named = rules.split([' ', ',', '\n', '\t']).filter(|s| !s.is_empty()).count();
    if named != unused {
        return None;
    }
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[span.end..].find('\n').map_or(text.len(), |i| span.end + i + 1);
    let alone = text[line_start..span.start].trim().is_empty() && text[span.end..line_end].trim().is_empty();
    let span = if alone { line_start..line_end } else { span };
    Some(Edit { span, with: String::new(), fixes: unused })
}

/// A broken link whose hint names one page (`did you mean `/emergency/visit/`?`) that is
/// the only candidate that near: the destination replaced by it.
fn link_fix(site: &Site, d: &Diagnostic, text: &str) -> Option<Edit> {
    let dest = d.message.strip_prefix('`')?.strip_suffix("` names no page or static file")?;
    let best = d.hint.as_deref()?.strip_prefix("did you mean `")?.strip_suffix("`?")?;
    let page = site.pages.iter().find(|p| p.source.path == d.file)?;
    let Link::Site { path, fragment: None, .. } = links::classify(site, dest, links::source_dir(page)) else {
        return None;
    };
    if dest.contains(['?', '#']) || !only_nearest(site, &path, best) {
        return None;
    }
    let span = d.span.clone()?;
    let covered = text.get(span.clone())?;
    let [(at, _)] = covered.match_indices(dest).collect::<Vec<_>>()[..] else { return None };
    let start = span.start + at;
    Some(Edit { span: start..start + dest.len(), with: best.to_string(), fixes: 1 })
}

/// Whether `best` (as the hint writes it: `/path/` or `/file`) is the one candidate nearest
/// to `path`: no other published page path or static file is as near.
fn only_nearest(site: &Site, path: &str, best: &str) -> bool {
    let mut candidates: Vec<&str> = site.pages.iter().filter(|p| !p.draft).map(|p| p.path.as_str()).collect();
    candidates.extend(site.static_files.iter().map(String::as_str));
    candidates.sort_unstable();
    candidates.dedup();
    let distance = |c: &str| strsim::damerau_levenshtein(path, c);
    let Some(min) = candidates.iter().map(|c| distance(c)).min() else { return false };
    let nearest: Vec<&str> = candidates.into_iter().filter(|c| distance(c) == min).collect();
    let trimmed = best.trim_matches('/');
    nearest == [trimmed]
}

/// Write every fixed file (beside, then renamed into place).
pub fn write(root: &Path, plan: &Plan) -> anyhow::Result<()> {
    for (file, (_, after)) in &plan.files {
        let path = root.join(file);
        let tmp = path.with_file_name(format!(
            ".{}.upfront-fix",
            path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
        ));
        std::fs::write(&tmp, after).with_context(|| format!("cannot write {}", path.display()))?;
        std::fs::rename(&tmp, &path).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

/// The unified diff of every fixed file, named as reports name it (`prefix` + file).
pub fn diff(plan: &Plan, prefix: &str) -> String {
    let mut out = String::new();
    for (file, (before, after)) in &plan.files {
        let name = format!("{prefix}{file}");
        let diff = similar::TextDiff::from_lines(before, after);
        out.push_str(
            &diff.unified_diff().context_radius(3).header(&format!("a/{name}"), &format!("b/{name}")).to_string(),
        );
    }
    out
}
