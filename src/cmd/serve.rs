//! `upfront serve`: resolve the site root and hand over to `serve::run`. Never writes to
//! `--out`: the site is built into memory.

use std::process::ExitCode;

use crate::cli::{Global, ServeArgs};

pub fn run(global: &Global, args: &ServeArgs) -> anyhow::Result<ExitCode> {
    let root = super::site_root(global.root.as_deref())?;
    crate::serve::run(&root, args)
}
