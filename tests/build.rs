//! `upfront build` and `upfront init` through the binary: layout, determinism, links,
//! tiers, aliases, drafts, overrides.

#![allow(
    clippy::unwrap_used,
    clippy::case_sensitive_file_extension_comparisons,
    reason = "a failed unwrap is a failed test; output names are lowercase"
)]

mod common;

use common::{Site, snapshot};
use predicates::prelude::*;

#[test]
fn builds_every_locale_and_tier_into_its_folder() {
    let site = Site::copy_of("basic");
    site.cmd(&["build"]).assert().success().stderr(predicate::str::contains("built"));
    for f in [
        "index.html",
        "zh/index.html",
        "hu/index.html",
        "emergency/index.html",
        "emergency/visit/index.html",
        "zh/emergency/visit/index.html",
        "hu/emergency/visit/index.html",
        "vip/lounge/index.html",
        "er/visit/index.html",
        "404.html",
        "zh/404.html",
        "sitemap.xml",
        "assets/style.css",
    ] {
        assert!(site.path("public").join(f).is_file(), "missing {f}");
    }
    // No fallback pages: waiting.md has no translation.
    assert!(!site.path("public/zh/emergency/waiting/index.html").exists());
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains("hreflang=\"zh\" href=\"https://help.fixture.example/zh/emergency/visit/\""));
    assert!(!sitemap.contains("vip"), "a narrower tier leaked into the sitemap");
    let home = site.read("public/index.html");
    assert!(!home.contains("lounge"), "a VIP guide is listed on the public home page");
}

#[test]
fn guide_page_has_facts_steps_and_language_switcher() {
    let site = Site::copy_of("basic");
    site.cmd(&["build"]).assert().success();
    let en = site.read("public/emergency/visit/index.html");
    assert!(en.contains("<html lang=\"en\">"));
    assert_eq!(en.matches("<h1").count(), 1);
    assert!(en.contains("class=\"skip-link\" href=\"#main\""));
    // A range is kept on one line (`.nobr`) in HTML channels.
    assert!(en.contains("Triage takes <span class=\"nobr\">10–30 minutes</span>."));
    assert!(en.contains("It takes <span class=\"nobr\">15 minutes</span> at most."));
    assert!(en.contains("<strong>30 minutes to 2 hours</strong>"));
    assert!(en.contains("Total expected time: <strong>45 minutes to 2 hours 45 minutes</strong>"));
    assert!(en.contains("(usual time from arrival to check-in)"));
    assert!(en.contains("<time datetime=\"2026-10-01\">"));
    assert!(en.contains("<h2 id=\"what-happens\">") && en.contains("<h2 id=\"what-happens-2\">"));
    assert!(en.contains("<table>"));
    assert!(en.contains("href=\"../../zh/emergency/visit/index.html\" hreflang=\"zh\" lang=\"zh\">简体中文</a>"));
    assert!(en.contains("href=\"../../emergency/waiting/index.html#why-people-wait\""));
    let zh = site.read("public/zh/emergency/visit/index.html");
    assert!(zh.contains("<html lang=\"zh\">"));
    assert!(zh.contains("<h2 id=\"会发生什么\">"));
    // The untranslated target resolves to the default locale.
    assert!(zh.contains("href=\"../../../emergency/waiting/index.html\""));
    let vip = site.read("public/vip/lounge/index.html");
    assert!(vip.contains("href=\"../../assets/style.css\""));
}

