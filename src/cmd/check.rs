//! `upfront check`: load, run the checks, print the report on stdout in `--format`; exit 1
//! on errors (or warnings with `--deny-warnings`). Also the report step `build` shares.

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

use anyhow::Context as _;

use crate::cli::{CheckArgs, CheckCmd, Format, Global};
use crate::diag::{self, Diagnostic, Level, Sources};
use crate::report;

pub fn run(global: &Global, cmd: &CheckCmd) -> anyhow::Result<ExitCode> {
    let args = &cmd.check;
    if let Some(input) = &args.text {
        return super::check_text::run(global, args, input);
    }
    let root = super::site_root(global.root.as_deref())?;
    let scope = super::scope::Scope::new(&root, &cmd.ci)?;
    let baseline = cmd.ci.baseline.as_deref().map(report::baseline::read).transpose()?;
    let (diags, sources, site) = load_and_check(&root, args.today)?;
    let mut checked = (scope.apply(diags, site.as_ref()), sources, site);
    if cmd.ci.fix || cmd.ci.diff {
        let plan = super::fix::plan(&checked.0, &checked.1, checked.2.as_ref());
        let (fixed, files) = (report::plural(plan.fixed, "finding"), report::plural(plan.files.len(), "file"));
        if cmd.ci.diff {
            write_report(args, &super::fix::diff(&plan, &super::display_prefix(&root)))?;
            eprintln!("--fix would fix {fixed} in {files}");
            return Ok(if plan.fixed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS });
        }
        super::fix::write(&root, &plan)?;
        eprintln!("fixed {fixed} in {files}");
        if !plan.files.is_empty() {
            let (diags, sources, site) = load_and_check(&root, args.today)?;
            checked = (scope.apply(diags, site.as_ref()), sources, site);
        }
    }
    let (diags, sources, site) = checked;
    let (diags, sources) = from_here(&root, &diags, &sources);
    if let Some(path) = &cmd.ci.write_baseline {
        let text = report::baseline::render(&diags, &sources)?;
        write_file(path, &text).with_context(|| format!("cannot write the baseline {}", path.display()))?;
        eprintln!("recorded {} in the baseline {}", report::plural(diags.len(), "finding"), path.display());
        return Ok(ExitCode::SUCCESS);
    }
    let (diags, baselined) = match &baseline {
        Some(b) => {
            let (kept, n) = report::baseline::filter(b, diags, &sources);
            (kept, Some(n))
        }
        None => (diags, None),
    };
    // A file gets colour only when asked for (`--color always`): it is not a terminal.
    let color = if args.output_file.is_some() { super::color_for(false) } else { super::use_color(&std::io::stdout()) };
    let pages = site.map_or(0, |s| s.pages.len());
    let text = match args.format {
        Format::Human if args.statistics => with_baselined(report::human::statistics(&diags), baselined),
        Format::Human if args.quiet => report::human::findings(&diags, &sources, color),
        Format::Human if diags.is_empty() => match baselined {
            Some(n) => format!("checked {}: no new problems ({n} baselined)\n", report::plural(pages, "page")),
            None => format!("checked {}: no problems\n", report::plural(pages, "page")),
        },
        Format::Json => {
            let mut r = report::json::report(&diags, &sources);
            r.baselined = baselined;
            let mut out = serde_json::to_string_pretty(&r)?;
            out.push('\n');
            out
        }
        Format::Github => {
            let prefix = super::display_prefix(&root);
            let first = scope.files().map(|f| f.iter().map(|f| format!("{prefix}{f}")).collect());
            report::github::render_first(&diags, &sources, first.as_ref(), baselined)
        }
        Format::Human => with_baselined(render(Format::Human, &diags, &sources, color)?, baselined),
        format => render(format, &diags, &sources, color)?,
    };
    write_report(args, &text)?;
    Ok(exit_code(&diags, args.deny_warnings))
}

/// The human and GitHub reports' last line (the summary) with "(N baselined)" after it.
fn with_baselined(mut text: String, baselined: Option<usize>) -> String {
    let Some(n) = baselined else { return text };
    if matches!(text.rfind('\n'), Some(i) if i + 1 == text.len()) {
        text.pop();
        let _ = writeln!(text, " ({n} baselined)");
    }
    text
}

/// The report to `--output-file` (written whole, then renamed into place) or stdout.
pub(super) fn write_report(args: &CheckArgs, text: &str) -> anyhow::Result<()> {
    let Some(path) = &args.output_file else { return write_stdout(text) };
    write_file(path, text).with_context(|| format!("cannot write the report to {}", path.display()))
}

/// Write `text` beside `path`, then rename it into place (a reader never sees half a file).
fn write_file(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.upfront-tmp"));
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path)
}

/// Print the report on stdout. A reader that stopped early (`upfront check | head -1`) is not
/// a failure: the rest is dropped quietly, as other command-line tools do, and the exit code
/// still says what the checks found.
pub(super) fn write_stdout(text: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        written => written.context("cannot write the report to stdout"),
    }
}

/// The report in `format`.
pub(super) fn render(format: Format, diags: &[Diagnostic], sources: &Sources, color: bool) -> anyhow::Result<String> {
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
        write_report(args, &report::human::render(diags, sources, super::color_for(false)))?;
        return Ok(exit_code(diags, args.deny_warnings));
    }
    write_report(args, &render(args.format, diags, sources, false)?)?;
    Ok(exit_code(diags, args.deny_warnings))
}

/// The findings and their sources as reports name them: from the folder `upfront` runs in
/// (`docs/help/content/a.md` for `--root docs/help`), so CI annotations and editors find them.
pub fn from_here(root: &std::path::Path, diags: &[Diagnostic], sources: &Sources) -> (Vec<Diagnostic>, Sources) {
    let prefix = super::display_prefix(root);
    if prefix.is_empty() {
        return (diags.to_vec(), sources.clone());
    }
    let diags = diags.iter().map(|d| Diagnostic { file: format!("{prefix}{}", d.file), ..d.clone() }).collect();
    (diags, sources.clone().rebased(&prefix))
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
        let today = today.unwrap_or_else(|| crate::clock::today_in(site.config.timezone.as_deref()));
        diags = crate::check::check(site, today, diags);
    }
    diag::sort(&mut diags);
    Ok((diags, loaded.sources, loaded.site))
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
