//! SMS encoding and segment counting (GSM 03.38 / UCS-2), shared by the `sms-too-long` check
//! and the SMS channel (`public/sms/messages.json`). Pure functions; no I/O.

use serde::Serialize;

/// Per-segment sizes: a single message, then each part of a concatenated one (the user data
/// header takes the difference).
const GSM_SINGLE: usize = 160;
const GSM_PART: usize = 153;
const UCS2_SINGLE: usize = 70;
const UCS2_PART: usize = 67;

/// The GSM 03.38 default alphabet (the escape code 0x1B is not a character of its own).
const GSM_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?\
¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

/// The text an SMS of `page` sends: its `sms:` with facts filled in SMS style (ASCII
/// hyphens, straight quotes) and, with `channels.sms.strip_accents`, accents stripped.
/// Merge fields (`[[date]]`) stay in the text for the sending system to fill; the count takes
/// each at its declared `channels.sms.merge_fields` length.
/// `settings` is `Config::sms()`, read once by the caller.
pub fn message(
    site: &super::Site,
    page: &super::Page,
    settings: &super::config::SmsConfig,
) -> Option<(String, SmsInfo)> {
    let written = page.channel_text("sms")?;
    let filled = site.interpolate(&written.value, &page.locale, super::Style::Sms);
    let text = if settings.strip_accents == Some(true) { strip_accents(&filled) } else { filled };
    let info = analyze(&counted(&text, &settings.merge_fields).0);
    Some((text, info))
}

/// A merge field of the sending system in an SMS text: `[[name]]`, the name made of ASCII
/// letters, digits, `_`, `.` and `-`. Upfront never fills it; the sending system does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeField<'a> {
    pub name: &'a str,
    /// Bytes of `[[name]]` in the text.
    pub span: std::ops::Range<usize>,
}

/// Every merge field of `text`, in order.
pub fn merge_fields(text: &str) -> Vec<MergeField<'_>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("[[").map(|i| from + i) {
        let name_start = at + 2;
        let name_len = text[name_start..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
            .count();
        let name_end = name_start + name_len;
        if name_len > 0 && text[name_end..].starts_with("]]") {
            out.push(MergeField { name: &text[name_start..name_end], span: at..name_end + 2 });
            from = name_end + 2;
        } else {
            from = name_start - 1;
        }
    }
    out
}

/// A replaced span: (its bytes in the result, its bytes in the original).
pub type Replaced = (std::ops::Range<usize>, std::ops::Range<usize>);

/// `text` as counted: each declared merge field replaced by as many `x` (one GSM-7 septet
/// each) as its declared maximum length; undeclared ones stay as written. Also, for each
/// replaced field, (its bytes in the result, its bytes in `text`).
pub fn counted(text: &str, declared: &std::collections::BTreeMap<String, usize>) -> (String, Vec<Replaced>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::new();
    let mut last = 0;
    for field in merge_fields(text) {
        let Some(&len) = declared.get(field.name) else { continue };
        out.push_str(&text[last..field.span.start]);
        let start = out.len();
        out.extend(std::iter::repeat_n('x', len));
        map.push((start..out.len(), field.span.clone()));
        last = field.span.end;
    }
    out.push_str(&text[last..]);
    (out, map)
}

/// The GSM 03.38 extension table: each is sent as an escape pair (two septets).
const GSM_EXTENSION: &str = "\u{c}^{}\\[~]|€";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Encoding {
    #[serde(rename = "GSM-7")]
    Gsm7,
    #[serde(rename = "UCS-2")]
    Ucs2,
}

impl Encoding {
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Gsm7 => "GSM-7",
            Encoding::Ucs2 => "UCS-2",
        }
    }

    /// Units that fit in one single message and in each part of a concatenated one.
    pub fn capacity(self) -> (usize, usize) {
        match self {
            Encoding::Gsm7 => (GSM_SINGLE, GSM_PART),
            Encoding::Ucs2 => (UCS2_SINGLE, UCS2_PART),
        }
    }
}

