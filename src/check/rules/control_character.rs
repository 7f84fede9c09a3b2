//! `control-character`: NUL and other control characters in a guide's or a notice's text.
//! The renderers drop them (see `model::controls`); this says where they are.

use crate::check::ctx::Ctx;
use crate::check::rule::Rule;
use crate::diag::{Diagnostic, Level};
use crate::model::controls;

pub static RULE: Rule = Rule {
    id: controls::RULE,
    level: Level::Warning,
    judges_text: true,
    summary: "a NUL or other control character in a guide or notice",
    doc: r"Control characters (NUL, escape, backspace, vertical tab, form feed, DEL, the C1 range
U+0080–U+009F) are invisible in most editors and have no place on a page: they come from
pasting out of a terminal, a PDF or a word processor. HTML forbids most of them, and an
escape sequence can repaint a terminal that prints the text. Upfront never writes them to
any output (they are dropped from the text before rendering), and this rule says where
they are so the source can be cleaned. Tab, line feed and carriage return (a line ending)
are fine.

A run of control characters is one finding; at most 20 are reported per file. The same
warning points at a front-matter value whose YAML escape (`\0`, `\x1b`, `\u0007`)
produced one.

**Bad**

```markdown
Wait at the desk.␀ Then take a seat.
```

**Good**

```markdown
Wait at the desk. Then take a seat.
```

**Fix**: delete the character (search for it with your editor's regular expressions, e.g.
`[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]`).

**Settings**: none (`checks.severity: { control-character: error }` to stop builds).",
    run,
};

fn run(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let pages = ctx.pages().map(|p| (&p.source, p.body_start));
    let notices = ctx.notices().iter().map(|n| (&n.source, n.body_start));
    for (source, start) in pages.chain(notices) {
        let body = source.text.get(start..).unwrap_or("");
        for (span, first) in controls::runs(body).into_iter().take(controls::MAX_PER_FILE) {
            let at = start + span.start..start + span.end;
            out.push(
                RULE.finding(source.path.as_str(), Some(at), controls::message(first, span.len()))
                    .with_hint(controls::HINT),
            );
        }
    }
}
