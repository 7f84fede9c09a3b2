//! `upfront check`: load, run the checks, report; exit 1 on errors (or warnings with
//! `--deny-warnings`).

use std::process::ExitCode;

use crate::cli::{CheckArgs, Format, Global};
use crate::diag::{self, Diagnostic, Level, Sources};

pub fn run(global: &Global, args: &CheckArgs) -> anyhow::Result<ExitCode> {
    if args.format != Format::Human {
        anyhow::bail!("`--format {:?}` is not yet available in this version; use `--format human`", args.format);
    }
    let root = super::site_root(&global.root)?;
    let (diags, sources, site) = load_and_check(&root, args.today)?;
    if diags.is_empty() {
        let pages = site.map_or(0, |s| s.pages.len());
        eprintln!("checked {pages} pages: no problems");
    }
    Ok(report(&diags, &sources, args.deny_warnings))
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
fn today_in(timezone: Option<&str>) -> jiff::civil::Date {
    let tz = timezone.and_then(|t| jiff::tz::TimeZone::get(t).ok()).unwrap_or(jiff::tz::TimeZone::UTC);
    jiff::Timestamp::now().to_zoned_datetime(tz).date()
}

/// Print findings (when there are any) and pick the exit code.
pub fn report(diags: &[Diagnostic], sources: &Sources, deny_warnings: bool) -> ExitCode {
    if !diags.is_empty() {
        eprint!("{}", crate::report::human::render(diags, sources, super::use_color()));
    }
    let errors = diag::count(diags, Level::Error);
    let warnings = diag::count(diags, Level::Warning);
    if errors > 0 || (deny_warnings && warnings > 0) { ExitCode::from(1) } else { ExitCode::SUCCESS }
}