/// Every relative link and asset in the output points at a file that exists, so `public/`
/// works when opened from disk.
#[test]
fn every_relative_link_resolves_from_disk() {
    let site = Site::copy_of("basic");
    site.cmd(&["build"]).assert().success();
    let public = site.path("public");
    let mut checked = 0;
    for (rel, bytes) in snapshot(&public) {
        if !rel.ends_with(".html") || rel.ends_with("404.html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let dir = public.join(&rel).parent().unwrap().to_path_buf();
        for part in html.split("href=\"").skip(1).chain(html.split("url=").skip(1)) {
            let target = part.split(['"', '#']).next().unwrap();
            if target.is_empty() || target.contains(':') {
                continue;
            }
            assert!(dir.join(target).is_file(), "{rel}: link to {target} does not resolve");
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} links checked");
}

#[test]
fn build_is_deterministic() {
    let site = Site::copy_of("basic");
    let done = site.cmd(&["--out", "one", "build"]).assert().success();
    site.cmd(&["--out", "two", "build"]).assert().success();
    let (one, two) = (snapshot(&site.path("one")), snapshot(&site.path("two")));
    assert!(one.len() > 10);
    assert_eq!(one, two);
    // The last line counts the files written (the output marker aside).
    let stderr = String::from_utf8_lossy(&done.get_output().stderr).into_owned();
    assert!(stderr.contains(&format!("built {} files from ", one.len() - 1)), "{stderr}");
}

#[test]
fn rebuild_replaces_the_output_whole() {
    let site = Site::copy_of("basic");
    site.cmd(&["build"]).assert().success();
    site.write("public/stale.html", "old");
    site.cmd(&["build"]).assert().success();
    assert!(!site.path("public/stale.html").exists());
    assert!(site.path("public/index.html").exists());
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".upfront"))
        .collect();
    assert!(leftovers.is_empty(), "staging folders left behind");
}

#[test]
fn tiers_flag_leaves_narrower_tiers_out() {
    let site = Site::copy_of("basic");
    site.cmd(&["build", "--tiers", "public"]).assert().success();
    assert!(!site.path("public/vip").exists());
    site.cmd(&["build", "--tiers", "gold"]).assert().code(2).stderr(predicate::str::contains("not a tier"));
}

#[test]
fn site_strings_override_the_built_in_ones() {
    let site = Site::copy_of("basic");
    site.write("i18n/en.yaml", "last_reviewed: Checked on\n");
    site.cmd(&["build"]).assert().success();
    assert!(site.read("public/emergency/visit/index.html").contains("Checked on: <time"));
    // Keys not overridden stay built in; other locales keep their own strings.
    assert!(site.read("public/emergency/visit/index.html").contains("Skip to main content"));
    assert!(!site.read("public/zh/emergency/visit/index.html").contains("Checked on"));
}

