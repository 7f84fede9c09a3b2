//! The text rules on real pages other organisations wrote (`tests/accuracy/<lang>/`, one
//! Upfront site per language): precision and recall per rule and language against hand
//! labels (`labels.yaml` beside each site), printed with every miss and false alarm. The test
//! fails when a number falls below `tests/accuracy/thresholds.yaml` (a regression guard; no
//! time is measured), when a label no longer points at its text, or when the corpus itself
//! has findings of other rules (a broken corpus would score nothing).
//!
//! `cargo test --test accuracy -- --nocapture` prints the table; `ACCURACY_LANG=zh` scores one
//! language. See docs/accuracy.md.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde::Deserialize;

/// The rules found: the ones that read prose.
const RULES: [&str; 7] =
    ["hardcoded-wait", "fact-contradiction", "vague-wait", "absolute-promise", "tier-leak", "jargon", "readability"];
const LANGS: [&str; 3] = ["en", "zh", "hu"];
/// The day the corpus is checked on (review dates and notices are relative to it).
const TODAY: &str = "2026-12-07";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Label {
    rule: String,
    file: String,
    line: Option<usize>,
    text: Option<String>,
    #[serde(default)]
    #[expect(dead_code, reason = "for the reader of labels.yaml")]
    why: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Labels {
    #[serde(default)]
    expect: Vec<Label>,
    #[serde(default)]
    traps: Vec<Label>,
}

#[derive(Debug, Clone, Deserialize)]
struct Finding {
    rule: String,
    file: String,
    line: usize,
    text: String,
    message: String,
}

#[derive(Debug, Deserialize)]
struct Report {
    findings: Vec<Finding>,
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/accuracy")
}

impl Label {
    fn matches(&self, f: &Finding) -> bool {
        self.rule == f.rule
            && self.file == f.file
            && self.line.is_none_or(|l| l == f.line)
            && self.text.as_ref().is_none_or(|t| f.text.contains(t.as_str()) || t.contains(f.text.as_str()))
    }

    fn at(&self) -> String {
        let line = self.line.map_or(String::new(), |l| format!(":{l}"));
        let text = self.text.as_ref().map_or(String::new(), |t| format!(" «{t}»"));
        format!("{}{line} [{}]{text}", self.file, self.rule)
    }
}

fn show(f: &Finding) -> String {
    format!("{}:{} [{}] «{}» {}", f.file, f.line, f.rule, f.text, f.message)
}

/// Counts of one rule in one language.
#[derive(Debug, Default, Clone, Copy)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
    traps: usize,
}

#[expect(clippy::cast_precision_loss, reason = "counts of a few hundred")]
fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

impl Score {
    fn precision(self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fn_)
    }
}

/// What one language's corpus gives: scores per rule, and the lines to print.
struct Outcome {
    scores: BTreeMap<&'static str, Score>,
    log: String,
    problems: Vec<String>,
}

/// Problems with the labels themselves: a line past the file's end, text not on its line.
fn label_errors(site: &Path, labels: &[&Label]) -> Vec<String> {
    let mut out = Vec::new();
    let mut files: BTreeMap<&str, Option<Vec<String>>> = BTreeMap::new();
    for l in labels {
        if !RULES.contains(&l.rule.as_str()) {
            out.push(format!("label {}: `{}` is not a found rule ({})", l.at(), l.rule, RULES.join(", ")));
            continue;
        }
        let lines = files.entry(&l.file).or_insert_with(|| {
            std::fs::read_to_string(site.join(&l.file)).ok().map(|t| t.lines().map(str::to_string).collect())
        });
        let Some(lines) = lines else {
            out.push(format!("label {}: no such file", l.at()));
            continue;
        };
        match (l.line, &l.text) {
            (Some(n), _) if n == 0 || n > lines.len() => {
                out.push(format!("label {}: the file has {} lines", l.at(), lines.len()));
            }
            (Some(n), Some(t)) if !lines[n - 1].contains(t.as_str()) => {
                out.push(format!("label {}: line {n} does not contain the text: {}", l.at(), lines[n - 1]));
            }
            (None, Some(t)) if !lines.iter().any(|line| line.contains(t.as_str())) => {
                out.push(format!("label {}: the file does not contain the text", l.at()));
            }
            _ => {}
        }
    }
    out
}

