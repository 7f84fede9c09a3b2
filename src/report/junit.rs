//! `--format junit`: `JUnit` XML for CI test tabs (GitLab, Jenkins, Azure): one `<testsuite>`
//! per rule, one `<testcase>` per finding with a `<failure>`; a run without findings is one
//! passing test case. Written by hand with one escaper (the shape is small and fixed).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::Located;
use crate::diag::{Diagnostic, Sources};

pub use crate::escape::xml as escape;

fn testcase(out: &mut String, l: &Located<'_>) {
    let d = l.diag;
    let at = format!("{}:{}:{}", d.file, l.start.line, l.start.column);
    let body = match &d.hint {
        Some(h) => format!("{at}: {}[{}]: {}\nhint: {h}", d.level, d.rule, d.message),
        None => format!("{at}: {}[{}]: {}", d.level, d.rule, d.message),
    };
    let _ = writeln!(
        out,
        "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\" line=\"{}\">\n      <failure message=\"{}\" \
         type=\"{}\">{}</failure>\n    </testcase>",
        escape(&at),
        escape(d.rule),
        escape(&d.file),
        l.start.line,
        escape(&d.message),
        d.level,
        escape(&body)
    );
}

/// The XML document with a final newline.
pub fn render(diags: &[Diagnostic], sources: &Sources) -> String {
    let mut per_rule: BTreeMap<&str, Vec<Located<'_>>> = BTreeMap::new();
    for l in super::locate(diags, sources) {
        per_rule.entry(l.diag.rule).or_default().push(l);
    }
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let n = diags.len();
    let _ = writeln!(out, "<testsuites name=\"upfront\" tests=\"{}\" failures=\"{n}\" errors=\"0\">", n.max(1));
    if per_rule.is_empty() {
        out.push_str("  <testsuite name=\"upfront\" tests=\"1\" failures=\"0\" errors=\"0\">\n");
        out.push_str("    <testcase name=\"no problems\" classname=\"upfront\"/>\n  </testsuite>\n");
    }
    for (rule, located) in &per_rule {
        let k = located.len();
        let _ = writeln!(out, "  <testsuite name=\"{}\" tests=\"{k}\" failures=\"{k}\" errors=\"0\">", escape(rule));
        for l in located {
            testcase(&mut out, l);
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn markup_and_forbidden_characters_are_escaped() {
        assert_eq!(super::escape("a<b & \"c\"\n\u{1}"), "a&lt;b &amp; &quot;c&quot;&#10;\u{fffd}");
    }
}