#[test]
fn an_unknown_ui_string_is_a_located_error_with_the_nearest_key() {
    let site = Site::copy_of("basic");
    site.write("i18n/en.yaml", "last_reviewed: Checked on\nlast_reviewd: Checked\nscreen_why_txt: x\n");
    site.cmd(&["check"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("i18n/en.yaml:2:1: error[front-matter]: unknown UI string `last_reviewd`"))
        .stdout(predicate::str::contains("did you mean `last_reviewed`?"))
        .stdout(predicate::str::contains("i18n/en.yaml:3:1: error[front-matter]: unknown UI string `screen_why_txt`"));
}

#[test]
fn a_locale_without_built_in_strings_falls_back_to_english_and_says_so_once() {
    let site = Site::copy_of("basic");
    let yaml = site
        .read("upfront.yaml")
        .replace("  hu: { name: Magyar }\n", "  hu: { name: Magyar }\n  de: { name: Deutsch }\n");
    site.write("upfront.yaml", yaml);
    let out = site.cmd(&["check"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let notes: Vec<&str> = stdout.lines().filter(|l| l.contains("interface strings have no `de` text")).collect();
    assert_eq!(notes.len(), 1, "{stdout}");
    assert!(notes[0].starts_with("upfront.yaml:8:"), "at the locale's line: {}", notes[0]);
    assert!(notes[0].contains("note[front-matter]"), "{}", notes[0]);
    // With a partial German file, the note moves there and counts only what is missing.
    site.write("i18n/de.yaml", "home: Startseite\n");
    let out = site.cmd(&["check"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let note = stdout.lines().find(|l| l.contains("no `de` text")).unwrap();
    assert!(note.starts_with("i18n/de.yaml:"), "{note}");
    assert!(!note.contains(" home,") && !note.contains(": home"), "{note}");
}

#[test]
fn built_in_strings_name_no_domain() {
    // A site without i18n/ of its own (the fixtures) gets neutral screen and tier texts.
    let site = Site::copy_of("channels");
    site.cmd(&["build"]).assert().success();
    let screen = site.read("public/waiting-room/lobby/index.html");
    let guide = site.read("public/vip/lounge/index.html");
    assert!(screen.contains("We deal with the most urgent needs first"), "the neutral text");
    assert!(!screen.contains("Ambulances"), "no sample wording on another site's screen");
    assert!(guide.contains(r#"<p class="tier-notice">This page is for vip.</p>"#), "the neutral tier notice");
    assert!(!guide.contains("patients"), "no sample wording in the tier notice");
}

#[test]
fn the_site_title_and_tier_names_can_differ_per_locale() {
    let site = Site::copy_of("basic");
    let yaml = site
        .read("upfront.yaml")
        .replace("title: Fixture Clinic", "title: { en: Fixture Clinic, zh: 测试诊所, hu: Teszt Rendelő }")
        .replace("  vip:\n", "  vip:\n    name: { en: VIP members, zh: 贵宾会员 }\n");
    site.write("upfront.yaml", yaml);
    site.write(
        "content/lounge.zh.md",
        "---\ntitle: 贵宾休息室\ntier: vip\nsummary: 休息室在 {{ lounge.vip }} 内开放。\n---\n欢迎。\n",
    );
    site.cmd(&["build"]).assert().success();
    assert!(site.read("public/zh/index.html").contains("<title>测试诊所</title>"));
    assert!(site.read("public/hu/emergency/visit/index.html").contains(" · Teszt Rendelő</title>"));
    assert!(site.read("public/emergency/visit/index.html").contains(" · Fixture Clinic</title>"));
    assert!(site.read("public/vip/lounge/index.html").contains("This page is for VIP members."));
    assert!(site.read("public/vip/zh/lounge/index.html").contains("本页面面向：贵宾会员。"));

    let yaml = site.read("upfront.yaml").replace("zh: 测试诊所", "de: Testklinik");
    site.write("upfront.yaml", yaml);
    site.cmd(&["check"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("upfront.yaml:1:30: error[front-matter]: `de` is not a locale of this site"));
}

#[test]
fn step_totals_read_well_and_leave_out_what_they_should() {
    let site = Site::copy_of("basic");
    let facts = site.read("facts.yaml");
    site.write(
        "facts.yaml",
        format!("{facts}\nrepair.visit:\n  wait: 1h..2h\nrepair.parts:\n  wait: 5d..20d\nrepair.permit:\n  wait: 3wd..5wd\nrepair.ring:\n  wait: 1d\n"),
    );
    let guide = |steps: &str, extra: &str| {
        format!("---\ntitle: Repairs\nreviewed: 2026-11-01\n{extra}steps:\n{steps}---\nHow a repair goes.\n")
    };
    let step = |title: &str, wait: &str, more: &str| format!("  - title: {title}\n    wait: {wait}\n{more}");
    // Days of calendar time: a readable unit, rounded outwards, never "125–496 hours".
    site.write(
        "content/repairs.md",
        guide(&(step("Visit", "repair.visit", "") + &step("Parts", "repair.parts", "")), ""),
    );
    site.cmd(&["build"]).assert().success();
    let html = site.read("public/repairs/index.html");
    assert!(
        html.contains("Total expected time: <strong><span class=\"nobr\">5–21 days</span></strong>"),
        "{}",
        total_line(&html)
    );
    // Working days never add to calendar time; a step can stay out of the total.
    site.write(
        "content/repairs.md",
        guide(
            &(step("Visit", "repair.visit", "")
                + &step("Permit", "repair.permit", "")
                + &step("Call back", "repair.ring", "    total: false\n")),
            "",
        ),
    );
    site.cmd(&["build"]).assert().success();
    let html = site.read("public/repairs/index.html");
    assert!(
        html.contains(
            "<strong><span class=\"nobr\">1–2 hours</span>, plus <span class=\"nobr\">3–5 working days</span></strong>"
        ),
        "{}",
        total_line(&html)
    );
    assert!(html.contains("1 day"), "the left-out step still shows its own wait");
    // A guide whose steps are not one visit shows no total at all.
    site.write("content/repairs.md", guide(&step("Visit", "repair.visit", ""), "total: false\n"));
    site.cmd(&["build"]).assert().success();
    assert!(!site.read("public/repairs/index.html").contains("Total expected time"));
}

fn total_line(html: &str) -> &str {
    html.lines().find(|l| l.contains("total-wait")).unwrap_or("(no total)")
}

#[test]
fn dates_read_as_each_language_writes_them() {
    let site = Site::copy_of("channels");
    site.cmd(&["build", "--today", "2026-11-23"]).assert().success();
    let page = |p: &str| site.read(&format!("public/{p}"));
    let reviewed =
        |html: &str| html.split("class=\"reviewed\"").nth(1).map(|r| r[..r.find("</p>").unwrap()].to_string());
    let en = reviewed(&page("emergency/visit/index.html")).unwrap();
    assert!(en.contains(r#"<time datetime="2026-10-01">1 October 2026</time>"#), "{en}");
    let zh = reviewed(&page("zh/emergency/visit/index.html")).unwrap();
    assert!(zh.contains(">2026年10月"), "{zh}");
    let hu = reviewed(&page("hu/print/emergency/visit/index.html")).unwrap();
    assert!(hu.contains(">2026. október "), "{hu}");
    let window = page("index.html");
    let window = window.split("notice-window").nth(1).unwrap();
    assert!(window.contains("Shown from ") && window.contains(" 2026, "), "{}", &window[..120.min(window.len())]);
}

const BRAND: &str = "brand:\n  logo: images/logo.svg\n  logo_alt: { en: Fixture Clinic logo, zh: 测试诊所标志 }\n  accent: \"#1d6b3a\"\n  favicon: images/favicon.svg\nnav:\n  en:\n    - { text: Your visit, link: /emergency/visit/ }\n    - { text: Emergency, link: /emergency/ }\n  zh:\n    - { text: 就诊, link: /emergency/visit/ }\nfooter:\n  en:\n    - { text: Privacy, link: \"https://fixture.example/privacy\" }\n";

fn branded() -> Site {
    let site = Site::copy_of("basic");
    let yaml = site.read("upfront.yaml");
    site.write("upfront.yaml", format!("{yaml}{BRAND}"));
    site.write("static/images/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"40\"/>");
    site.write("static/images/favicon.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"16\" height=\"16\"/>");
    site
}

#[test]
fn the_brand_logo_accent_favicon_and_menus_reach_every_channel() {
    let site = branded();
    site.cmd(&["build"]).assert().success();
    let en = site.read("public/emergency/visit/index.html");
    assert!(en.contains(r#"<img class="logo" src="../../images/logo.svg" alt="Fixture Clinic logo" height="40">"#));
    assert!(en.contains(r#"<link rel="icon" href="../../images/favicon.svg">"#));
    assert!(en.contains("<style>:root { --accent: #1d6b3a; --accent-dark: #144b29; }</style>"));
    assert!(en.contains(r#"<meta property="og:image" content="https://help.fixture.example/images/logo.svg">"#));
    assert!(
        en.contains(r#"<li><a href="../../emergency/visit/index.html">Your visit</a></li><li><a href="../../emergency/index.html">Emergency</a></li>"#),
        "nav from the page"
    );
    assert!(en.contains(r#"<li><a href="https://fixture.example/privacy">Privacy</a></li>"#));
    // zh has its own menu, resolved to the zh pages; hu has none and uses the default locale's.
    let zh = site.read("public/zh/emergency/visit/index.html");
    assert!(
        zh.contains(r#"<li><a href="../../../zh/emergency/visit/index.html">就诊</a></li>"#),
        "zh menu to zh pages"
    );
    assert!(zh.contains(r#"alt="测试诊所标志""#));
    let hu = site.read("public/hu/index.html");
    assert!(
        hu.contains(r#"hu/emergency/visit/index.html">Your visit</a></li>"#),
        "hu falls back to en's menu, in hu pages"
    );
    // The 404 page is served anywhere: absolute paths.
    assert!(site.read("public/404.html").contains(r#"<a href="/emergency/visit/">Your visit</a>"#));
    // Screens and handouts show the logo.
    assert!(site.read("public/print/emergency/visit/index.html").contains(r#"src="../../../images/logo.svg""#));
}

#[test]
fn a_brand_that_cannot_work_is_refused_with_the_reason() {
    let site = branded();
    let yaml = site
        .read("upfront.yaml")
        .replace("images/logo.svg", "images/logo.png")
        .replace("#1d6b3a", "#8ab4f8")
        .replace("link: /emergency/", "link: /emergency/visits/");
    site.write("upfront.yaml", &yaml);
    let out = site.cmd(&["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    for expected in [
        "upfront.yaml:19:9: error[front-matter]: `images/logo.png` is not a file under static/",
        "did you mean `images/logo.svg`?",
        "upfront.yaml:21:11: error[front-matter]: the accent colour #8ab4f8 is too light to read: #8ab4f8 on the page background (#ffffff): 2.11:1",
        "white text on it (step numbers)",
        "pick a darker colour, e.g. `#",
        "error[front-matter]: `/emergency/visits/visit/` is not a page of this site",
    ] {
        assert!(stdout.contains(expected), "missing {expected:?} in\n{stdout}");
    }
    // Maps keyed by locale name only the site's locales: the logo's alt text and the menus.
    let yaml = yaml
        .replace("zh: 测试诊所标志", "de: Logo")
        .replace("  zh:\n    - { text: 就诊", "  fr:\n    - { text: Visite");
    site.write("upfront.yaml", yaml);
    let out = site.cmd(&["check"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    for expected in [
        "upfront.yaml:20:40: error[front-matter]: `de` is not a locale of this site",
        "upfront.yaml:27:3: error[front-matter]: `fr` is not a locale of this site",
    ] {
        assert!(stdout.contains(expected), "missing {expected:?} in\n{stdout}");
    }
}

#[test]
fn alias_clashing_with_a_page_is_an_error() {
    let site = Site::copy_of("basic");
    site.write("content/emergency/old.md", "---\ntitle: Old\naliases: [emergency/visit, ../up]\n---\n");
    site.cmd(&["build"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("content/emergency/old.md:3:11: error[front-matter]: alias `emergency/visit` is the address of another page"))
        .stderr(predicate::str::contains("`../up` is not a site path"));
}

#[test]
fn glossary_terms_are_explained_on_first_use() {
    let site = Site::copy_of("basic");
    site.write(
        "glossary.yaml",
        "triage:\n  en: a nurse checks how urgent your condition is\n分诊:\n  zh: 护士判断病情的紧急程度\n",
    );
    site.write("content/gloss.md", "---\ntitle: Gloss\n---\nFirst comes triage. Triage is quick.\n");
    site.write("content/gloss.zh.md", "---\ntitle: 术语\n---\n先分诊。\n");
    site.write("content/explained.md", "---\ntitle: Explained\n---\nTriage comes first (a nurse checks you).\n");
    site.cmd(&["build"]).assert().success();
    let en = site.read("public/gloss/index.html");
    assert!(en.contains("First comes <dfn>triage</dfn><span class=\"gloss\"> (a nurse checks how urgent your condition is)</span>. Triage is quick."), "{en}");
    let zh = site.read("public/zh/gloss/index.html");
    assert!(zh.contains("先<dfn>分诊</dfn><span class=\"gloss\">（护士判断病情的紧急程度）</span>。"), "{zh}");
    // A term the writer already explains in brackets is left alone.
    assert!(!site.read("public/explained/index.html").contains("<dfn>"));
}

#[test]
fn build_reports_in_a_machine_format_on_stdout() {
    let site = Site::copy_of("basic");
    site.write("content/bad.md", "---\ntitle: Bad\n---\n{{ er.triag }}\n");
    let out = site.cmd(&["build", "--format", "github"]).assert().code(1);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("::error file=content/bad.md,line=4,col=4,"), "{stdout}");
    assert!(!site.path("public").exists());
}

#[test]
fn sms_messages_with_hand_computed_counts() {
    let site = Site::copy_of("basic");
    site.write("content/texts/fee.md", "---\ntitle: Fee\nsms: \"Fee: €5 [cash]\"\n---\n");
    site.write("content/texts/fee.hu.md", "---\ntitle: Díj\nsms: \"Várjon 5 percet, ő segít.\"\n---\n");
    site.write("content/texts/fee.zh.md", "---\ntitle: 费用\nsms: \"费用：5 欧元\"\n---\n");
    site.write("content/texts/triage.md", "---\ntitle: Triage\nsms: \"Triage: {{ er.triage }}.\"\n---\n");
    site.write("content/texts/triage.zh.md", "---\ntitle: 分诊\nsms: \"分诊需要 {{ er.triage }}。\"\n---\n");
    site.write("content/texts/call.md", "---\ntitle: Call\nsms: \"Call us 📞\"\n---\n");
    site.write("content/texts/long.md", format!("---\ntitle: Long\nsms: \"{}\"\n---\n", "a".repeat(161)));
    site.write("content/texts/members.md", "---\ntitle: Members\ntier: member\nsms: \"Member line\"\n---\n");
    site.cmd(&["build"]).assert().success();
    let json: serde_json::Value = serde_json::from_str(&site.read("public/sms/messages.json")).unwrap();
    assert_eq!(json["version"], 1);
    let find = |guide: &str, locale: &str| {
        json["messages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["guide"] == guide && m["locale"] == locale)
            .cloned()
            .unwrap()
    };
    // `€`, `[` and `]` are GSM-7 extension characters: two septets each (14 chars → 17).
    let fee = find("texts/fee", "en");
    assert_eq!(
        (fee["encoding"].as_str(), fee["units"].as_u64(), fee["segments"].as_u64()),
        (Some("GSM-7"), Some(17), Some(1))
    );
    // Hungarian `á`/`ő` are not in GSM-7: UCS-2, 25 UTF-16 units.
    let hu = find("texts/fee", "hu");
    assert_eq!((hu["encoding"].as_str(), hu["units"].as_u64()), (Some("UCS-2"), Some(25)));
    // Facts are filled in SMS style: an ASCII hyphen, never an en dash.
    assert_eq!(find("texts/triage", "en")["text"], "Triage: 10-30 minutes.");
    let zh = find("texts/triage", "zh");
    assert_eq!(zh["text"], "分诊需要 10-30 分钟。");
    assert_eq!((zh["encoding"].as_str(), zh["units"].as_u64()), (Some("UCS-2"), Some(14)));
    // An emoji is a surrogate pair: two units.
    let call = find("texts/call", "en");
    assert_eq!((call["encoding"].as_str(), call["units"].as_u64()), (Some("UCS-2"), Some(10)));
    // 161 septets do not fit one message (160): two parts of up to 153.
    assert_eq!(find("texts/long", "en")["segments"], 2);
    // A narrower tier's messages are written under its own folder only.
    assert!(!site.read("public/sms/messages.json").contains("Member line"));
    assert!(site.read("public/member/sms/messages.json").contains("Member line"));
    assert!(site.read("public/sms/hu.txt").contains("Várjon 5 percet, ő segít."));
}

#[test]
fn drafts_are_skipped() {
    let site = Site::copy_of("basic");
    site.write("content/emergency/draft.md", "---\ntitle: Draft\ndraft: true\n---\n");
    site.cmd(&["build"]).assert().success();
    assert!(!site.path("public/emergency/draft").exists());
    assert!(!site.read("public/emergency/index.html").contains("Draft"));
}

#[test]
fn site_template_overrides_the_built_in_one() {
    let site = Site::copy_of("basic");
    site.write(
        "templates/help/guide.html",
        "{% extends \"help/base.html\" %}{% block main %}<h1>OVERRIDE {{ page.title }}</h1>{% endblock main %}",
    );
    site.cmd(&["build"]).assert().success();
    assert!(site.read("public/emergency/visit/index.html").contains("<h1>OVERRIDE Your visit</h1>"));
    // Other templates stay built in.
    assert!(site.read("public/index.html").contains("class=\"skip-link\""));
}

#[test]
fn template_output_is_escaped() {
    let site = Site::copy_of("basic");
    site.write("content/xss.md", "---\ntitle: \"<script>alert(1)</script>\"\nsummary: \"\\\" onmouseover=\\\"x\"\n---\n<img src=x onerror=alert(1)>\n\n[a](javascript:alert(1))\n");
    site.cmd(&["build"]).assert().success();
    let html = site.read("public/xss/index.html");
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(!html.contains("href=\"javascript"), "{html}");
    assert!(!html.contains("\" onmouseover=\"x"), "{html}");
}

#[test]
fn unsafe_html_is_an_explicit_opt_in() {
    let site = Site::copy_of("basic");
    site.write("content/raw.md", "---\ntitle: Raw\n---\n<kbd>Ctrl</kbd>\n");
    let cfg = site.read("upfront.yaml");
    site.write("upfront.yaml", format!("{cfg}markdown:\n  unsafe_html: true\n"));
    site.cmd(&["build"]).assert().success();
    assert!(site.read("public/raw/index.html").contains("<kbd>Ctrl</kbd>"));
}

#[test]
fn init_writes_a_site_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("new-site");
    assert_cmd::Command::cargo_bin("upfront")
        .unwrap()
        .arg("init")
        .arg(&target)
        .args(["--starter", "er"])
        .assert()
        .success();
    assert!(target.join("upfront.yaml").is_file());
    assert!(target.join("content/emergency/visit.md").is_file());
    assert_cmd::Command::cargo_bin("upfront").unwrap().arg("--root").arg(&target).arg("build").assert().success();
    assert!(target.join("public/zh/emergency/visit/index.html").is_file());
    // A second init into the now non-empty folder is refused.
    assert_cmd::Command::cargo_bin("upfront")
        .unwrap()
        .arg("init")
        .arg(&target)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not empty"));
}

#[test]
fn cli_basics() {
    let mut c = assert_cmd::Command::cargo_bin("upfront").unwrap();
    c.arg("--version").assert().success().stdout(predicate::str::contains("upfront"));
    let mut c = assert_cmd::Command::cargo_bin("upfront").unwrap();
    c.arg("--help").assert().success().stdout(predicate::str::contains("build"));
    let mut c = assert_cmd::Command::cargo_bin("upfront").unwrap();
    c.arg("frobnicate").assert().code(2);
    let site = Site::copy_of("basic");
    site.cmd(&["build", "--today", "yesterday"]).assert().code(2).stderr(predicate::str::contains("YYYY-MM-DD"));
    site.cmd(&["build", "--today", "2026-11-23"]).assert().success();
    site.cmd(&["serve", "--port", "nope"]).assert().code(2).stderr(predicate::str::contains("--port"));
    site.cmd(&["build", "--channels", "fax"]).assert().code(2).stderr(predicate::str::contains("not a channel"));
    let out = site.dir.path().join("help-only");
    let out_arg = out.to_string_lossy().into_owned();
    site.cmd(&["--out", &out_arg, "build", "--channels", "help", "--today", "2026-11-23"]).assert().success();
    assert!(out.join("index.html").is_file() && !out.join("sms").exists(), "--channels help renders help only");
    let missing = tempfile::tempdir().unwrap();
    assert_cmd::Command::cargo_bin("upfront")
        .unwrap()
        .arg("--root")
        .arg(missing.path().join("nope"))
        .arg("build")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read the site root"));
}

#[test]
fn home_cards_name_five_guides_and_link_to_the_rest() {
    let site = Site::copy_of("basic");
    for i in 1..=7 {
        site.write(&format!("content/billing/bill-{i}.md"), format!("---\ntitle: Bill {i}\nweight: {i}\n---\nText.\n"));
    }
    site.cmd(&["build", "--today", "2026-11-23"]).assert().success();
    let home = site.read("public/index.html");
    for i in 1..=5 {
        assert!(home.contains(&format!(">Bill {i}</a>")), "guide {i} on the card");
    }
    assert!(!home.contains(">Bill 6</a>") && !home.contains(">Bill 7</a>"), "only five guides on a card");
    assert!(home.contains("<a href=\"billing/index.html\">All 7 guides in Billing</a>"), "{home}");
    // The section's own page lists them all; a card with five or fewer has no "all" link.
    let section = site.read("public/billing/index.html");
    assert!(section.contains(">Bill 7</a>"));
    assert!(!home.contains("guides in Emergency"));
}

#[test]
fn robots_txt_is_written_from_the_sites_own_tiers_and_base_url() {
    let site = Site::copy_of("basic");
    site.cmd(&["build"]).assert().success();
    let robots = site.read("public/robots.txt");
    assert!(robots.contains("User-agent: *\nAllow: /\n"), "{robots}");
    for line in ["Disallow: /member/\n", "Disallow: /vip/\n", "Sitemap: https://help.fixture.example/sitemap.xml\n"] {
        assert!(robots.contains(line), "missing {line:?} in\n{robots}");
    }
    assert!(!robots.to_lowercase().contains("patient"), "no wording of the sample: {robots}");

    // A public-only build names no narrower folder; a site under a path gets rules under it.
    let yaml = site.read("upfront.yaml").replace("https://help.fixture.example", "https://fixture.example/help/");
    site.write("upfront.yaml", yaml);
    site.cmd(&["build", "--tiers", "public"]).assert().success();
    let robots = site.read("public/robots.txt");
    assert!(!robots.contains("Disallow"), "{robots}");
    assert!(robots.contains("Sitemap: https://fixture.example/help/sitemap.xml\n"), "{robots}");
    site.cmd(&["build"]).assert().success();
    assert!(site.read("public/robots.txt").contains("Disallow: /help/vip/\n"));

    // The site's own file wins.
    site.write("static/robots.txt", "User-agent: *\nDisallow: /\n");
    site.cmd(&["build"]).assert().success();
    assert_eq!(site.read("public/robots.txt"), "User-agent: *\nDisallow: /\n");
}

#[test]
fn every_help_page_carries_open_graph_and_twitter_card_meta() {
    let site = Site::copy_of("basic");
    site.cmd(&["build"]).assert().success();
    let zh = site.read("public/zh/emergency/visit/index.html");
    for meta in [
        r#"<meta property="og:site_name" content="Fixture Clinic">"#,
        r#"<meta property="og:locale" content="zh">"#,
        r#"<meta property="og:locale:alternate" content="en">"#,
        r#"<meta property="og:url" content="https://help.fixture.example/zh/emergency/visit/">"#,
        r#"<meta name="twitter:card" content="summary">"#,
    ] {
        assert!(zh.contains(meta), "missing {meta} in the zh guide");
    }
    let title = zh.split("<title>").nth(1).and_then(|t| t.split(" · ").next()).unwrap();
    assert!(zh.contains(&format!(r#"<meta property="og:title" content="{title}">"#)), "og:title is the page title");
    for page in ["public/index.html", "public/hu/index.html", "public/emergency/index.html"] {
        let html = site.read(page);
        assert!(html.contains(r#"<meta property="og:title""#) && html.contains("og:url"), "{page}");
    }
}
