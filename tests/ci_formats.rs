//! CI-facing report shapes through the binary: `--format gitlab` (GitLab Code Quality) and
//! `--format junit` (parsed as XML), GitHub annotations when there are more than GitHub
//! shows (named files first, a last line counting the rest), and files that cannot be read
//! (a dangling symlink; a file without read permission when not running as root) as located
//! findings while the run goes on.
#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod common;

use common::Site;
use serde_json::Value;

#[test]
fn gitlab_code_quality_has_the_fields_gitlab_documents() {
    let site = Site::with_vague_guide();
    let (code, stdout, _) = site.check(&["--format", "gitlab"]);
    let (code_json, report) = (site.check(&["--format", "json"]).0, site.check_json(&[]));
    assert_eq!(code, code_json, "the exit code is the same as any format's");
    let issues: Value = serde_json::from_str(&stdout).unwrap();
    let issues = issues.as_array().unwrap();
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(issues.len(), findings.len());
    let mut fingerprints = std::collections::BTreeSet::new();
    for (issue, finding) in issues.iter().zip(findings) {
        assert!(issue["description"].as_str().unwrap().starts_with(finding["message"].as_str().unwrap()));
        assert_eq!(issue["check_name"], finding["rule"]);
        assert!(["info", "minor", "major", "critical", "blocker"].contains(&issue["severity"].as_str().unwrap()));
        assert_eq!(issue["location"]["path"], finding["file"]);
        assert_eq!(issue["location"]["lines"]["begin"], finding["line"]);
        assert!(fingerprints.insert(issue["fingerprint"].as_str().unwrap().to_string()), "unique: {issue}");
    }
    assert_eq!(
        issues.iter().filter(|i| i["severity"] == "minor").count(),
        usize::try_from(report["warnings"].as_u64().unwrap()).unwrap()
    );
    // Two identical findings still get two fingerprints.
    site.write("content/twice.md", "---\ntitle: Twice\nreviewed: 2026-11-01\n---\nSoon.\n\nSoon.\n");
    let (_, stdout, _) = site.check(&["--format", "gitlab", "content/twice.md", "--select", "vague-wait"]);
    let issues: Value = serde_json::from_str(&stdout).unwrap();
    let fps: Vec<&str> = issues.as_array().unwrap().iter().map(|i| i["fingerprint"].as_str().unwrap()).collect();
    assert_eq!(fps.len(), 2);
    assert_ne!(fps[0], fps[1]);
}

#[test]
fn junit_is_xml_with_a_suite_per_rule_and_a_failed_case_per_finding() {
    let site = Site::with_vague_guide();
    site.write(
        "content/markup.md",
        "---\ntitle: Markup <&> \"q\"\nreviewed: 2026-11-01\n---\nWe open soon & \"later\".\n",
    );
    let (_, stdout, _) = site.check(&["--format", "junit"]);
    let doc = roxmltree::Document::parse(&stdout).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let report = site.check_json(&[]);
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(root.attribute("tests"), Some(findings.len().to_string().as_str()));
    let suites: Vec<_> = root.children().filter(roxmltree::Node::is_element).collect();
    let mut rules: Vec<&str> = findings.iter().map(|f| f["rule"].as_str().unwrap()).collect();
    rules.sort_unstable();
    rules.dedup();
    assert_eq!(suites.iter().map(|s| s.attribute("name").unwrap()).collect::<Vec<_>>(), rules);
    let mut cases = 0;
    for suite in &suites {
        assert_eq!(suite.tag_name().name(), "testsuite");
        for case in suite.children().filter(roxmltree::Node::is_element) {
            assert_eq!(case.tag_name().name(), "testcase");
            assert_eq!(case.attribute("classname"), suite.attribute("name"));
            let failure = case.children().find(|n| n.has_tag_name("failure")).unwrap();
            assert!(["error", "warning", "note"].contains(&failure.attribute("type").unwrap()));
            assert!(failure.text().unwrap().contains(case.attribute("name").unwrap()));
            cases += 1;
        }
    }
    assert_eq!(cases, findings.len());
    assert!(stdout.contains("We open soon") || stdout.contains("soon"), "{stdout}");

    // No findings: one passing case, still valid XML.
    let (code, stdout, _) = site.check(&["--format", "junit", "--select", "unknown-fact"]);
    assert_eq!(code, 0);
    let doc = roxmltree::Document::parse(&stdout).unwrap();
    assert_eq!(doc.descendants().filter(|n| n.has_tag_name("testcase")).count(), 1);
    assert_eq!(doc.descendants().filter(|n| n.has_tag_name("failure")).count(), 0);
}

