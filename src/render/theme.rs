//! The theme: built-in templates compiled into the binary, overridden file by file by the
//! site's `templates/`, compiled once per build. Template errors become diagnostics that
//! point into the file that has them.

use std::collections::BTreeMap;

use include_dir::{Dir, include_dir};

use crate::diag::Diagnostic;
use crate::model::Site;

/// The built-in theme (the repository's `templates/`).
pub static BUILT_IN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");

/// Rule id for problems in templates.
pub const RULE: &str = "template";

/// Compiled templates plus the assets (CSS) of the theme.
pub struct Theme {
    pub tera: tera::Tera,
    /// Non-template files of the theme (e.g. `help/style.css`), by name.
    pub assets: BTreeMap<String, Vec<u8>>,
    /// Where each template came from: name → site-relative file (for errors).
    origin: BTreeMap<String, String>,
    /// The most bytes one render may write (`limits.max_page_bytes`).
    budget: usize,
}

fn is_template(name: &str) -> bool {
    std::path::Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["html", "xml", "txt", "json"].contains(&e.to_ascii_lowercase().as_str()))
}

fn built_in_files() -> Vec<(String, &'static [u8])> {
    let mut out = Vec::new();
    let mut stack = vec![&BUILT_IN];
    while let Some(dir) = stack.pop() {
        for f in dir.files() {
            out.push((f.path().to_string_lossy().replace('\\', "/"), f.contents()));
        }
        stack.extend(dir.dirs());
    }
    out
}

impl Theme {
    /// Compile the built-in templates with the site's overrides. On failure, one diagnostic
    /// per broken template.
    pub fn compile(site: &Site) -> Result<Theme, Vec<Diagnostic>> {
        let mut sources: BTreeMap<String, (String, String)> = BTreeMap::new();
        let mut assets = BTreeMap::new();
        for (name, bytes) in built_in_files() {
            if is_template(&name) {
                let text = String::from_utf8_lossy(bytes).into_owned();
                sources.insert(name.clone(), (text, format!("templates/{name} (built in)")));
            } else {
                assets.insert(name, bytes.to_vec());
            }
        }
        for t in &site.templates {
            if is_template(&t.name) {
                sources.insert(t.name.clone(), (t.text.clone(), t.file.clone()));
            } else {
                assets.insert(t.name.clone(), t.text.clone().into_bytes());
            }
        }
        let origin: BTreeMap<String, String> = sources.iter().map(|(n, (_, f))| (n.clone(), f.clone())).collect();

        // Compile each template alone first, so every syntax error is reported, not just one.
        let mut diags = Vec::new();
        for (name, (text, _)) in &sources {
            let mut single = new_tera();
            if let Err(e) = single.add_raw_template(name, text) {
                if matches!(e.kind(), tera::ErrorKind::SyntaxError(_)) {
                    diags.push(to_diagnostic(&e, &origin, name));
                }
            }
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        let mut tera = new_tera();
        tera.add_raw_templates(sources.iter().map(|(n, (t, _))| (n.as_str(), t.as_str())))
            .map_err(|e| vec![to_diagnostic(&e, &origin, "")])?;
        let budget = site.config.limits.page_bytes();
        Ok(Theme { tera, assets, origin, budget })
    }

    /// Render `name` with `context` for the page in `page` (its site file, if the render is
    /// one page's); an error becomes a diagnostic in the template's file. The output is
    /// written into a buffer that refuses to grow past `limits.max_page_bytes`, and Tera stops
    /// at the refused write: a loop that prints without end is an error, not an abort.
    pub fn render(&self, name: &str, context: &tera::Context, page: Option<&str>) -> Result<String, Diagnostic> {
        let mut out = Budget { bytes: Vec::new(), left: self.budget, over: false };
        match self.tera.render_to(name, context, &mut out) {
            Ok(()) => String::from_utf8(out.bytes).map(super::nobr::finish).map_err(|e| {
                Diagnostic::error(
                    RULE,
                    self.file_of(name),
                    None,
                    format!("`{name}` rendered text that is not UTF-8: {e}"),
                )
            }),
            Err(_) if out.over => Err(self.over_budget(name, page)),
            Err(e) => Err(to_diagnostic(&e, &self.origin, name)),
        }
    }

    fn file_of(&self, name: &str) -> String {
        self.origin.get(name).cloned().unwrap_or_else(|| format!("templates/{name}"))
    }

    /// The error for a render that reached the budget: at the template when the site
    /// overrides it (its loops may be what prints too much), else at the page (the built-in
    /// templates print in proportion to the page, so its content, facts filled in, is too
    /// big), else at the built-in template that gathers many pages (print-all).
    fn over_budget(&self, name: &str, page: Option<&str>) -> Diagnostic {
        let template = self.file_of(name);
        let limit = crate::diag::megabytes(self.budget as u64);
        let content_hint =
            "use long text facts fewer times, split the page, or raise `limits: { max_page_bytes: … }` in upfront.yaml";
        let (file, message, hint) = match page {
            _ if !template.ends_with("(built in)") => (
                template.clone(),
                format!(
                    "`{name}` printed more than {limit} for one page{}: a loop that prints too much?",
                    page.map(|p| format!(" ({p})")).unwrap_or_default()
                ),
                "bound the template's loops, or raise `limits: { max_page_bytes: … }` in upfront.yaml if the page is meant to be that big",
            ),
            Some(page) => (
                page.to_string(),
                format!("this page renders to more than {limit} (`{name}` with its facts filled in)"),
                content_hint,
            ),
            None => (
                template.clone(),
                format!(
                    "`{name}` renders to more than {limit}: the guides it gathers are that big with their facts filled in"
                ),
                content_hint,
            ),
        };
        Diagnostic::error(RULE, file, None, message).with_hint(hint)
    }
}

/// A buffer that refuses (an I/O error) any write past `left` bytes.
struct Budget {
    bytes: Vec<u8>,
    left: usize,
    over: bool,
}

impl std::io::Write for Budget {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if buf.len() > self.left {
            self.over = true;
            return Err(std::io::Error::other("the page's output budget is spent"));
        }
        self.left -= buf.len();
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A Tera instance with Upfront's filters: `json` writes a value as JSON that is safe inside
/// an inline `<script>` (`<`, `>`, `&`, U+2028 and U+2029 escaped).
fn new_tera() -> tera::Tera {
    let mut tera = tera::Tera::new();
    tera.register_filter("json", |v: tera::Value, _: tera::Kwargs, _: &tera::State| {
        tera::Value::safe_string(&script_safe_json(&v))
    });
    tera
}

/// JSON text that cannot end a `<script>` element or a JavaScript string early.
pub fn script_safe_json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| "null".to_string())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

fn to_diagnostic(e: &tera::Error, origin: &BTreeMap<String, String>, name: &str) -> Diagnostic {
    let (file_name, span, message) = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            (r.filename().to_string(), Some(r.span().range.clone()), r.message().to_string())
        }
        other => (name.to_string(), None, other.to_string()),
    };
    let file = origin.get(&file_name).cloned().unwrap_or_else(|| format!("templates/{file_name}"));
    // Built-in templates have no site file to point into: report them at 1:1.
    let span = if file.ends_with("(built in)") { None } else { span };
    Diagnostic::error(RULE, file, span, message)
        .with_hint("fix the template (Tera 2 syntax), or delete the override to use the built-in one")
}

