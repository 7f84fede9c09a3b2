//! The state of one load (`Loader`: the root, the size cap, what was read and found) and the
//! helpers every loader of one kind of file shares: parsing a YAML document against its
//! schema, problems as diagnostics, front-matter text with its span.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use super::fs;
use crate::diag::{Diagnostic, Sources};
use crate::model::{Site, Text};
use crate::source::SourceFile;
use crate::yaml::{self, Kind, Node, NodeKind};

/// What loading a site gives: the site (when its configuration could be read), every
/// diagnostic, and the text of every file a diagnostic may point into.
pub struct Loaded {
    pub site: Option<Site>,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
}

/// Problems found in one YAML document.
#[derive(Debug, Default)]
pub struct Problems(pub Vec<yaml::Problem>);

impl Problems {
    pub fn push(&mut self, span: Range<usize>, message: String, hint: String) {
        self.0.push(yaml::Problem { span, message, hint: Some(hint) });
    }

    pub fn into_result<T>(self, value: T) -> Result<T, Problems> {
        if self.0.is_empty() { Ok(value) } else { Err(self) }
    }

    pub fn into_diagnostics(self, file: &str) -> impl Iterator<Item = Diagnostic> + '_ {
        self.0.into_iter().map(move |p| Diagnostic {
            rule: fs::RULE,
            level: crate::diag::Level::Error,
            file: file.to_string(),
            span: Some(p.span),
            message: p.message,
            hint: p.hint,
        })
    }
}

/// Parse, validate against `kind`, then deserialize (from the same tree) one YAML document in
/// `range` of `file`.
pub fn parse_document<T: DeserializeOwned>(
    file: &SourceFile,
    range: Range<usize>,
    kind: &Kind,
    what: &str,
) -> Result<(T, Node), Problems> {
    let node = yaml::parse(file, range.clone())
        .map_err(Problems)?
        .unwrap_or_else(|| Node { span: range.start..range.start, kind: NodeKind::Map(Vec::new()) });
    let mut problems = Vec::new();
    yaml::validate(&node, kind, what, &mut problems);
    if !problems.is_empty() {
        return Err(Problems(problems));
    }
    let value = yaml::from_node(&node, Some(kind)).map_err(|p| Problems(vec![p]))?;
    Ok((value, node))
}

/// The state of one load: where the site is, the size cap, and what was read and found.
pub struct Loader<'a> {
    pub root: &'a Path,
    pub max: u64,
    pub sources: Sources,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Loader<'a> {
    /// A load of the site at `root` (canonical), with the default size cap until
    /// `upfront.yaml` sets one.
    pub fn new(root: &'a Path) -> Self {
        Loader {
            root,
            max: crate::model::config::DEFAULT_MAX_FILE_BYTES,
            sources: Sources::default(),
            diagnostics: Vec::new(),
        }
    }

    /// Read one text file; a content problem becomes a diagnostic and `None`.
    pub fn read(&mut self, path: &Path) -> anyhow::Result<Option<Arc<SourceFile>>> {
        match fs::read_text(self.root, path, self.max) {
            Ok(file) => {
                let file = Arc::new(file);
                self.sources.insert_arc(file.clone());
                Ok(Some(file))
            }
            Err(failure) => self.failed(failure, path).map(|()| None),
        }
    }

    /// Record a failed read: a content problem as a diagnostic, I/O as `Err`.
    pub fn failed(&mut self, failure: fs::ReadFailure, path: &Path) -> anyhow::Result<()> {
        match failure {
            fs::ReadFailure::Content(failure) => {
                let (d, partial) = *failure;
                if let Some(f) = partial {
                    self.sources.insert(f);
                }
                self.diagnostics.push(d);
                Ok(())
            }
            // A file that cannot be opened or read (no read permission, an I/O error) is a
            // finding at that file, and the run goes on with the others.
            fs::ReadFailure::Io(e) => {
                let hint = if e.kind() == std::io::ErrorKind::PermissionDenied {
                    "give the file read permission (`chmod a+r FILE`), or remove it"
                } else {
                    "check that the file exists and is readable"
                };
                let rel = fs::rel_path(self.root, path);
                self.diagnostics.push(
                    crate::diag::Diagnostic::error(fs::RULE, rel, None, format!("cannot read this file: {e}"))
                        .with_hint(hint),
                );
                Ok(())
            }
        }
    }

    /// Read `name` under the root if it exists.
    pub(super) fn read_optional(&mut self, name: &str) -> anyhow::Result<Option<Arc<SourceFile>>> {
        let path = self.root.join(name);
        if fs::present(&path) { self.read(&path) } else { Ok(None) }
    }

    /// Every file under `dir` (see `fs::walk`); walk problems become diagnostics.
    pub fn walk(&mut self, dir: &Path, include_hidden: bool) -> Vec<std::path::PathBuf> {
        let (files, problems) = fs::walk(self.root, dir, include_hidden);
        self.diagnostics.extend(problems);
        files
    }

    pub(super) fn finish(self, site: Option<Site>) -> Loaded {
        Loaded { site, diagnostics: self.diagnostics, sources: self.sources }
    }
}

/// A scalar of `file` at `node` with its span, and where its value starts in the file if the
/// YAML wrote it verbatim (for exact spans inside it).
pub fn text_of(file: &SourceFile, node: Option<&Node>, value: Option<String>) -> Option<Text> {
    let value = value?;
    let span = node.map_or(0..0, |n| n.span.clone());
    let raw = file.text.get(span.clone()).unwrap_or("");
    let base = if raw == value {
        Some(span.start)
    } else if (raw.starts_with('"') || raw.starts_with('\''))
        && raw[1..].strip_suffix(&raw[..1]) == Some(value.as_str())
    {
        Some(span.start + 1)
    } else {
        None
    };
    Some(Text { value, base, span })
}
