//! `sms-too-long`: a page's `sms:` text, with its facts filled in SMS style, that takes more
//! messages than `channels.sms.max_segments` (GSM-7 / UCS-2 aware, via `model::sms`).

use std::collections::BTreeMap;
use std::ops::Range;

use crate::check::rule::Rule;
use crate::diag::{Diagnostic, Level};
use crate::model::config::SmsConfig;
use crate::model::sms::{self, Encoding, SmsInfo};
use crate::model::{Page, Site, Style, Text, interp};

pub static RULE: Rule = Rule {
    id: "sms-too-long",
    level: Level::Warning,
    judges_text: true,
    summary: "an SMS text over `max_segments` (GSM-7 / UCS-2 aware)",
    doc: r#"Finds a page's `sms:` text that, once its facts are filled in (in SMS style, for
the page's locale), is sent as more messages than `channels.sms.max_segments` allows.

**Why**: a long SMS arrives in pieces, out of order on some phones, and each piece costs.
A text in GSM-7 fits 160 characters (153 per part when split); one character outside
GSM-7 (an en dash `–`, curly quotes, an emoji, Hungarian `ő` `ű` `á`, Chinese) switches the
*whole* message to UCS-2: 70 characters (67 per part). `€ [ ] { } \ ^ ~ |` count twice in
GSM-7. The finding names the character that forced UCS-2 and points at it.

**Bad** (`max_segments: 1`): `sms: "A crew arrives within {{ repair.arrival }} – call {{ phone.support }} if the water comes back brown while you wait for the crew."`
(the en dash makes it UCS-2: 101 units, 2 messages)

**Good**: `sms: "A crew arrives within {{ repair.arrival }} - call {{ phone.support }} if the water comes back brown while you wait for the crew."`
(GSM-7: 101 septets, 1 message)

**Fix**: replace typographic punctuation with its plain form (`–` → `-`, `’` → `'`), or
shorten the text. For Hungarian, `channels.sms.strip_accents: true` sends `ő` as `ö` and
`á` as `a`, which keeps a text in GSM-7.

**Merge fields**: `[[date]]` is a field the sending system fills in (an appointment's date,
a name). Upfront leaves it untouched and counts it at the length declared in
`channels.sms.merge_fields` (`{ date: 10 }`: ten GSM-7 characters). A merge field that is
not declared is an error at its position: its length cannot be counted.

**Settings**: `channels.sms.max_segments` (default 2); `channels.sms.strip_accents`
(default false); `channels.sms.merge_fields` (none). Pages outside the `sms` channel are not
checked."#,
    run: |ctx, out| run(ctx.site, ctx.pages(), out),
};

const DEFAULT_MAX_SEGMENTS: usize = 2;

/// A filled placeholder: its bytes in the SMS text, and the placeholder's bytes in the source.
type Filled = (Range<usize>, Range<usize>);

/// The SMS text of `text` for `locale`, and for each filled placeholder its byte range in
/// the output and the placeholder's range in `text` (so a character maps back to the source).
fn fill(site: &Site, text: &str, locale: &str) -> (String, Vec<Filled>) {
    let (found, _) = interp::scan(text);
    let mut out = String::with_capacity(text.len());
    let mut filled = Vec::new();
    let mut last = 0;
    for p in found {
        out.push_str(&text[last..p.span.start]);
        if let Some(v) = site.render_fact(&p.name, locale, Style::Sms) {
            let start = out.len();
            out.push_str(&v);
            filled.push((start..out.len(), p.span.clone()));
        } else {
            out.push_str(&text[p.span.clone()]);
        }
        last = p.span.end;
    }
    out.push_str(&text[last..]);
    (out, filled)
}

/// Byte offset in the written text of the output byte `at`, or the placeholder it came from.
fn source_of(at: usize, filled: &[Filled]) -> Result<usize, Range<usize>> {
    let mut mapped = at;
    for (out, src) in filled {
        if out.contains(&at) {
            return Err(src.clone());
        }
        if out.end <= at {
            mapped = mapped + src.len() - out.len();
        }
    }
    Ok(mapped)
}

/// `text` with typographic punctuation replaced by its GSM-7 form (letters kept).
fn plain_punctuation(text: &str) -> String {
    text.chars()
        .map(|c| match sms::gsm_fallback(c) {
            Some(s) if sms::is_typographic(c) && sms::gsm_septets(c).is_none() => s.to_string(),
            _ => c.to_string(),
        })
        .collect()
}

fn hint(info: &SmsInfo, max: usize, text: &str, strip: bool) -> String {
    let shorten = format!(
        "shorten the text to at most {} {}",
        sms::max_units(info.encoding, max),
        if info.encoding == Encoding::Gsm7 { "septets" } else { "UTF-16 units" }
    );
    let Some(f) = info.forcing else { return shorten };
    match sms::gsm_fallback(f.ch) {
        Some(plain) if sms::is_typographic(f.ch) => {
            let fixed = sms::analyze(&plain_punctuation(text));
            if fixed.segments <= max {
                return format!(
                    "replace `{}` with `{plain}` (and other typographic punctuation with its plain form): the text then fits in {} message{} ({}, {} units)",
                    f.ch,
                    fixed.segments,
                    crate::plural::s(fixed.segments),
                    fixed.encoding.as_str(),
                    fixed.units,
                );
            }
            format!("replace `{}` with `{plain}`, and {shorten}", f.ch)
        }
        Some(_) if !strip => {
            let stripped = sms::analyze(&sms::strip_accents(text));
            if stripped.segments <= max {
                return format!(
                    "{shorten}, or set `channels.sms.strip_accents: true` (then {}, {} message{})",
                    stripped.encoding.as_str(),
                    stripped.segments,
                    crate::plural::s(stripped.segments)
                );
            }
            shorten
        }
        _ => shorten,
    }
}

