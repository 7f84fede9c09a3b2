//! `upfront build`: check and render every channel into a staging folder at once, then swap
//! it in as `--out`. Content errors stop the build before `--out` is touched.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use crate::cli::{BuildArgs, Global};
use crate::diag::{self, Level};
use crate::output::Output;

/// Source folders a build must never write into or delete.
const SOURCE_DIRS: [&str; 7] = ["content", "templates", "static", "notices", "data", "i18n", "src"];

/// Refuse an `--out` that would delete the site's own sources.
pub fn check_out_dir(root: &Path, out: &Path) -> anyhow::Result<()> {
    anyhow::ensure!(
        !(root.starts_with(out)),
        "refusing to build into {}: it is the site root or contains it, and a build replaces its output folder; pick another --out (default: public)",
        out.display()
    );
    for dir in SOURCE_DIRS {
        let src = root.join(dir);
        anyhow::ensure!(
            !out.starts_with(&src),
            "refusing to build into {}: it is inside the site's {dir}/ folder, and a build replaces its output folder; pick another --out (default: public)",
            out.display()
        );
    }
    anyhow::ensure!(
        !out.exists() || out.is_dir(),
        "--out {} is a file, not a folder; remove it or pick another --out",
        out.display()
    );
    anyhow::ensure!(
        crate::output::replaceable(out),
        "refusing to replace {}: it is not empty and was not written by upfront (it has no {}); empty it or pick another --out",
        out.display(),
        crate::output::MARKER
    );
    Ok(())
}

pub fn out_dir(root: &Path, out: &Path) -> PathBuf {
    super::site::absolutize(&root.join(out))
}

pub fn run(global: &Global, args: &BuildArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    anyhow::ensure!(args.check.text.is_none(), "--text checks a draft: use `upfront check --text FILE`, not build");
    let root = super::site::site_root(global.root.as_deref())?;
    let out = out_dir(&root, &global.out);
    check_out_dir(&root, &out)?;

    let loaded = crate::load::load_site(&root)?;
    let (mut diags, sources) = (loaded.diagnostics, loaded.sources);
    let Some(site) = loaded.site else {
        diag::sort(&mut diags);
        return super::output::report_for_build(&root, &diags, &sources, &args.check);
    };
    for t in &args.tiers {
        anyhow::ensure!(
            site.config.tier_names().contains(&t.as_str()),
            "--tiers: `{t}` is not a tier of this site (tiers: {})",
            site.config.tier_names().join(", ")
        );
    }
    for c in &args.channels {
        anyhow::ensure!(
            crate::render::page_channels().contains(&c.as_str()),
            "--channels: `{c}` is not a channel (channels: {})",
            crate::render::page_channels().join(", ")
        );
    }
    let today = args.check.today.unwrap_or_else(|| crate::clock::today_in(site.config.timezone.as_deref()));
    let stop = |diags: &[crate::diag::Diagnostic]| -> anyhow::Result<ExitCode> {
        let code = super::output::report_for_build(&root, diags, &sources, &args.check)?;
        eprintln!("build stopped: fix the errors above; {} was not changed", out.display());
        Ok(code)
    };
    if diag::count(&diags, Level::Error) > 0 {
        // The site did not load cleanly: report everything the checks find, render nothing.
        diags = crate::check::check(&site, today, diags);
        diag::sort(&mut diags);
        return stop(&diags);
    }
    // Check and render at once (the render is mostly file-system time): the staging folder
    // is dropped, and `--out` left alone, when the checks find an error.
    let tiers: BTreeSet<String> = args.tiers.iter().cloned().collect();
    let output = Output::create(&out)?;
    let channels: BTreeSet<String> = args.channels.iter().cloned().collect();
    let (checked, rendered) = rayon::join(
        || crate::check::check(&site, today, diags),
        || crate::render::render_channels(&site, &root, &tiers, &channels, &output),
    );
    diags = checked;
    let check_failed = diag::count(&diags, Level::Error) > 0;
    let render_diags = if check_failed { rendered.unwrap_or_default() } else { rendered? };
    let failed = check_failed || diag::count(&render_diags, Level::Error) > 0;
    diags.extend(render_diags);
    diag::sort(&mut diags);
    if failed {
        return stop(&diags);
    }
    let code = super::output::report_for_build(&root, &diags, &sources, &args.check)?;
    let files = output.files_written();
    output.commit()?;
    eprintln!(
        "built {} from {} into {} in {} ms",
        crate::report::plural(files, "file"),
        crate::report::plural(site.pages.iter().filter(|p| !p.draft).count(), "page"),
        out.display(),
        started.elapsed().as_millis()
    );
    Ok(code)
}
