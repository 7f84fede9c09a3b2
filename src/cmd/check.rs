//! `upfront check`: load, run the checks, print the report on stdout in `--format`; exit 1
//! on errors (or warnings with `--deny-warnings`). Also the report step `build` shares.

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Context as _;

use crate::cli::{CheckCmd, Format, Global};
use crate::diag::{self, Diagnostic, Sources};
use crate::report;

pub fn run(global: &Global, cmd: &CheckCmd) -> anyhow::Result<ExitCode> {
    let args = &cmd.check;
    if let Some(input) = &args.text {
        return super::check_text::run(global, args, input);
    }
    let root = super::site::site_root(global.root.as_deref())?;
    let scope = super::scope::Scope::new(&root, &cmd.ci)?;
    let baseline = cmd.ci.baseline.as_deref().map(report::baseline::read).transpose()?;
    let (diags, sources, site) = load_and_check(&root, args.today)?;
    let mut checked = (scope.apply(diags, site.as_ref()), sources, site);
    if cmd.ci.fix || cmd.ci.diff {
        let plan = super::fix::plan(&checked.0, &checked.1, checked.2.as_ref());
        let (fixed, files) = (report::plural(plan.fixed, "finding"), report::plural(plan.files.len(), "file"));
        if cmd.ci.diff {
            super::output::write_report(args, &super::fix::diff(&plan, &super::site::display_prefix(&root)))?;
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
    let (diags, sources) = super::output::from_here(&root, &diags, &sources);
    if let Some(path) = &cmd.ci.write_baseline {
        let text = report::baseline::render(&diags, &sources)?;
        super::output::write_file(path, &text)
            .with_context(|| format!("cannot write the baseline {}", path.display()))?;
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
    let color = if args.output_file.is_some() {
        crate::report::color::color_for(false)
    } else {
        crate::report::color::use_color(&std::io::stdout())
    };
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
            let prefix = super::site::display_prefix(&root);
            let first = scope.files().map(|f| f.iter().map(|f| format!("{prefix}{f}")).collect());
            report::github::render_first(&diags, &sources, first.as_ref(), baselined)
        }
        Format::Human => with_baselined(super::output::render(Format::Human, &diags, &sources, color)?, baselined),
        format => super::output::render(format, &diags, &sources, color)?,
    };
    super::output::write_report(args, &text)?;
    Ok(super::output::exit_code(&diags, args.deny_warnings))
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
