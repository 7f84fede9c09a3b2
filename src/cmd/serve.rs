//! `upfront serve`: resolve the site root and hand over to `serve::run`. Never writes to
//! `--out`: the site is built into memory.

use std::process::ExitCode;

use crate::cli::{Global, ServeArgs};

pub fn run(global: &Global, args: &ServeArgs) -> anyhow::Result<ExitCode> {
    let root = super::site::site_root(global.root.as_deref())?;
    let options = crate::serve::Options {
        bind: args.bind,
        port: args.port,
        today: args.today,
        tiers: args.tiers.clone(),
        allow_host: args.allow_host.clone(),
    };
    crate::serve::run(&root, &options)
}
