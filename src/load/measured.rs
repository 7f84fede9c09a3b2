//! The part of a site `upfront live` and `upfront audit` need: `upfront.yaml`, `facts.yaml`
//! and the measured waits, read again on every tick without loading pages or templates.

use std::collections::BTreeMap;
use std::path::Path;

use super::data;
use super::loader::Loader;
use crate::diag::Diagnostic;
use crate::diag::Sources;
use crate::model::{Config, Fact, Measurement};

/// The settings, the facts by id and the measured waits by fact id.
pub type MeasuredSite = (Config, BTreeMap<String, Fact>, BTreeMap<String, Vec<Measurement>>);

/// The settings, the facts and their measured waits (when `upfront.yaml` could be read), and
/// every problem found on the way.
pub struct Measured {
    pub site: Option<MeasuredSite>,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
}

/// Load the measured part of the site at `root`. `Err` only when the tool cannot run.
pub fn load_measured(root: &Path) -> anyhow::Result<Measured> {
    let root = &super::start::site_root(root)?;
    let mut loader = Loader::new(root);
    let finish = |loader: Loader, site| Measured { site, diagnostics: loader.diagnostics, sources: loader.sources };
    let Some((_, config, _)) = super::start::config(&mut loader)? else { return Ok(finish(loader, None)) };
    let facts = super::start::facts(&mut loader, &config)?.facts;
    let measurements = data::load(&mut loader, &facts)?;
    Ok(finish(loader, Some((config, facts, measurements))))
}
