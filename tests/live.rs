//! `upfront live --once --now T`: quotes from measured waits into `status.json` (issue 16).

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod common;

use common::Site;
use serde_json::{Value, json};

/// The basic fixture with `er.triage` live from `data/waits.csv` (`rows` after the header) and
/// an output folder holding a status.json with other keys.
fn site_with(header: &str, rows: &[String]) -> Site {
    let site = Site::copy_of("basic");
    let facts = site.read("facts.yaml").replace(
        "er.triage:\n  wait: 10m..30m\n",
        "er.triage:\n  wait: 10m..30m\n  measured: data/waits.csv\n  live: true\n",
    );
    site.write("facts.yaml", facts);
    site.write("data/waits.csv", format!("{header}\n{}\n", rows.join("\n")));
    site.write("public/status.json", "{\"version\": 1, \"notices\": [], \"facts\": [{\"id\": \"er.triage\"}]}\n");
    site
}

/// Waits of `minutes` started 0, 10, 20, … minutes before 10:00 UTC on 2026-11-23.
fn rows_of(minutes: &[u32]) -> Vec<String> {
    minutes
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let t = 600 - i * 10;
            format!("er.triage,2026-11-23T{:02}:{:02}:00Z,{m}", t / 60, t % 60)
        })
        .collect()
}

fn ten_rows() -> Vec<String> {
    rows_of(&[12, 14, 16, 18, 21, 23, 27, 29, 33, 41])
}

fn live(site: &Site, now: &str) -> (Option<i32>, Value, String) {
    let out = site.cmd(&["live", "--once", "--now", now]).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let status = std::fs::read_to_string(site.path("public/status.json")).unwrap_or_default();
    (out.status.code(), serde_json::from_str(&status).unwrap_or(Value::Null), stderr)
}

