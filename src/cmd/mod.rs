//! One file per verb. `run` maps the outcome to the exit code: 0 fine, 1 content errors,
//! 2 the tool could not run.

mod audit;
mod build;
mod check;
mod check_text;
mod diff;
mod facts;
mod fix;
mod init;
mod live;
mod lsp;
mod new_guide;
mod output;
mod scope;
mod serve;
mod site;

use std::process::ExitCode;

pub use crate::clock::today_in;
pub use crate::report::color::{color_for, use_color};
pub use check::load_and_check;
pub use site::{absolutize, display_prefix, site_root};

use crate::cli::{Cli, Command};

pub fn run(cli: &Cli) -> ExitCode {
    crate::report::color::choose(cli.global.color);
    let result = match &cli.command {
        Command::Build(args) => build::run(&cli.global, args),
        Command::Check(args) => check::run(&cli.global, args),
        Command::Init(args) => init::run(args),
        Command::New { what: crate::cli::NewWhat::Guide { path, locale } } => {
            new_guide::run(&cli.global, path, locale.as_deref())
        }
        Command::Serve(args) => serve::run(&cli.global, args),
        Command::Facts(args) => facts::run(&cli.global, args),
        Command::Diff(args) => diff::run(&cli.global, args),
        Command::Lsp(args) => lsp::run(&cli.global, args),
        Command::Live(args) => live::run(&cli.global, args),
        Command::Audit(args) => audit::run(&cli.global, args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
