//! The channels through the binary: waiting-room screens, `status.json`, notices on help pages,
//! print handouts, their settings in `upfront.yaml`, and SMS segment counts at the edges.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod common;

use common::Site;
use predicates::prelude::*;

fn build(site: &Site) {
    site.cmd(&["build", "--today", "2026-11-23"]).assert().success();
}

fn json(site: &Site, rel: &str) -> serde_json::Value {
    serde_json::from_str(&site.read(rel)).unwrap()
}

/// The screen's built-in data (the JSON in `<script id="screen-data">`).
fn screen_data(html: &str) -> serde_json::Value {
    let start = html.find("<script id=\"screen-data\" type=\"application/json\">").unwrap();
    let rest = &html[start..];
    let body = &rest[rest.find('>').unwrap() + 1..rest.find("</script>").unwrap()];
    serde_json::from_str(body).unwrap()
}

#[test]
fn screen_is_one_self_contained_file_with_slides_per_guide_and_locale() {
    let site = Site::copy_of("channels");
    build(&site);
    let html = site.read("public/waiting-room/lobby/index.html");
    // Self-contained: no stylesheet, script or image from anywhere else.
    for needle in ["<link", " src=", "http://", "@import", "url("] {
        assert!(!html.contains(needle), "screen refers to something outside itself: {needle}");
    }
    assert!(html.contains("<style>") && html.contains("<script>"));
    assert_eq!(html.matches("<h1").count(), 1);
    let data = screen_data(&html);
    assert_eq!(data["poll_seconds"], 30);
    assert_eq!(data["status_url"], "../../status.json");
    let slides = data["slides"].as_array().unwrap();
    let summary: Vec<(String, String, String)> = slides
        .iter()
        .map(|s| {
            (
                s["guide"].as_str().unwrap().into(),
                s["locale"].as_str().unwrap().into(),
                s["lang"].as_str().unwrap().into(),
            )
        })
        .collect();
    // visit (3 steps → 2 slides) in en and zh; waiting has no zh translation: the default
    // locale's text, with its lang.
    let want = [
        ("emergency/visit", "en", "en"),
        ("emergency/visit", "en", "en"),
        ("emergency/visit", "zh", "zh"),
        ("emergency/visit", "zh", "zh"),
        ("emergency/waiting", "en", "en"),
        ("emergency/waiting", "zh", "en"),
    ];
    let want: Vec<(String, String, String)> =
        want.iter().map(|(a, b, c)| ((*a).into(), (*b).into(), (*c).into())).collect();
    assert_eq!(summary, want);
    assert!(html.contains("<section class=\"slide\" lang=\"zh\" data-locale=\"zh\""));
    assert!(html.contains("<section class=\"slide\" lang=\"en\" data-locale=\"zh\""));
    // Slide time grows with words and is never below seconds_per_slide.
    assert!(slides.iter().all(|s| s["seconds"].as_u64().unwrap() >= 15));
    // Waits labelled by what they measure; the emergency line; hu is not on this screen.
    assert!(
        html.contains("<span class=\"wait\" data-fact=\"er.checkin\"><span class=\"nobr\">5–15 minutes</span></span>")
    );
    assert!(html.contains("usual time from arrival to check-in"));
    assert!(html.contains("If you feel worse, tell staff now."));
    assert!(!html.contains("személyzetnek"));
    // The VIP notice and VIP facts never reach a screen.
    assert!(!html.contains("Lounge repainted") && !html.contains("lounge.vip"));
}

