//! A test-only channel: the script a receptionist reads out on the phone, one plain-text
//! file per guide and locale (`staff-script/<locale>/<guide>.txt`), ending with the guide's
//! own `staff-script:` text when it has one. It exists to show, and to test, that a channel
//! is this one file plus one line in `render/mod.rs`'s list: its settings are checked in
//! upfront.yaml with every other key, pages name it in `channels:`, its front-matter text is
//! accepted and checked by the text rules, `build --channels staff-script` and
//! `enabled: false` work, and a guide cannot be called `staff-script`. Compiled into the
//! library's unit tests only (`#[cfg(test)]`).

use std::fmt::Write as _;

use super::channel::{Channel, RenderContext, Settings};
use crate::diag::Diagnostic;
use crate::model::{PageKind, Style};
use crate::output::Output;
use crate::yaml::{Kind, field};

pub struct StaffScript;

/// `channels.staff-script`.
static SETTINGS: Settings =
    Settings::of::<ScriptSettings>(&[field("enabled", Kind::Bool), field("opening", Kind::Str)]);

/// What `channels.staff-script` holds.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ScriptSettings {
    #[allow(dead_code)]
    enabled: Option<bool>,
    /// The line the script opens with.
    opening: Option<String>,
}

impl Channel for StaffScript {
    fn name(&self) -> &'static str {
        "staff-script"
    }

    fn settings(&self) -> &'static Settings {
        &SETTINGS
    }

    fn folder(&self) -> Option<&'static str> {
        Some("staff-script")
    }

    fn text_key(&self) -> Option<&'static str> {
        Some("staff-script")
    }

    fn render(&self, ctx: &RenderContext, out: &Output) -> anyhow::Result<Vec<Diagnostic>> {
        let site = ctx.site;
        let settings: ScriptSettings = site.config.channel_settings(self.name());
        for page in site.pages.iter().filter(|p| {
            p.kind == PageKind::Guide && !p.draft && p.in_channel(self.name()) && ctx.tier_included(&p.tier)
        }) {
            let mut script = String::new();
            if let Some(opening) = &settings.opening {
                let _ = writeln!(script, "{opening}");
            }
            let _ = writeln!(script, "{}", site.interpolate(&page.title.value, &page.locale, Style::Sms));
            for (i, step) in page.steps.iter().enumerate() {
                let title = site.interpolate(&step.title.value, &page.locale, Style::Sms);
                let _ = writeln!(script, "{}. {title}", i + 1);
            }
            if let Some(own) = page.channel_text(self.name()) {
                let _ = writeln!(script, "{}", site.interpolate(&own.value, &page.locale, Style::Sms));
            }
            out.write(&format!("staff-script/{}/{}.txt", page.locale, page.path), script.as_bytes())?;
        }
        Ok(Vec::new())
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use clap::Parser as _;

    /// A copy of `tests/fixtures/staff-script` with `channels` as upfront.yaml's `channels:`
    /// block, and a `staff-script:` text in the visit guide (keys the `upfront` binary, which
    /// does not have this channel, would refuse).
    fn site(channels: &str) -> (tempfile::TempDir, PathBuf) {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/staff-script");
        let dir = tempfile::tempdir().unwrap();
        for entry in walkdir::WalkDir::new(&fixture) {
            let entry = entry.unwrap();
            let to = dir.path().join(entry.path().strip_prefix(&fixture).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
        let config = dir.path().join("upfront.yaml");
        let text = std::fs::read_to_string(&config).unwrap();
        std::fs::write(&config, format!("{text}channels:\n{channels}")).unwrap();
        let visit = dir.path().join("content/visit.md");
        let text = std::fs::read_to_string(&visit).unwrap().replacen(
            "reviewed: 2026-11-20\n",
            "reviewed: 2026-11-20\nstaff-script: \"Most callers see the nurse within {{ nurse.wait }}.\"\n",
            1,
        );
        std::fs::write(&visit, text).unwrap();
        let root = dir.path().to_path_buf();
        (dir, root)
    }

    /// Run `upfront` with `args` on `root` (build into `root/public`): the exit code
    /// (`ExitCode` has no accessor: 0 for success, else 1).
    fn upfront(root: &Path, args: &[&str]) -> u8 {
        let mut cli = vec!["upfront", "--root", root.to_str().unwrap()];
        cli.extend(args);
        u8::from(crate::cmd::run(&crate::cli::Cli::try_parse_from(cli).unwrap()) != std::process::ExitCode::SUCCESS)
    }

    #[test]
    fn a_registered_channel_renders_its_pages() {
        let (_dir, root) = site("  staff-script:\n    opening: \"Thank you for calling Greenfield.\"\n");
        assert_eq!(upfront(&root, &["build", "--today", "2026-12-01"]), 0);
        let script = std::fs::read_to_string(root.join("public/staff-script/en/visit.txt")).unwrap();
        assert_eq!(
            script,
            "Thank you for calling Greenfield.\nYour visit\n1. Check in\n2. See the nurse\n\
             Most callers see the nurse within 10-20 minutes.\n"
        );
        // A guide that leaves the channel out of its `channels:` is not in it.
        assert!(!root.join("public/staff-script/en/online-only.txt").exists());
        assert!(root.join("public/visit/index.html").exists(), "the other channels still render");
    }

    #[test]
    fn its_settings_are_checked_and_it_can_be_turned_off() {
        let (_dir, root) = site("  staff-script:\n    openin: Hello\n");
        let report = root.join("report.json");
        let code = upfront(
            &root,
            &["check", "--today", "2026-12-01", "--format", "json", "--output-file", report.to_str().unwrap()],
        );
        assert_eq!(code, 1);
        let json = std::fs::read_to_string(&report).unwrap();
        assert!(json.contains("unknown key `openin` in staff-script"), "{json}");
        assert!(json.contains("did you mean `opening`?"), "{json}");

        let (_dir, root) = site("  staff-script:\n    enabled: false\n");
        assert_eq!(upfront(&root, &["build", "--today", "2026-12-01"]), 0);
        assert!(!root.join("public/staff-script").exists());
        assert!(root.join("public/visit/index.html").exists());
    }

    #[test]
    fn pages_name_it_and_build_can_render_it_alone() {
        let (_dir, root) = site("  help: { enabled: true }\n");
        assert_eq!(upfront(&root, &["build", "--today", "2026-12-01", "--channels", "staff-script"]), 0);
        assert!(root.join("public/staff-script/en/visit.txt").exists());
        assert!(!root.join("public/visit/index.html").exists(), "only the channel asked for");
        // Its folder is an output folder: a guide cannot take its name.
        std::fs::write(root.join("content/staff-script.md"), "---\ntitle: Clash\n---\nBody.\n").unwrap();
        assert_eq!(upfront(&root, &["check", "--today", "2026-12-01"]), 1);
    }

    #[test]
    fn its_own_front_matter_text_is_checked() {
        let (_dir, root) = site("  staff-script: {}\n");
        let visit = std::fs::read_to_string(root.join("content/visit.md")).unwrap();
        let vague = visit.replace("within {{ nurse.wait }}", "shortly");
        std::fs::write(root.join("content/visit.md"), vague).unwrap();
        let report = root.join("report.json");
        upfront(
            &root,
            &["check", "--today", "2026-12-01", "--format", "json", "--output-file", report.to_str().unwrap()],
        );
        let json = std::fs::read_to_string(&report).unwrap();
        assert!(json.contains("\"rule\": \"vague-wait\""), "{json}");
        assert!(json.contains("\"line\": 5"), "the finding is on the staff-script: line: {json}");
    }

    #[test]
    fn every_channel_settings_schema_matches_its_type() {
        // (`status.json` takes no settings.)
        for channel in super::super::channels().filter(|c| !c.settings().fields.is_empty()) {
            let settings = channel.settings();
            assert_eq!(
                (settings.drift)(&crate::yaml::Kind::Struct(settings.fields)),
                Vec::<String>::new(),
                "{}",
                channel.name()
            );
        }
    }
}
