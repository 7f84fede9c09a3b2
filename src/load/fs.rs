//! Reading files: nothing outside the site root, only regular files, the size cap (through a
//! bounded reader), UTF-8, and walking folders (editor leftovers skipped, symlink loops and
//! links out of the site reported). Problems become diagnostics; nothing here panics.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::source::SourceFile;

/// The rule id for a file that cannot be read as content.
pub const RULE: &str = "front-matter";

/// Relative display path with `/` separators.
pub fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// Why a file could not be read as text.
pub enum ReadFailure {
    /// A content problem (too big, not UTF-8, outside the site, not a regular file):
    /// reported as a diagnostic; `source` holds what could be decoded so the position can be
    /// shown.
    Content(Box<(Diagnostic, Option<SourceFile>)>),
    /// The tool cannot read it at all (permissions, I/O).
    Io(std::io::Error),
}

/// Why a path is not read (see `guard`).
pub enum Refusal {
    /// It leads (through a symlink) to this path, outside the site root.
    Outside(PathBuf),
    /// It leads to a hidden file or folder of the site outside `static/` (this path, from
    /// the root): `.git/config` holds CI tokens, `.env` secrets.
    Hidden(String),
    /// It leads (through a symlink) into a build's output folder (this path, from the root):
    /// an earlier build may hold narrower tiers' pages that this build must not publish.
    Output(String),
    /// It is a named pipe, a socket or a device ("a named pipe").
    NotRegular(&'static str),
    /// It is a symlink to nothing.
    Dangling,
    /// It cannot be looked at (it does not exist, permissions).
    Io(std::io::Error),
}

impl Refusal {
    /// The message and the hint of a diagnostic about a refused path (never its contents).
    pub fn explain(&self) -> (String, &'static str) {
        match self {
            Refusal::Outside(to) => (
                format!("this links outside the site (to `{}`), so it is not read", to.display()),
                "copy the file into the site instead of linking to it",
            ),
            Refusal::Hidden(to) => (
                format!("this links to `{to}`, a hidden file or folder, so it is not read"),
                "link to a file that is not hidden, or copy what you need into the site",
            ),
            Refusal::Output(to) => (
                format!("this links to `{to}`, inside a build's output folder, so it is not read"),
                "link to the source file instead (an old build may hold pages of other tiers)",
            ),
            Refusal::NotRegular(kind) => (
                format!("this is {kind}, not a regular file, so it is not read"),
                "replace it with a regular file, or remove it",
            ),
            Refusal::Dangling => {
                ("this is a symlink to a file that does not exist".to_string(), "remove the link or fix its target")
            }
            Refusal::Io(e) => (format!("cannot read this path: {e}"), "check that it exists and is readable"),
        }
    }

    /// A diagnostic at the file `rel` (the path as the author wrote it, links not followed).
    pub fn diagnostic(&self, rel: String) -> Diagnostic {
        let (message, hint) = self.explain();
        Diagnostic::error(RULE, rel, None, message).with_hint(hint)
    }
}

/// Check the path a read would open: with symlinks followed it must stay under `root`
/// (canonical), out of hidden files and folders (but `static/.well-known/`), out of any
/// build's output folder (one holding `.upfront-output`) when a link leads there, and be a
/// regular file or a folder. The one guard `build` and `serve` share.
pub fn guard(root: &Path, path: &Path) -> Result<std::fs::FileType, Refusal> {
    let real = path.canonicalize().map_err(|e| {
        let dangling = e.kind() == std::io::ErrorKind::NotFound
            && path.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink());
        if dangling { Refusal::Dangling } else { Refusal::Io(e) }
    })?;
    let Ok(inside) = real.strip_prefix(root) else { return Err(Refusal::Outside(real)) };
    let hidden = inside.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
    if hidden && !inside.starts_with("static") {
        return Err(Refusal::Hidden(rel_path(root, &real)));
    }
    if real != path
        && real.ancestors().take_while(|a| a.starts_with(root)).any(|a| a.join(crate::output::MARKER).exists())
    {
        return Err(Refusal::Output(rel_path(root, &real)));
    }
    let kind = std::fs::metadata(&real).map_err(Refusal::Io)?.file_type();
    match special_kind(kind) {
        Some(what) => Err(Refusal::NotRegular(what)),
        None => Ok(kind),
    }
}

