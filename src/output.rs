//! Output: files are written into a staging folder beside `--out` as they are rendered, and
//! the folder is swapped in whole at the end. A failed build never touches `--out`.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

/// A file in every output root, so a later build knows the folder is its own to replace.
pub const MARKER: &str = ".upfront-output";
const MARKER_TEXT: &str = "This folder is written by `upfront build` and replaced whole on every build.\n";

/// Whether `dir` may be replaced by a build: absent, empty, or written by Upfront before.
pub fn replaceable(dir: &Path) -> bool {
    !dir.exists() || dir.join(MARKER).is_file() || std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none())
}

pub struct Output {
    staging: tempfile::TempDir,
    target: PathBuf,
}

impl Output {
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
        let out = Output { staging, target: target.to_path_buf() };
        out.write(MARKER, MARKER_TEXT.as_bytes())?;
        Ok(out)
    }

    fn prepare(&self, rel: &str) -> anyhow::Result<PathBuf> {
        let path = self.staging.path().join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
        Ok(path)
    }

    /// Write one output file (path relative to the output root, `/` separators).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let path = self.prepare(rel)?;
        std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))
    }

    /// Copy a file verbatim into the output.
    pub fn copy(&self, rel: &str, from: &Path) -> anyhow::Result<()> {
        let path = self.prepare(rel)?;
        std::fs::copy(from, &path).with_context(|| format!("cannot copy {} to {}", from.display(), path.display()))?;
        Ok(())
    }

    /// Swap the staging folder in as `target`: old → backup, new → target, delete backup.
    /// When `target` cannot be renamed (a mount point), its contents are replaced instead.
    pub fn commit(self) -> anyhow::Result<()> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::set_permissions(self.staging.path(), std::fs::Permissions::from_mode(0o755))
                .context("cannot set permissions of the staging folder")?;
        }
        let target = self.target.clone();
        let staging = self.staging.keep();
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
            std::fs::remove_dir_all(&backup)
                .with_context(|| format!("cannot remove the old site at {}", backup.display()))?;
            return Ok(());
        }
        replace_contents(&staging, &target)?;
        std::fs::remove_dir_all(&staging).with_context(|| format!("cannot remove {}", staging.display()))
    }
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
