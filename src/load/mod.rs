//! Load: disk → model. The only place that reads files. Every content problem becomes a
//! diagnostic (all of them, in one run); only failures of the tool itself are `Err`.

mod config;
mod content;
mod facts;
pub mod fs;
mod i18n;
mod notices;
pub mod yaml;

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context as _;
use serde::de::DeserializeOwned;

pub use config::is_locale_code;
pub use i18n::built_in_strings;
use yaml::{Kind, Node, NodeKind};

use crate::diag::{Diagnostic, Sources};
use crate::model::{Site, TemplateSource};
use crate::source::SourceFile;

/// What loading a site gives: the site (when its configuration could be read), every
/// diagnostic, and the text of every file a diagnostic may point into.
pub struct Loaded {
    pub site: Option<Site>,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
}

/// Problems found in one YAML document.
#[derive(Debug, Default)]
pub struct Problems(pub Vec<yaml::Problem>);

impl Problems {
    pub fn push(&mut self, span: Range<usize>, message: String, hint: String) {
        self.0.push(yaml::Problem { span, message, hint: Some(hint) });
    }

    pub fn into_result<T>(self, value: T) -> Result<T, Problems> {
        if self.0.is_empty() { Ok(value) } else { Err(self) }
    }

    pub fn into_diagnostics(self, file: &str) -> impl Iterator<Item = Diagnostic> + '_ {
        self.0.into_iter().map(move |p| Diagnostic {
            rule: fs::RULE,
            level: crate::diag::Level::Error,
            file: file.to_string(),
            span: Some(p.span),
            message: p.message,
            hint: p.hint,
        })
    }
}

/// Parse, validate against `kind`, then deserialize one YAML document in `range` of `file`.
pub fn parse_document<T: DeserializeOwned>(
    file: &SourceFile,
    range: Range<usize>,
    kind: &Kind,
    what: &str,
) -> Result<(T, Node), Problems> {
    let node = yaml::parse(file, range.clone())
        .map_err(Problems)?
        .unwrap_or_else(|| Node { span: range.start..range.start, kind: NodeKind::Map(Vec::new()) });
    let mut problems = Vec::new();
    yaml::validate(&node, kind, what, &mut problems);
    if !problems.is_empty() {
        return Err(Problems(problems));
    }
    let value = yaml::deserialize(file, range).map_err(|p| Problems(vec![p]))?;
    Ok((value, node))
}

/// Load the site at `root`. `Err` only when the tool cannot run (no `upfront.yaml`, I/O).
pub fn load_site(root: &Path) -> anyhow::Result<Loaded> {
    let mut sources = Sources::default();
    let mut diagnostics = Vec::new();

    let config_path = root.join("upfront.yaml");
    if !config_path.is_file() {
        anyhow::bail!(
            "no upfront.yaml in {}: this folder is not an Upfront site (run `upfront init DIR` to create one, or pass `--root DIR`)",
            root.display()
        );
    }
    let max = crate::model::config::DEFAULT_MAX_FILE_BYTES;
    let Some(config_file) = read(root, &config_path, max, &mut sources, &mut diagnostics)? else {
        return Ok(Loaded { site: None, diagnostics, sources });
    };
    let config = match config::parse(&config_file) {
        Ok((config, _)) => config,
        Err(p) => {
            diagnostics.extend(p.into_diagnostics(&config_file.path));
            return Ok(Loaded { site: None, diagnostics, sources });
        }
    };
    let max = config.limits.max_file_bytes;

    let facts = match opt_read(root, "facts.yaml", max, &mut sources, &mut diagnostics)? {
        Some(file) => facts::parse(&file, &config).unwrap_or_else(|p| {
            diagnostics.extend(p.into_diagnostics(&file.path));
            BTreeMap::new()
        }),
        None => BTreeMap::new(),
    };

    let strings = i18n::load(root, &config, max, &mut sources, &mut diagnostics)?;
    let pages = content::load(root, &config, max, &mut sources, &mut diagnostics)?;
    let notices = notices::load(root, &config, &pages, max, &mut sources, &mut diagnostics)?;
    let templates = load_templates(root, max, &mut sources, &mut diagnostics)?;

    let (static_paths, walk_problems) = fs::walk(root, &root.join("static"), true);
    diagnostics.extend(walk_problems);
    let static_dir = root.join("static");
    let static_files = static_paths.iter().map(|p| fs::rel_path(&static_dir, p)).collect();

    let site = Site { config, facts, pages, notices, strings, templates, static_files };
    Ok(Loaded { site: Some(site), diagnostics, sources })
}

/// Read one text file; a content problem becomes a diagnostic and `None`.
fn read(
    root: &Path,
    path: &Path,
    max: u64,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> anyhow::Result<Option<Arc<SourceFile>>> {
    match fs::read_text(root, path, max) {
        Ok(file) => {
            let file = Arc::new(file);
            sources.insert_arc(file.clone());
            Ok(Some(file))
        }
        Err(fs::ReadFailure::Content(failure)) => {
            let (d, partial) = *failure;
            if let Some(f) = partial {
                sources.insert(f);
            }
            diagnostics.push(d);
            Ok(None)
        }
        Err(fs::ReadFailure::Io(e)) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// Read `name` under `root` if it exists.
fn opt_read(
    root: &Path,
    name: &str,
    max: u64,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> anyhow::Result<Option<Arc<SourceFile>>> {
    let path = root.join(name);
    if path.exists() { read(root, &path, max, sources, diagnostics) } else { Ok(None) }
}

/// The site's own templates (overrides of the built-in theme, by name).
fn load_templates(
    root: &Path,
    max: u64,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> anyhow::Result<Vec<TemplateSource>> {
    let dir = root.join("templates");
    let (paths, problems) = fs::walk(root, &dir, false);
    diagnostics.extend(problems);
    let mut out = Vec::new();
    for path in paths {
        if let Some(file) = read(root, &path, max, sources, diagnostics)? {
            out.push(TemplateSource {
                name: fs::rel_path(&dir, &path),
                text: file.text.clone(),
                file: file.path.clone(),
            });
        }
    }
    Ok(out)
}
