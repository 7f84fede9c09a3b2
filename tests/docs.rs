//! `docs/rules.md` is generated from the rules' metadata; this test fails when it is stale.
//! Regenerate with `UPFRONT_BLESS=1 cargo test --test docs`.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

#[test]
fn rules_doc_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let generated = upfront::check::docs::rules_markdown();
    if std::env::var_os("UPFRONT_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(on_disk == generated, "docs/rules.md is stale: run `UPFRONT_BLESS=1 cargo test --test docs`");
}

#[test]
fn every_rule_is_documented() {
    for r in upfront::check::RULES {
        let documented =
            r.summary != "TODO" && r.doc.contains("**Bad**") && r.doc.contains("**Good**") && r.doc.contains("**Fix**");
        assert!(documented, "{}: summary or doc (Bad, Good, Fix) missing", r.id);
    }
}
