//! The first steps of every load, shared by `load_site` and `load_measured`: the site root
//! (canonical, holding `upfront.yaml`), then its configuration and its facts, each file's
//! problems recorded as diagnostics.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context as _;

use super::loader::Loader;
use super::{config, facts, fs};
use crate::model::Config;
use crate::source::SourceFile;
use crate::yaml::Node;

/// `root` made canonical; `Err` when it cannot be read or holds no `upfront.yaml`.
pub fn site_root(root: &Path) -> anyhow::Result<PathBuf> {
    let canonical = root.canonicalize().with_context(|| format!("cannot read the site root {}", root.display()))?;
    anyhow::ensure!(
        fs::present(&canonical.join("upfront.yaml")),
        "no upfront.yaml in {}: this folder is not an Upfront site (run `upfront init DIR` to create one, or pass `--root DIR`)",
        canonical.display()
    );
    Ok(canonical)
}

/// `upfront.yaml`: the file, its configuration and its YAML tree; `None` when it cannot be
/// used (its problems are diagnostics). Sets the loader's file size cap from `limits`.
pub fn config(loader: &mut Loader) -> anyhow::Result<Option<(Arc<SourceFile>, Config, Node)>> {
    let Some(file) = loader.read(&loader.root.join("upfront.yaml"))? else { return Ok(None) };
    match config::parse(&file) {
        Ok((config, node)) => {
            loader.max = config.limits.max_file_bytes;
            Ok(Some((file, config, node)))
        }
        Err(p) => {
            loader.diagnostics.extend(p.into_diagnostics(&file.path));
            Ok(None)
        }
    }
}

/// `facts.yaml`, parsed (none when the file is absent); each bad fact is left out alone.
pub fn facts(loader: &mut Loader, config: &Config) -> anyhow::Result<facts::Parsed> {
    let Some(file) = loader.read_optional("facts.yaml")? else { return Ok(facts::Parsed::default()) };
    let mut parsed = facts::parse(&file, config);
    let problems = std::mem::take(&mut parsed.problems);
    loader.diagnostics.extend(problems.into_diagnostics(&file.path));
    Ok(parsed)
}