fn score(lang: &str) -> Option<Outcome> {
    let site = corpus().join(lang);
    let labels_text = std::fs::read_to_string(site.join("labels.yaml")).ok()?;
    let labels: Labels = match upfront::yaml_from_str("labels.yaml", &labels_text) {
        Ok(l) => l,
        Err(e) => panic!("tests/accuracy/{lang}/labels.yaml: {e}"),
    };
    let out = Command::cargo_bin("upfront")
        .unwrap()
        .current_dir(&site)
        .args(["check", "--format", "json", "--today", TODAY, "--root"])
        .arg(&site)
        .output()
        .unwrap();
    let report: Report = match serde_json::from_slice(&out.stdout) {
        Ok(r) => r,
        Err(e) => {
            panic!("check on tests/accuracy/{lang} gave no JSON report ({e}): {}", String::from_utf8_lossy(&out.stderr))
        }
    };
    let mut problems = label_errors(&site, &labels.expect.iter().chain(&labels.traps).collect::<Vec<_>>());
    let (found, unscored): (Vec<Finding>, Vec<Finding>) =
        report.findings.into_iter().partition(|f| RULES.contains(&f.rule.as_str()));
    problems.extend(unscored.iter().map(|f| format!("the corpus has a finding of an unscored rule: {}", show(f))));

    // Labels with a line and a text are the most specific: they choose their findings first.
    let mut order: Vec<&Label> = labels.expect.iter().collect();
    order.sort_by_key(|l| (l.line.is_none(), l.text.is_none()));
    let mut taken = vec![false; found.len()];
    let mut scores: BTreeMap<&'static str, Score> = RULES.iter().map(|r| (*r, Score::default())).collect();
    let mut misses = Vec::new();
    for l in order {
        let rule = RULES.iter().find(|r| **r == l.rule).copied().unwrap_or("readability");
        let score = scores.entry(rule).or_default();
        if let Some(i) = (0..found.len()).find(|&i| !taken[i] && l.matches(&found[i])) {
            taken[i] = true;
            score.tp += 1;
        } else {
            score.fn_ += 1;
            misses.push(l.at());
        }
    }
    let mut alarms = Vec::new();
    for (f, _) in found.iter().zip(&taken).filter(|(_, t)| !**t) {
        let s = scores.entry(RULES.iter().find(|r| **r == f.rule).copied().unwrap_or("readability")).or_default();
        s.fp += 1;
        let trap = labels.traps.iter().any(|t| t.matches(f));
        s.traps += usize::from(trap);
        alarms.push(format!("{}{}", if trap { "TRAP " } else { "" }, show(f)));
    }

    let mut log = String::new();
    let per_rule = |list: &[Label], r: &str| list.iter().filter(|l| l.rule == r).count();
    let _ = writeln!(log, "\n== {lang}: {} expected, {} traps ==", labels.expect.len(), labels.traps.len());
    let _ = writeln!(
        log,
        "{:<20} {:>6} {:>6} {:>4} {:>4} {:>4} {:>6} {:>6}",
        "rule", "expect", "traps", "tp", "fp", "fn", "prec", "recall"
    );
    let fmt = |x: Option<f64>| x.map_or_else(|| "  -".to_string(), |v| format!("{v:.3}"));
    for (r, s) in &scores {
        let _ = writeln!(
            log,
            "{r:<20} {:>6} {:>6} {:>4} {:>4} {:>4} {:>6} {:>6}",
            per_rule(&labels.expect, r),
            per_rule(&labels.traps, r),
            s.tp,
            s.fp,
            s.fn_,
            fmt(s.precision()),
            fmt(s.recall())
        );
    }
    for m in &misses {
        let _ = writeln!(log, "  miss   {m}");
    }
    for a in &alarms {
        let _ = writeln!(log, "  alarm  {a}");
    }
    Some(Outcome { scores, log, problems })
}

/// `thresholds.yaml`: `rule: { lang: [precision, recall] }`, the floor each number may not fall below.
type Thresholds = BTreeMap<String, BTreeMap<String, [f64; 2]>>;

#[test]
fn text_rules_are_right_on_real_pages() {
    let only = std::env::var("ACCURACY_LANG").ok();
    // No floors would make every number pass: the file must be there.
    let floors = std::fs::read_to_string(corpus().join("thresholds.yaml")).expect("tests/accuracy/thresholds.yaml");
    let thresholds: Thresholds = upfront::yaml_from_str("thresholds.yaml", &floors)
        .expect("tests/accuracy/thresholds.yaml: rule: { lang: [p, r] }");
    let mut failures = Vec::new();
    for lang in LANGS.iter().filter(|l| only.as_deref().is_none_or(|o| o == **l)) {
        let Some(outcome) = score(lang) else {
            failures.push(format!("{lang}: no corpus (tests/accuracy/{lang}/labels.yaml is missing)"));
            continue;
        };
        println!("{}", outcome.log);
        failures.extend(outcome.problems.iter().map(|p| format!("{lang}: {p}")));
        for (rule, s) in &outcome.scores {
            let Some([p_min, r_min]) = thresholds.get(*rule).and_then(|t| t.get(*lang)).copied() else { continue };
            let eps = 1e-9;
            if s.precision().is_some_and(|p| p + eps < p_min) {
                failures.push(format!("{lang} {rule}: precision {:.3} < {p_min}", s.precision().unwrap_or(0.0)));
            }
            if s.recall().is_some_and(|r| r + eps < r_min) {
                failures.push(format!("{lang} {rule}: recall {:.3} < {r_min}", s.recall().unwrap_or(0.0)));
            }
        }
    }
    assert!(failures.is_empty(), "accuracy fell or the corpus is broken:\n{}", failures.join("\n"));
}

#[test]
fn a_label_matches_by_rule_file_line_and_text() {
    let l = Label {
        rule: "hardcoded-wait".into(),
        file: "content/a.md".into(),
        line: Some(3),
        text: Some("45分钟".into()),
        why: None,
    };
    let f = |line, text: &str| Finding {
        rule: "hardcoded-wait".into(),
        file: "content/a.md".into(),
        line,
        text: text.into(),
        message: String::new(),
    };
    assert!(l.matches(&f(3, "45分钟")));
    assert!(l.matches(&f(3, "45分钟内")), "a finding may cover a little more than the label");
    assert!(!l.matches(&f(4, "45分钟")));
    assert!(!l.matches(&f(3, "24小时")));
    let s = Score { tp: 9, fp: 1, fn_: 1, traps: 0 };
    assert_eq!((s.precision(), s.recall()), (Some(0.9), Some(0.9)));
}
