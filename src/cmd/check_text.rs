//! `upfront check --text FILE|-`: a draft written elsewhere (a social post, an e-mail, a phone
//! script) checked against the site's facts, tiers, word lists and glossary. The draft joins
//! the loaded site as one more page in `--locale`, `--tier` and `--channel`, every rule runs
//! on it (a focused check: the rest of the site is not re-checked), and only the text rules'
//! findings on the draft are reported, positioned in the draft.

use std::io::Read as _;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context as _, bail};

use crate::cli::{CheckArgs, Format, Global};
use crate::diag::{self, Diagnostic, Sources};
use crate::model::{Page, PageKind, Site, Text};
use crate::report;
use crate::source::SourceFile;

/// A draft larger than this is refused (a draft, not a site).
const MAX_BYTES: u64 = 5_000_000;

pub fn run(global: &Global, args: &CheckArgs, input: &str) -> anyhow::Result<ExitCode> {
    let (name, text) = read(input)?;
    let root = super::site::site_root(global.root.as_deref())?;
    let loaded = crate::load::load_site(&root)?;
    let Some(mut site) = loaded.site else {
        // The site itself cannot be read: its own errors are the report.
        let mut diags = loaded.diagnostics;
        diag::sort(&mut diags);
        let (diags, sources) = super::output::from_here(&root, &diags, &loaded.sources);
        eprintln!("check --text: the site's upfront.yaml has errors; fix them first");
        return Ok(super::output::report(&diags, &sources, false));
    };
    let page = draft(&site, args, &name, text)?;
    let source = Arc::clone(&page.source);
    // In order: `Site::page` binary-searches the pages by (path, locale).
    let key = (page.path.clone(), page.locale.clone());
    let index = site.pages.partition_point(|p| (p.path.as_str(), p.locale.as_str()) < (key.0.as_str(), key.1.as_str()));
    site.pages.insert(index, Arc::new(page));
    let today = args.today.unwrap_or_else(|| crate::clock::today_in(site.config.timezone.as_deref()));
    // Only the draft is checked (what a full check finds in it: tests/focused_check.rs), so a
    // draft costs milliseconds on a 10,000-guide site.
    let mut diags: Vec<Diagnostic> = crate::check::check_focused(&site, today, Vec::new(), &[index])
        .into_iter()
        .filter(|d| d.file == name && crate::check::rule(d.rule).is_some_and(|r| r.judges_text))
        .collect();
    diag::sort(&mut diags);
    let mut sources = Sources::default();
    sources.insert_arc(source);
    let color = if args.output_file.is_some() {
        crate::report::color::color_for(false)
    } else {
        crate::report::color::use_color(&std::io::stdout())
    };
    let text = match args.format {
        Format::Human if args.statistics => report::human::statistics(&diags),
        Format::Human if args.quiet => report::human::findings(&diags, &sources, color),
        Format::Human if diags.is_empty() => format!("checked {name}: no problems\n"),
        format => super::output::render(format, &diags, &sources, color)?,
    };
    super::output::write_report(args, &text)?;
    Ok(super::output::exit_code(&diags, args.deny_warnings))
}

/// The draft's name in reports (the path as given, or `<stdin>`) and its text.
fn read(input: &str) -> anyhow::Result<(String, String)> {
    let mut bytes = Vec::new();
    let name = if input == "-" {
        std::io::stdin().take(MAX_BYTES + 1).read_to_end(&mut bytes).context("cannot read the draft from stdin")?;
        "<stdin>".to_string()
    } else {
        let file = std::fs::File::open(input).with_context(|| format!("cannot read the draft {input}"))?;
        anyhow::ensure!(!file.metadata().is_ok_and(|m| m.is_dir()), "the draft {input} is a folder; name a text file");
        file.take(MAX_BYTES + 1).read_to_end(&mut bytes).with_context(|| format!("cannot read the draft {input}"))?;
        input.replace('\\', "/")
    };
    anyhow::ensure!(
        bytes.len() as u64 <= MAX_BYTES,
        "the draft {name} is larger than {} MB; check a draft, not a whole site",
        MAX_BYTES / 1_000_000
    );
    match String::from_utf8(bytes) {
        Ok(text) => Ok((name, text)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            bail!("the draft {name} is not UTF-8 text (an invalid byte at offset {at}); save it as UTF-8")
        }
    }
}

/// The draft as a page of the site: no front matter, Markdown body in `--locale` and `--tier`,
/// published in `--channel` (`sms`: the whole text is the page's SMS text).
fn draft(site: &Site, args: &CheckArgs, name: &str, text: String) -> anyhow::Result<Page> {
    let config = &site.config;
    let locale = args.locale.clone().unwrap_or_else(|| site.default_locale().to_string());
    if !config.locale_codes().any(|l| l == locale) {
        bail!("--locale {locale}: the site has no such locale{}", nearest(&locale, config.locale_codes()));
    }
    let tier = args.tier.clone().unwrap_or_else(|| config.widest_tier().to_string());
    if !config.tier_names().contains(&tier.as_str()) {
        bail!("--tier {tier}: the site has no such tier{}", nearest(&tier, config.tier_names().into_iter()));
    }
    let channel = args.channel.clone().unwrap_or_else(|| "help".to_string());
    let known = crate::render::page_channels();
    if !known.contains(&channel.as_str()) {
        bail!("--channel {channel}: no such channel{}", nearest(&channel, known.iter().copied()));
    }
    let len = text.len();
    // A channel with a text of its own (`sms`): the whole draft is that text.
    let key = crate::render::channels().find(|c| c.name() == channel).and_then(crate::render::Channel::text_key);
    let channel_text: std::collections::BTreeMap<&'static str, Text> =
        key.map(|k| (k, Text { value: text.clone(), base: Some(0), span: 0..len })).into_iter().collect();
    let source = Arc::new(SourceFile::new(name, text));
    Ok(Page {
        kind: PageKind::Guide,
        // A path no guide can have (slugs never hold `<`), so links and translations never
        // resolve to the draft.
        path: "<draft>".into(),
        locale,
        source,
        body_start: if channel_text.is_empty() { 0 } else { len },
        title: Text::default(),
        summary: None,
        tier,
        channels: vec![channel],
        reviewed: None,
        owner: None,
        steps: Vec::new(),
        show_total: false,
        channel_text,
        ignore: Vec::new(),
        aliases: Vec::new(),
        alias_spans: Vec::new(),
        draft: false,
        weight: None,
        key_spans: std::collections::BTreeMap::new(),
        front_span: 0..0,
    })
}

/// "; did you mean `zh`?" or nothing.
fn nearest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> String {
    let all: Vec<&str> = candidates.collect();
    match crate::yaml::nearest(word, all.iter().copied()) {
        Some(n) => format!("; did you mean `{n}`? (the site has {})", all.join(", ")),
        None => format!(" (the site has {})", all.join(", ")),
    }
}
