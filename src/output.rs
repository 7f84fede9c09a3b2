//! Output: files are written into a staging folder beside `--out` as they are rendered, and
//! the folder is swapped in whole at the end. A failed build never touches `--out`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::Context as _;

/// A file in every output root, so a later build knows the folder is its own to replace.
pub const MARKER: &str = ".upfront-output";
const MARKER_TEXT: &str = "This folder is written by `upfront build` and replaced whole on every build.\n";

/// Whether `dir` may be replaced by a build: absent, empty, or written by Upfront before.
pub fn replaceable(dir: &Path) -> bool {
    !dir.exists() || dir.join(MARKER).is_file() || std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none())
}

/// Where an `Output` puts its files: a staging folder swapped in at the end (`build`), or
/// memory (`serve`, which never writes to `--out`).
enum Backend {
    Disk { staging: tempfile::TempDir, target: PathBuf },
    Memory(Mutex<Files>),
}

/// Files held in memory: output path (relative, `/` separators) → bytes.
pub type Files = HashMap<String, Arc<[u8]>>;

pub struct Output {
    backend: Backend,
    /// Files written so far (the marker file not included).
    written: std::sync::atomic::AtomicUsize,
}

impl Output {
    /// An output held in memory (for `serve`); take the files with `into_files`.
    pub fn memory() -> Output {
        Output { backend: Backend::Memory(Mutex::new(Files::new())), written: 0.into() }
    }

    /// The files of a memory output (empty for a disk output).
    pub fn into_files(self) -> Files {
        match self.backend {
            Backend::Memory(m) => m.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner),
            Backend::Disk { .. } => Files::new(),
        }
    }

    /// Create a staging folder next to `target`.
    pub fn create(target: &Path) -> anyhow::Result<Output> {
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).with_context(|| format!("cannot create {}", parent.display()))?;
        let staging = tempfile::Builder::new()
            .prefix(".upfront-build-")
            .tempdir_in(&parent)
            .with_context(|| format!("cannot create a staging folder in {}", parent.display()))?;
        let marker = staging.path().join(MARKER);
        std::fs::write(&marker, MARKER_TEXT).with_context(|| format!("cannot write {}", marker.display()))?;
        Ok(Output { backend: Backend::Disk { staging, target: target.to_path_buf() }, written: 0.into() })
    }

    fn prepare(staging: &Path, rel: &str) -> anyhow::Result<PathBuf> {
        let path = staging.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
        Ok(path)
    }

    fn remember(files: &Mutex<Files>, rel: &str, bytes: Arc<[u8]>) {
        files.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(rel.to_string(), bytes);
    }

    /// How many files have been written (or copied).
    pub fn files_written(&self) -> usize {
        self.written.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Write one output file (path relative to the output root, `/` separators).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()> {
        self.written.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        match &self.backend {
            Backend::Disk { staging, .. } => {
                let path = Self::prepare(staging.path(), rel)?;
                std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))
            }
            Backend::Memory(files) => {
                Self::remember(files, rel, Arc::from(bytes));
                Ok(())
            }
        }
    }

    /// Copy a file verbatim into the output.
    pub fn copy(&self, rel: &str, from: &Path) -> anyhow::Result<()> {
        self.written.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        match &self.backend {
            Backend::Disk { staging, .. } => {
                let path = Self::prepare(staging.path(), rel)?;
                std::fs::copy(from, &path)
                    .with_context(|| format!("cannot copy {} to {}", from.display(), path.display()))?;
            }
            Backend::Memory(files) => {
                let bytes = std::fs::read(from).with_context(|| format!("cannot read {}", from.display()))?;
                Self::remember(files, rel, Arc::from(bytes));
            }
        }
        Ok(())
    }

    /// Swap the staging folder in as `target`: old → backup, new → target, delete backup.
    /// When `target` cannot be renamed (a mount point), its contents are replaced instead.
    pub fn commit(self) -> anyhow::Result<()> {
        let Backend::Disk { staging, target } = self.backend else { return Ok(()) };
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::set_permissions(staging.path(), std::fs::Permissions::from_mode(0o755))
                .context("cannot set permissions of the staging folder")?;
        }
        let staging = staging.keep();
        if !target.exists() {
            return std::fs::rename(&staging, &target)
                .with_context(|| format!("cannot move the new site into {}", target.display()));
        }
        let backup = staging.with_file_name(format!(
            ".upfront-old-{}",
            staging.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
        ));
        if std::fs::rename(&target, &backup).is_ok() {
            if let Err(e) = std::fs::rename(&staging, &target) {
                let _ = std::fs::rename(&backup, &target);
                let _ = std::fs::remove_dir_all(&staging);
                return Err(e).with_context(|| format!("cannot move the new site into {}", target.display()));
            }
            remove_tree(&backup).with_context(|| format!("cannot remove the old site at {}", backup.display()))?;
            return Ok(());
        }
        replace_contents(&staging, &target)?;
        std::fs::remove_dir_all(&staging).with_context(|| format!("cannot remove {}", staging.display()))
    }
}

/// Delete a folder and everything in it, its top-level entries in parallel (the old output
/// of a 10,000-guide site takes half a second to delete on one thread).
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.par_iter().try_for_each(|entry| {
        let path = entry.path();
        if entry.file_type()?.is_dir() { std::fs::remove_dir_all(&path) } else { std::fs::remove_file(&path) }
    })?;
    std::fs::remove_dir(dir)
}

/// For a target that cannot be renamed (a mount point): empty it, then move the new files in.
fn replace_contents(staging: &Path, target: &Path) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(target).with_context(|| format!("cannot list {}", target.display()))? {
        let path = entry?.path();
        if path.is_dir() && !path.is_symlink() { std::fs::remove_dir_all(&path) } else { std::fs::remove_file(&path) }
            .with_context(|| format!("cannot remove {}", path.display()))?;
    }
    for entry in std::fs::read_dir(staging).with_context(|| format!("cannot list {}", staging.display()))? {
        let path = entry?.path();
        let dest = target.join(path.file_name().unwrap_or_default());
        std::fs::rename(&path, &dest)
            .with_context(|| format!("cannot move {} to {}", path.display(), dest.display()))?;
    }
    Ok(())
}
