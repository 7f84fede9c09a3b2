//! A finding's fingerprint: what the baseline, SARIF's `partialFingerprints`, the JSON report
//! and GitLab's Code Quality report match findings by. A hash of the rule, the file (as
//! reported), the message, the covered text and the text of the lines it sits on — never a
//! line number, so edits elsewhere in the file do not change it.

use std::fmt::Write as _;

use sha2::{Digest as _, Sha256};

use super::Located;
use crate::diag::Sources;

/// The key SARIF results carry the fingerprint under (`partialFingerprints`).
pub const SARIF_KEY: &str = "upfront/v1";

/// Hex digits kept of the SHA-256 (64 bits: collisions stay negligible for any site).
const HEX_DIGITS: usize = 16;

/// The fingerprint of one located finding: 16 lowercase hex digits. Two identical findings
/// (same rule, file, message, text and lines) share it; the baseline counts them.
pub fn of(l: &Located<'_>, sources: &Sources) -> String {
    let d = l.diag;
    let mut hasher = Sha256::new();
    for part in [d.rule, d.file.as_str(), d.message.as_str(), l.text] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    // A little context: the lines the finding starts and ends on, without their indentation.
    if let Some(file) = sources.get(&d.file).filter(|_| d.span.is_some()) {
        hasher.update(file.line_text(l.start.line).trim().as_bytes());
        hasher.update([0]);
        if l.end.line != l.start.line {
            hasher.update(file.line_text(l.end.line).trim().as_bytes());
        }
    }
    hasher.finalize().iter().take(HEX_DIGITS / 2).fold(String::with_capacity(HEX_DIGITS), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The fingerprint of every finding, each made unique by its occurrence (`…-2` for the second
/// identical finding), as GitLab's Code Quality report needs.
pub fn unique(located: &[Located<'_>], sources: &Sources) -> Vec<String> {
    let mut seen = std::collections::BTreeMap::<String, usize>::new();
    located
        .iter()
        .map(|l| {
            let fp = of(l, sources);
            let n = seen.entry(fp.clone()).or_default();
            *n += 1;
            if *n == 1 { fp } else { format!("{fp}-{n}") }
        })
        .collect()
}
