//! English readability agrees with textstat: every passage of `benches/readability/passages/`
//! becomes one guide of a temp site whose grade limit is 0, so each finding carries the page's
//! Flesch–Kincaid grade; it must be within one grade of textstat's (recorded in
//! `benches/readability/textstat.tsv` by `compare.py --record`) on at least 90% of them.
//! Not timed.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use assert_cmd::Command;

fn bench_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/benches/readability"))
}

/// textstat's grade per passage name.
fn textstat_grades() -> BTreeMap<String, f64> {
    let tsv = std::fs::read_to_string(bench_dir().join("textstat.tsv")).unwrap();
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("passage\t"))
        .map(|l| {
            let (name, grade) = l.split_once('\t').unwrap();
            (name.to_string(), grade.parse().unwrap())
        })
        .collect()
}

/// Upfront's grade per passage name, from `check --format json` on a temp site.
fn upfront_grades(names: &[&String]) -> BTreeMap<String, f64> {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("upfront.yaml"),
        "title: Readability bench\nbase_url: https://bench.example\ndefault_locale: en\n\
         locales: { en: { name: English } }\ntimezone: UTC\ntiers: { public: {} }\n\
         checks: { readability: { en: { max_grade: 0 } } }\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("content/p")).unwrap();
    for name in names {
        let text = std::fs::read_to_string(bench_dir().join("passages").join(format!("{name}.txt"))).unwrap();
        // Drop the `# source:` line; each line of a passage is a paragraph.
        let body: Vec<&str> = text.lines().skip(1).collect();
        let page = format!("---\ntitle: {name}\nreviewed: 2026-11-15\n---\n{}\n", body.join("\n\n"));
        std::fs::write(root.join("content/p").join(format!("{name}.md")), page).unwrap();
    }
    let out = Command::cargo_bin("upfront")
        .unwrap()
        .arg("--root")
        .arg(root)
        .args(["check", "--format", "json", "--today", "2026-12-07"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut grades = BTreeMap::new();
    for f in report["findings"].as_array().unwrap() {
        if f["rule"] != "readability" {
            continue;
        }
        let message = f["message"].as_str().unwrap();
        let grade = message.split("grade ").nth(1).unwrap().split_whitespace().next().unwrap();
        let stem = Path::new(f["file"].as_str().unwrap()).file_stem().unwrap().to_string_lossy().into_owned();
        grades.insert(stem, grade.parse().unwrap());
    }
    grades
}

#[test]
fn english_grades_agree_with_textstat() {
    let expected = textstat_grades();
    assert!(expected.len() >= 30, "too few passages: {}", expected.len());
    let names: Vec<&String> = expected.keys().collect();
    let ours = upfront_grades(&names);
    let mut within = 0;
    let mut report = String::new();
    for (name, ts) in &expected {
        let up = ours.get(name).copied();
        let ok = up.is_some_and(|g| (g - ts).abs() <= 1.0);
        within += usize::from(ok);
        writeln!(report, "{name:40} textstat {ts:5.2} upfront {up:?}{}", if ok { "" } else { "  <- off" }).unwrap();
    }
    println!("{report}within one grade: {within}/{}", expected.len());
    assert!(within * 10 >= expected.len() * 9, "within one grade on {within}/{} only:\n{report}", expected.len());
}

/// textstat does not count a sentence of two words or fewer, so it grades a page of them as one
/// long sentence (11.6 for this one); Upfront counts each, and the plainest page passes.
#[test]
fn short_sentences_are_not_one_long_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("upfront.yaml"),
        "title: t\nbase_url: https://b.example\ndefault_locale: en\nlocales: { en: { name: English } }\n\
         timezone: UTC\ntiers: { public: {} }\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(
        root.join("content/short.md"),
        "---\ntitle: Short\nreviewed: 2026-11-15\n---\nStay calm. Tell us. We listen. Bring water. Sit down. \
         Rest here. Wait inside. Keep warm. Ask anyone. We help. Call us. Stay near. Drink slowly. \
         Eat lightly. Rest often. Sleep well.\n",
    )
    .unwrap();
    let out = Command::cargo_bin("upfront")
        .unwrap()
        .arg("--root")
        .arg(root)
        .args(["check", "--format", "json", "--today", "2026-12-07"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let readability: Vec<_> =
        report["findings"].as_array().unwrap().iter().filter(|f| f["rule"] == "readability").collect();
    assert!(readability.is_empty(), "{readability:?}");
}