/// The character that forced a text into UCS-2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Forcing {
    pub ch: char,
    /// Index among the text's characters (0-based).
    pub char_index: usize,
    /// Byte offset in the text.
    pub byte: usize,
}

/// How a text travels as SMS. Serialises to the fields of `sms/messages.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SmsInfo {
    pub encoding: Encoding,
    /// Septets (GSM-7) or UTF-16 code units (UCS-2).
    pub units: usize,
    /// Messages the text is sent as. An empty text is still one message.
    pub segments: usize,
    #[serde(skip)]
    pub forcing: Option<Forcing>,
}

/// Septets of `c` in GSM-7 (1 basic, 2 extension), `None` when GSM-7 cannot carry it.
pub fn gsm_septets(c: char) -> Option<usize> {
    if GSM_BASIC.contains(c) {
        Some(1)
    } else if GSM_EXTENSION.contains(c) {
        Some(2)
    } else {
        None
    }
}

/// Count segments of a sequence of characters sized `units` each: a character never straddles
/// two segments (a GSM escape pair, a UTF-16 surrogate pair).
fn count_segments(sizes: impl Iterator<Item = usize> + Clone, single: usize, part: usize) -> usize {
    let total: usize = sizes.clone().sum();
    if total <= single {
        return 1;
    }
    let mut segments = 1;
    let mut used = 0;
    for size in sizes {
        if used + size > part {
            segments += 1;
            used = 0;
        }
        used += size;
    }
    segments
}

/// Encoding, units and segments of `text` as one SMS.
pub fn analyze(text: &str) -> SmsInfo {
    let forcing = text
        .char_indices()
        .enumerate()
        .find(|(_, (_, c))| gsm_septets(*c).is_none())
        .map(|(char_index, (byte, ch))| Forcing { ch, char_index, byte });
    let encoding = if forcing.is_some() { Encoding::Ucs2 } else { Encoding::Gsm7 };
    let (single, part) = encoding.capacity();
    let (units, segments) = match encoding {
        Encoding::Gsm7 => {
            let sizes = text.chars().map(|c| gsm_septets(c).unwrap_or(1));
            (sizes.clone().sum(), count_segments(sizes, single, part))
        }
        Encoding::Ucs2 => {
            let sizes = text.chars().map(char::len_utf16);
            (sizes.clone().sum(), count_segments(sizes, single, part))
        }
    };
    SmsInfo { encoding, units, segments, forcing }
}

/// Most units a text of `encoding` may have to fit in `segments` messages (exact when it has
/// no two-unit characters).
pub fn max_units(encoding: Encoding, segments: usize) -> usize {
    let (single, part) = encoding.capacity();
    match segments {
        0 => 0,
        1 => single,
        n => n * part,
    }
}

/// A GSM-7 stand-in for a character GSM-7 cannot carry: typographic punctuation, spaces, and
/// accented Latin letters (Hungarian `ő` → `ö`, `ű` → `ü`, `á` → `a`). `None` when there is
/// no obvious one (Chinese, emoji).
pub fn gsm_fallback(c: char) -> Option<&'static str> {
    Some(match c {
        '–' | '—' | '‒' | '−' | '‐' | '‑' | '•' | '·' => "-",
        '‘' | '’' | '‚' | '′' => "'",
        '“' | '”' | '„' | '«' | '»' | '″' => "\"",
        '…' => "...",
        '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2002}' | '\u{2003}' | '\t' => " ",
        'ő' => "ö",
        'Ő' => "Ö",
        'ű' => "ü",
        'Ű' => "Ü",
        'á' | 'â' | 'ã' | 'ā' | 'ă' | 'ą' => "a",
        'Á' | 'À' | 'Â' | 'Ã' | 'Ā' | 'Ă' | 'Ą' => "A",
        'í' | 'î' | 'ï' | 'ī' => "i",
        'Í' | 'Ì' | 'Î' | 'Ï' | 'Ī' => "I",
        'ó' | 'ô' | 'õ' | 'ō' => "o",
        'Ó' | 'Ò' | 'Ô' | 'Õ' | 'Ō' => "O",
        'ú' | 'û' | 'ū' | 'ů' => "u",
        'Ú' | 'Ù' | 'Û' | 'Ū' | 'Ů' => "U",
        'ç' | 'č' | 'ć' => "c",
        'Č' | 'Ć' => "C",
        'ê' | 'ë' | 'ě' | 'ę' | 'ē' => "e",
        'È' | 'Ê' | 'Ë' | 'Ě' | 'Ę' | 'Ē' => "E",
        'ý' | 'ÿ' => "y",
        'Ý' => "Y",
        'š' | 'ś' => "s",
        'Š' | 'Ś' => "S",
        'ž' | 'ź' | 'ż' => "z",
        'Ž' | 'Ź' | 'Ż' => "Z",
        'ł' => "l",
        'Ł' => "L",
        'ń' | 'ň' => "n",
        'Ń' | 'Ň' => "N",
        'ř' => "r",
        'Ř' => "R",
        'ť' => "t",
        'Ť' => "T",
        'ď' => "d",
        'Ď' => "D",
        _ => return None,
    })
}

