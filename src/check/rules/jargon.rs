//! `jargon`: not yet implemented (the Checks issue fills it in).

use crate::check::Rule;
use crate::diag::Level;

pub static RULE: Rule = Rule { id: "jargon", level: Level::Warning, summary: "TODO", doc: "TODO", run: |_, _| {} };
