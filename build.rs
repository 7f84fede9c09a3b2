//! Rebuild when the embedded theme or sample site changes (`include_dir` cannot tell cargo).

fn main() {
    for path in [
        "templates",
        "starters",
        "content",
        "notices",
        "data",
        "static",
        "i18n",
        "src/locales",
        "upfront.yaml",
        "facts.yaml",
        "glossary.yaml",
    ] {
        println!("cargo:rerun-if-changed={path}");
    }
}
