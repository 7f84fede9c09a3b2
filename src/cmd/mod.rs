//! One file per verb. `run` maps the outcome to the exit code: 0 fine, 1 content errors,
//! 2 the tool could not run.

mod build;
mod check;
mod facts;
mod init;
mod new_guide;
mod serve;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;

pub use check::{load_and_check, today_in};

use crate::cli::{Cli, Command};

pub fn run(cli: &Cli) -> ExitCode {
    let result = match &cli.command {
        Command::Build(args) => build::run(&cli.global, args),
        Command::Check(args) => check::run(&cli.global, args),
        Command::Init(args) => init::run(args),
        Command::New { what: crate::cli::NewWhat::Guide { path, locale } } => {
            new_guide::run(&cli.global, path, locale.as_deref())
        }
        Command::Serve(args) => serve::run(&cli.global, args),
        Command::Facts(args) => facts::run(&cli.global, args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// The site root, made absolute; an unreadable root is a tool error.
pub fn site_root(root: &Path) -> anyhow::Result<PathBuf> {
    let abs = root.canonicalize().with_context(|| format!("cannot read the site root {}", root.display()))?;
    anyhow::ensure!(abs.is_dir(), "the site root {} is not a folder", root.display());
    Ok(abs)
}

/// An absolute path, canonical as far as it exists (so `..` and links are resolved).
pub fn absolutize(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) if !parent.as_os_str().is_empty() => absolutize(parent).join(name),
        _ => std::env::current_dir().map_or_else(|_| path.to_path_buf(), |d| d.join(path)),
    }
}

/// Whether a report written to `stream` gets colour: a terminal, and `NO_COLOR` unset.
pub fn use_color(stream: &impl std::io::IsTerminal) -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && stream.is_terminal()
}