/// What kind of special file this is, or `None` for a regular file or a folder.
fn special_kind(kind: std::fs::FileType) -> Option<&'static str> {
    if kind.is_file() || kind.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if kind.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
        if kind.is_block_device() || kind.is_char_device() {
            return Some("a device");
        }
    }
    Some("a special file")
}

/// Whether there is anything at `path` (a dangling link counts), so that a file the site
/// names but that cannot be read is reported rather than skipped.
pub fn present(path: &Path) -> bool {
    path.symlink_metadata().is_ok()
}

/// Read a text file: a regular file inside `root` (see `guard`), at most `max_bytes` (held
/// while reading, so a file that grows or lies about its size cannot pass), and UTF-8.
pub fn read_text(root: &Path, path: &Path, max_bytes: u64) -> Result<SourceFile, ReadFailure> {
    let rel = rel_path(root, path);
    match guard(root, path) {
        Ok(kind) if kind.is_dir() => return Err(refused(&Refusal::NotRegular("a folder"), rel)),
        Ok(_) => {}
        Err(Refusal::Io(e)) => return Err(ReadFailure::Io(e)),
        Err(refusal) => return Err(refused(&refusal, rel)),
    }
    read_listed(root, path, max_bytes)
}

/// `read_text` for a file that `walk` listed (it checked the links on the way, so the path
/// stays inside the root): the type, size and UTF-8 checks without resolving the path again
/// (which cost 6 `readlink` calls per guide, 63,000 on 10,000 guides).
pub fn read_listed(root: &Path, path: &Path, max_bytes: u64) -> Result<SourceFile, ReadFailure> {
    let rel = rel_path(root, path);
    let bytes = read_bounded(path, max_bytes, &rel)?;
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.replace_range(..3, "");
            }
            Ok(SourceFile::new(rel, text))
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            Err(ReadFailure::Content(Box::new((
                Diagnostic::error(RULE, rel.clone(), Some(at..at), "the file is not UTF-8 text")
                    .with_hint("save it as UTF-8 in your editor (binary files belong in static/)"),
                Some(SourceFile::new(rel, lossy)),
            ))))
        }
    }
}

fn refused(refusal: &Refusal, rel: String) -> ReadFailure {
    ReadFailure::Content(Box::new((refusal.diagnostic(rel), None)))
}

/// At most `max` bytes of the regular file at `path`, through `take(max + 1)`. Opened
/// without blocking, so a file swapped for a named pipe after `guard` cannot hang the read.
fn read_bounded(path: &Path, max: u64, rel: &str) -> Result<Vec<u8>, ReadFailure> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(i32::try_from(rustix::fs::OFlags::NONBLOCK.bits()).unwrap_or(0));
    }
    let file = options.open(path).map_err(ReadFailure::Io)?;
    let meta = file.metadata().map_err(ReadFailure::Io)?;
    if !meta.is_file() {
        return Err(refused(&Refusal::NotRegular(special_kind(meta.file_type()).unwrap_or("a folder")), rel.into()));
    }
    let too_big = |size: Option<u64>| {
        let cap = crate::diag::megabytes(max);
        let message = match size {
            Some(size) => format!("the file is {}, above the limit of {cap}", crate::diag::megabytes(size)),
            None => format!("the file is above the limit of {cap}"),
        };
        ReadFailure::Content(Box::new((
            Diagnostic::error(RULE, rel, None, message)
                .with_hint("split it into smaller guides, or raise `limits: { max_file_bytes: … }` in upfront.yaml"),
            None,
        )))
    };
    if meta.len() > max {
        return Err(too_big(Some(meta.len())));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(max.saturating_add(1)).read_to_end(&mut bytes).map_err(ReadFailure::Io)?;
    if bytes.len() as u64 > max {
        return Err(too_big(None));
    }
    Ok(bytes)
}

