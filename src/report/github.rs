//! `--format github`: GitHub Actions workflow commands, one annotation per finding
//! (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=<rule>::<message>`), then a
//! summary line. Escaping follows the Actions runner exactly; nothing else is printed.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::{Counts, Located};
use crate::diag::{Diagnostic, Level, Sources};

/// GitHub shows at most this many annotations of each level per step.
pub const SHOWN_PER_LEVEL: usize = 10;

/// Escape a command's message (the part after `::`).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escape a property value (`file=…`, `title=…`): as data, and `:` and `,` too.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Note => "notice",
    }
}

/// One workflow command for one finding. The hint follows the message on its own line.
pub fn annotation(l: &Located<'_>) -> String {
    let d = l.diag;
    let message = match &d.hint {
        Some(h) => format!("{}\nhint: {h}", d.message),
        None => d.message.clone(),
    };
    // GitHub's syntax takes `col` and `endColumn` only when the finding is on one line.
    let columns = if l.start.line == l.end.line {
        format!(",col={},endLine={},endColumn={}", l.start.column, l.end.line, l.end.column)
    } else {
        format!(",endLine={}", l.end.line)
    };
    format!(
        "::{} file={},line={}{columns},title={}::{}",
        command(d.level),
        escape_property(&d.file),
        l.start.line,
        escape_property(d.rule),
        escape_data(&message)
    )
}

/// Every annotation, then `upfront: 3 errors, 1 warning in 2 files`.
pub fn render(diags: &[Diagnostic], sources: &Sources) -> String {
    let mut out = String::new();
    for l in super::locate(diags, sources) {
        out.push_str(&annotation(&l));
        out.push('\n');
    }
    let counts = Counts::of(diags);
    if diags.is_empty() {
        out.push_str("upfront: no problems\n");
        return out;
    }
    let files: BTreeSet<&str> = diags.iter().map(|d| d.file.as_str()).collect();
    let _ = write!(out, "upfront: {} in {}", counts.summary(), super::plural(files.len(), "file"));
    if [counts.errors, counts.warnings, counts.notes].iter().any(|&n| n > SHOWN_PER_LEVEL) {
        let _ = write!(
            out,
            " (GitHub shows the first {SHOWN_PER_LEVEL} annotations of each level; run `upfront check` for all)"
        );
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::{escape_data, escape_property};

    #[test]
    fn data_escapes_percent_and_line_breaks_only() {
        assert_eq!(escape_data("50% of waits:\r\nfine, ok"), "50%25 of waits:%0D%0Afine, ok");
    }

    #[test]
    fn properties_also_escape_colon_and_comma() {
        assert_eq!(escape_property("a:b,c%d\ne"), "a%3Ab%2Cc%25d%0Ae");
    }
}