/// A located error for each merge field of the text that `channels.sms.merge_fields` does
/// not declare.
fn undeclared_fields(page: &Page, sms_text: &Text, declared: &BTreeMap<String, usize>, out: &mut Vec<Diagnostic>) {
    for field in sms::merge_fields(&sms_text.value) {
        if declared.contains_key(field.name) {
            continue;
        }
        let message = format!(
            "`[[{}]]` is not a declared SMS merge field, so the length of the SMS cannot be counted",
            field.name
        );
        let hint = match crate::suggest::nearest(field.name, declared.keys().map(String::as_str)) {
            Some(near) => format!("did you mean `[[{near}]]`? Or declare it in upfront.yaml"),
            None => "declare it in upfront.yaml with the most characters its value takes".to_string(),
        } + &format!(": `channels: {{ sms: {{ merge_fields: {{ {}: 10 }} }} }}`", field.name);
        let d = RULE.finding(page.source.path.as_str(), Some(sms_text.span_of(field.span)), message).with_hint(hint);
        out.push(Diagnostic { level: Level::Error, ..d });
    }
}

fn check_page(site: &Site, page: &Page, sms_text: &Text, settings: &SmsConfig, out: &mut Vec<Diagnostic>) {
    let max = settings.max_segments.and_then(|n| usize::try_from(n).ok()).unwrap_or(DEFAULT_MAX_SEGMENTS);
    let declared = &settings.merge_fields;
    undeclared_fields(page, sms_text, declared, out);
    let (filled, map) = fill(site, &sms_text.value, &page.locale);
    let strip = settings.strip_accents == Some(true);
    let sent = if strip { sms::strip_accents(&filled) } else { filled.clone() };
    // Declared merge fields count at their declared length.
    let (counted, fields) = sms::counted(&sent, declared);
    let mut info = sms::analyze(&counted);
    if info.segments <= max {
        return;
    }
    if let Some(f) = &mut info.forcing {
        f.byte = source_of(f.byte, &fields).unwrap_or(f.byte);
    }
    let unit = if info.encoding == Encoding::Gsm7 { "septets" } else { "UTF-16 units" };
    let mut detail = format!("{}, {} {unit}", info.encoding.as_str(), info.units);
    let mut span = sms_text.span.clone();
    if let Some(f) = info.forcing {
        detail = format!("{detail}; `{}` forces UCS-2", f.ch);
        // With `strip_accents` the sent text differs from the filled one; point at the value.
        if !strip {
            match source_of(f.byte, &map) {
                Ok(at) => span = sms_text.span_of(at..at + f.ch.len_utf8()),
                Err(placeholder) => detail = format!("{detail}, from `{}`", &sms_text.value[placeholder]),
            }
        }
    }
    let message = format!("SMS text needs {} messages ({detail}), over the limit of {max}", info.segments);
    let d = RULE.finding(page.source.path.as_str(), Some(span), message).with_hint(hint(&info, max, &counted, strip));
    out.push(d);
}

fn run<'a>(site: &Site, pages: impl Iterator<Item = &'a crate::model::Page>, out: &mut Vec<Diagnostic>) {
    let settings = site.config.sms();
    for page in pages.filter(|p| p.in_channel("sms")) {
        if let Some(t) = page.channel_text("sms") {
            check_page(site, page, t, &settings, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_output_bytes_back_to_the_source() {
        // "A {{ x }} ő": the placeholder (2..9) became "10-30" (2..7).
        let filled = vec![(2..7, 2..9)];
        assert_eq!(source_of(0, &filled), Ok(0));
        assert_eq!(source_of(3, &filled), Err(2..9));
        assert_eq!(source_of(8, &filled), Ok(10));
    }

    #[test]
    fn hints() {
        let text = format!("{}–", "a".repeat(100));
        let info = sms::analyze(&text);
        assert!(hint(&info, 1, &text, false).contains("the text then fits in 1 message (GSM-7, 101 units)"));
        let text = format!("{}ő", "a".repeat(100));
        assert_eq!(
            hint(&sms::analyze(&text), 1, &text, false),
            "shorten the text to at most 70 UTF-16 units, or set `channels.sms.strip_accents: true` (then GSM-7, 1 message)"
        );
        let text = format!("{}急", "a".repeat(100));
        assert_eq!(hint(&sms::analyze(&text), 1, &text, false), "shorten the text to at most 70 UTF-16 units");
        let text = "a".repeat(400);
        assert_eq!(hint(&sms::analyze(&text), 2, &text, false), "shorten the text to at most 306 septets");
    }
}
