//! `upfront check`: load, run the checks, print the report on stdout in `--format`; exit 1
//! on errors (or warnings with `--deny-warnings`). Also the report step `build` shares.

use std::io::Write as _;
use std::process::ExitCode;

use anyhow::Context as _;

use crate::cli::{CheckArgs, Format, Global};
use crate::diag::{self, Diagnostic, Level, Sources};
use crate::report;

pub fn run(global: &Global, args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let root = super::site_root(&global.root)?;
    let (diags, sources, site) = load_and_check(&root, args.today)?;
    let text = match args.format {
        Format::Human if diags.is_empty() => {
            format!("checked {}: no problems\n", report::plural(site.map_or(0, |s| s.pages.len()), "page"))
        }
        format => render(format, &diags, &sources, super::use_color(&std::io::stdout()))?,
    };
    write_stdout(&text)?;
    Ok(exit_code(&diags, args.deny_warnings))
}

/// Print the report on stdout. A reader that stopped early (`upfront check | head -1`) is not
/// a failure: the rest is dropped quietly, as other command-line tools do, and the exit code
/// still says what the checks found.
fn write_stdout(text: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        written => written.context("cannot write the report to stdout"),
    }
}

/// The report in `format`.
fn render(format: Format, diags: &[Diagnostic], sources: &Sources, color: bool) -> anyhow::Result<String> {
    Ok(match format {
        Format::Human => report::human::render(diags, sources, color),
        Format::Json => report::json::render(diags, sources)?,
        Format::Sarif => report::sarif::render(diags, sources)?,
        Format::Github => report::github::render(diags, sources),
    })
}

/// `build`'s report: human findings on stderr (stdout stays free), a machine `--format` on
/// stdout (so `build --format github` annotates a CI run); then the exit code.
pub fn report_for_build(diags: &[Diagnostic], sources: &Sources, args: &CheckArgs) -> anyhow::Result<ExitCode> {
    if args.format == Format::Human {
        return Ok(report(diags, sources, args.deny_warnings));
    }
    write_stdout(&render(args.format, diags, sources, false)?)?;
    Ok(exit_code(diags, args.deny_warnings))
}

/// Load the site and run every check. The site comes back when it could be loaded.
/// `today` defaults to today's date in the site's `timezone` (UTC when unset).
pub fn load_and_check(
    root: &std::path::Path,
    today: Option<jiff::civil::Date>,
) -> anyhow::Result<(Vec<Diagnostic>, Sources, Option<crate::model::Site>)> {
    let loaded = crate::load::load_site(root)?;
    let mut diags = loaded.diagnostics;
    if let Some(site) = &loaded.site {
        let today = today.unwrap_or_else(|| today_in(site.config.timezone.as_deref()));
        diags = crate::check::check(site, today, diags);
    }
    diag::sort(&mut diags);
    Ok((diags, loaded.sources, loaded.site))
}

/// Today's date in `timezone` (an IANA name; UTC when unset or unknown). The only clock read.
pub fn today_in(timezone: Option<&str>) -> jiff::civil::Date {
    let tz = crate::model::config::time_zone(timezone);
    jiff::Timestamp::now().to_zoned_datetime(tz).date()
}

/// The human report on stderr (when there are findings) and the exit code: what `build`
/// (and `facts`, when the site has errors) print, keeping stdout for their own output.
pub fn report(diags: &[Diagnostic], sources: &Sources, deny_warnings: bool) -> ExitCode {
    if !diags.is_empty() {
        eprint!("{}", report::human::render(diags, sources, super::use_color(&std::io::stderr())));
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