/// Every regular file under `dir` (following links that stay inside `root`; editor
/// leftovers skipped, hidden names too unless `include_hidden`), sorted. Links out of the
/// site, special files, dangling links, symlink loops and unreadable folders come back as
/// diagnostics, and nothing under them is listed.
pub fn walk(root: &Path, dir: &Path, include_hidden: bool) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    if !present(dir) {
        return (files, problems);
    }
    if let Err(refusal) = guard(root, dir) {
        problems.push(refusal.diagnostic(rel_path(root, dir)));
        return (files, problems);
    }
    if !dir.is_dir() {
        return (files, problems);
    }
    let mut walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(move |e| e.depth() == 0 || !skipped(&e.file_name().to_string_lossy(), include_hidden));
    while let Some(entry) = walker.next() {
        let e = match entry {
            Ok(e) => e,
            Err(e) => {
                let at = e.path().map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
                if at.file_name().is_some_and(|n| skipped(&n.to_string_lossy(), include_hidden)) {
                    continue; // an Emacs lock `.#x` is a dangling link
                }
                problems.push(walk_error(root, &at, &e));
                continue;
            }
        };
        if e.depth() > 0 && e.path_is_symlink() {
            if let Err(refusal) = guard(root, e.path()) {
                problems.push(refusal.diagnostic(rel_path(root, e.path())));
                if e.file_type().is_dir() {
                    walker.skip_current_dir();
                }
                continue;
            }
        }
        if e.file_type().is_file() {
            files.push(e.into_path());
        } else if let Some(what) = special_kind(e.file_type()) {
            problems.push(Refusal::NotRegular(what).diagnostic(rel_path(root, e.path())));
        }
    }
    (files, problems)
}

fn walk_error(root: &Path, at: &Path, e: &walkdir::Error) -> Diagnostic {
    let rel = rel_path(root, at);
    if let Some(ancestor) = e.loop_ancestor() {
        return Diagnostic::error(
            RULE,
            rel,
            None,
            format!("symlink loop: this link points back to `{}`", rel_path(root, ancestor)),
        )
        .with_hint("remove the link or point it outside this folder");
    }
    let missing = e.io_error().is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound);
    if missing && at.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()) {
        return Refusal::Dangling.diagnostic(rel);
    }
    Diagnostic::error(RULE, rel, None, format!("cannot read this path: {e}"))
        .with_hint("check that it exists and is readable")
}

/// The files under `static/` to publish, as output paths (`/` separators), and the problems
/// found (see `walk`; also a name that is not UTF-8, which no URL can carry). `build` and
/// `serve` both list them here.
pub fn static_files(root: &Path) -> (Vec<String>, Vec<Diagnostic>) {
    let dir = root.join("static");
    let (paths, mut problems) = walk(root, &dir, true);
    let mut files = Vec::new();
    for path in paths {
        if path.to_str().is_some() {
            files.push(rel_path(&dir, &path));
        } else {
            problems.push(
                Diagnostic::error(
                    RULE,
                    rel_path(root, &path),
                    None,
                    "this file name is not UTF-8, so it cannot be published",
                )
                .with_hint("rename the file using UTF-8 (URLs cannot carry this name)"),
            );
        }
    }
    (files, problems)
}

/// The one test of which names are never read, copied or watched: editor leftovers always,
/// hidden names unless `include_hidden` (`static/`, for `.well-known/`).
pub fn skipped(name: &str, include_hidden: bool) -> bool {
    is_editor_leftover(name) || (!include_hidden && name.starts_with('.'))
}

/// The temporary, lock, swap and backup files editors leave behind.
#[expect(clippy::case_sensitive_file_extension_comparisons, reason = "editors write these suffixes in lowercase")]
pub fn is_editor_leftover(name: &str) -> bool {
    name.starts_with(".#") // an Emacs lock (a dangling symlink)
        || name.ends_with('~')
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        || name.ends_with(".swp")
        || name.ends_with(".swo")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913" // vim's "can I write here" probe
}
