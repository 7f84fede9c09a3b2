//! The only module that parses YAML, in one pass: `saphyr-parser`'s events become a spanned
//! tree, which gives every key and value its position, so all anchors, unknown keys and wrong
//! types are reported in one run; a tree that passed is then deserialized into typed structs
//! straight from the tree (`de.rs`'s serde `Deserializer`), never parsed again. On the way the
//! deserializer compares each hand-written [`Field`] schema with the keys its serde type
//! reads, so the two cannot drift apart (`schema_drift`, tested over every schema).

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

use crate::source::SourceFile;

/// A YAML value with its byte span in the file.
#[derive(Debug, Clone)]
pub struct Node {
    pub span: Range<usize>,
    pub kind: NodeKind,
}

#[derive(Debug, Clone)]
pub enum NodeKind {
    Scalar { value: String, plain: bool },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// The value of `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, v)| v)
    }

    /// The key node and value node of `key` in a mapping.
    pub fn entry(&self, key: &str) -> Option<(&Node, &Node)> {
        match &self.kind {
            NodeKind::Map(entries) => entries.iter().find(|(k, _)| k.as_str() == Some(key)).map(|(k, v)| (k, v)),
            _ => None,
        }
    }

    /// Every entry of a mapping by key (the first of duplicates), for looking up each key of a
    /// mapping of any size without a scan per key.
    pub fn entries_by_key(&self) -> BTreeMap<&str, (&Node, &Node)> {
        let mut out = BTreeMap::new();
        if let NodeKind::Map(entries) = &self.kind {
            for (k, v) in entries {
                if let Some(name) = k.as_str() {
                    out.entry(name).or_insert((k, v));
                }
            }
        }
        out
    }

    /// The span of `key` itself (for findings about a key), else of the whole node.
    pub fn key_span(&self, key: &str) -> Range<usize> {
        self.entry(key).map_or_else(|| self.span.clone(), |(k, _)| k.span.clone())
    }

    pub fn index(&self, i: usize) -> Option<&Node> {
        match &self.kind {
            NodeKind::Seq(items) => items.get(i),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }

    fn describe(&self) -> String {
        match &self.kind {
            NodeKind::Scalar { value, plain } => match scalar_type(value, *plain) {
                ScalarType::Null => "nothing".to_string(),
                ScalarType::Bool => format!("`{value}` (true/false)"),
                ScalarType::Int | ScalarType::Float => format!("the number `{value}`"),
                ScalarType::Str => format!("the text `{}`", shorten(value)),
            },
            NodeKind::Seq(_) => "a list".to_string(),
            NodeKind::Map(_) => "a mapping (key: value lines)".to_string(),
        }
    }
}

fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ScalarType {
    Null,
    Bool,
    Int,
    Float,
    Str,
}

/// How a plain scalar resolves (YAML 1.2 core schema).
fn scalar_type(value: &str, plain: bool) -> ScalarType {
    if !plain {
        return ScalarType::Str;
    }
    match value {
        "" | "~" | "null" | "Null" | "NULL" => return ScalarType::Null,
        "true" | "True" | "TRUE" | "false" | "False" | "FALSE" => return ScalarType::Bool,
        ".inf" | ".Inf" | ".INF" | "-.inf" | "+.inf" | ".nan" | ".NaN" | ".NAN" => {
            return ScalarType::Float;
        }
        _ => {}
    }
    let digits = value.strip_prefix(['-', '+']).unwrap_or(value);
    let radix =
        [("0x", 16), ("0o", 8), ("0b", 2)].iter().find_map(|(p, r)| digits.strip_prefix(p).map(|rest| (rest, *r)));
    if let Some((rest, r)) = radix {
        if !rest.is_empty() && rest.chars().all(|c| c.is_digit(r) || c == '_') {
            return ScalarType::Int;
        }
    }
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit() || c == '_') {
        return ScalarType::Int;
    }
    if digits.parse::<f64>().is_ok() && digits.chars().any(|c| c.is_ascii_digit()) {
        return ScalarType::Float;
    }
    ScalarType::Str
}

/// A problem found in YAML: a span in the file, what is wrong, how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub span: Range<usize>,
    pub message: String,
    pub hint: Option<String>,
}

impl Problem {
    fn new(span: Range<usize>, message: String, hint: impl Into<Option<String>>) -> Self {
        Self { span, message, hint: hint.into() }
    }
}

