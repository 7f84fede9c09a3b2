//! Diagnostics are data: a rule id, a level, a file, a byte span, a message and a hint.
//! Collected, never `?`-returned; renderers live in `report/`.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

use crate::source::{LineCol, SourceFile};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Note,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "note",
        })
    }
}

/// One finding about the content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub level: Level,
    /// Path relative to the site root, `/` separators.
    pub file: String,
    /// Byte span in the file; `None` means the whole file (reported at 1:1).
    pub span: Option<Range<usize>>,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(
        rule: &'static str,
        file: impl Into<String>,
        span: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> Self {
        Self { rule, level: Level::Error, file: file.into(), span, message: message.into(), hint: None }
    }

    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// Every source file a diagnostic may point into, by relative path.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    files: BTreeMap<String, Arc<SourceFile>>,
}

impl Sources {
    pub fn insert(&mut self, file: SourceFile) {
        self.insert_arc(Arc::new(file));
    }

    pub fn insert_arc(&mut self, file: Arc<SourceFile>) {
        self.files.insert(file.path.clone(), file);
    }

    /// Add (or replace) every file of `other`.
    pub fn merge(&mut self, other: Sources) {
        self.files.extend(other.files);
    }

    pub fn get(&self, path: &str) -> Option<&SourceFile> {
        self.files.get(path).map(AsRef::as_ref)
    }

    /// The same files, each named with `prefix` before its path (`docs/help/` + `content/a.md`),
    /// as reports name them from the folder `upfront` runs in.
    #[must_use]
    pub fn rebased(self, prefix: &str) -> Sources {
        Sources { files: self.files.into_iter().map(|(k, v)| (format!("{prefix}{k}"), v)).collect() }
    }

    /// Start and (exclusive) end position of a diagnostic; 1:1 when the file has no text.
    pub fn locate(&self, d: &Diagnostic) -> (LineCol, LineCol) {
        let start = LineCol { line: 1, column: 1 };
        match (self.get(&d.file), &d.span) {
            (Some(f), Some(span)) => (f.line_col(span.start), f.line_col(span.end)),
            _ => (start, start),
        }
    }

    /// The text a diagnostic covers.
    pub fn text_of(&self, d: &Diagnostic) -> &str {
        match (self.get(&d.file), &d.span) {
            (Some(f), Some(span)) => f.text.get(span.clone()).unwrap_or(""),
            _ => "",
        }
    }
}

/// Sort findings by file, line, column, rule (the SPEC's order) and drop exact repeats.
pub fn sort(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| {
        (a.file.as_str(), a.span.as_ref().map(|s| (s.start, s.end)), a.rule, &a.message).cmp(&(
            b.file.as_str(),
            b.span.as_ref().map(|s| (s.start, s.end)),
            b.rule,
            &b.message,
        ))
    });
    diags.dedup();
}

pub fn count(diags: &[Diagnostic], level: Level) -> usize {
    diags.iter().filter(|d| d.level == level).count()
}

/// A size for a message: "10.0 MB". The one place sizes are worded.
#[expect(clippy::cast_precision_loss, reason = "a size in MB for a message")]
pub fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}
