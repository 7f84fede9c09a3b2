//! `upfront audit`: per fact and ISO week, measured waits against the promise (issue 16).

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod common;

use common::Site;
use serde_json::Value;

/// The basic fixture with measured waits for `er.triage` (promised 10–30 minutes):
/// week 2026-W45 (Mon 2 Nov): 5 15 25 35; week W46: 20 20.
fn site() -> Site {
    let site = Site::copy_of("basic");
    let facts = site
        .read("facts.yaml")
        .replace("er.triage:\n  wait: 10m..30m\n", "er.triage:\n  wait: 10m..30m\n  measured: data/waits.csv\n");
    site.write("facts.yaml", facts);
    site.write(
        "data/waits.csv",
        "fact,started,minutes\n\
         er.triage,2026-11-02T08:00:00Z,5\n\
         er.triage,2026-11-03T08:00:00Z,15\n\
         er.triage,2026-11-06T08:00:00Z,25\n\
         er.triage,2026-11-08T12:00:00Z,35\n\
         er.triage,2026-11-09T08:00:00Z,20\n\
         er.triage,2026-11-10T08:00:00Z,20\n",
    );
    site.write("survey.csv", "date,score,text\n2026-11-04,4,\n2026-11-05,3,too long\nnot a date,5,\n");
    site
}

#[test]
fn json_numbers_by_hand() {
    let site = site();
    let out = site.cmd(&["audit", "--format", "json", "--survey", "survey.csv"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    // A bad survey row is a located warning.
    assert!(stderr.contains("survey.csv:4:1") && stderr.contains("`not a date` is not a date"), "{stderr}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], 1);
    let facts = v["facts"].as_array().unwrap();
    assert_eq!(facts.len(), 1, "only facts with measured data");
    let f = &facts[0];
    assert_eq!(f["id"], "er.triage");
    assert_eq!((f["promise_min"].as_u64(), f["promise_max"].as_u64(), f["n"].as_u64()), (Some(10), Some(30), Some(6)));
    // All six sorted: 5 15 20 20 25 35; median 3rd = 20, p90 6th = 35.
    assert_eq!((f["median"].as_f64(), f["high"].as_f64()), (Some(20.0), Some(35.0)));
    let w = &f["weeks"][0];
    assert_eq!(w["week"], "2026-W45");
    assert_eq!(
        (w["median"].as_f64(), w["high"].as_f64(), w["within"].as_f64(), w["over"].as_f64()),
        (Some(15.0), Some(35.0), Some(0.5), Some(0.25))
    );
    assert_eq!(w["survey"]["mean_score"].as_f64(), Some(3.5));
    assert_eq!(w["survey"]["texts"].as_u64(), Some(1));
    assert_eq!(f["weeks"][1]["within"].as_f64(), Some(1.0));
    assert!(f["recommendation"].as_str().unwrap().starts_with("Raise the maximum to 35 minutes to cover 90% of waits"));
    // Where it is quoted, as `upfront facts` knows it.
    assert!(f["quoted_in"].as_array().unwrap().iter().any(|u| u["page"] == "emergency/visit" && u["locale"] == "en"));
}

#[test]
fn from_to_cut_the_period() {
    let site = site();
    let out = site.cmd(&["audit", "--format", "json", "--from", "2026-11-09", "--to", "2026-11-30"]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = &v["facts"][0];
    assert_eq!(f["n"].as_u64(), Some(2));
    assert_eq!(
        f["recommendation"],
        "The promise holds: 100% of waits are within the promised range, 0% end before it."
    );
    assert_eq!(v["from"], "2026-11-09");
    let out = site.cmd(&["audit", "--from", "2026-12-01", "--to", "2026-11-01"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("swap them"));
}

#[test]
fn html_report_is_self_contained() {
    let site = site();
    let out = site.cmd(&["audit", "--survey", "survey.csv"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let html = site.read("audit/index.html");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    for needle in [
        "<h2 id=\"fact-0\">er.triage</h2>",
        "Raise the maximum to 35 minutes",
        "role=\"img\"",
        "<title id=\"chart-0-t\">",
        "promised max 30 min",
        "<caption id=\"table-0\">er.triage week by week",
        "<th scope=\"row\">2026-W45",
        "Mean score",
        "emergency/visit (en): help, print, waiting-room",
        "@media print",
    ] {
        assert!(html.contains(needle), "missing {needle:?}");
    }
    // Nothing is loaded from anywhere: no src=, no href to a file, no script.
    for bad in ["src=", "<link", "<script", "http://", "https://"] {
        assert!(!html.replace("http://www.w3.org/2000/svg", "").contains(bad), "found {bad}");
    }
    // Deterministic: the same bytes again.
    site.cmd(&["audit", "--survey", "survey.csv"]).assert().success();
    assert_eq!(site.read("audit/index.html"), html);
    // --out names another folder.
    site.cmd(&["--out", "report", "audit"]).assert().success();
    assert!(site.path("report/index.html").is_file());
}

#[test]
fn bundled_sample_audits() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = assert_cmd::Command::cargo_bin("upfront")
        .unwrap()
        .args(["--root"])
        .arg(root)
        .args(["audit", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = &v["facts"][0];
    assert_eq!(f["id"], "er.triage");
    assert_eq!(f["n"].as_u64(), Some(300));
    assert!(f["weeks"].as_array().unwrap().len() >= 4);
}
