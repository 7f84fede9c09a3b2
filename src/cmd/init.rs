//! `upfront init [DIR]`: write a copy of the bundled sample site (embedded in the binary).

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;
use include_dir::{Dir, include_dir};

static CONTENT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content");
static NOTICES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/notices");
static DATA: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/data");
static STATIC: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/static");
static I18N: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/i18n");
const ROOT_FILES: [(&str, &str); 3] = [
    ("upfront.yaml", include_str!("../../upfront.yaml")),
    ("facts.yaml", include_str!("../../facts.yaml")),
    ("glossary.yaml", include_str!("../../glossary.yaml")),
];

/// Every file of the sample: (path relative to the site root, bytes).
pub fn sample_files() -> Vec<(String, &'static [u8])> {
    let mut out: Vec<(String, &'static [u8])> =
        ROOT_FILES.iter().map(|(n, t)| ((*n).to_string(), t.as_bytes())).collect();
    for (prefix, dir) in
        [("content", &CONTENT), ("notices", &NOTICES), ("data", &DATA), ("static", &STATIC), ("i18n", &I18N)]
    {
        let mut stack = vec![dir];
        while let Some(d) = stack.pop() {
            for f in d.files() {
                out.push((format!("{prefix}/{}", f.path().to_string_lossy()), f.contents()));
            }
            stack.extend(d.dirs());
        }
    }
    out.sort();
    out
}

pub fn run(dir: &Path) -> anyhow::Result<ExitCode> {
    if dir.exists() {
        anyhow::ensure!(dir.is_dir(), "{} is a file; `upfront init` needs an empty or new folder", dir.display());
        let mut entries = std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
        anyhow::ensure!(
            entries.next().is_none(),
            "refusing to write into {}: it is not empty; pick a new folder, e.g. `upfront init my-site`",
            dir.display()
        );
    }
    for (rel, bytes) in sample_files() {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
    }
    eprintln!("created a new site in {}; build it with `upfront --root {} build`", dir.display(), dir.display());
    Ok(ExitCode::SUCCESS)
}