/// Is `c` typographic punctuation or spacing (as opposed to a letter) with a GSM-7 stand-in?
pub fn is_typographic(c: char) -> bool {
    !c.is_alphabetic() && gsm_fallback(c).is_some()
}

/// `channels.sms.strip_accents`: replace every character with a GSM-7 stand-in by it, so a
/// text that only had accents and typographic punctuation is sent as GSM-7.
pub fn strip_accents(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match gsm_septets(c).map_or_else(|| gsm_fallback(c), |_| None) {
            Some(s) => out.push_str(s),
            None => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(text: &str) -> (&'static str, usize, usize) {
        let i = analyze(text);
        (i.encoding.as_str(), i.units, i.segments)
    }

    #[test]
    fn plain_gsm_boundaries() {
        assert_eq!(info(""), ("GSM-7", 0, 1));
        assert_eq!(info(&"a".repeat(160)), ("GSM-7", 160, 1));
        assert_eq!(info(&"a".repeat(161)), ("GSM-7", 161, 2));
        assert_eq!(info(&"a".repeat(306)), ("GSM-7", 306, 2));
        assert_eq!(info(&"a".repeat(307)), ("GSM-7", 307, 3));
        assert_eq!(info(&"a".repeat(459)), ("GSM-7", 459, 3));
        assert_eq!(info(&"a".repeat(460)), ("GSM-7", 460, 4));
    }

    #[test]
    fn extension_characters_count_double() {
        assert_eq!(info("€"), ("GSM-7", 2, 1));
        assert_eq!(info("[x]"), ("GSM-7", 5, 1));
        assert_eq!(info("{}\\^~|\u{c}"), ("GSM-7", 14, 1));
        // 158 + € = 160 septets: one message; 159 + € = 161: two.
        assert_eq!(info(&format!("{}€", "a".repeat(158))), ("GSM-7", 160, 1));
        assert_eq!(info(&format!("{}€", "a".repeat(159))), ("GSM-7", 161, 2));
        // An escape pair is never split: 152 septets then `[` would straddle 152..154, so it
        // opens part two. 152 + 2 + 152 = 306 septets fit two parts only when nothing is split.
        let t = format!("{}[{}", "a".repeat(152), "a".repeat(152));
        assert_eq!(info(&t), ("GSM-7", 306, 3));
        let t = format!("{}[{}", "a".repeat(151), "a".repeat(153));
        assert_eq!(info(&t), ("GSM-7", 306, 2));
    }

    #[test]
    fn gsm_letters_and_hungarian_accents() {
        // é ö ü (and capitals) are in GSM-7.
        let i = analyze("Émelet, körülbelül, Ügyelet");
        assert_eq!((i.encoding, i.units, i.forcing), (Encoding::Gsm7, 27, None));
        // ő, ű and á are not.
        for (text, ch, idx) in [("Sürgősségi", 'ő', 4), ("fűtés", 'ű', 1), ("ápoló", 'á', 0)] {
            let i = analyze(text);
            assert_eq!(i.encoding, Encoding::Ucs2, "{text}");
            let f = i.forcing.unwrap_or(Forcing { ch: ' ', char_index: 99, byte: 0 });
            assert_eq!((f.ch, f.char_index), (ch, idx), "{text}");
        }
        let i = analyze("Riverside Sürgősségi");
        assert_eq!(i.forcing.map(|f| (f.char_index, f.byte)), Some((14, 15)));
        assert_eq!(i.units, 20);
    }

    #[test]
    fn ucs2_boundaries() {
        assert_eq!(info(&format!("ő{}", "a".repeat(69))), ("UCS-2", 70, 1));
        assert_eq!(info(&format!("ő{}", "a".repeat(70))), ("UCS-2", 71, 2));
        assert_eq!(info(&format!("ő{}", "a".repeat(133))), ("UCS-2", 134, 2));
        assert_eq!(info(&format!("ő{}", "a".repeat(134))), ("UCS-2", 135, 3));
        // An en dash alone halves the budget.
        assert_eq!(info(&format!("10–30 {}", "a".repeat(100))), ("UCS-2", 106, 2));
    }

    #[test]
    fn chinese_and_surrogate_pairs() {
        assert_eq!(info("分诊需要 10-30 分钟"), ("UCS-2", 13, 1));
        assert_eq!(info(&"急".repeat(70)), ("UCS-2", 70, 1));
        assert_eq!(info(&"急".repeat(71)), ("UCS-2", 71, 2));
        // An emoji is a surrogate pair: two units.
        let i = analyze("ok 🙂");
        assert_eq!((i.units, i.forcing.map(|f| (f.ch, f.char_index))), (5, Some(('🙂', 3))));
        // 68 + 🙂 = 70 units: one message.
        assert_eq!(info(&format!("{}🙂", "a".repeat(68))), ("UCS-2", 70, 1));
        // At a part boundary: 66 units, then the pair would straddle 66..68, so it opens part
        // two; 66 + 2 + 66 = 134 units take three parts, 67 + 2 + 65 take two.
        assert_eq!(info(&format!("{}🙂{}", "a".repeat(66), "a".repeat(66))), ("UCS-2", 134, 3));
        assert_eq!(info(&format!("{}🙂{}", "a".repeat(65), "a".repeat(67))), ("UCS-2", 134, 2));
    }

    #[test]
    fn fallbacks_and_stripping() {
        assert_eq!(gsm_fallback('–'), Some("-"));
        assert!(is_typographic('’') && !is_typographic('ő'));
        assert_eq!(gsm_fallback('急'), None);
        assert_eq!(strip_accents("Sürgősségi – ápolói “felmérés”"), "Sürgösségi - apoloi \"felmérés\"");
        assert_eq!(analyze(&strip_accents("Sürgősségi – ápolói")).encoding, Encoding::Gsm7);
        assert_eq!(max_units(Encoding::Ucs2, 2), 134);
        assert_eq!(max_units(Encoding::Gsm7, 1), 160);
        let json = serde_json::to_string(&analyze("€")).unwrap_or_default();
        assert_eq!(json, r#"{"encoding":"GSM-7","units":2,"segments":1}"#);
    }

    #[test]
    fn merge_fields_are_found_and_counted_at_their_declared_length() {
        let text = "See you on [[date]] at [[time]]. [[ spaced ]] [x] [[bad name]] [[]]";
        let names: Vec<_> = merge_fields(text).into_iter().map(|f| f.name).collect();
        assert_eq!(names, ["date", "time"]);
        let declared = [("date".to_string(), 10), ("time".to_string(), 5)].into_iter().collect();
        let (c, map) = counted("On [[date]] at [[time]]", &declared);
        assert_eq!(c, "On xxxxxxxxxx at xxxxx");
        assert_eq!(map, vec![(3..13, 3..11), (17..22, 15..23)]);
        let (c, _) = counted("On [[day]]", &declared);
        assert_eq!(c, "On [[day]]");
    }
}
