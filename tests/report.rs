//! Every report format rendered from the same findings (the `findings` fixture, through the
//! binary), each snapshot-tested; the SARIF output validated against the official SARIF 2.1.0
//! schema (`tests/schemas/`); GitHub's workflow-command escaping.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod common;

use common::Site;
use upfront::report::github::{escape_data, escape_property};

/// `check --format <format>` on the findings fixture: (stdout, exit code).
fn check(format: &str) -> (String, i32) {
    let site = Site::copy_of("findings");
    let out = site.cmd(&["check", "--today", "2026-11-23", "--format", format]).output().unwrap();
    assert!(out.stderr.is_empty(), "{format}: stderr: {}", String::from_utf8_lossy(&out.stderr));
    (String::from_utf8(out.stdout).unwrap(), out.status.code().unwrap())
}

/// The crate version, kept out of the snapshots.
fn unversioned(text: &str) -> String {
    text.replace(&format!("\"{}\"", env!("CARGO_PKG_VERSION")), "\"[version]\"")
}

#[test]
fn human() {
    let (out, code) = check("human");
    assert_eq!(code, 1);
    assert!(out.ends_with("5 errors, 1 warning\n"), "{out}");
    insta::assert_snapshot!("human", out);
}

#[test]
fn json() {
    let (out, code) = check("json");
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!((v["errors"].as_u64(), v["warnings"].as_u64(), v["notes"].as_u64()), (Some(5), Some(1), Some(0)));
    // Columns count characters: `分诊.时间` starts at character 9 of `分诊需要 {{ 分诊.时间 }}`.
    let zh = v["findings"].as_array().unwrap().iter().find(|f| f["file"] == "content/notes.zh.md").unwrap();
    assert_eq!((&zh["line"], &zh["column"], &zh["end_column"]), (&6.into(), &9.into(), &14.into()));
    assert_eq!(zh["text"], "分诊.时间");
    insta::assert_snapshot!("json", out);
}

