//! Reading files: the size cap, UTF-8, and walking folders (hidden files skipped, symlink
//! loops reported). Problems become diagnostics; nothing here panics on bad input.

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
    /// A content problem (too big, not UTF-8): reported as a diagnostic; `source` holds what
    /// could be decoded so the position can be shown.
    Content(Box<(Diagnostic, Option<SourceFile>)>),
    /// The tool cannot read it at all (permissions, I/O).
    Io(std::io::Error),
}

/// Read a text file, refusing files above `max_bytes` and files that are not UTF-8.
pub fn read_text(root: &Path, path: &Path, max_bytes: u64) -> Result<SourceFile, ReadFailure> {
    let rel = rel_path(root, path);
    let meta = std::fs::metadata(path).map_err(ReadFailure::Io)?;
    if meta.len() > max_bytes {
        #[expect(clippy::cast_precision_loss, reason = "a size in MB for a message")]
        let (size, cap) = (meta.len() as f64 / 1e6, max_bytes as f64 / 1e6);
        return Err(ReadFailure::Content(Box::new((
            Diagnostic::error(RULE, rel, None, format!("the file is {size:.1} MB, above the limit of {cap:.1} MB"))
                .with_hint("split it into smaller guides, or raise `limits: { max_file_bytes: … }` in upfront.yaml"),
            None,
        ))));
    }
    let bytes = std::fs::read(path).map_err(ReadFailure::Io)?;
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

/// Every file under `dir` (following links; hidden names and editor backups skipped unless
/// `include_hidden`), sorted.
/// Walk problems (a symlink loop, an unreadable folder) come back as diagnostics.
pub fn walk(root: &Path, dir: &Path, include_hidden: bool) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    if !dir.is_dir() {
        return (files, problems);
    }
    let walker =
        walkdir::WalkDir::new(dir).follow_links(true).sort_by_file_name().into_iter().filter_entry(move |e| {
            e.depth() == 0 || include_hidden || !is_ignored_name(&e.file_name().to_string_lossy())
        });
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
            Ok(_) => {}
            Err(e) => {
                let at = e.path().map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
                let (message, hint) = if let Some(ancestor) = e.loop_ancestor() {
                    (
                        format!("symlink loop: this link points back to `{}`", rel_path(root, ancestor)),
                        "remove the link or point it outside this folder",
                    )
                } else {
                    (format!("cannot read this path: {e}"), "check that it exists and is readable")
                };
                problems.push(Diagnostic::error(RULE, rel_path(root, &at), None, message).with_hint(hint));
            }
        }
    }
    (files, problems)
}

/// Hidden files and the temporary files editors leave behind.
#[expect(clippy::case_sensitive_file_extension_comparisons, reason = "editors write these suffixes in lowercase")]
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name.ends_with(".swp")
        || name.ends_with(".swo")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913" // vim's "can I write here" probe
}