/// Parse the YAML in `range` of `file`. `Ok(None)` for an empty document.
pub fn parse(file: &SourceFile, range: Range<usize>) -> Result<Option<Node>, Vec<Problem>> {
    let text = &file.text[range.clone()];
    let first_line = file.line_col(range.start).line;
    let to_offset = |line: usize, col: usize| file.offset_of(first_line + line - 1, col);
    let span_of = |s: Span| to_offset(s.start.line(), s.start.col())..to_offset(s.end.line(), s.end.col());

    let mut problems = Vec::new();
    // Each open collection, its pending key (maps) and the keys it has (a duplicate check in
    // linear time: a file of 100,000 keys must not compare every pair).
    let mut stack: Vec<(Node, Option<Node>, HashSet<String>)> = Vec::new();
    let mut root: Option<Node> = None;
    let mut documents = 0;
    for event in Parser::new_from_str(text) {
        let (event, span) = match event {
            Ok(e) => e,
            Err(e) => {
                let m = e.marker();
                let at = to_offset(m.line(), m.col());
                problems.push(Problem::new(
                    at..at,
                    format!("invalid YAML: {}", e.info()),
                    "check the indentation and quoting on this line; text with `: ` or `#` needs quotes".to_string(),
                ));
                return Err(problems);
            }
        };
        let span = span_of(span);
        let node = match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    problems.push(Problem::new(
                        span.clone(),
                        "more than one YAML document (a second `---`)".into(),
                        "keep one document per file; remove the extra `---`".to_string(),
                    ));
                }
                continue;
            }
            Event::Alias(_) => {
                problems.push(Problem::new(
                    span.clone(),
                    "YAML aliases (`*name`) are not allowed".into(),
                    "write the value out in full; Upfront refuses anchors and aliases so a file cannot expand into a huge one".to_string(),
                ));
                Node { span, kind: NodeKind::Scalar { value: String::new(), plain: true } }
            }
            Event::Scalar(value, style, anchor, tag) => {
                reject_anchor_tag(anchor, tag.is_some(), &span, &mut problems);
                Node { span, kind: NodeKind::Scalar { value: value.into_owned(), plain: style == ScalarStyle::Plain } }
            }
            Event::SequenceStart(anchor, ref tag) | Event::MappingStart(anchor, ref tag) => {
                reject_anchor_tag(anchor, tag.is_some(), &span, &mut problems);
                let kind = if matches!(event, Event::SequenceStart(..)) {
                    NodeKind::Seq(Vec::new())
                } else {
                    NodeKind::Map(Vec::new())
                };
                stack.push((Node { span, kind }, None, HashSet::new()));
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some((mut node, ..)) = stack.pop() else {
                    continue;
                };
                node.span.end = node.span.end.max(span.end);
                node
            }
            _ => continue,
        };
        match stack.last_mut() {
            None => root = Some(node),
            Some((parent, pending_key, keys)) => match &mut parent.kind {
                NodeKind::Seq(items) => {
                    parent.span.end = parent.span.end.max(node.span.end);
                    items.push(node);
                }
                NodeKind::Map(entries) => match pending_key.take() {
                    None => *pending_key = Some(node),
                    Some(key) => {
                        parent.span.end = parent.span.end.max(node.span.end);
                        if let Some(name) = key.as_str() {
                            if !keys.insert(name.to_string()) {
                                problems.push(Problem::new(
                                    key.span.clone(),
                                    format!("duplicate key `{name}`"),
                                    "keep one of them".to_string(),
                                ));
                            }
                        }
                        entries.push((key, node));
                    }
                },
                NodeKind::Scalar { .. } => {}
            },
        }
    }
    if problems.is_empty() { Ok(root.filter(|n| !n.is_null())) } else { Err(problems) }
}

impl Node {
    pub fn is_null(&self) -> bool {
        matches!(&self.kind, NodeKind::Scalar { value, plain } if scalar_type(value, *plain) == ScalarType::Null)
    }
}

fn reject_anchor_tag(anchor: usize, tagged: bool, span: &Range<usize>, problems: &mut Vec<Problem>) {
    if anchor != 0 {
        problems.push(Problem::new(
            span.clone(),
            "YAML anchors (`&name`) are not allowed".into(),
            "write the value out in full; Upfront refuses anchors and aliases so a file cannot expand into a huge one"
                .to_string(),
        ));
    }
    if tagged {
        problems.push(Problem::new(
            span.clone(),
            "YAML tags (`!name`) are not supported".into(),
            "remove the tag; put text in quotes if it must stay text".to_string(),
        ));
    }
}

