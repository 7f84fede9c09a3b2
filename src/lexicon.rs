//! The built-in data of each language: one folder per language under `src/locales/`
//! (`ui.yaml` the interface strings, `words.yaml` the text rules' word lists and duration
//! grammar, `jargon.txt` the jargon terms), embedded in the binary. A language is added by
//! adding a folder: nothing here names one.

use std::sync::LazyLock;

use include_dir::{Dir, include_dir};

static LOCALES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/locales");

/// One built-in language's files (each may be missing).
#[derive(Debug)]
pub struct Language {
    /// The folder name: a language code (`en`, `zh`, `hu`).
    pub code: &'static str,
    pub ui: Option<&'static str>,
    pub words: Option<&'static str>,
    pub jargon: Option<&'static str>,
}

static ALL: LazyLock<Vec<Language>> = LazyLock::new(|| {
    let mut all: Vec<Language> = LOCALES
        .dirs()
        .filter_map(|dir| {
            let code = dir.path().file_name()?.to_str()?;
            let file = |name: &str| dir.get_file(dir.path().join(name)).and_then(|f| f.contents_utf8());
            Some(Language { code, ui: file("ui.yaml"), words: file("words.yaml"), jargon: file("jargon.txt") })
        })
        .collect();
    all.sort_by_key(|l| l.code);
    all
});

/// Every built-in language, by code.
pub fn all() -> &'static [Language] {
    &ALL
}

/// The language part of a locale code: `zh` for `zh-Hans`, `pt` for `pt_BR`.
fn base(locale: &str) -> &str {
    locale.split(['-', '_']).next().unwrap_or(locale)
}

/// The built-in data for `locale` (its exact folder, else its language's).
pub fn get(locale: &str) -> Option<&'static Language> {
    let all = all();
    all.iter().find(|l| l.code == locale).or_else(|| all.iter().find(|l| l.code == base(locale)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_folder_is_a_language() {
        let codes: Vec<&str> = super::all().iter().map(|l| l.code).collect();
        assert_eq!(codes, ["en", "hu", "zh"]);
        assert!(super::all().iter().all(|l| l.ui.is_some() && l.words.is_some() && l.jargon.is_some()));
        assert_eq!(super::get("zh-Hans").map(|l| l.code), Some("zh"));
        assert!(super::get("de").is_none());
    }
}
