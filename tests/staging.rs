//! The staging folders beside `--out`: a build removes the ones that interrupted builds
//! (SIGTERM, SIGKILL) left behind, and keeps those of a build that still runs.
#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod common;

use common::Site;

fn beside_out(site: &Site) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".upfront-"))
        .collect();
    names.sort();
    names
}

#[test]
fn stale_staging_folders_are_removed_by_the_next_build() {
    let site = Site::copy_of("basic");
    site.cmd(&["build"]).assert().success();
    // What a build killed mid-render or mid-swap leaves: a partial site with tier folders.
    site.write(".upfront-build-x/vip/lounge/index.html", "vip only");
    site.write(".upfront-build-2147483647-Ab3dEf/member/index.html", "members only");
    site.write(".upfront-old-2147483647-Ab3dEf/index.html", "the site before");
    // A build that is still running (this test's own pid) keeps its folder.
    let running = format!(".upfront-build-{}-Zz9yXw", std::process::id());
    site.write(&format!("{running}/index.html"), "being written");
    site.cmd(&["build"]).assert().success();
    assert_eq!(beside_out(&site), vec![running]);
    assert!(site.path("public/index.html").is_file());
}
