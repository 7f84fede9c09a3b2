//! Output: files are written into a staging folder beside `--out` as they are rendered, and
//! the folder is swapped in whole at the end. A failed build never touches `--out`.
//! Staging folders are private (0700) until the swap, are named after the building process
//! (`.upfront-build-<pid>-…`), and those of builds that died are removed by the next one.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::Context as _;

/// The name of a staging folder starts with this, then the pid of the build, then `-`.
const STAGING: &str = ".upfront-build-";
/// The old output while it is swapped out (rename pair) starts with this, then as above.
const OLD: &str = ".upfront-old-";

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

    /// Create a staging folder (mode 0700) next to `target`, after removing the staging
    /// folders that builds which no longer run left there.
    pub fn create(target: &Path) -> anyhow::Result<Output> {
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).with_context(|| format!("cannot create {}", parent.display()))?;
        remove_stale(&parent);
        let prefix = format!("{STAGING}{}-", std::process::id());
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            builder.permissions(std::fs::Permissions::from_mode(0o700));
        }
        let staging = builder
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

    /// Swap the staging folder in as `target`: one atomic exchange where the OS offers it
    /// (Linux `renameat2(RENAME_EXCHANGE)`), so `target` never goes missing, then the old
    /// site (now at the staging path) is deleted. Elsewhere, or when the exchange is refused:
    /// old → backup, new → target, delete backup. When `target` cannot be renamed (a mount
    /// point), its contents are replaced instead.
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
        if exchange(&staging, &target) {
            return remove_tree(&staging)
                .with_context(|| format!("cannot remove the old site at {}", staging.display()));
        }
        let name = staging.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let backup = staging.with_file_name(format!("{OLD}{}", name.strip_prefix(STAGING).unwrap_or(&name)));
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

/// Exchange two folders atomically; `false` when the OS or the file system refuses (an old
/// kernel, a file system without it, a mount point), and nothing has moved.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> bool {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok()
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

/// Remove the staging and backup folders in `parent` that no running build owns: their
/// name carries the pid of the build that made them, and a folder is left alone while a
/// process with that pid runs (a concurrent build; a reused pid only delays the clean-up).
/// A name without a pid (an older Upfront) is stale. Failures are ignored: the folders
/// are private, and the next build tries again.
fn remove_stale(parent: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(STAGING).or_else(|| n.strip_prefix(OLD))) else {
            continue;
        };
        let owner = rest.split_once('-').and_then(|(pid, _)| pid.parse::<u32>().ok());
        if entry.file_type().is_ok_and(|t| t.is_dir()) && !owner.is_some_and(running) {
            let _ = remove_tree(&entry.path());
        }
    }
}

/// Whether a process with this pid runs (on this machine's pid namespace).
#[cfg(unix)]
fn running(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid).ok().and_then(rustix::process::Pid::from_raw) else { return false };
    match rustix::process::test_kill_process(pid) {
        Ok(()) => true,
        Err(e) => e != rustix::io::Errno::SRCH,
    }
}

/// No portable check elsewhere: a folder with a pid is never taken for stale.
#[cfg(not(unix))]
fn running(_: u32) -> bool {
    true
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[cfg(unix)]
    #[test]
    fn staging_folders_are_private_and_named_after_the_build() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let out = Output::create(&dir.path().join("public")).unwrap();
        let Backend::Disk { staging, .. } = &out.backend else { panic!("a disk output") };
        assert_eq!(std::fs::metadata(staging.path()).unwrap().permissions().mode() & 0o777, 0o700);
        let name = staging.path().file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with(&format!("{STAGING}{}-", std::process::id())), "{name}");
    }

    #[test]
    fn the_swap_replaces_the_old_site_and_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        for round in ["first", "second", "third"] {
            let out = Output::create(&target).unwrap();
            out.write(&format!("{round}.html"), round.as_bytes()).unwrap();
            out.commit().unwrap();
            assert_eq!(names(&target), vec![MARKER.to_string(), format!("{round}.html")]);
            assert_eq!(names(dir.path()), vec!["public"]);
        }
    }

    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[test]
    fn an_exchange_swaps_two_folders_or_moves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        for (d, f) in [(&a, "from-a"), (&b, "from-b")] {
            std::fs::create_dir(d).unwrap();
            std::fs::write(d.join(f), f).unwrap();
        }
        let swapped = exchange(&a, &b);
        let (in_a, in_b) = if swapped { ("from-b", "from-a") } else { ("from-a", "from-b") };
        assert_eq!((names(&a), names(&b)), (vec![in_a.to_string()], vec![in_b.to_string()]));
        assert!(!exchange(&a, &dir.path().join("absent")), "nothing to exchange with");
    }

    #[cfg(unix)]
    #[test]
    fn stale_folders_are_removed_and_those_of_a_running_build_kept() {
        let dir = tempfile::tempdir().unwrap();
        let live = format!("{STAGING}{}-live", std::process::id());
        for stale in [format!("{STAGING}x/member"), format!("{OLD}2147483647-abc/vip"), live.clone()] {
            std::fs::create_dir_all(dir.path().join(stale)).unwrap();
        }
        std::fs::write(dir.path().join(format!("{STAGING}file")), "not a folder").unwrap();
        remove_stale(dir.path());
        let mut kept = vec![format!("{STAGING}file"), live];
        kept.sort();
        assert_eq!(names(dir.path()), kept);
    }
}
