//! The `upfront` binary: parse arguments, run the verb, exit with its code.

use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    let cli = upfront::cli::Cli::parse();
    upfront::cmd::run(&cli)
}
