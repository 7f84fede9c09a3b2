//! `broken-link`: not yet implemented (the Checks issue fills it in).

use crate::check::Rule;
use crate::diag::Level;

pub static RULE: Rule = Rule { id: "broken-link", level: Level::Error, summary: "TODO", doc: "TODO", run: |_, _| {} };
