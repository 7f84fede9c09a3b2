//! The `{{ fact.id }}` scanner: finds placeholders in content with exact byte spans.
//! Content is never run through Tera, so it cannot run template code.

use std::ops::Range;

/// One `{{ … }}` in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    /// The whole `{{ … }}`.
    pub span: Range<usize>,
    /// The name inside, e.g. `repair.arrival.max`.
    pub name: String,
    pub name_span: Range<usize>,
}

/// A malformed placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanProblem {
    pub span: Range<usize>,
    pub message: String,
    pub hint: String,
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '-')
}

/// Find every placeholder in `text`. `\{{` is a literal `{{`.
pub fn scan(text: &str) -> (Vec<Placeholder>, Vec<ScanProblem>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    // Cached positions of the next `}}` and the next line break, so a line full of `{{`
    // is scanned in linear time.
    let mut next_close: usize = 0; // `usize::MAX`: no `}}` ahead
    let mut next_newline: usize = 0;
    let mut pos = 0;
    while let Some(rel) = text[pos..].find("{{") {
        let start = pos + rel;
        if text[..start].ends_with('\\') {
            pos = start + 2;
            continue;
        }
        let inner_start = start + 2;
        if next_newline < inner_start {
            next_newline = text[inner_start..].find('\n').map_or(text.len(), |i| inner_start + i);
        }
        if next_close < inner_start {
            next_close = text[inner_start..].find("}}").map_or(usize::MAX, |i| inner_start + i);
        }
        let reopen = text[inner_start..].find("{{").map(|i| inner_start + i);
        let close = Some(next_close).filter(|&c| c < next_newline && reopen.is_none_or(|r| c < r));
        let Some(close) = close else {
            problems.push(ScanProblem {
                span: start..start + 2,
                message: "`{{` is never closed on this line".into(),
                hint: "close it with `}}`, e.g. `{{ fact.id }}`; write `\\{{` for a literal `{{`".into(),
            });
            pos = start + 2;
            continue;
        };
        let raw = &text[inner_start..close];
        let trimmed = raw.trim();
        let lead = raw.len() - raw.trim_start().len();
        let name_span = inner_start + lead..inner_start + lead + trimmed.len();
        if trimmed.is_empty() || !trimmed.chars().all(is_name_char) {
            problems.push(ScanProblem {
                span: start..close + 2,
                message: format!("`{{{{{raw}}}}}` is not a fact name"),
                hint: "name a fact from facts.yaml, e.g. `{{ fact.id }}` or `{{ fact.id.max }}`; content cannot run template code".into(),
            });
        } else {
            found.push(Placeholder { span: start..close + 2, name: trimmed.to_string(), name_span });
        }
        pos = close + 2;
    }
    (found, problems)
}

/// Private-use characters that stand in for placeholders while Markdown is parsed.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// A body whose placeholders were replaced by sentinels the Markdown parser leaves alone
/// (so emphasis or links can never split a `{{ fact }}`), with each one's value and text.
pub struct Protected {
    pub text: String,
    /// Per sentinel: (rendered value, the placeholder as written).
    values: Vec<(String, String)>,
    /// Bytes of values `fill` may still write (see [`Protected::limit`]).
    left: std::cell::Cell<usize>,
}

/// Replace every placeholder of `body` by a sentinel; `fact` renders a name (unknown names
/// keep their text).
pub fn protect(body: &str, fact: &dyn Fn(&str) -> Option<String>) -> Protected {
    let (found, _) = scan(body);
    let mut text = String::with_capacity(body.len());
    let mut values = Vec::with_capacity(found.len());
    let mut last = 0;
    for (i, p) in found.iter().enumerate() {
        text.push_str(&body[last..p.span.start]);
        text.push(OPEN);
        text.push_str(&i.to_string());
        text.push(CLOSE);
        let original = body[p.span.clone()].to_string();
        values.push((fact(&p.name).unwrap_or_else(|| original.clone()), original));
        last = p.span.end;
    }
    text.push_str(&body[last..]);
    Protected { text, values, left: std::cell::Cell::new(usize::MAX) }
}

impl Protected {
    /// Let `fill` write at most about `bytes` of values in all: the value that crosses the
    /// limit is still written whole, the ones after it are left out. A page whose facts would
    /// expand past the page budget still fails at the budget (its output is longer than
    /// `bytes`), without building the whole expansion in memory first.
    pub fn limit(&mut self, bytes: usize) {
        self.left.set(bytes);
    }

    /// Put values (or, with `literal`, the placeholders as written) back into `s`.
    pub fn fill(&self, s: &str, literal: bool) -> String {
        if !s.contains(OPEN) {
            return s.to_string();
        }
        let mut out = String::with_capacity(s.len());
        let mut rest = s;
        while let Some(a) = rest.find(OPEN) {
            out.push_str(&rest[..a]);
            let after = &rest[a + OPEN.len_utf8()..];
            let Some(b) = after.find(CLOSE) else { break };
            if let Some((value, original)) = after[..b].parse::<usize>().ok().and_then(|i| self.values.get(i)) {
                let text = if literal { original } else { value };
                let left = self.left.get();
                if left > 0 {
                    out.push_str(text);
                    self.left.set(left.saturating_sub(text.len().max(1)));
                }
            }
            rest = &after[b + CLOSE.len_utf8()..];
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_stops_after_the_value_that_crosses_the_limit() {
        let mut p = protect("{{ a }} {{ a }} {{ a }}", &|_| Some("x".repeat(10)));
        p.limit(15);
        let filled = p.fill(&p.text, false);
        assert_eq!(filled, format!("{} {} ", "x".repeat(10), "x".repeat(10)), "longer than the limit, then nothing");
    }

    #[test]
    fn finds_spans_and_problems() {
        let t = "Wait {{ er.triage }} or {{er.doctor.max}}. \\{{ literal }} {{ oops";
        let (found, problems) = scan(t);
        assert_eq!(found.len(), 2);
        assert_eq!(&t[found[0].span.clone()], "{{ er.triage }}");
        assert_eq!(&t[found[0].name_span.clone()], "er.triage");
        assert_eq!(found[1].name, "er.doctor.max");
        assert_eq!(problems.len(), 1);
        assert_eq!(&t[problems[0].span.clone()], "{{");
        let (_, p) = scan("{{ x | safe }}");
        let (found, p2) = scan("{{ a {{ b }}\n{{ c\n}}");
        assert_eq!(found.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["b"]);
        assert_eq!(p2.len(), 2);
        // A long line of `{{` stays linear (a quadratic scan would not finish).
        let (_, many) = scan(&"{{".repeat(1_000_000));
        assert_eq!(many.len(), 1_000_000);
        assert!(p[0].message.contains("not a fact name"));
    }
}
