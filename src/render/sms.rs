//! The SMS channel: `sms/messages.json` (every guide's `sms:` text per locale, filled in SMS
//! style, with its encoding, units and segments) and `sms/<locale>.txt` for pasting into an
//! SMS tool. Narrower tiers get their own files under `/<tier>/sms/`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rayon::prelude::*;
use serde::Serialize;

use super::channel::{Channel, RenderContext, Settings};
use crate::diag::Diagnostic;
use crate::model::sms::{self, SmsInfo};
use crate::model::{PageKind, paths};
use crate::output::Output;
use crate::yaml::{Field, Kind, field};

pub struct Sms;

#[derive(Serialize)]
struct Message<'a> {
    guide: &'a str,
    locale: &'a str,
    text: String,
    #[serde(flatten)]
    info: SmsInfo,
}

#[derive(Serialize)]
struct Messages<'a> {
    version: u32,
    messages: Vec<Message<'a>>,
}

/// `channels.sms`.
static FIELDS: [Field; 4] = [
    field("enabled", Kind::Bool),
    field("max_segments", Kind::Int),
    field("strip_accents", Kind::Bool),
    field("merge_fields", Kind::MapOf(&Kind::Int)),
];

static SETTINGS: Settings = Settings::of::<crate::model::config::SmsConfig>(&FIELDS);

impl Channel for Sms {
    fn name(&self) -> &'static str {
        "sms"
    }

    fn settings(&self) -> &'static Settings {
        &SETTINGS
    }

    fn folder(&self) -> Option<&'static str> {
        Some("sms")
    }

    fn text_key(&self) -> Option<&'static str> {
        Some("sms")
    }

    fn render(&self, ctx: &RenderContext, out: &Output) -> anyhow::Result<Vec<Diagnostic>> {
        let site = ctx.site;
        // Tier → messages, sorted by guide then locale (pages are sorted by path, locale).
        let mut by_tier: BTreeMap<&str, Vec<Message>> = BTreeMap::new();
        let settings = site.config.sms();
        let messages: Vec<(&str, Message)> = site
            .pages
            .par_iter()
            .filter(|p| p.kind == PageKind::Guide && !p.draft && p.in_channel("sms") && ctx.tier_included(&p.tier))
            .filter_map(|page| {
                let (text, info) = sms::message(site, page, &settings)?;
                Some((page.tier.as_str(), Message { guide: &page.path, locale: &page.locale, text, info }))
            })
            .collect();
        for (tier, message) in messages {
            by_tier.entry(tier).or_default().push(message);
        }
        for (tier, messages) in by_tier {
            let tier_seg = (tier != site.config.widest_tier()).then_some(tier);
            let dir = paths::page_dir(tier_seg, None, Some("sms"), "");
            let mut per_locale: BTreeMap<&str, String> = BTreeMap::new();
            for m in &messages {
                let txt = per_locale.entry(m.locale).or_default();
                let _ = writeln!(
                    txt,
                    "# {} ({}, {} units, {} message{})",
                    m.guide,
                    m.info.encoding.as_str(),
                    m.info.units,
                    m.info.segments,
                    if m.info.segments == 1 { "" } else { "s" }
                );
                let _ = writeln!(txt, "{}\n", m.text);
            }
            let json = serde_json::to_string_pretty(&Messages { version: 1, messages })?;
            out.write(&format!("{dir}messages.json"), format!("{json}\n").as_bytes())?;
            for (locale, txt) in per_locale {
                out.write(&format!("{dir}{locale}.txt"), txt.as_bytes())?;
            }
        }
        Ok(Vec::new())
    }
}
