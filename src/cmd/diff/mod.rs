//! `upfront diff BASE [HEAD]`: what readers will see change between two versions of a site.
//! BASE and HEAD are git revisions of the site's repository or site folders; HEAD defaults to
//! the working tree. A revision is exported with `git archive` into a temporary folder; the
//! repository and the working tree are never touched.

mod compare;
mod format;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use anyhow::{Context as _, bail};

use compare::{Side, compare};

use crate::cli::{DiffArgs, DiffFormat, Global};
use crate::diag::{self, Level};

pub fn run(global: &Global, args: &DiffArgs) -> anyhow::Result<ExitCode> {
    let root = super::site::site_root(global.root.as_deref())?;
    let base = Tree::resolve(&root, &args.base)?;
    let head = match &args.head {
        Some(h) => Tree::resolve(&root, h)?,
        None => Tree::Folder(root.clone()),
    };
    let head_name = args.head.as_deref().unwrap_or("working tree");
    let (base_site, base_diags, base_sources) = load(&base, &args.base, args.today)?;
    let (head_site, head_diags, head_sources) = load(&head, head_name, args.today)?;
    let changes = compare(
        &Side { name: &args.base, site: &base_site, diags: &base_diags, sources: &base_sources },
        &Side { name: head_name, site: &head_site, diags: &head_diags, sources: &head_sources },
    );
    let text = match args.format {
        DiffFormat::Human => format::human(&changes),
        DiffFormat::Markdown => format::markdown(&changes),
        DiffFormat::Json => {
            let mut s = serde_json::to_string_pretty(&changes).context("cannot write the JSON report")?;
            s.push('\n');
            s
        }
    };
    super::output::write_stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// Where one side's files are.
enum Tree {
    Folder(PathBuf),
    /// A revision exported into a temporary folder (removed when dropped); the site is at
    /// `dir/<prefix>`.
    Exported {
        dir: tempfile::TempDir,
        prefix: PathBuf,
    },
}

impl Tree {
    /// A folder when `what` names one, else a git revision of the repository `root` is in.
    fn resolve(root: &Path, what: &str) -> anyhow::Result<Self> {
        let as_path = Path::new(what);
        if as_path.is_dir() {
            let abs = as_path.canonicalize().with_context(|| format!("cannot read the folder {what}"))?;
            return Ok(Self::Folder(abs));
        }
        let top = git(root, &["rev-parse", "--show-toplevel"]).with_context(|| {
            format!("`{what}` is neither a folder nor a git revision: the site is not in a git repository")
        })?;
        let top = PathBuf::from(top.trim());
        let rev = git(root, &["rev-parse", "--verify", "--quiet", &format!("{what}^{{commit}}")])
            .ok()
            .filter(|s| !s.trim().is_empty())
            .with_context(|| format!("`{what}` is neither a folder nor a git revision of {}", top.display()))?;
        let prefix =
            root.strip_prefix(top.canonicalize().unwrap_or(top.clone())).map(Path::to_path_buf).unwrap_or_default();
        let dir =
            tempfile::Builder::new().prefix("upfront-diff-").tempdir().context("cannot create a temporary folder")?;
        export(&top, rev.trim(), &prefix, dir.path())?;
        Ok(Self::Exported { dir, prefix })
    }

    fn root(&self) -> PathBuf {
        match self {
            Self::Folder(p) => p.clone(),
            Self::Exported { dir, prefix } => dir.path().join(prefix),
        }
    }
}

/// `git -C dir ARGS`, its stdout; git's own message on failure.
fn git(dir: &Path, args: &[&str]) -> anyhow::Result<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .context("cannot run git (is it installed?)")?;
    if !out.status.success() {
        bail!("git {}: {}", args.join(" "), String::from_utf8_lossy(&out.stderr).trim());
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// `git archive REV -- PREFIX | tar -x -C DEST`.
fn export(top: &Path, rev: &str, prefix: &Path, dest: &Path) -> anyhow::Result<()> {
    let mut archive = Command::new("git");
    archive.arg("-C").arg(top).args(["archive", "--format=tar", rev]);
    if !prefix.as_os_str().is_empty() {
        archive.arg("--").arg(prefix);
    }
    let mut archive =
        archive.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().context("cannot run git archive")?;
    let stdout = archive.stdout.take().context("cannot read git archive's output")?;
    let tar = Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(dest)
        .stdin(stdout)
        .output()
        .context("cannot run tar to unpack the revision")?;
    let archived = archive.wait_with_output().context("git archive failed")?;
    if !archived.status.success() {
        bail!("git archive {rev}: {}", String::from_utf8_lossy(&archived.stderr).trim());
    }
    if !tar.status.success() {
        bail!("tar: {}", String::from_utf8_lossy(&tar.stderr).trim());
    }
    Ok(())
}

type Loaded = (crate::model::Site, Vec<diag::Diagnostic>, diag::Sources);

/// Load and check one side; a side whose `upfront.yaml` does not load cannot be compared.
fn load(tree: &Tree, name: &str, today: Option<jiff::civil::Date>) -> anyhow::Result<Loaded> {
    let root = tree.root();
    anyhow::ensure!(root.join("upfront.yaml").is_file(), "{name}: there is no upfront.yaml in {}", root.display());
    let (diags, sources, site) = super::check::load_and_check(&root, today)?;
    let Some(site) = site else {
        let errors = diag::count(&diags, Level::Error);
        bail!("{name}: the site does not load ({errors} errors; run `upfront check` on it)")
    };
    Ok((site, diags, sources))
}
