//! `upfront new guide PATH [--locale L]`: write `content/PATH.md` (or `PATH.<L>.md`) with
//! its front matter filled in, as `hugo new` does. Never overwrites a file.
//!
//! The guide gets no `tier:`: it takes its section's tier (see SPEC, section tiers), which
//! is what a new guide in that folder should have; narrow it by hand if needed.

use std::io::Write as _;
use std::process::ExitCode;

use anyhow::Context as _;

use crate::cli::Global;

pub fn run(global: &Global, path: &str, locale: Option<&str>) -> anyhow::Result<ExitCode> {
    let root = super::site::site_root(global.root.as_deref())?;
    let loaded = crate::load::load_site(&root)?;
    let Some(site) = loaded.site else {
        anyhow::bail!("{} does not load; run `upfront check` and fix its errors first", root.display());
    };
    let config = &site.config;
    let rel = guide_path(path)?;
    let suffix = match locale {
        None => String::new(),
        Some(l) if l == config.default_locale => String::new(),
        Some(l) => {
            anyhow::ensure!(
                config.locales.contains_key(l),
                "`{l}` is not one of this site's locales ({}); add it under `locales:` in upfront.yaml first",
                config.locale_codes().collect::<Vec<_>>().join(", ")
            );
            format!(".{l}")
        }
    };
    let file = root.join("content").join(format!("{rel}{suffix}.md"));
    let today = crate::clock::today_in(config.timezone.as_deref());
    let title = humanize(rel.rsplit('/').next().unwrap_or(&rel));
    let text = format!(
        "---\ntitle: {title}\n# summary: \"One sentence that says what this guide answers.\"\nreviewed: {today}\n---\n\
         Say what happens, step by step. Use plain words. Name each wait with a fact from facts.yaml.\n"
    );
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    }
    let mut out = match std::fs::OpenOptions::new().write(true).create_new(true).open(&file) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            anyhow::bail!("{} already exists; pick another path, or edit that file", file.display())
        }
        Err(e) => return Err(e).with_context(|| format!("cannot create {}", file.display())),
    };
    out.write_all(text.as_bytes()).with_context(|| format!("cannot write {}", file.display()))?;
    let shown = file.strip_prefix(std::env::current_dir().unwrap_or_default()).unwrap_or(&file);
    println!("{}", shown.display());
    Ok(ExitCode::SUCCESS)
}

/// `PATH` cleaned: no `.md`, no leading or trailing `/`, only plain segments.
fn guide_path(path: &str) -> anyhow::Result<String> {
    let p = path.trim().trim_matches('/');
    let p = p.strip_prefix("content/").unwrap_or(p);
    let p = p.strip_suffix(".md").unwrap_or(p);
    let ok = !p.is_empty()
        && p.split('/').all(|s| {
            !s.is_empty()
                && !s.starts_with('.')
                && !s.starts_with('_')
                && s.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        });
    anyhow::ensure!(
        ok,
        "`{path}` is not a guide path; write folders and a name with letters, digits and dashes, e.g. `repairs/new-connections`"
    );
    Ok(p.to_string())
}

/// `new-connections` → "New connections".
fn humanize(segment: &str) -> String {
    let words = segment.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_paths() {
        assert_eq!(humanize("new-connections"), "New connections");
        assert_eq!(humanize("faq"), "Faq");
        assert_eq!(guide_path("/repairs/leaks.md").ok().as_deref(), Some("repairs/leaks"));
        assert!(guide_path("../x").is_err());
        assert!(guide_path("a//b").is_err());
        assert!(guide_path("_index").is_err());
    }
}