#[cfg(test)]
mod tests {
    /// Every fixed id a help or print template writes is one no heading may take.
    #[test]
    fn theme_ids_are_reserved_for_the_templates() {
        let mut found = Vec::new();
        for (name, bytes) in super::built_in_files() {
            if !(name.starts_with("help/") || name.starts_with("print/")) {
                continue;
            }
            let text = String::from_utf8_lossy(bytes);
            for piece in text.split("id=\"").skip(1) {
                let id = piece.split('"').next().unwrap_or_default();
                if !id.contains('{') {
                    found.push(format!("{name}: {id}"));
                }
            }
        }
        let missing: Vec<&String> = found
            .iter()
            .filter(|f| !crate::model::slug::THEME_IDS.iter().any(|id| f.ends_with(&format!(": {id}"))))
            .collect();
        assert!(found.len() >= 10, "{found:?}");
        assert!(missing.is_empty(), "add these to model::slug::THEME_IDS: {missing:?}");
    }

    #[test]
    fn json_filter_is_safe_in_a_script() {
        let mut tera = super::new_tera();
        tera.add_raw_template("t.html", "<script>const d = {{ x | json }};</script>").unwrap_or_default();
        let mut ctx = tera::Context::new();
        ctx.insert("x", &serde_json::json!({ "t": "</script><b>&\u{2028}" }));
        let out = tera.render("t.html", &ctx).unwrap_or_default();
        assert_eq!(out, "<script>const d = {\"t\":\"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\\u2028\"};</script>");
    }
}