#[test]
fn window_quote_is_written_and_the_rest_kept() {
    let site = site_with("fact,started,minutes", &ten_rows());
    let (code, v, stderr) = live(&site, "2026-11-23T11:00:00+01:00");
    assert_eq!(code, Some(0), "{stderr}");
    // Sorted 12 14 16 18 21 23 27 29 33 41: p50 = 21 → 25, p90 = 33 → 35 (over the 30 promised).
    assert_eq!(
        v["live"]["er.triage"],
        json!({"low": 25, "high": 35, "unit": "minutes", "n": 10, "basis": "window",
               "updated": "2026-11-23T10:00:00Z", "stale_after": "2026-11-23T10:15:00Z", "over_promise": true})
    );
    assert_eq!(v["facts"], json!([{"id": "er.triage"}]), "other keys are kept");
    assert_eq!(v["version"], 1);
    // Only live facts are quoted.
    assert_eq!(v["live"].as_object().map(serde_json::Map::len), Some(1));
    // No temp file is left behind.
    let names: Vec<String> = std::fs::read_dir(site.path("public"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["status.json"]);
}

#[test]
fn settings_change_the_quote() {
    let site = site_with("fact,started,minutes", &ten_rows());
    let config = site.read("upfront.yaml");
    site.write(
        "upfront.yaml",
        format!("{config}live:\n  low_percentile: 25\n  high_percentile: 75\n  stale_after: 5m\n"),
    );
    let (code, v, stderr) = live(&site, "2026-11-23T10:00:00Z");
    assert_eq!(code, Some(0), "{stderr}");
    // p25 = 3rd = 16 → 20; p75 = 8th = 29 → 30: within the promise.
    let q = &v["live"]["er.triage"];
    assert_eq!((q["low"].as_u64(), q["high"].as_u64(), q["over_promise"].as_bool()), (Some(20), Some(30), Some(false)));
    assert_eq!(q["stale_after"], "2026-11-23T10:05:00Z");
}

#[test]
fn few_waits_use_the_same_hour_then_the_promise() {
    // Two in the window (fewer than 8); three on earlier Mondays 10:00–11:00 UTC (no timezone).
    let rows: Vec<String> = [
        "er.triage,2026-11-23T10:05:00Z,90",
        "er.triage,2026-11-23T10:10:00Z,90",
        "er.triage,2026-11-16T10:05:00Z,10",
        "er.triage,2026-11-09T10:59:00Z,20",
        "er.triage,2026-09-28T10:30:00Z,30",
        "er.triage,2026-09-21T10:30:00Z,900",
    ]
    .map(String::from)
    .to_vec();
    let site = site_with("fact,started,minutes", &rows);
    let (code, v, stderr) = live(&site, "2026-11-23T10:20:00Z");
    assert_eq!(code, Some(0), "{stderr}");
    let q = &v["live"]["er.triage"];
    assert_eq!((q["low"].as_u64(), q["high"].as_u64(), q["n"].as_u64()), (Some(20), Some(30), Some(3)));
    assert_eq!(q["basis"], "same-hour");
    // A month later nothing matches: the promise, 10–30.
    let (_, v, _) = live(&site, "2026-12-24T03:00:00Z");
    let q = &v["live"]["er.triage"];
    assert_eq!((q["low"].as_u64(), q["high"].as_u64(), q["n"].as_u64()), (Some(10), Some(30), Some(0)));
    assert_eq!(q["basis"], "promise");
    assert_eq!(q["over_promise"], false);
}

#[test]
fn ended_column_and_bad_rows_are_located_warnings() {
    let mut rows: Vec<String> =
        (0..8).map(|i| format!("er.triage,2026-11-23T09:{:02}:00Z,,2026-11-23T10:{:02}:00Z", i * 5, i * 5)).collect();
    rows.insert(2, "er.triage,yesterday,,2026-11-23T10:00:00Z".into());
    rows.insert(4, "er.triag,2026-11-23T09:00:00Z,12,".into());
    rows.push("er.triage,2026-11-23T09:30:00Z,,2026-11-23T09:00:00Z".into());
    let site = site_with("fact,started,minutes,ended", &rows);
    let (code, v, stderr) = live(&site, "2026-11-23T10:00:00Z");
    assert_eq!(code, Some(0), "warnings do not stop it: {stderr}");
    // Eight waits of 60 minutes each: 60–65.
    let q = &v["live"]["er.triage"];
    assert_eq!((q["low"].as_u64(), q["high"].as_u64(), q["n"].as_u64()), (Some(60), Some(65), Some(8)));
    for needle in [
        "warning",
        "data/waits.csv:4:1",
        "`started` is not a date and time with an offset",
        "data/waits.csv:6:1",
        "did you mean `er.triage`?",
        "data/waits.csv:12:1",
        "`ended` is before `started`",
    ] {
        assert!(stderr.contains(needle), "missing {needle:?} in\n{stderr}");
    }
}

#[test]
fn seconds_column() {
    // 8 waits of 1260 s = 21 min → 25–30 (equal ends: 5 more).
    let rows: Vec<String> = (0..8).map(|i| format!("er.triage,2026-11-23T09:{:02}:00Z,1260", i * 5)).collect();
    let site = site_with("fact,started,seconds", &rows);
    let (code, v, stderr) = live(&site, "2026-11-23T10:00:00Z");
    assert_eq!(code, Some(0), "{stderr}");
    let q = &v["live"]["er.triage"];
    assert_eq!((q["low"].as_u64(), q["high"].as_u64(), q["n"].as_u64()), (Some(25), Some(30), Some(8)));
}

#[test]
fn bad_settings_are_located_errors_and_nothing_is_written() {
    let site = site_with("fact,started,minutes", &ten_rows());
    let config = site.read("upfront.yaml");
    site.write("upfront.yaml", format!("{config}live:\n  low_percentile: 95\n  window: soon\n"));
    let before = site.read("public/status.json");
    let (code, _, stderr) = live(&site, "2026-11-23T10:00:00Z");
    assert_eq!(code, Some(1), "{stderr}");
    let line = config.lines().count() + 2;
    assert!(stderr.contains(&format!("upfront.yaml:{line}:")), "{stderr}");
    assert!(stderr.contains("`live.low_percentile` (95) is above `live.high_percentile` (90)"), "{stderr}");
    assert!(stderr.contains("`live.window`: `soon` is not a duration above zero"), "{stderr}");
    assert_eq!(site.read("public/status.json"), before);
}

#[test]
fn live_without_measured_data_is_an_error_in_facts_yaml() {
    let site = site_with("fact,started,minutes", &ten_rows());
    let facts =
        site.read("facts.yaml").replace("er.doctor:\n  wait: 30m..2h\n", "er.doctor:\n  wait: 30m..2h\n  live: true\n");
    site.write("facts.yaml", facts);
    let (code, v, stderr) = live(&site, "2026-11-23T10:00:00Z");
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("fact `er.doctor`: `live: true` needs measured data"), "{stderr}");
    assert!(v["live"]["er.triage"].is_object(), "the other facts are still quoted");
}

