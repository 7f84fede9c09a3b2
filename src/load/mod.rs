//! Load: disk → model. The only place that reads files. Every content problem becomes a
//! diagnostic (all of them, in one run); only failures of the tool itself are `Err`.

mod aliases;
mod brand;
mod config;
mod content;
mod data;
mod facts;
pub(crate) mod fs;
mod glossary;
mod i18n;
mod loader;
mod measured;
mod notices;
mod start;
mod survey;
pub(crate) mod tiers;

use std::path::Path;
use std::sync::Arc;

use anyhow::Context as _;

pub(crate) use config::parse as parse_config;
pub use config::{WORDS, is_locale_code};
pub(crate) use content::parse_page;
pub(crate) use facts::parse as parse_facts;
pub use i18n::built_in_strings;
pub use loader::{Loaded, Loader, Problems, parse_document, text_of};
pub use measured::{Measured, load_measured};
pub use survey::load_survey;

use crate::diag::{Diagnostic, Sources};
use crate::model::{Site, TemplateSource};
use crate::source::SourceFile;

/// Load the site at `root`. `Err` only when the tool cannot run (no `upfront.yaml`, I/O).
pub fn load_site(root: &Path) -> anyhow::Result<Loaded> {
    let root = &start::site_root(root)?;
    let mut loader = Loader::new(root);
    let Some((config_file, mut config, config_node)) = start::config(&mut loader)? else {
        return Ok(loader.finish(None));
    };
    let facts::Parsed { facts, broken: broken_facts, .. } = start::facts(&mut loader, &config)?;
    let measurements = data::load(&mut loader, &facts)?;
    let glossary = glossary::load(&mut loader, &config)?;
    let strings = i18n::load(&mut loader, &config, &config_node)?;
    let pages = content::load(&mut loader, &config)?;
    let notices = notices::load(&mut loader, &config, &pages)?;
    loader.diagnostics.extend(config::check_screens(&config, &config_node, &pages).into_diagnostics(&config_file.path));
    let templates = load_templates(&mut loader)?;
    let (static_files, problems) = fs::static_files(root);
    loader.diagnostics.extend(problems);
    brand::locate_menus(&mut config, &config_node);
    loader
        .diagnostics
        .extend(brand::check(&config, &config_node, &pages, &static_files).into_diagnostics(&config_file.path));
    loader.diagnostics.extend(aliases::check(&pages, &static_files, &config));

    let site = Site {
        config,
        config_source: config_file,
        facts,
        broken_facts,
        pages: pages.into_iter().map(std::sync::Arc::new).collect(),
        notices,
        strings,
        templates,
        static_files,
        measurements,
        glossary,
    };
    Ok(loader.finish(Some(site)))
}

/// Read and parse one file under `content/` again (`serve`, after an edit): the page when
/// it parsed, its diagnostics, and the file. `Err` only when the tool cannot read it.
pub fn load_page(
    root: &Path,
    config: &crate::model::Config,
    path: &Path,
) -> anyhow::Result<(Option<crate::model::Page>, Vec<Diagnostic>, Sources)> {
    let canonical = root.canonicalize().with_context(|| format!("cannot read the site root {}", root.display()))?;
    let path = &canonical.join(path.strip_prefix(root).unwrap_or(path));
    let root = canonical.as_path();
    let mut loader =
        Loader { root, max: config.limits.max_file_bytes, sources: Sources::default(), diagnostics: Vec::new() };
    let Some(file) = loader.read(path)? else { return Ok((None, loader.diagnostics, loader.sources)) };
    let (page, diags) = content::parse_page(&file, &fs::rel_path(&root.join("content"), path), config);
    loader.diagnostics.extend(diags);
    Ok((page, loader.diagnostics, loader.sources))
}

/// A guide or section from text that is not on disk (an editor's unsaved buffer): `rel` is its
/// path from the site root (`content/emergency/visit.md`). The same parse as [`load_page`].
pub fn parse_page_text(
    config: &crate::model::Config,
    rel: &str,
    text: String,
) -> (Option<crate::model::Page>, Vec<Diagnostic>, Arc<SourceFile>) {
    let file = Arc::new(SourceFile::new(rel, text));
    let in_content = rel.strip_prefix("content/").unwrap_or(rel);
    let (page, diags) = content::parse_page(&file, in_content, config);
    (page, diags, file)
}

/// The site's own templates (overrides of the built-in theme, by name).
fn load_templates(loader: &mut Loader) -> anyhow::Result<Vec<TemplateSource>> {
    let dir = loader.root.join("templates");
    let mut out = Vec::new();
    for path in loader.walk(&dir, false) {
        if let Some(file) = loader.read(&path)? {
            out.push(TemplateSource {
                name: fs::rel_path(&dir, &path),
                text: file.text.clone(),
                file: file.path.clone(),
            });
        }
    }
    Ok(out)
}

/// Each hand-written schema (which gives every located, all-at-once message) lists exactly the
/// keys its serde type reads, at every level: the two cannot drift apart unnoticed.
#[cfg(test)]
mod schemas {
    use crate::yaml::{Kind, drift_everywhere};

    #[test]
    fn schemas_match_their_types() {
        static SECTION: Kind = Kind::Struct(&super::content::SECTION);
        static NOTICE: Kind = Kind::Struct(&super::notices::NOTICE);
        // `channels.<name>` is each channel's (render's test checks those against their types).
        let drift = drift_everywhere::<crate::model::Config>(&Kind::Struct(super::config::CONFIG.as_slice()));
        assert_eq!(drift.iter().filter(|d| !d.starts_with("channels")).collect::<Vec<_>>(), Vec::<&String>::new());
        // A channel's own text (`sms:`) is read from the tree by its key, not by serde.
        let texts: Vec<String> = crate::render::channel_text_keys()
            .iter()
            .map(|k| format!("(top): the schema lists `{k}`, the type does not read it"))
            .collect();
        let guide = Kind::Struct(super::content::GUIDE.as_slice());
        assert_eq!(drift_everywhere::<crate::model::FrontMatter>(&guide), texts);
        // A section's front matter is a guide's without the guide-only keys.
        let guide_only =
            ["steps", "total"].map(|k| format!("(top): the type reads `{k}`, the schema does not list it"));
        assert_eq!(drift_everywhere::<crate::model::FrontMatter>(&SECTION), guide_only);
        assert_eq!(drift_everywhere::<super::notices::RawNotice>(&NOTICE), Vec::<String>::new());
    }
}