/// The expected shape of a YAML value.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// Text (a number or date written plainly also counts as text).
    Str,
    Bool,
    /// A whole number ≥ 0.
    Int,
    /// A number ≥ 0, whole or not (`0.5`).
    Number,
    List(&'static Kind),
    Struct(&'static [Field]),
    /// A mapping with free keys (locales, tier names, fact ids) and values of one kind.
    MapOf(&'static Kind),
    /// Text, or a mapping from locale to text.
    Localized,
}

#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
}

pub const fn field(name: &'static str, kind: Kind) -> Field {
    Field { name, kind, required: false }
}

pub const fn required(name: &'static str, kind: Kind) -> Field {
    Field { name, kind, required: true }
}

impl Kind {
    fn describe(&self) -> &'static str {
        match self {
            Kind::Str => "text",
            Kind::Bool => "`true` or `false`",
            Kind::Int => "a whole number",
            Kind::Number => "a number",
            Kind::List(_) => "a list",
            Kind::Struct(_) | Kind::MapOf(_) => "a mapping (key: value lines)",
            Kind::Localized => "text, or a mapping from locale to text",
        }
    }
}

/// Check `node` against `kind`, collecting every problem. `what` names the value for messages.
pub fn validate(node: &Node, kind: &Kind, what: &str, problems: &mut Vec<Problem>) {
    let wrong = |problems: &mut Vec<Problem>, hint: &str| {
        problems.push(Problem::new(
            node.span.clone(),
            format!("`{what}` must be {}, found {}", kind.describe(), node.describe()),
            hint.to_string(),
        ));
    };
    match (kind, &node.kind) {
        (_, NodeKind::Scalar { .. }) if node.is_null() => {}
        (Kind::Str | Kind::Localized, NodeKind::Scalar { value, plain })
            if scalar_type(value, *plain) == ScalarType::Str => {}
        (Kind::Str | Kind::Localized, NodeKind::Scalar { .. }) => {
            wrong(problems, "write it as text; put it in quotes if it must look like a number or true/false");
        }
        (Kind::Str, _) => wrong(problems, "write it on one line as `key: text`"),
        (Kind::Bool, NodeKind::Scalar { value, plain }) if scalar_type(value, *plain) == ScalarType::Bool => {}
        (Kind::Bool, _) => wrong(problems, "write `true` or `false`"),
        (Kind::Int, NodeKind::Scalar { value, plain })
            if scalar_type(value, *plain) == ScalarType::Int && !value.starts_with('-') => {}
        (Kind::Int, _) => wrong(problems, "write a whole number such as `2`"),
        (Kind::Number, NodeKind::Scalar { value, plain })
            if matches!(scalar_type(value, *plain), ScalarType::Int | ScalarType::Float) && !value.starts_with('-') => {
        }
        (Kind::Number, _) => wrong(problems, "write a number such as `2` or `0.5`"),
        (Kind::List(item), NodeKind::Seq(items)) => {
            for (i, it) in items.iter().enumerate() {
                validate(it, item, &format!("{what}[{}]", i + 1), problems);
            }
        }
        (Kind::List(Kind::Struct(_)), _) => wrong(problems, "write one item per line, each starting with `- `"),
        (Kind::List(_), _) => wrong(problems, "write a list such as `[a, b]`, or one item per line starting with `- `"),
        (Kind::Struct(fields), NodeKind::Map(entries)) => validate_struct(node, fields, entries, what, problems),
        (Kind::MapOf(value), NodeKind::Map(entries)) => {
            for (k, v) in entries {
                let key = k.as_str().unwrap_or("?");
                validate(v, value, &format!("{what}.{key}"), problems);
            }
        }
        (Kind::Localized, NodeKind::Map(entries)) => {
            for (k, v) in entries {
                let key = k.as_str().unwrap_or("?");
                validate(v, &Kind::Str, &format!("{what}.{key}"), problems);
            }
        }
        (Kind::Struct(_) | Kind::MapOf(_) | Kind::Localized, _) => {
            wrong(problems, "write `key: value` lines indented under it");
        }
    }
}

fn validate_struct(node: &Node, fields: &[Field], entries: &[(Node, Node)], what: &str, problems: &mut Vec<Problem>) {
    for (k, v) in entries {
        let Some(key) = k.as_str() else {
            problems.push(Problem::new(k.span.clone(), format!("a key in `{what}` must be text"), None));
            continue;
        };
        if let Some(f) = fields.iter().find(|f| f.name == key) {
            validate(v, &f.kind, key, problems);
            continue;
        }
        // A key of a nested mapping written one level too high (`sentence:` for
        // `not_wait: { sentence: … }`): say where it goes.
        let parent = fields.iter().find(|f| match f.kind {
            Kind::Struct(inner) => inner.iter().any(|i| i.name == key),
            _ => false,
        });
        let hint = match parent {
            Some(p) => format!("`{key}` goes under `{}:`, e.g. `{}: {{ {key}: … }}`", p.name, p.name),
            None => unknown_key_hint(key, fields.iter().map(|f| f.name)),
        };
        problems.push(Problem::new(k.span.clone(), format!("unknown key `{key}` in {what}"), hint));
    }
    for f in fields.iter().filter(|f| f.required) {
        if node.get(f.name).is_none_or(Node::is_null) {
            problems.push(Problem::new(
                node.span.start..node.span.start,
                format!("{what} has no `{}`", f.name),
                format!("add a line `{}: …`", f.name),
            ));
        }
    }
}

