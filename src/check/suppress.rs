//! Suppressions, as Vale and `ESLint` users expect them: `ignore: [rule-id]` in front matter
//! for the whole page, and `<!-- upfront-ignore rule-id … -->` on its own line for the block
//! (paragraph, list, table) that follows it. A suppression that silences nothing is itself
//! reported (`unused-suppression`).

use std::ops::Range;

use super::rule::Rule;
use crate::diag::{Diagnostic, Level};
use crate::model::Page;

pub static RULE: Rule = Rule {
    id: "unused-suppression",
    level: Level::Warning,
    judges_text: false,
    summary: "an `ignore:` entry or `<!-- upfront-ignore -->` comment that silences nothing",
    doc: r"A suppression that no longer silences a finding hides future problems: remove it.

**Bad**

```markdown
<!-- upfront-ignore vague-wait -->
A crew arrives within {{ repair.arrival }}.
```

**Good**: the text without the comment, once it no longer has the finding.

**Fix**: remove the suppression the finding names.

**Settings**: none. Its level can be changed with `checks.severity`.",
    run: |_, _| {},
};

/// One suppression comment: the rules it names and the byte range it covers.
struct Comment {
    rules: Vec<String>,
    /// Span of the comment itself (for the unused finding).
    span: Range<usize>,
    /// What it covers: from the comment to the end of the next block.
    covers: Range<usize>,
}

const OPEN: &str = "<!-- upfront-ignore";

/// Find suppression comments in a body that starts at `base` in the file.
fn comments(body: &str, base: usize) -> Vec<Comment> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(rel) = body[pos..].find(OPEN) {
        let start = pos + rel;
        let Some(end_rel) = body[start..].find("-->") else { break };
        let end = start + end_rel + 3;
        let rules = body[start + OPEN.len()..end - 3]
            .split([' ', ',', '\n', '\t'])
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        // The next block: skip blank lines, then run to the next blank line.
        let after = &body[end..];
        let content_start = after.len() - after.trim_start().len();
        let block_end = after[content_start..].find("\n\n").map_or(after.len(), |i| content_start + i);
        out.push(Comment { rules, span: base + start..base + end, covers: base + end..base + end + block_end });
        pos = end;
    }
    out
}

/// Drop suppressed findings; add an `unused-suppression` finding for each suppression of
/// `pages` (all of the site's, or those of a focused check) that silenced nothing.
pub fn apply_on<'a>(pages: impl Iterator<Item = &'a Page>, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut out = Vec::with_capacity(diags.len());
    let mut used: std::collections::HashSet<(String, String, usize)> = std::collections::HashSet::new();
    let mut per_file: std::collections::HashMap<&str, (&Page, Vec<Comment>)> = std::collections::HashMap::new();
    for p in pages {
        per_file.insert(p.source.path.as_str(), (p, comments(p.body(), p.body_start)));
    }
    for d in diags {
        let Some((page, comments)) = per_file.get(d.file.as_str()) else {
            out.push(d);
            continue;
        };
        if page.ignore.iter().any(|r| r == d.rule) {
            used.insert((d.file.clone(), d.rule.to_string(), usize::MAX));
            continue;
        }
        let hit = d.span.as_ref().and_then(|s| {
            comments.iter().find(|c| {
                c.rules.iter().any(|r| r == d.rule)
                    && c.covers.start <= s.start
                    && s.start < c.covers.end.max(c.covers.start + 1)
            })
        });
        if let Some(c) = hit {
            used.insert((d.file.clone(), d.rule.to_string(), c.span.start));
            continue;
        }
        out.push(d);
    }
    for (file, (page, comments)) in &per_file {
        for rule in &page.ignore {
            if !used.contains(&(file.to_string(), rule.clone(), usize::MAX)) {
                out.push(unused(file, page.key_span("ignore"), rule));
            }
        }
        for c in comments {
            for rule in &c.rules {
                if !used.contains(&(file.to_string(), rule.clone(), c.span.start)) {
                    out.push(unused(file, c.span.clone(), rule));
                }
            }
        }
    }
    out
}

fn unused(file: &str, span: Range<usize>, rule: &str) -> Diagnostic {
    RULE.finding(file, Some(span), format!("the suppression of `{rule}` silences nothing"))
        .with_hint("remove it; the text it covered no longer has that finding")
}
