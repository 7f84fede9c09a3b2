//! Upfront: a static-site generator for expectation-setting content.
//!
//! The pipeline: `load` (disk → `model`) → `check` (findings, `report`) → `render` (channels)
//! → `output` (staging folder swapped in whole). `cmd` holds one file per CLI verb.

pub mod check;
pub mod cli;
pub mod clock;
pub mod cmd;
pub mod diag;
pub mod escape;
#[doc(hidden)]
pub mod fuzzing;
pub mod lexicon;
pub mod load;
pub mod model;
pub mod output;
pub mod plural;
pub mod render;
pub mod report;
pub mod serve;
pub mod source;
pub mod suggest;
