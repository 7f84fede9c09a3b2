//! `check`'s scope: file arguments, `--changed-since` (through the `git` command),
//! `--select`/`--ignore` and `--min-level` decide which findings a run reports. The checks
//! still run over the whole site (a link or a fact is judged against every page); only the
//! report is narrowed.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use anyhow::Context as _;

use crate::cli::{CiArgs, MinLevel};
use crate::diag::{Diagnostic, Level};
use crate::load::fs::rel_path;
use crate::model::Site;

/// Which findings a run reports.
#[derive(Debug, Default)]
pub struct Scope {
    /// Site-relative files named on the command line or changed since `--changed-since`;
    /// `None`: every file.
    files: Option<BTreeSet<String>>,
    /// Site-relative folders named on the command line, with a final `/` (`content/emergency/`;
    /// empty for the site root): every file under them.
    folders: Vec<String>,
    select: Vec<&'static str>,
    ignore: Vec<&'static str>,
    min_level: Option<Level>,
}

impl Scope {
    /// Read the options; an unknown rule id or a failing `git` is a tool error.
    pub fn new(root: &Path, ci: &CiArgs) -> anyhow::Result<Scope> {
        let mut files = None;
        let mut folders = Vec::new();
        if !ci.files.is_empty() || ci.changed_since.is_some() {
            let mut set = BTreeSet::new();
            for f in &ci.files {
                let path = super::site::absolutize(f);
                if path.is_dir() && path.starts_with(root) {
                    folders.push(site_relative(root, &path).map(|p| p + "/").unwrap_or_default());
                } else {
                    set.extend(site_relative(root, &path));
                }
            }
            if let Some(rev) = &ci.changed_since {
                set.extend(changed_since(root, rev)?);
            }
            files = Some(set);
        }
        Ok(Scope {
            files,
            folders,
            select: rule_ids(&ci.select, "--select")?,
            ignore: rule_ids(&ci.ignore, "--ignore")?,
            min_level: ci.min_level.map(|l| match l {
                MinLevel::Note => Level::Note,
                MinLevel::Warning => Level::Warning,
                MinLevel::Error => Level::Error,
            }),
        })
    }

    /// The files named or changed (site-relative), when the run is scoped to some.
    pub fn files(&self) -> Option<&BTreeSet<String>> {
        self.files.as_ref()
    }

    /// The findings in scope, in their order. A named guide brings its translations in (a
    /// changed source makes `translation-stale` land on the unchanged translation).
    pub fn apply(&self, mut diags: Vec<Diagnostic>, site: Option<&Site>) -> Vec<Diagnostic> {
        let files = self.files.as_ref().map(|f| with_translations(f, site));
        diags.retain(|d| {
            files
                .as_ref()
                .is_none_or(|f| f.contains(&d.file) || self.folders.iter().any(|p| d.file.starts_with(p.as_str())))
                && (self.select.is_empty() || self.select.contains(&d.rule))
                && !self.ignore.contains(&d.rule)
                && self.min_level.is_none_or(|min| d.level <= min)
        });
        diags
    }
}

/// `files` plus every translation of a source page (in the default locale) among them.
fn with_translations(files: &BTreeSet<String>, site: Option<&Site>) -> BTreeSet<String> {
    let mut out = files.clone();
    let Some(site) = site else { return out };
    let named: BTreeSet<_> = site
        .pages
        .iter()
        .filter(|p| p.locale == site.default_locale() && files.contains(&p.source.path))
        .map(|p| (p.kind, p.path.as_str()))
        .collect();
    out.extend(site.pages.iter().filter(|p| named.contains(&(p.kind, p.path.as_str()))).map(|p| p.source.path.clone()));
    out
}

/// A path (absolute) as a site-relative file, or `None` outside the site.
fn site_relative(root: &Path, path: &Path) -> Option<String> {
    path.strip_prefix(root).ok().filter(|p| !p.as_os_str().is_empty()).map(|_| rel_path(root, path))
}

/// Each id as the rule's own `&'static str`; an unknown one names the nearest.
fn rule_ids(ids: &[String], flag: &str) -> anyhow::Result<Vec<&'static str>> {
    let known = || crate::check::RULES.iter().map(|r| r.id);
    ids.iter()
        .filter(|id| !id.trim().is_empty())
        .map(|id| {
            let id = id.trim();
            known().find(|k| *k == id).ok_or_else(|| {
                let hint = match crate::yaml::nearest(id, known()) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!("rule ids: {}", known().collect::<Vec<_>>().join(", ")),
                };
                anyhow::anyhow!("unknown rule `{id}` in {flag}; {hint}")
            })
        })
        .collect()
}

/// The site-relative files git sees changed since `rev`: committed, staged, in the working
/// tree, and new files git does not ignore.
fn changed_since(root: &Path, rev: &str) -> anyhow::Result<BTreeSet<String>> {
    let top = git(root, &["rev-parse", "--show-toplevel"])?;
    let top = Path::new(top.trim_end_matches('\n'));
    let top = top.canonicalize().with_context(|| format!("cannot read the git repository {}", top.display()))?;
    let mut out = BTreeSet::new();
    let diff = git(root, &["diff", "--name-only", "-z", "--no-renames", rev, "--"])?;
    let new = git(root, &["ls-files", "--others", "--exclude-standard", "--full-name", "-z"])?;
    for name in diff.split('\0').chain(new.split('\0')).filter(|n| !n.is_empty()) {
        out.extend(site_relative(root, &top.join(name)));
    }
    Ok(out)
}

/// Run `git` in `dir`; its stdout, or an error with its stderr.
fn git(dir: &Path, args: &[&str]) -> anyhow::Result<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .context("--changed-since needs the `git` command, which could not be run")?;
    anyhow::ensure!(
        out.status.success(),
        "--changed-since: `git {}` failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr).trim()
    );
    String::from_utf8(out.stdout).context("--changed-since: git printed a path that is not UTF-8")
}
