//! One file per verb. `run` maps the outcome to the exit code: 0 fine, 1 content errors,
//! 2 the tool could not run.

mod audit;
mod build;
mod check;
mod check_text;
mod diff;
mod facts;
mod init;
mod live;
mod lsp;
mod new_guide;
mod serve;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;

pub use crate::clock::today_in;
pub use crate::report::color::{color_for, use_color};
pub use check::load_and_check;

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

/// The site root, made absolute; an unreadable root is a tool error. Without `--root`, the
/// nearest folder from the current one up that holds `upfront.yaml` (else the current folder,
/// whose missing `upfront.yaml` is then reported).
pub fn site_root(root: Option<&Path>) -> anyhow::Result<PathBuf> {
    let root = if let Some(r) = root {
        r.to_path_buf()
    } else {
        let here = std::env::current_dir().context("cannot read the current folder")?;
        here.ancestors().find(|d| d.join("upfront.yaml").is_file()).map_or(here.clone(), Path::to_path_buf)
    };
    let abs = root.canonicalize().with_context(|| format!("cannot read the site root {}", root.display()))?;
    anyhow::ensure!(abs.is_dir(), "the site root {} is not a folder", root.display());
    Ok(abs)
}

/// What reports put before a file's site-relative path so that it names the file from the
/// folder `upfront` runs in: `docs/help/` for `--root docs/help`, `../` from `content/`,
/// nothing at the root. CI annotations and editors then find the file.
pub fn display_prefix(root: &Path) -> String {
    let Ok(here) = std::env::current_dir().and_then(|d| d.canonicalize()) else { return String::new() };
    let (here, there): (Vec<_>, Vec<_>) = (here.components().collect(), root.components().collect());
    let common = here.iter().zip(&there).take_while(|(a, b)| a == b).count();
    let mut out = "../".repeat(here.len() - common);
    for c in &there[common..] {
        out.push_str(&c.as_os_str().to_string_lossy());
        out.push('/');
    }
    out
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
