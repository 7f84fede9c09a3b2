//! `upfront audit`: is each promise kept? Per wait fact with measured data, week by week,
//! against the promise (`model::audit`), with survey answers joined by week and the pages
//! quoting the fact (`facts::inventory`). HTML into `OUT/index.html` (OUT: `audit/` unless
//! `--out` names another folder) or JSON on stdout.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use serde::Serialize;

use crate::cli::{AuditArgs, AuditFormat, Global};
use crate::diag::{self, Level};
use crate::model::audit::{FactAudit, SurveyRow, audit_fact};
use crate::render::audit::{AuditedFact, audit_html};

/// The version of `upfront audit --format json`.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    from: Option<String>,
    to: Option<String>,
    facts: Vec<JsonFact<'a>>,
}

#[derive(Serialize)]
struct JsonFact<'a> {
    #[serde(flatten)]
    audit: &'a FactAudit,
    quoted_in: &'a [super::facts::Use<'a>],
}

/// `--out` as given, except that the global default (`public`) means `audit/` here.
fn audit_dir(root: &Path, out: &Path) -> PathBuf {
    let out = if out == Path::new("public") { Path::new("audit") } else { out };
    super::build::out_dir(root, out)
}

pub fn run(global: &Global, args: &AuditArgs) -> anyhow::Result<ExitCode> {
    let root = super::site::site_root(global.root.as_deref())?;
    let loaded = crate::load::load_site(&root)?;
    let mut diags = loaded.diagnostics;
    let mut sources = loaded.sources;
    let survey: Vec<SurveyRow> = match &args.survey {
        Some(path) => {
            let shown = path.display().to_string();
            let (rows, d, s) = crate::load::load_survey(path, &shown)?;
            diags.extend(d);
            sources.merge(s);
            rows
        }
        None => Vec::new(),
    };
    diag::sort(&mut diags);
    let errors = diag::count(&diags, Level::Error) > 0;
    if !diags.is_empty() {
        let (d, s) = super::output::from_here(&root, &diags, &sources);
        super::output::report(&d, &s, false);
    }
    let site = match loaded.site {
        Some(site) if !errors => site,
        _ => {
            eprintln!("audit: fix the errors above first");
            return Ok(ExitCode::from(1));
        }
    };
    if let (Some(from), Some(to)) = (args.from, args.to) {
        anyhow::ensure!(from <= to, "--from {from} is after --to {to}; swap them");
    }
    let tz = site.config.time_zone();
    let percentile = site.config.checks.wait_percentile.unwrap_or(90);
    let audits: Vec<FactAudit> = site
        .facts
        .values()
        .filter_map(|f| audit_fact(f, site.measurements.get(&f.id)?, &tz, args.from, args.to, percentile, &survey))
        .collect();
    let inventory = super::facts::inventory(&site);
    let uses = |id: &str| inventory.facts.iter().find(|e| e.id == id).map_or(&[][..], |e| e.used_by.as_slice());
    if args.format == AuditFormat::Json {
        let report = Report {
            version: VERSION,
            from: args.from.map(|d| d.to_string()),
            to: args.to.map(|d| d.to_string()),
            facts: audits.iter().map(|a| JsonFact { audit: a, quoted_in: uses(&a.id) }).collect(),
        };
        let mut text = serde_json::to_string_pretty(&report)?;
        text.push('\n');
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()).context("cannot write to stdout")?;
        return Ok(ExitCode::SUCCESS);
    }
    let default = site.default_locale().to_string();
    let facts: Vec<AuditedFact> = audits
        .into_iter()
        .map(|a| {
            let fact = site.facts.get(&a.id);
            let label = fact.and_then(|f| f.label.as_ref()).map(|l| l.get(&default, &default).to_string());
            let quoted_in = uses(&a.id)
                .iter()
                .map(|u| {
                    let page = if u.page.is_empty() { "(home)" } else { u.page };
                    format!("{page} ({}): {}", u.locale, u.channels.join(", "))
                })
                .collect();
            AuditedFact { audit: a, label, quoted_in }
        })
        .collect();
    let period = match (args.from, args.to) {
        (None, None) => "All measured waits".to_string(),
        (Some(f), None) => format!("Waits from {f}"),
        (None, Some(t)) => format!("Waits up to {t}"),
        (Some(f), Some(t)) => format!("Waits from {f} to {t}"),
    };
    let html = audit_html(site.config.title.get(&default, &default), &period, &facts);
    let dir = audit_dir(&root, &global.out);
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let path = dir.join("index.html");
    std::fs::write(&path, html).with_context(|| format!("cannot write {}", path.display()))?;
    eprintln!("audit: {} fact(s) written to {}", facts.len(), path.display());
    Ok(ExitCode::SUCCESS)
}