#[test]
fn missing_output_folder_and_bad_now() {
    let site = site_with("fact,started,minutes", &ten_rows());
    std::fs::remove_dir_all(site.path("public")).unwrap();
    let out = site.cmd(&["live", "--once"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("build the site first"));
    let out = site.cmd(&["live", "--once", "--now", "10:42"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("write RFC 3339"));
}

#[test]
fn after_a_build_status_json_keeps_its_notices_and_facts() {
    // Within the promise, so that `promise-exceeded` lets the build through.
    let site = site_with("fact,started,minutes", &rows_of(&[12, 14, 16, 18, 21, 23, 27, 29]));
    std::fs::remove_dir_all(site.path("public")).unwrap();
    let out = site.cmd(&["build", "--today", "2026-11-23"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let built: Value = serde_json::from_str(&site.read("public/status.json")).unwrap();
    let (code, v, stderr) = live(&site, "2026-11-23T10:00:00Z");
    assert_eq!(code, Some(0), "{stderr}");
    for key in ["version", "default_locale", "content_hash", "notices", "facts"] {
        assert_eq!(v[key], built[key], "{key}");
    }
    assert_eq!(v["live"]["er.triage"]["basis"], "window");
    // It follows the documented schema (docs/status.schema.json), `live` included.
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/status.schema.json"))
            .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::draft202012::options().build(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&v).map(|e| format!("{}: {e}", e.instance_path())).collect();
    assert!(errors.is_empty(), "status.json breaks its schema:\n{}", errors.join("\n"));
    let mut bad = v.clone();
    bad["live"]["er.triage"]["basis"] = "guess".into();
    assert!(!validator.is_valid(&bad), "the schema checks live quotes");
}

#[test]
fn screens_and_help_pages_reserve_the_live_line() {
    let site = site_with("fact,started,minutes", &rows_of(&[12, 14, 16, 18, 21, 23, 27, 29]));
    let config = site.read("upfront.yaml");
    site.write(
        "upfront.yaml",
        format!("{config}channels:\n  waiting-room:\n    screens:\n      lobby: {{ guides: [emergency/visit], locales: [en, zh, hu] }}\n      quiet: {{ guides: [emergency/visit], live: false }}\n"),
    );
    std::fs::remove_dir_all(site.path("public")).unwrap();
    site.cmd(&["build", "--today", "2026-11-23"]).assert().success();
    let guide = site.read("public/emergency/visit/index.html");
    // The live fact's step has the reserved line with its words; the others do not.
    assert!(guide.contains(r#"<p class="live-wait" data-live="er.triage" data-now="Right now: usually {low}–{high} minutes (updated {time})" data-over="Waits are longer than usual today.">"#), "{guide}");
    assert!(!guide.contains(r#"data-live="er.checkin""#));
    assert!(guide.contains("status.json"), "the page polls status.json");
    let zh = site.read("public/zh/emergency/visit/index.html");
    assert!(zh.contains("data-now=\"目前：通常需要 {low}–{high} 分钟（{time} 更新）\""), "zh strings");
    let hu = site.read("public/hu/emergency/visit/index.html");
    assert!(hu.contains("data-over=\"Ma a szokásosnál hosszabb a várakozás.\""), "hu strings");
    // The screens carry the live slot and the strings of every locale.
    let screens: Vec<_> = walk(&site.path("public/waiting-room"));
    let screen = screens
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .find(|s| s.contains("data-live=\"er.triage\""))
        .expect("a screen with the live fact");
    assert!(screen.contains(
        r#"<p class="live" data-live="er.triage"><span class="live-now"></span><span class="live-over"></span></p>"#
    ));
    assert!(screen.contains("\"live_now\":\"Jelenleg: általában {low}–{high} perc (frissítve: {time})\""));
    // A screen may switch live quotes off: the promise only.
    let quiet = site.read("public/waiting-room/quiet/index.html");
    assert!(quiet.contains("data-fact=\"er.triage\"") && !quiet.contains("data-live="), "{quiet}");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "html") {
            out.push(p);
        }
    }
    out
}

#[test]
fn the_loop_follows_appended_rows() {
    // Rows started a minute ago by the wall clock, since the loop quotes at the real now.
    let row = |minutes: u32| {
        let start = jiff::Timestamp::now() - jiff::SignedDuration::from_mins(1);
        format!("er.triage,{start},{minutes}\n").repeat(8)
    };
    let site = site_with("fact,started,minutes", &[]);
    site.write("data/waits.csv", format!("fact,started,minutes\n{}", row(12)));
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("upfront"))
        .arg("--root")
        .arg(site.root())
        .arg("live")
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let wait_for = |what: &str| {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            let v: Value = serde_json::from_str(&site.read("public/status.json")).unwrap_or(Value::Null);
            if v["live"]["er.triage"]["low"].as_u64().map(|l| l.to_string()).as_deref() == Some(what) {
                return v;
            }
            assert!(std::time::Instant::now() < deadline, "no quote with low {what}: {v}");
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    };
    let v = wait_for("15");
    assert_eq!(v["facts"], json!([{"id": "er.triage"}]));
    // A queue system appends rows: the quote follows within a moment, no restart.
    let mut text = site.read("data/waits.csv");
    text.push_str(&row(40).repeat(4));
    site.write("data/waits.csv", text);
    wait_for("40");
    child.kill().unwrap();
    child.wait().unwrap();
}