#[test]
fn status_json_has_public_notices_and_facts_sorted() {
    let site = Site::copy_of("channels");
    build(&site);
    let status = json(&site, "public/status.json");
    assert_eq!(status["version"], 1);
    assert!(status["content_hash"].as_str().unwrap().starts_with("sha256:"));
    let ids: Vec<&str> = status["notices"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["busy", "closed"], "the VIP-only notice is left out");
    let busy = &status["notices"][0];
    assert_eq!(busy["severity"], "urgent");
    assert_eq!(busy["from"], "2026-11-23T17:00:00Z");
    assert_eq!(busy["until"], "2026-11-24T05:00:00Z");
    assert_eq!(busy["applies_to"], serde_json::json!(["emergency/visit"]));
    assert_eq!(busy["text"]["en"]["body"], "Triage may take longer than 10–30 minutes.");
    assert_eq!(status["notices"][1]["text"]["zh"]["title"], "北门关闭");
    let facts: Vec<&str> = status["facts"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap()).collect();
    let mut sorted = facts.clone();
    sorted.sort_unstable();
    assert_eq!(facts, sorted);
    assert!(!facts.contains(&"lounge.vip"));
    let triage = status["facts"].as_array().unwrap().iter().find(|f| f["id"] == "er.triage").unwrap();
    assert_eq!(triage["value"]["hu"], "10–30 perc");
    // It follows the documented schema (docs/status.schema.json).
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/status.schema.json"))
            .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::draft202012::options().build(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&status).map(|e| format!("{}: {e}", e.instance_path())).collect();
    assert!(errors.is_empty(), "status.json breaks its schema:\n{}", errors.join("\n"));
    let mut bad = status.clone();
    bad["notices"][0]["severity"] = "critical".into();
    assert!(!validator.is_valid(&bad), "the schema has teeth");
    // The same bytes whatever day the build runs.
    let first = site.read("public/status.json");
    site.cmd(&["build", "--today", "2027-01-05"]).assert().success();
    assert_eq!(site.read("public/status.json"), first);
}

#[test]
fn help_pages_carry_their_notices_with_windows() {
    let site = Site::copy_of("channels");
    build(&site);
    let visit = site.read("public/emergency/visit/index.html");
    let urgent = visit.find("notice notice-urgent").unwrap();
    let warning = visit.find("notice notice-warning").unwrap();
    assert!(urgent < warning, "urgent notices come first");
    assert!(urgent < visit.find("<main").unwrap(), "notices sit at the top of the page");
    assert!(visit.contains("data-from=\"2026-11-23T17:00:00Z\" data-until=\"2026-11-24T05:00:00Z\""));
    // Without JavaScript the dates are there to read, in the site's time zone (UTC here).
    assert!(visit.contains("Shown from 23 November 2026, 17:00 to 24 November 2026, 05:00"));
    let home = site.read("public/index.html");
    assert!(home.contains("North door closed") && !home.contains("Very busy tonight"));
    let zh = site.read("public/zh/emergency/visit/index.html");
    assert!(zh.contains("北门关闭"));
    // An untranslated notice falls back to the default locale, marked with its language.
    assert!(zh.contains("lang=\"en\" data-from=\"2026-11-23T17:00:00Z\""));
    // The guide links to its handout.
    assert!(visit.contains("<a href=\"../../print/emergency/visit/index.html\">Printable version</a>"));
}

#[test]
fn handouts_per_guide_and_locale_with_table_qr_and_paper() {
    let site = Site::copy_of("channels");
    build(&site);
    let h = site.read("public/print/emergency/visit/index.html");
    assert!(h.contains("@page { size: letter;"));
    assert_eq!(h.matches("<h1").count(), 1);
    assert!(h.contains("<table class=\"steps\">"));
    assert!(
        h.contains("<strong><span class=\"nobr\">5–15 minutes</span></strong><span class=\"label\">usual time from arrival to check-in</span>")
    );
    assert!(h.contains("Total expected time</th><td><strong>45 minutes to 2 hours 45 minutes</strong>"));
    assert!(h.contains("<svg role=\"img\" aria-label=\"QR: https://help.fixture.example/emergency/visit/\""));
    // A text fact without a `label:` shows its value alone, never its id.
    assert!(h.contains("<dd><strong>+1 555 0100</strong></dd>"), "contacts without a label");
    assert!(!h.contains("phone.main"), "a fact id is for authors, not readers");
    assert!(h.contains("If you feel worse, tell staff now."));
    assert!(h.contains("<time datetime=\"2026-10-01\">"));
    // Links point at the online help center.
    assert!(h.contains("href=\"https://help.fixture.example/emergency/waiting/#why-people-wait\""));
    assert!(site.path("public/zh/print/emergency/visit/index.html").is_file());
    assert!(site.path("public/vip/print/lounge/index.html").is_file());
    // "Print all": one page per section; the root page links to them.
    let all = site.read("public/print/emergency/index.html");
    assert_eq!(all.matches("<article class=\"sheet\"").count(), 2);
    assert!(!all.contains("VIP lounge"));
    let root = site.read("public/print/index.html");
    assert!(root.contains("<a href=\"../print/emergency/index.html\">"), "{root}");
    assert_eq!(root.matches("<article class=\"sheet\"").count(), 0);
    assert!(!root.contains("VIP lounge"));
    // A4 by default.
    site.write("upfront.yaml", site.read("upfront.yaml").replace("paper: letter", "paper: a4"));
    build(&site);
    assert!(site.read("public/print/emergency/visit/index.html").contains("@page { size: A4;"));
    // `--tiers public` leaves narrower handouts out.
    site.cmd(&["build", "--today", "2026-11-23", "--tiers", "public"]).assert().success();
    assert!(!site.path("public/vip").exists());
}

