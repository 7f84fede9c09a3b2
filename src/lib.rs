//! Upfront: a static-site generator for expectation-setting content.
//!
//! The pipeline: `load` (disk → `model`) → `check` (findings, `report`) → `render` (channels)
//! → `output` (staging folder swapped in whole). `cmd` holds one file per CLI verb.

pub mod check;
pub mod cli;
pub(crate) mod clock;
pub mod cmd;
pub mod diag;
pub(crate) mod escape;
#[doc(hidden)]
pub mod fuzzing;
pub(crate) mod lexicon;
pub mod load;
pub mod model;
pub mod output;
pub(crate) mod plural;
pub(crate) mod render;
pub mod report;
pub mod serve;
pub mod source;
pub(crate) mod suggest;
pub(crate) mod yaml;

/// Read a YAML file with Upfront's own parser (anchors, aliases and tags refused) into `T`:
/// for tools and tests that read YAML beside a site.
pub fn yaml_from_str<T: serde::de::DeserializeOwned + Default>(path: &str, text: &str) -> Result<T, String> {
    yaml::from_str(&source::SourceFile::new(path, text))
}
