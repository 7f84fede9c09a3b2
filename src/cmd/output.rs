//! Findings out: a report rendered in its `--format`, written to stdout or `--output-file`,
//! files named from the folder `upfront` runs in, and the exit code. Shared by `check`,
//! `check --text`, `build`, `facts` and `diff`.

use std::io::Write as _;
use std::process::ExitCode;

use anyhow::Context as _;

use crate::cli::{CheckArgs, Format};
use crate::diag::{self, Diagnostic, Level, Sources};
use crate::report;

/// The report to `--output-file` (written whole, then renamed into place) or stdout.
pub fn write_report(args: &CheckArgs, text: &str) -> anyhow::Result<()> {
    let Some(path) = &args.output_file else { return write_stdout(text) };
    write_file(path, text).with_context(|| format!("cannot write the report to {}", path.display()))
}

/// Write `text` beside `path`, then rename it into place (a reader never sees half a file).
pub fn write_file(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.upfront-tmp"));
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path)
}

/// Print the report on stdout. A reader that stopped early (`upfront check | head -1`) is not
/// a failure: the rest is dropped quietly, as other command-line tools do, and the exit code
/// still says what the checks found.
pub fn write_stdout(text: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        written => written.context("cannot write the report to stdout"),
    }
}

/// The report in `format`.
pub fn render(format: Format, diags: &[Diagnostic], sources: &Sources, color: bool) -> anyhow::Result<String> {
    Ok(match format {
        Format::Human => report::human::render(diags, sources, color),
        Format::Json => report::json::render(diags, sources)?,
        Format::Sarif => report::sarif::render(diags, sources)?,
        Format::Github => report::github::render(diags, sources),
        Format::Gitlab => report::gitlab::render(diags, sources)?,
        Format::Junit => report::junit::render(diags, sources),
    })
}

/// `build`'s report: human findings on stderr (stdout stays free), a machine `--format` on
/// stdout (so `build --format github` annotates a CI run); then the exit code.
pub fn report_for_build(
    root: &std::path::Path,
    diags: &[Diagnostic],
    sources: &Sources,
    args: &CheckArgs,
) -> anyhow::Result<ExitCode> {
    let (diags, sources) = from_here(root, diags, sources);
    let (diags, sources) = (diags.as_slice(), &sources);
    if args.format == Format::Human && args.output_file.is_none() {
        return Ok(report(diags, sources, args.deny_warnings));
    }
    if args.format == Format::Human {
        write_report(args, &report::human::render(diags, sources, crate::report::color::color_for(false)))?;
        return Ok(exit_code(diags, args.deny_warnings));
    }
    write_report(args, &render(args.format, diags, sources, false)?)?;
    Ok(exit_code(diags, args.deny_warnings))
}

/// The findings and their sources as reports name them: from the folder `upfront` runs in
/// (`docs/help/content/a.md` for `--root docs/help`), so CI annotations and editors find them.
pub fn from_here(root: &std::path::Path, diags: &[Diagnostic], sources: &Sources) -> (Vec<Diagnostic>, Sources) {
    let prefix = super::site::display_prefix(root);
    if prefix.is_empty() {
        return (diags.to_vec(), sources.clone());
    }
    let diags = diags.iter().map(|d| Diagnostic { file: format!("{prefix}{}", d.file), ..d.clone() }).collect();
    (diags, sources.clone().rebased(&prefix))
}

/// The human report on stderr (when there are findings) and the exit code: what `build`
/// (and `facts`, when the site has errors) print, keeping stdout for their own output.
pub fn report(diags: &[Diagnostic], sources: &Sources, deny_warnings: bool) -> ExitCode {
    if !diags.is_empty() {
        eprint!("{}", report::human::render(diags, sources, crate::report::color::use_color(&std::io::stderr())));
    }
    exit_code(diags, deny_warnings)
}

/// 1 on errors (or warnings with `--deny-warnings`), else 0. When only `--deny-warnings`
/// makes it fail, a line on stderr says so (the report alone would read as a pass).
pub fn exit_code(diags: &[Diagnostic], deny_warnings: bool) -> ExitCode {
    let errors = diag::count(diags, Level::Error);
    let warnings = diag::count(diags, Level::Warning);
    if errors > 0 {
        return ExitCode::from(1);
    }
    if deny_warnings && warnings > 0 {
        eprintln!(
            "failed: {} and --deny-warnings (fix them, or drop the flag to let warnings pass)",
            report::plural(warnings, "warning")
        );
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
