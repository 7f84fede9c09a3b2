//! `absolute-promise`: a guarantee about service, time or outcome ("guaranteed", "always",
//! "never wait", "保证", "garantált"), unless it is an instruction to the reader. Word lists
//! are data (`src/locales/<lang>/words.yaml`), extended by `checks.words.<locale>.absolute`.

use crate::check::ctx::Ctx;
use crate::check::rule::Rule;
use crate::check::text::words::cue_hits;
use crate::check::text::{Clauses, Prose, for_each_sentence};
use crate::diag::{Diagnostic, Level};

pub static RULE: Rule = Rule {
    id: "absolute-promise",
    level: Level::Warning,
    judges_text: true,
    summary: "a guarantee about service, time or outcome",
    doc: r#"**What**: a word that guarantees service, time or outcome: "guaranteed",
"guarantee", "always", "never wait", "no wait", "100%", "immediately seen"; "保证", "一定",
"绝对", "肯定"; "garantált", "garantáltan", "mindig", "soha nem kell várnia".

Silent when the clause is an instruction to the reader ("always call 112 if …", "always
bring your ID", "请一定带上身份证", "mindig hozza magával"), when the word is part of an
honest negation ("we cannot guarantee", "not always", "不一定", "nem mindig"), and in quoted
text.

**Why**: a promise the organisation cannot keep on its worst day turns every late wait into
a broken promise. Ranges that turn out generous build trust.

**Bad**: `You will always be seen within the hour.`

**Good**: `Most repairs are done within {{ repair.time }}.`

**Fix**: say what usually happens, with the fact for it; keep "always" for what the reader
should do.

Read in every published text: titles, summaries, bodies, step titles and texts, SMS text,
notices and glossary explanations.

**Settings**: `checks.words.<locale>.absolute: [...]` adds words (`absolute_not`,
`instruction` too); `checks.severity`."#,
    run: |ctx, out| out.extend(ctx.per_prose(|prose, out| check(ctx, prose, out))),
};

fn check(ctx: &Ctx, prose: &Prose, out: &mut Vec<Diagnostic>) {
    let lang = ctx.lang(prose.locale);
    if lang.absolute.is_empty() || !prose.may_contain(|t| lang.absolute.may_match(t)) {
        return;
    }
    for_each_sentence(prose.blocks(), lang, |s| {
        // A question promises nothing ("Will I always get the information I asked for?").
        if s.text.trim_end().ends_with(['?', '？']) {
            return;
        }
        let mut clauses = Clauses::new(s.text);
        for hit in cue_hits(&lang.absolute, &lang.absolute_not, s.text) {
            if s.is_quoted_or_fact(&hit) || clauses.instruction_at(lang, hit.start).0 {
                continue;
            }
            let d = RULE
                .finding(
                    prose.file,
                    Some(s.span_of(&hit)),
                    format!("`{}` promises what a busy day may break", &s.text[hit]),
                )
                .with_hint(
                    "say what usually happens, with the fact for it (\"most people are seen within {{ fact.id }}\")",
                );
            out.push(d);
        }
    });
}
