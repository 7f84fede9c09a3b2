//! The baseline (`check --write-baseline FILE`, `check --baseline FILE`): the findings a site
//! had when it adopted Upfront, by fingerprint and count, so that CI reports only new ones.
//! A JSON file, sorted, byte-stable for the same findings. Reads and writes no other file.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context as _;
use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, Sources};

/// The version of the baseline's shape.
pub const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    /// Sorted by file, rule, message, fingerprint.
    pub findings: Vec<Entry>,
}

/// One fingerprint and how many findings have it. `rule`, `file` and `message` are for the
/// people reviewing the file; only `fingerprint` and `count` are matched.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub fingerprint: String,
    #[serde(default = "one")]
    pub count: usize,
    #[serde(default)]
    pub rule: String,
    #[serde(default)]
    pub file: String,
    #[serde(default)]
    pub message: String,
}

fn one() -> usize {
    1
}

/// The baseline of these findings.
pub fn of(diags: &[Diagnostic], sources: &Sources) -> Baseline {
    let mut entries: BTreeMap<(String, &str, &str, String), usize> = BTreeMap::new();
    for l in super::locate(diags, sources) {
        let key = (l.diag.file.clone(), l.diag.rule, l.diag.message.as_str(), super::fingerprint::of(&l, sources));
        *entries.entry(key).or_default() += 1;
    }
    let findings = entries
        .into_iter()
        .map(|((file, rule, message, fingerprint), count)| Entry {
            fingerprint,
            count,
            rule: rule.to_string(),
            file,
            message: message.to_string(),
        })
        .collect();
    Baseline { version: VERSION, findings }
}

/// The baseline as pretty-printed JSON with a final newline.
pub fn render(diags: &[Diagnostic], sources: &Sources) -> serde_json::Result<String> {
    let mut out = serde_json::to_string_pretty(&of(diags, sources))?;
    out.push('\n');
    Ok(out)
}

/// Read a baseline file; a missing or malformed one is a tool error naming the line and column.
pub fn read(path: &Path) -> anyhow::Result<Baseline> {
    let text = std::fs::read_to_string(path).with_context(|| {
        format!("cannot read the baseline {} (write one with `upfront check --write-baseline FILE`)", path.display())
    })?;
    let baseline: Baseline = serde_json::from_str(&text).map_err(|e| {
        anyhow::anyhow!(
            "{}:{}:{}: not an Upfront baseline: {e} (write a new one with `upfront check --write-baseline FILE`)",
            path.display(),
            e.line(),
            e.column()
        )
    })?;
    anyhow::ensure!(
        baseline.version == VERSION,
        "{}: baseline version {} is not {VERSION}, the version this upfront reads (write a new one with \
         `upfront check --write-baseline FILE`)",
        path.display(),
        baseline.version
    );
    Ok(baseline)
}

/// The findings not in the baseline, in their order, and how many were in it. Counted: a
/// fingerprint recorded once hides one finding, so a second identical finding is new.
pub fn filter(baseline: &Baseline, diags: Vec<Diagnostic>, sources: &Sources) -> (Vec<Diagnostic>, usize) {
    let mut left: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &baseline.findings {
        *left.entry(e.fingerprint.as_str()).or_default() += e.count;
    }
    let fingerprints: Vec<String> =
        super::locate(&diags, sources).iter().map(|l| super::fingerprint::of(l, sources)).collect();
    let mut baselined = 0;
    let kept = diags
        .into_iter()
        .zip(fingerprints)
        .filter(|(_, fp)| match left.get_mut(fp.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                baselined += 1;
                false
            }
            _ => true,
        })
        .map(|(d, _)| d)
        .collect();
    (kept, baselined)
}