#[test]
fn sarif() {
    let (out, code) = check("sarif");
    assert_eq!(code, 1);
    let mut log: serde_json::Value = serde_json::from_str(&out).unwrap();
    // Each rule's descriptor mirrors `check::RULES`; the snapshot keeps only the ids, so a
    // rule's documentation can change without touching this snapshot.
    let rules = &mut log["runs"][0]["tool"]["driver"]["rules"];
    for (d, r) in rules.as_array().unwrap().iter().zip(upfront::check::RULES) {
        assert_eq!(d["id"], r.id);
        assert_eq!(d["shortDescription"]["text"], r.summary);
        assert_eq!(d["help"]["markdown"], r.doc);
        assert_eq!(d["defaultConfiguration"]["level"], r.level.to_string());
        // Each rule links to its own section of docs/rules.md (a `## <id>` heading there).
        let help_uri = format!("{}/blob/main/docs/rules.md#{}", env!("CARGO_PKG_REPOSITORY"), r.id);
        assert_eq!(d["helpUri"], help_uri);
    }
    *rules = rules.as_array().unwrap().iter().map(|d| d["id"].clone()).collect();
    insta::assert_snapshot!("sarif", unversioned(&serde_json::to_string_pretty(&log).unwrap()));
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let schema_path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/schemas/sarif-schema-2.1.0.json");
    let schema: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::draft4::options().should_validate_formats(true).build(&schema).unwrap();
    let (out, _) = check("sarif");
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| format!("{}: {e}", e.instance_path())).collect();
    assert!(errors.is_empty(), "SARIF output breaks the schema:\n{}", errors.join("\n"));
    // The schema has teeth: a level SARIF does not know is refused.
    let mut bad = log.clone();
    bad["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&bad));

    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), upfront::check::RULES.len());
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 6);
    let zh = &results[5]["locations"][0]["physicalLocation"];
    assert_eq!(zh["artifactLocation"]["uri"], "content/notes.zh.md");
    assert_eq!(zh["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert_eq!((&zh["region"]["startColumn"], &zh["region"]["endColumn"]), (&9.into(), &14.into()));

    // A clean site (the bundled sample) is a valid log too (an empty `results`).
    let out = assert_cmd::Command::cargo_bin("upfront")
        .unwrap()
        .args(["--root", env!("CARGO_MANIFEST_DIR"), "check", "--today", "2026-11-23", "--format", "sarif"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(validator.is_valid(&log));
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
}

#[test]
fn github() {
    let (out, code) = check("github");
    assert_eq!(code, 1);
    assert!(out.ends_with("upfront: 5 errors, 1 warning in 3 files\n"), "{out}");
    insta::assert_snapshot!("github", out);
}

#[test]
fn gitlab() {
    let (out, code) = check("gitlab");
    assert_eq!(code, 1);
    insta::assert_snapshot!("gitlab", out);
}

#[test]
fn junit() {
    let (out, code) = check("junit");
    assert_eq!(code, 1);
    insta::assert_snapshot!("junit", out);
}

#[test]
fn github_escapes_messages_and_properties() {
    let tricky = "100% full: wait,\r\nthen ask";
    assert_eq!(escape_data(tricky), "100%25 full: wait,%0D%0Athen ask");
    assert_eq!(escape_property(tricky), "100%25 full%3A wait%2C%0D%0Athen ask");
    // `%` first, so an escape is never escaped twice.
    assert_eq!(escape_data("%0A"), "%250A");
    assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
}

#[test]
fn github_annotation_of_a_tricky_finding() {
    let mut sources = upfront::diag::Sources::default();
    sources.insert(upfront::source::SourceFile::new("content/a,b:c.md", "x\nsay 100%, then: wait\n"));
    let d = upfront::diag::Diagnostic::error("unknown-fact", "content/a,b:c.md", Some(6..10), "50% done: see,\nhere")
        .with_hint("fix: it");
    let out = upfront::report::github::render(&[d], &sources);
    assert_eq!(
        out,
        "::error file=content/a%2Cb%3Ac.md,line=2,col=5,endLine=2,endColumn=9,title=unknown-fact::50%25 done: see,%0Ahere%0Ahint: fix: it\nupfront: 1 error, 0 warnings in 1 file\n"
    );
}

#[test]
fn formats_agree_on_every_position() {
    let (json, _) = check("json");
    let (github, _) = check("github");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    for (f, line) in v["findings"].as_array().unwrap().iter().zip(github.lines()) {
        let expected = format!(
            "file={},line={},col={},endLine={},endColumn={},title={}::",
            f["file"].as_str().unwrap(),
            f["line"],
            f["column"],
            f["end_line"],
            f["end_column"],
            f["rule"].as_str().unwrap()
        );
        assert!(line.contains(&expected), "{line}\n does not say {expected}");
    }
}

/// One long line with many findings: the human report shows the first ten, each cut to a
/// window around its caret, and counts the rest; JSON keeps every one.
#[test]
fn a_long_line_shows_ten_findings_and_counts_the_rest() {
    let site = Site::copy_of("basic");
    let line = format!("{}{}", "Fine words here. ".repeat(100), "{{".repeat(50));
    site.write("content/long.md", format!("---\ntitle: Long\n---\n{line}\n"));
    let out = site.cmd(&["check", "--today", "2026-11-23"]).assert().code(1);
    let human = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let shown = human.lines().filter(|l| l.starts_with("content/long.md:4:") && l.contains("error[")).count();
    assert_eq!(shown, 10, "{human}");
    assert!(human.contains("content/long.md:4: … and 40 more findings on this line, not shown here"), "{human}");
    assert!(human.lines().all(|l| l.chars().count() < 400), "a snippet is cut around its caret:\n{human}");
    let out = site.cmd(&["check", "--today", "2026-11-23", "--format", "json"]).assert().code(1);
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let all = json.to_string().matches("content/long.md").count();
    assert!(all >= 50, "JSON lists every finding: {all}");
}