/// "did you mean `title`?" plus the valid keys.
pub fn unknown_key_hint<'a>(key: &str, valid: impl Iterator<Item = &'a str> + Clone) -> String {
    let list = valid.clone().collect::<Vec<_>>().join(", ");
    match nearest(key, valid) {
        Some(best) => format!("did you mean `{best}`? Valid keys: {list}"),
        None => format!("valid keys: {list}"),
    }
}

pub use crate::suggest::nearest;

mod de;
#[cfg(test)]
pub use de::drift_everywhere;
pub use de::from_node;

/// A whole YAML file read into `T` (no schema: `T`'s own serde rules, `deny_unknown_fields`
/// and all): for the built-in word files and for tools and tests that read YAML beside a site.
/// An empty file is `T::default()`. Errors are `file:line:column: message`, joined by `; `.
pub fn from_str<T: serde::de::DeserializeOwned + Default>(file: &SourceFile) -> Result<T, String> {
    let located = |span: &Range<usize>, message: &str| {
        let at = file.line_col(span.start);
        format!("{}:{}:{}: {message}", file.path, at.line, at.column)
    };
    match parse(file, 0..file.text.len()) {
        Ok(Some(node)) => from_node(&node, None).map_err(|p| located(&p.span, &p.message)),
        Ok(None) => Ok(T::default()),
        Err(p) => Err(p.iter().map(|p| located(&p.span, &p.message)).collect::<Vec<_>>().join("; ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static STEP: [Field; 2] = [required("title", Kind::Str), field("wait", Kind::Str)];
    static FM: [Field; 3] =
        [required("title", Kind::Str), field("steps", Kind::List(&Kind::Struct(&STEP))), field("draft", Kind::Bool)];

    fn problems(src: &str) -> Vec<String> {
        let f = SourceFile::new("x.yaml", src);
        match parse(&f, 0..src.len()) {
            Err(p) => p.into_iter().map(|p| format!("{}:{}", f.line_col(p.span.start).line, p.message)).collect(),
            Ok(None) => vec!["empty".into()],
            Ok(Some(n)) => {
                let mut out = Vec::new();
                validate(&n, &Kind::Struct(&FM), "front matter", &mut out);
                out.into_iter().map(|p| format!("{}:{}", f.line_col(p.span.start).line, p.message)).collect()
            }
        }
    }

    #[test]
    fn reports_every_problem_with_its_line() {
        let p = problems("titel: A\nsteps: yes\ndraft: maybe\n");
        assert_eq!(
            p,
            [
                "1:unknown key `titel` in front matter",
                "2:`steps` must be a list, found the text `yes`",
                "3:`draft` must be `true` or `false`, found the text `maybe`",
                "1:front matter has no `title`",
            ]
        );
    }

    #[test]
    fn nested_and_anchors() {
        let p = problems("title: a\nsteps:\n  - title: x\n    wiat: y\n");
        assert_eq!(p, ["4:unknown key `wiat` in steps[1]"]);
        let p = problems("title: &a x\nsteps: *a\n");
        assert!(p.iter().any(|m| m.starts_with("1:YAML anchors")), "{p:?}");
        assert!(p.iter().any(|m| m.starts_with("2:YAML aliases")), "{p:?}");
    }

    #[test]
    fn syntax_error_position() {
        let p = problems("title: a\nsteps: [\n");
        assert_eq!(p.len(), 1);
        assert!(p[0].contains("invalid YAML"), "{p:?}");
    }

    #[test]
    fn scalar_types() {
        assert_eq!(scalar_type("12", true), ScalarType::Int);
        assert_eq!(scalar_type("12", false), ScalarType::Str);
        assert_eq!(scalar_type("1.5", true), ScalarType::Float);
        assert_eq!(scalar_type("2026-10-01", true), ScalarType::Str);
        assert_eq!(scalar_type("yes", true), ScalarType::Str);
        assert_eq!(nearest("titel", ["title", "summary"].into_iter()), Some("title"));
    }
}