#[test]
fn github_shows_named_files_first_and_counts_what_it_cannot_show() {
    let site = Site::with_vague_guide();
    let soon = "Someone will see you soon.\n\n".repeat(11);
    site.write("content/many.md", format!("---\ntitle: Many\nreviewed: 2026-11-01\n---\n{soon}"));
    site.write("content/many.hu.md", "---\ntitle: Sok\nreviewed: 2026-11-01\n---\nA triázs hosszú.\n");
    let (_, stdout, _) = site.check(&["--format", "github", "content/many.md"]);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines[0].contains("file=content/many.md,"), "the named file first: {stdout}");
    assert!(stdout.contains("file=content/many.hu.md,"), "its translation too: {stdout}");
    let warnings = site.check_json(&["content/many.md"])["warnings"].as_u64().unwrap();
    assert!(warnings > 10);
    assert_eq!(
        lines.last().unwrap(),
        &format!(
            "upfront: {} findings not shown as annotations (GitHub shows 10 errors, 10 warnings and 10 notices per \
             step); run `upfront check` for all",
            warnings - 10
        )
    );
    // Without a scope, the report order stays (the translation sorts first).
    let (_, all, _) = site.check(&["--format", "github", "--select", "jargon,vague-wait"]);
    let many: Vec<&str> = all.lines().filter(|l| l.contains("content/many")).collect();
    assert!(many[0].contains("many.hu.md"), "{all}");
}

fn running_as_root() -> bool {
    std::process::Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

#[cfg(unix)]
#[test]
fn unreadable_files_and_dangling_links_are_located_findings_and_the_run_goes_on() {
    let site = Site::with_vague_guide();
    std::os::unix::fs::symlink(site.path("content/nowhere.md"), site.path("content/gone.md")).unwrap();
    let report = site.check_json(&[]);
    let findings = report["findings"].as_array().unwrap();
    let gone = findings.iter().find(|f| f["file"] == "content/gone.md").unwrap();
    assert_eq!(gone["rule"], "front-matter");
    assert!(gone["message"].as_str().unwrap().contains("symlink to a file that does not exist"), "{gone}");
    assert!(findings.iter().any(|f| f["file"] == "content/vague.md"), "the run went on");

    // chmod 000 does not stop root from reading: as root, the binary runs as `nobody` through
    // util-linux's `setpriv` (the site made readable to it), and the half is skipped without it.
    let mut cmd = assert_cmd::Command::cargo_bin("upfront").unwrap();
    if running_as_root() {
        if std::process::Command::new("setpriv").arg("--version").output().is_err() {
            eprintln!("running as root without setpriv: the chmod 000 half of this test is skipped");
            return;
        }
        let status = std::process::Command::new("chmod").arg("-R").arg("a+rX").arg(site.dir.path()).status().unwrap();
        assert!(status.success());
        let bin = cmd.get_program().to_owned();
        cmd = assert_cmd::Command::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"]).arg(bin);
    }
    std::fs::set_permissions(site.path("content/lounge.md"), std::os::unix::fs::PermissionsExt::from_mode(0o000))
        .unwrap();
    let out = cmd
        .current_dir(site.root())
        .args(["check", "--today", "2026-11-23", "--format", "json"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let (code, stdout, stderr) =
        (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(code, 1, "{stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let locked = report["findings"].as_array().unwrap().iter().find(|f| f["file"] == "content/lounge.md").unwrap();
    assert_eq!(locked["rule"], "front-matter");
    assert!(locked["message"].as_str().unwrap().starts_with("cannot read this file"), "{locked}");
    assert!(report["findings"].as_array().unwrap().iter().any(|f| f["file"] == "content/vague.md"));
}
