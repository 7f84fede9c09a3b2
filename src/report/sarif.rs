//! `--format sarif`: SARIF 2.1.0 from typed serde structs (one run; the rules from
//! `check::RULES`; positions in Unicode code points, as the JSON report counts them).
//! Only the parts of the object model Upfront fills are modelled.

use std::fmt::Write as _;

use serde::Serialize;

use super::Located;
use crate::check::RULES;
use crate::diag::{Diagnostic, Level, Sources};

pub const SCHEMA: &str = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
pub const SARIF_VERSION: &str = "2.1.0";
/// Files are relative to the site root; consumers (GitHub code scanning) resolve this base.
pub const SRCROOT: &str = "%SRCROOT%";

#[derive(Debug, Serialize)]
pub struct Log<'a> {
    #[serde(rename = "$schema")]
    pub schema: &'static str,
    pub version: &'static str,
    pub runs: Vec<Run<'a>>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Run<'a> {
    pub tool: Tool,
    pub results: Vec<SarifResult<'a>>,
    pub column_kind: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Tool {
    pub driver: Driver,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Driver {
    pub name: &'static str,
    pub version: &'static str,
    pub semantic_version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub information_uri: Option<&'static str>,
    pub rules: Vec<ReportingDescriptor>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportingDescriptor {
    pub id: &'static str,
    pub short_description: Text,
    pub full_description: Text,
    pub help: Markdown,
    /// The rule's section of `docs/rules.md` in the repository (`Cargo.toml`'s `repository`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help_uri: Option<String>,
    pub default_configuration: Configuration,
}

#[derive(Debug, Serialize)]
pub struct Configuration {
    pub level: Level,
}

/// A `message` or plain `multiformatMessageString`.
#[derive(Debug, Serialize)]
pub struct Text {
    pub text: String,
}

/// A `multiformatMessageString` with Markdown.
#[derive(Debug, Serialize)]
pub struct Markdown {
    pub text: String,
    pub markdown: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SarifResult<'a> {
    pub rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule_index: Option<usize>,
    pub level: Level,
    pub message: Text,
    pub locations: Vec<Location<'a>>,
    /// `upfront/v1`: the finding's fingerprint (`report::fingerprint`), which code-scanning
    /// dashboards match results across runs by.
    pub partial_fingerprints: std::collections::BTreeMap<&'static str, String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Location<'a> {
    pub physical_location: PhysicalLocation<'a>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PhysicalLocation<'a> {
    pub artifact_location: ArtifactLocation,
    pub region: Region<'a>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ArtifactLocation {
    pub uri: String,
    pub uri_base_id: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Region<'a> {
    pub start_line: usize,
    pub start_column: usize,
    pub end_line: usize,
    /// Exclusive, like the JSON report's `end_column`.
    pub end_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippet: Option<Snippet<'a>>,
}

#[derive(Debug, Serialize)]
pub struct Snippet<'a> {
    pub text: &'a str,
}

fn rules() -> Vec<ReportingDescriptor> {
    RULES
        .iter()
        .map(|r| ReportingDescriptor {
            id: r.id,
            short_description: Text { text: r.summary.to_string() },
            full_description: Text { text: first_paragraph(r.doc) },
            help: Markdown { text: r.doc.to_string(), markdown: r.doc.to_string() },
            help_uri: help_uri(r.id),
            default_configuration: Configuration { level: r.level },
        })
        .collect()
}

/// `<repository>/blob/main/docs/rules.md#<id>` (each rule is a `## <id>` heading there);
/// none when `Cargo.toml` names no repository.
fn help_uri(id: &str) -> Option<String> {
    let repository = env!("CARGO_PKG_REPOSITORY").trim_end_matches('/');
    (!repository.is_empty()).then(|| format!("{repository}/blob/main/docs/rules.md#{id}"))
}

/// The doc's first paragraph on one line (what it finds; the rest is in `help`).
fn first_paragraph(doc: &str) -> String {
    doc.split("\n\n").next().unwrap_or(doc).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A relative path as a URI reference: each segment percent-encoded where RFC 3986 needs it.
pub fn uri_of(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn result<'a>(l: Located<'a>, sources: &Sources) -> SarifResult<'a> {
    let d = l.diag;
    let fingerprint = super::fingerprint::of(&l, sources);
    let text = match &d.hint {
        Some(h) => format!("{}\nhint: {h}", d.message),
        None => d.message.clone(),
    };
    SarifResult {
        rule_id: d.rule,
        rule_index: RULES.iter().position(|r| r.id == d.rule),
        level: d.level,
        message: Text { text },
        locations: vec![Location {
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation { uri: uri_of(&d.file), uri_base_id: SRCROOT },
                region: Region {
                    start_line: l.start.line,
                    start_column: l.start.column,
                    end_line: l.end.line,
                    end_column: l.end.column,
                    snippet: (!l.text.is_empty()).then_some(Snippet { text: l.text }),
                },
            },
        }],
        partial_fingerprints: [(super::fingerprint::SARIF_KEY, fingerprint)].into(),
    }
}

pub fn log<'a>(diags: &'a [Diagnostic], sources: &'a Sources) -> Log<'a> {
    let homepage = env!("CARGO_PKG_HOMEPAGE");
    let repository = env!("CARGO_PKG_REPOSITORY");
    let information_uri = [homepage, repository].into_iter().find(|u| !u.is_empty());
    Log {
        schema: SCHEMA,
        version: SARIF_VERSION,
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "upfront",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri,
                    rules: rules(),
                },
            },
            results: super::locate(diags, sources).into_iter().map(|l| result(l, sources)).collect(),
            column_kind: "unicodeCodePoints",
        }],
    }
}

/// The log as pretty-printed JSON with a final newline.
pub fn render(diags: &[Diagnostic], sources: &Sources) -> serde_json::Result<String> {
    let mut out = serde_json::to_string_pretty(&log(diags, sources))?;
    out.push('\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(super::uri_of("content/emergency/visit.zh.md"), "content/emergency/visit.zh.md");
        assert_eq!(super::uri_of("content/a b/分诊.md"), "content/a%20b/%E5%88%86%E8%AF%8A.md");
        assert_eq!(super::uri_of("content/100%.md"), "content/100%25.md");
    }
}
