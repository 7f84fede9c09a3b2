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
    render_first(diags, sources, None, None)
}

/// As `render`; when a level has more findings than GitHub shows, those in `first` (the
/// files named or changed, as reported) come first so that their annotations are the ones
/// shown, and a last line says how many findings GitHub did not show. `baselined`: how many
/// findings `--baseline` held back, said in the summary line.
pub fn render_first(
    diags: &[Diagnostic],
    sources: &Sources,
    first: Option<&BTreeSet<String>>,
    baselined: Option<usize>,
) -> String {
    let counts = Counts::of(diags);
    let over = [counts.errors, counts.warnings, counts.notes].iter().any(|&n| n > SHOWN_PER_LEVEL);
    let mut located = super::locate(diags, sources);
    if let Some(first) = first.filter(|_| over) {
        // A stable sort: the named files' findings, then the others, each in report order.
        located.sort_by_key(|l| !first.contains(&l.diag.file));
    }
    let mut out = String::new();
    for l in &located {
        out.push_str(&annotation(l));
        out.push('\n');
    }
    let baselined = baselined.map(|n| format!(" ({n} baselined)")).unwrap_or_default();
    if diags.is_empty() {
        let _ = writeln!(out, "upfront: no problems{baselined}");
        return out;
    }
    let files: BTreeSet<&str> = diags.iter().map(|d| d.file.as_str()).collect();
    let _ = writeln!(out, "upfront: {} in {}{baselined}", counts.summary(), super::plural(files.len(), "file"));
    let hidden: usize =
        [counts.errors, counts.warnings, counts.notes].iter().map(|&n| n.saturating_sub(SHOWN_PER_LEVEL)).sum();
    if hidden > 0 {
        let _ = writeln!(
            out,
            "upfront: {} not shown as annotations (GitHub shows {SHOWN_PER_LEVEL} errors, {SHOWN_PER_LEVEL} \
             warnings and {SHOWN_PER_LEVEL} notices per step); run `upfront check` for all",
            super::plural(hidden, "finding")
        );
    }
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
