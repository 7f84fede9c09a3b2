//! `front-matter`: invalid YAML, unknown keys, wrong types. Found while loading (the loader
//! reports them with positions); listed here so the rule has its metadata and docs.

use crate::check::Rule;
use crate::diag::{Diagnostic, Level};
use crate::model::Site;

pub static RULE: Rule = Rule {
    id: "front-matter",
    level: Level::Error,
    summary: "invalid YAML, an unknown key or a wrong type in front matter or a site file",
    run,
};

fn run(_site: &Site, _out: &mut Vec<Diagnostic>) {}
