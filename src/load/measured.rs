//! The part of a site `upfront live` and `upfront audit` need: `upfront.yaml`, `facts.yaml`
//! and the measured waits, read again on every tick without loading pages or templates.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context as _;

use super::loader::Loader;
use super::{config, data, facts, fs};
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
    let root = &root.canonicalize().with_context(|| format!("cannot read the site root {}", root.display()))?;
    let config_path = root.join("upfront.yaml");
    anyhow::ensure!(
        fs::present(&config_path),
        "no upfront.yaml in {}: this folder is not an Upfront site (pass `--root DIR`)",
        root.display()
    );
    let mut loader = Loader {
        root,
        max: crate::model::config::DEFAULT_MAX_FILE_BYTES,
        sources: Sources::default(),
        diagnostics: Vec::new(),
    };
    let finish = |loader: Loader, site| Measured { site, diagnostics: loader.diagnostics, sources: loader.sources };
    let Some(config_file) = loader.read(&config_path)? else { return Ok(finish(loader, None)) };
    let config = match config::parse(&config_file) {
        Ok((config, _)) => config,
        Err(p) => {
            loader.diagnostics.extend(p.into_diagnostics(&config_file.path));
            return Ok(finish(loader, None));
        }
    };
    loader.max = config.limits.max_file_bytes;
    let facts = match loader.read_optional("facts.yaml")? {
        Some(file) => {
            let mut parsed = facts::parse(&file, &config);
            let problems = std::mem::take(&mut parsed.problems);
            loader.diagnostics.extend(problems.into_diagnostics(&file.path));
            parsed.facts
        }
        None => BTreeMap::new(),
    };
    let measurements = data::load(&mut loader, &facts)?;
    Ok(finish(loader, Some((config, facts, measurements))))
}
