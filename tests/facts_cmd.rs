//! `upfront facts` through the binary on the basic fixture: values in every locale, labels,
//! tiers, measured data, and the pages, locales and channels that use each fact.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod common;

use common::Site;
use serde_json::{Value, json};

fn facts_json(site: &Site) -> Value {
    let out = site.cmd(&["facts", "--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn fact<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["facts"].as_array().unwrap().iter().find(|f| f["id"] == id).unwrap_or_else(|| panic!("no fact {id}"))
}

#[test]
fn json_lists_every_fact_with_values_and_users() {
    let site = Site::copy_of("basic");
    let v = facts_json(&site);
    assert_eq!(v["version"], 1);
    let ids: Vec<&str> = v["facts"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["er.checkin", "er.doctor", "er.lab", "er.stay", "er.triage", "lounge.vip", "phone.main"]);

    let triage = fact(&v, "er.triage");
    assert_eq!(triage["kind"], "wait");
    assert_eq!(triage["value"], json!({"en": "10–30 minutes", "zh": "10–30 分钟", "hu": "10–30 perc"}));
    assert_eq!((&triage["min_seconds"], &triage["max_seconds"]), (&json!(600), &json!(1800)));
    assert_eq!(triage["tier"], "public");
    assert_eq!(triage["label"], Value::Null);
    assert_eq!(triage["measured"], Value::Null);
    let users = triage["used_by"].as_array().unwrap();
    // The English guide names it in its body and steps; it has no `sms:` text, so the SMS
    // channel does not carry it.
    let visit_en = json!({
        "page": "emergency/visit",
        "file": "content/emergency/visit.md",
        "locale": "en",
        "tier": "public",
        "channels": ["help", "print", "waiting-room"],
    });
    assert!(users.contains(&visit_en), "{users:#?}");
    let locales: Vec<&str> = users.iter().map(|u| u["locale"].as_str().unwrap()).collect();
    assert_eq!(locales, ["en", "hu", "zh"], "sorted by page, then locale");

    // A step's `wait:` counts, and `{{ er.checkin.max }}` is a use of `er.checkin`.
    let checkin = fact(&v, "er.checkin");
    assert_eq!(checkin["label"]["zh"], "从到达到登记的通常时间");
    assert_eq!(checkin["used_by"].as_array().unwrap().len(), 3);

    let phone = fact(&v, "phone.main");
    assert_eq!(phone["kind"], "text");
    assert_eq!(phone["value"]["hu"], "+1 555 0100");
    assert_eq!(phone["min_seconds"], Value::Null);
    assert_eq!(fact(&v, "lounge.vip")["tier"], "vip");
    assert_eq!(fact(&v, "lounge.vip")["used_by"][0]["page"], "lounge");
}

#[test]
fn sms_text_adds_the_sms_channel() {
    let site = Site::copy_of("basic");
    site.write(
        "content/emergency/sms-only.md",
        "---\ntitle: Text us\nchannels: [sms]\nsms: \"Triage takes {{ er.triage.max }} at most.\"\n---\nHello.\n",
    );
    let v = facts_json(&site);
    let users = fact(&v, "er.triage")["used_by"].as_array().unwrap().clone();
    let sms_only = users.iter().find(|u| u["page"] == "emergency/sms-only").unwrap();
    assert_eq!(sms_only["channels"], json!(["sms"]));
}

#[test]
fn measured_waits_by_nearest_rank() {
    let site = Site::copy_of("basic");
    let facts = site
        .read("facts.yaml")
        .replace("er.triage:\n  wait: 10m..30m\n", "er.triage:\n  wait: 10m..30m\n  measured: data/waits.csv\n");
    site.write("facts.yaml", facts);
    let rows: Vec<String> = [12, 3, 7, 30, 18, 25, 9, 14, 21, 41]
        .iter()
        .map(|m| format!("er.triage,2026-11-0{}T10:00:00Z,{m}", 1 + m % 9))
        .collect();
    let csv = format!("fact,started,minutes\n{}\n", rows.join("\n"));
    site.write("data/waits.csv", csv);
    let v = facts_json(&site);
    // Sorted: 3 7 9 12 14 18 21 25 30 41; p50 = 5th, p90 = 9th.
    assert_eq!(
        fact(&v, "er.triage")["measured"],
        json!({"file": "data/waits.csv", "n": 10, "p50": 14.0, "p90": 30.0, "max": 41.0})
    );

    let out = site.cmd(&["facts"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("measured  10 waits in data/waits.csv: p50 14 min, p90 30 min, max 41 min"), "{text}");
}

#[test]
fn human_lists_values_labels_and_users() {
    let site = Site::copy_of("basic");
    let out = site.cmd(&["facts"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let block = text.split("\n\n").find(|b| b.starts_with("er.triage ")).unwrap();
    assert!(block.starts_with("er.triage  (wait, tier public)\n"), "{block}");
    for line in
        ["en  10–30 minutes", "zh  10–30 分钟", "hu  10–30 perc", "emergency/visit  en  help, print, waiting-room"]
    {
        assert!(block.contains(line), "missing {line:?} in\n{block}");
    }
    assert!(text.contains("usual time from arrival to check-in"));
    assert!(text.ends_with("7 facts, 7 used by a page\n"), "{text}");
}

#[test]
fn refuses_a_site_with_errors() {
    let site = Site::copy_of("basic");
    site.write("content/broken.md", "---\ntitle: Broken\nownr: x\n---\n");
    let out = site.cmd(&["facts", "--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("content/broken.md:3:1: error[front-matter]"), "{err}");
}