#[test]
fn channels_turn_off() {
    let site = Site::copy_of("channels");
    let yaml = site.read("upfront.yaml").replace("    poll_seconds: 30", "    enabled: false\n    poll_seconds: 30");
    site.write("upfront.yaml", yaml.replace("print: { paper: letter }", "print: { enabled: false }"));
    build(&site);
    assert!(!site.path("public/waiting-room").exists());
    assert!(!site.path("public/print").exists());
    assert!(!site.read("public/emergency/visit/index.html").contains("Printable version"));
    assert!(site.path("public/status.json").is_file(), "help pages still have notices");
}

#[test]
fn bad_screen_settings_are_errors_at_their_line() {
    let site = Site::copy_of("channels");
    site.write("content/emergency/quiet.md", "---\ntitle: Quiet\nchannels: [help]\n---\nText.\n");
    let yaml = site
        .read("upfront.yaml")
        .replace(
            "guides: [emergency/visit, emergency/waiting]",
            "guides: [emergency/visit, emergency/waitng, emergency/quiet]",
        )
        .replace("locales: [en, zh]", "locales: [en, fr]");
    site.write("upfront.yaml", yaml);
    site.cmd(&["check", "--today", "2026-11-23", "--format", "json"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("screen `lobby` shows `emergency/waitng`, which is not a guide"))
        .stdout(predicate::str::contains("did you mean `emergency/waiting`?"))
        .stdout(predicate::str::contains("which is not in the `waiting-room` channel"))
        .stdout(predicate::str::contains("`fr` is not a locale of this site"));
    let out = site.cmd(&["check", "--today", "2026-11-23", "--format", "json"]).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let wait = report["findings"].as_array().unwrap().iter().find(|f| f["text"] == "emergency/waitng").unwrap();
    assert_eq!(
        (wait["rule"].as_str(), wait["file"].as_str(), wait["line"].as_u64()),
        (Some("front-matter"), Some("upfront.yaml"), Some(19))
    );
    assert_eq!(wait["column"], 35);
}

#[test]
fn unknown_screen_keys_and_paper_sizes_are_errors() {
    let site = Site::copy_of("channels");
    let yaml = site
        .read("upfront.yaml")
        .replace("seconds_per_slide: 15", "seconds_per_slide: 15\n        colour: blue")
        .replace("paper: letter", "paper: a3");
    site.write("upfront.yaml", yaml);
    site.cmd(&["check", "--today", "2026-11-23"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("upfront.yaml:22:9").and(predicate::str::contains("colour")));
    let site = Site::copy_of("channels");
    site.write("upfront.yaml", site.read("upfront.yaml").replace("paper: letter", "paper: a3"));
    site.cmd(&["check", "--today", "2026-11-23"]).assert().code(1).stdout(predicate::str::contains("a3"));
}

#[test]
fn sms_segments_at_the_edges_by_hand() {
    let site = Site::copy_of("channels");
    // 158 × a + € (2 septets) = 160 septets: one message; one more `a` makes two.
    site.write("content/t/euro.md", format!("---\ntitle: E\nsms: \"{}€\"\n---\n", "a".repeat(158)));
    site.write("content/t/euro2.md", format!("---\ntitle: E\nsms: \"{}€\"\n---\n", "a".repeat(159)));
    // `ű` forces UCS-2: 1 + 70 = 71 units, two messages of up to 67.
    site.write("content/t/hu.md", format!("---\ntitle: H\nsms: \"ű{}\"\n---\n", "a".repeat(70)));
    // 68 units + an emoji (a surrogate pair) = 70 units: still one message.
    site.write("content/t/emoji.md", format!("---\ntitle: M\nsms: \"{}🙂\"\n---\n", "a".repeat(68)));
    build(&site);
    let messages = json(&site, "public/sms/messages.json");
    let get = |g: &str| {
        let m = messages["messages"].as_array().unwrap().iter().find(|m| m["guide"] == g).unwrap().clone();
        (m["encoding"].as_str().unwrap().to_string(), m["units"].as_u64().unwrap(), m["segments"].as_u64().unwrap())
    };
    assert_eq!(get("t/euro"), ("GSM-7".into(), 160, 1));
    assert_eq!(get("t/euro2"), ("GSM-7".into(), 161, 2));
    assert_eq!(get("t/hu"), ("UCS-2".into(), 71, 2));
    assert_eq!(get("t/emoji"), ("UCS-2".into(), 70, 1));
}

#[test]
fn channel_output_is_the_same_bytes_on_any_day() {
    let site = Site::copy_of("channels");
    build(&site);
    let first = common::snapshot(&site.path("public"));
    assert!(first.iter().any(|(p, _)| p.contains("waiting-room")) && first.iter().any(|(p, _)| p.contains("print")));
    site.cmd(&["build", "--today", "2027-03-01"]).assert().success();
    assert!(first == common::snapshot(&site.path("public")), "the output depends on --today or on the clock");
}

#[test]
fn notice_times_without_an_offset_are_read_in_the_sites_time_zone() {
    let site = Site::copy_of("channels");
    let yaml =
        site.read("upfront.yaml").replace("default_locale: en\n", "default_locale: en\ntimezone: Europe/Budapest\n");
    site.write("upfront.yaml", yaml);
    // Winter: local 18:00 in Budapest is 17:00 UTC; a date alone starts at local midnight.
    site.write(
        "notices/busy.md",
        "---\ntitle: Very busy tonight\nfrom: 2026-11-23T18:00\nuntil: 2026-11-25\nseverity: urgent\n---\nLonger waits.\n",
    );
    site.cmd(&["build", "--today", "2026-11-23"]).assert().success();
    let status = site.read("public/status.json");
    assert!(status.contains("\"from\": \"2026-11-23T17:00:00Z\""), "{status}");
    assert!(status.contains("\"until\": \"2026-11-24T23:00:00Z\""), "{status}");
    // A summer date with a winter offset is a warning at the value, and the time is kept as written.
    site.write(
        "notices/busy.md",
        "---\ntitle: Summer works\nfrom: 2026-11-23T18:00:00+01:00\nuntil: 2027-07-01T10:00:00+01:00\n---\nLonger waits.\n",
    );
    site.cmd(&["check", "--today", "2026-11-23"]).assert().success().stdout(predicate::str::contains(
        "notices/busy.md:4:8: warning[front-matter]: the offset +01 is not Europe/Budapest's on that day (+02)",
    ));
    // Nonsense is still an error that shows both forms.
    site.write("notices/busy.md", "---\ntitle: X\nfrom: tonight\nuntil: 2027-07-01\n---\nX\n");
    site.cmd(&["check", "--today", "2026-11-23"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("`tonight` is not a date and time"))
        .stdout(predicate::str::contains("(read in Europe/Budapest)"));
}

#[test]
fn a_backslash_writes_a_literal_double_brace_in_every_field() {
    let site = Site::copy_of("channels");
    site.write(
        "content/reply.md",
        "---\ntitle: Replies\nreviewed: 2026-11-01\nsummary: \"Templates write \\\\{{ name }} for the name.\"\nsteps:\n  - title: Reply\n    text: \"Type \\\\{{ 1 }} to confirm.\"\nsms: \"Your visit is at \\\\{{1}}. Reply YES.\"\n---\nBody: \\{{ kept }}.\n",
    );
    site.cmd(&["build", "--today", "2026-11-23"]).assert().success();
    let html = site.read("public/reply/index.html");
    for text in ["Templates write {{ name }} for the name.", "Type {{ 1 }} to confirm.", "Body: {{ kept }}."] {
        assert!(html.contains(text), "missing {text:?}");
    }
    assert!(!html.contains("\\{{"), "no backslash reaches a reader");
    let sms = site.read("public/sms/messages.json");
    assert!(sms.contains("Your visit is at {{1}}. Reply YES."), "{sms}");
}
