//! `check`'s report options through the binary: `--output-file`, `--quiet`, `--statistics`,
//! `--color` with `NO_COLOR` / `FORCE_COLOR`, and GitHub annotations of a finding that spans
//! lines (GitHub's syntax takes columns only on one line).
#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod common;

use common::Site;

fn run(site: &Site, args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let mut cmd = site.cmd(&[]);
    cmd.env_remove("NO_COLOR").env_remove("FORCE_COLOR");
    cmd.args(["check", "--today", "2026-11-23"]).args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn the_report_goes_to_the_output_file_and_the_exit_code_stays() {
    let site = Site::with_vague_guide();
    let (code, stdout) = run(&site, &["--format", "json"], &[]);
    let file = site.dir.path().join("reports/r.json");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let (code_file, stdout_file) = run(&site, &["--format", "json", "--output-file", file.to_str().unwrap()], &[]);
    assert_eq!(code, code_file);
    assert!(stdout_file.is_empty(), "nothing on stdout: {stdout_file}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), stdout, "the same bytes as stdout");
    // build takes it too.
    let out = site
        .cmd(&["build", "--today", "2026-11-23", "--format", "sarif", "--output-file"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(std::fs::read_to_string(&file).unwrap().contains("\"version\": \"2.1.0\""));
}

#[test]
fn quiet_drops_the_summary_and_statistics_count_per_rule() {
    let site = Site::with_vague_guide();
    let (_, full) = run(&site, &[], &[]);
    let (_, quiet) = run(&site, &["--quiet"], &[]);
    let summary = full.lines().last().unwrap();
    assert!(summary.contains(" errors, ") || summary.contains(" error, "), "{summary}");
    assert!(!quiet.contains(summary), "--quiet has no summary line");
    assert!(quiet.contains("content/vague.md:5:22: warning[vague-wait]"), "{quiet}");
    let (code, stats) = run(&site, &["--statistics"], &[]);
    assert_eq!(code, 0);
    assert!(stats.lines().any(|l| l.trim_start().starts_with("2  vague-wait [warning]")), "{stats}");
    assert_eq!(stats.lines().last(), Some(summary), "then the same summary");
    assert!(!stats.contains("content/vague.md:"), "counts, not findings");
}

#[test]
fn color_follows_the_flag_then_force_color_then_no_color() {
    let site = Site::with_vague_guide();
    let esc = |s: &str| s.contains('\u{1b}');
    assert!(!esc(&run(&site, &[], &[]).1), "not a terminal: no colour");
    assert!(esc(&run(&site, &["--color", "always"], &[]).1));
    assert!(esc(&run(&site, &[], &[("FORCE_COLOR", "1")]).1));
    assert!(!esc(&run(&site, &[], &[("FORCE_COLOR", "0")]).1));
    assert!(!esc(&run(&site, &["--color", "never"], &[("FORCE_COLOR", "1")]).1));
    assert!(esc(&run(&site, &["--color", "always"], &[("NO_COLOR", "1")]).1), "the flag wins");
}

#[test]
fn a_github_annotation_over_two_lines_has_no_columns() {
    let site = Site::with_vague_guide();
    let (_, out) = run(&site, &["--format", "github"], &[]);
    let one = out.lines().find(|l| l.contains("file=content/vague.md,line=5,")).unwrap();
    assert!(one.contains(",col=22,endLine=5,endColumn=26,"), "{one}");
    let two = out.lines().find(|l| l.contains("file=content/vague.md,line=7,")).unwrap();
    assert!(two.starts_with("::warning file=content/vague.md,line=7,endLine=8,title=vague-wait::"), "{two}");
    assert!(!two.contains("col="), "{two}");
}

#[test]
fn findings_name_files_from_the_folder_upfront_runs_in() {
    let site = Site::with_vague_guide();
    let parent = site.dir.path();
    let nested = parent.join("docs/help");
    std::fs::create_dir_all(parent.join("docs")).unwrap();
    std::fs::rename(site.root(), &nested).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("upfront");
    let check = |dir: &std::path::Path, args: &[&str]| {
        let out = std::process::Command::new(&bin)
            .current_dir(dir)
            .args(args)
            .args(["check", "--today", "2026-11-23", "--format", "github"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    // `--root docs/help` from the repository root: annotations point at docs/help/content/….
    let from_repo = check(parent, &["--root", "docs/help"]);
    assert!(from_repo.contains("file=docs/help/content/vague.md,line=5,"), "{from_repo}");
    // No --root: upfront.yaml is found in a parent folder, and paths lead back to it.
    let from_content = check(&nested.join("content"), &[]);
    assert!(from_content.contains("file=../content/vague.md,line=5,"), "{from_content}");
    // Run at the site root, paths are the site's own.
    assert!(check(&nested, &[]).contains("file=content/vague.md,line=5,"));
}
