//! `upfront live`: live quotes into the `live` part of `OUT/status.json`, the rest of the file
//! kept, written atomically (a temp file renamed over it). `--once` computes once; otherwise
//! `serve::live::run` keeps it fresh. The one command whose output reads the clock (SPEC).

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;

use crate::cli::{Global, LiveArgs};
use crate::diag::{self, Level};
use crate::model::live::Quote;
use crate::serve::live::{Tick, tick};

pub fn run(global: &Global, args: &LiveArgs) -> anyhow::Result<ExitCode> {
    let root = super::site::site_root(global.root.as_deref())?;
    let out = super::build::out_dir(&root, &global.out);
    if args.once {
        let now = args.now.unwrap_or_else(jiff::Timestamp::now);
        return finish(&root, &out, tick(&root, now)?);
    }
    anyhow::ensure!(args.now.is_none(), "--now needs --once (the loop quotes at the wall clock's time)");
    eprintln!("live: quoting into {} (Ctrl-C to stop)", out.join("status.json").display());
    crate::serve::live::run(&root, |result| {
        let outcome = result.and_then(|t| finish(&root, &out, t));
        if let Err(e) = outcome {
            eprintln!("error: {e:#}");
        }
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Report the tick's problems, write its quotes; 1 when a settings or facts error left
/// quotes out (or none could be computed), else 0.
fn finish(root: &Path, out: &Path, t: Tick) -> anyhow::Result<ExitCode> {
    let (diags, sources) = super::output::from_here(root, &t.diagnostics, &t.sources);
    super::output::report(&diags, &sources, false);
    let Some(quotes) = t.quotes else {
        eprintln!("live: fix the errors above first; status.json was not touched");
        return Ok(ExitCode::from(1));
    };
    write_live(out, &quotes)?;
    let summary: Vec<String> =
        quotes.iter().map(|(id, q)| format!("{id} {}–{} min ({}, n={})", q.low, q.high, q.basis.name(), q.n)).collect();
    eprintln!("live: {} quote(s) written: {}", quotes.len(), summary.join("; "));
    Ok(if diag::count(&t.diagnostics, Level::Error) > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Set `live` in `out/status.json` (created with `"version": 1` when absent or unreadable),
/// keeping every other key, through a temp file in the same folder renamed over it.
pub fn write_live(out: &Path, quotes: &BTreeMap<String, Quote>) -> anyhow::Result<()> {
    anyhow::ensure!(
        out.is_dir(),
        "{} does not exist: build the site first (`upfront build`), then run `upfront live` with the same --out",
        out.display()
    );
    let path = out.join("status.json");
    let mut status = match std::fs::read(&path) {
        Ok(bytes) => {
            if let Ok(v @ serde_json::Value::Object(_)) = serde_json::from_slice::<serde_json::Value>(&bytes) {
                v
            } else {
                eprintln!(
                    "warning: {} is not a JSON object; starting it afresh with the live quotes only",
                    path.display()
                );
                serde_json::json!({ "version": 1 })
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => serde_json::json!({ "version": 1 }),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    if let serde_json::Value::Object(map) = &mut status {
        map.insert("live".into(), serde_json::to_value(quotes)?);
    }
    let mut text = serde_json::to_string_pretty(&status)?;
    text.push('\n');
    let mut tmp = tempfile::Builder::new()
        .prefix(".status.json.")
        .tempfile_in(out)
        .with_context(|| format!("cannot write in {}", out.display()))?;
    tmp.write_all(text.as_bytes()).with_context(|| format!("cannot write in {}", out.display()))?;
    // A temp file is private (0600); the web server must read status.json like any page.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&path).map_or(0o644, |m| m.permissions().mode());
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .with_context(|| format!("cannot write in {}", out.display()))?;
    }
    tmp.persist(&path).map_err(|e| e.error).with_context(|| format!("cannot replace {}", path.display()))?;
    Ok(())
}
