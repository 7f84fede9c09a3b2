//! `docs/rules.md`, generated from the rules' own metadata (a test fails when it is stale).

use std::fmt::Write as _;

use super::RULES;

/// The rules reference as Markdown.
pub fn rules_markdown() -> String {
    let mut out = String::from(
        "# Rules\n\n<!-- Generated from the rules' metadata by `UPFRONT_BLESS=1 cargo test --test docs`; do not edit by hand. -->\n\n\
`upfront check` runs every rule; `upfront build` runs them first and refuses to publish on\n\
any error. Change a rule's level in `upfront.yaml` (`checks: { severity: { rule-id: error | warning | note | off } }`),\n\
silence it for one page (`ignore: [rule-id]` in front matter) or for one block\n\
(`<!-- upfront-ignore rule-id -->` on the line before it).\n\n| rule | default | finds |\n|---|---|---|\n",
    );
    for r in RULES {
        let _ = writeln!(out, "| [`{}`](#{}) | {} | {} |", r.id, r.id, r.level, r.summary.replace('|', "\\|"));
    }
    for r in RULES {
        let _ = write!(out, "\n## {}\n\nDefault level: **{}**. {}\n\n{}\n", r.id, r.level, r.summary, r.doc.trim());
    }
    out
}
