//! Unit tests of the shared text pieces: blocks and spans, sentences, clauses, instructions.

use super::words::lang;
use super::*;

fn texts<'a>(text: &'a str, ranges: &[Range<usize>]) -> Vec<&'a str> {
    ranges.iter().map(|r| &text[r.clone()]).collect()
}

#[test]
fn markdown_blocks_map_to_the_file() {
    let src = "---\nx\n---\n# Title\n\nA *nurse* sees you `soon` [here](http://x.example).\n\n- item 你好\n\n```\ncode 15 minutes\n```\n\n| a | b |\n|---|---|\n| 15 perc | c |\n";
    let mut out = Vec::new();
    markdown_blocks(&src[10..], 10, &mut out);
    let t: Vec<&str> = out.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(t, ["Title", "A nurse sees you   here.", "item 你好", "a", "b", "15 perc", "c"]);
    let b = &out[1];
    let at = b.text.find("nurse").unwrap();
    assert_eq!(&src[b.span_of(at..at + 5)], "nurse");
    let at = b.text.find("sees").unwrap();
    assert_eq!(&src[b.span_of(at..b.text.len())], "sees you `soon` [here](http://x.example).");
    let b = &out[2];
    let at = b.text.find('你').unwrap();
    assert_eq!(&src[b.span_of(at..b.text.len())], "你好");
}

#[test]
fn sentences_per_language() {
    let en = lang("en");
    let t = "Dr. Smith sees you e.g. at 9. It takes 1.5 hours! Really? yes. Done";
    assert_eq!(
        texts(t, &sentences(en, t)),
        ["Dr. Smith sees you e.g. at 9.", "It takes 1.5 hours!", "Really?", "yes.", "Done"]
    );
    let hu = lang("hu");
    let t = "Az 1. emeleten, kb. 10 perc. Szóljon!";
    assert_eq!(texts(t, &sentences(hu, t)), ["Az 1. emeleten, kb. 10 perc.", "Szóljon!"]);
    let zh = lang("zh");
    let t = "请稍候。医生马上来！好吗？";
    assert_eq!(texts(t, &sentences(zh, t)), ["请稍候。", "医生马上来！", "好吗？"]);
}

#[test]
fn clauses_and_instructions() {
    let t = "If you feel worse, call 112 right away; we help.";
    let c = clause_at(t, 0..t.len(), t.find("right").unwrap());
    assert_eq!(&t[c.clone()], "call 112 right away");
    assert!(is_instruction(lang("en"), &t[c]));
    assert!(is_instruction(lang("en"), "Always bring your ID"));
    assert!(!is_instruction(lang("en"), "We will call you soon"));
    // A list of what an office promises: the verb's object is the reader.
    assert!(!is_instruction(lang("en"), "see you within 15 minutes of arriving"));
    assert!(!is_instruction(lang("en"), "call you back within one working day"));
    assert!(is_instruction(lang("en"), "call us within 14 days"));
    assert!(is_instruction(lang("en"), "You must tell us within 28 days"));
    assert!(is_instruction(lang("zh"), "请立即告诉工作人员"));
    assert!(is_instruction(lang("zh"), "立即拨打120"));
    assert!(!is_instruction(lang("zh"), "医生马上就来"));
    assert!(is_instruction(lang("hu"), "azonnal szóljon a személyzetnek"));
    assert!(!is_instruction(lang("hu"), "hamarosan szólítjuk"));
    let t = "Kb. 1,5 óra, szóljon";
    assert_eq!(&t[clause_at(t, 0..t.len(), 5)], "Kb. 1,5 óra");
}

#[test]
fn joined_clauses_share_the_instruction() {
    let hu = lang("hu");
    let asks = |t: &str, word: &str| Clauses::new(t).instruction_at(hu, t.find(word).unwrap()).0;
    // A second bound and an elliptical infinitive share the instruction before them.
    assert!(asks("Szíveskedjen mihamarabb, de legkésőbb nyolc napon belül jelezni.", "nyolc"));
    assert!(asks("Szíveskedjen kitölteni, és aláírva mielőbb visszaküldeni.", "mielőbb"));
    // A finite verb of its own, or a verb that takes the infinitive, says something else.
    assert!(!asks("Szíveskedjen helyet foglalni, és mielőbb behívjuk.", "mielőbb"));
    assert!(!asks("Szíveskedjen kitölteni, és mielőbb el fogjuk látni.", "mielőbb"));
    assert!(!asks("Foglaljon helyet, és 15 percen belül behívjuk.", "15"));
    let en = lang("en");
    let t = "Report the fault as soon as you can, but no later than 14 days after.";
    assert!(Clauses::new(t).instruction_at(en, t.find("14").unwrap()).0);
    // A `…` in an entry stands for up to two words of one clause.
    assert!(hu.vague_not.is_match("minél előbb kézhez kell kapni"));
    assert!(!hu.vague_not.is_match("minél előbb intézzük, és nem kell"));
}

#[test]
fn quotes_and_windows() {
    let t = "Staff said “she'll be right in” and \"soon\".";
    assert_eq!(texts(t, &quoted(t)), ["“she'll be right in”", "\"soon\""]);
    let t = "take it every 4 hours a day";
    let at = t.find('4').unwrap();
    assert_eq!(&t[tokens_before(Mode::Words, t, at, 2)..at], " it every ");
    assert_eq!(&t[at + 7..tokens_after(Mode::Words, t, at + 7, 2)], " a day");
    let t = "请每4小时一次";
    let at = t.find('4').unwrap();
    assert_eq!(&t[tokens_before(Mode::Chars, t, at, 3)..at], "请每");
}

#[test]
fn a_sentence_cue_speaks_of_the_nearest_duration_in_its_clause_only() {
    use super::waits::cued;
    let reported = |locale: &str, s: &str| -> Vec<String> {
        let lang = lang(locale);
        let mut found = Vec::new();
        lang.durations.find(s, &mut found);
        let clauses = Clauses::new(s);
        let cued = cued(lang, s, &found, &clauses);
        found.iter().zip(cued).filter(|(_, c)| !c).map(|(w, _)| s[w.range.clone()].to_string()).collect()
    };
    assert_eq!(
        reported("en", "The clinic opens at 8:00 on weekdays and a nurse then sees you within 20 minutes."),
        ["20 minutes"]
    );
    assert_eq!(reported("en", "If your fever has lasted 3 days, we see you within 2 hours."), ["2 hours"]);
    assert_eq!(reported("en", "The warranty is valid for 12 months."), Vec::<String>::new());
    assert_eq!(reported("zh", "营业时间内受理，抢修人员45分钟内到达现场。"), ["45分钟"]);
    assert_eq!(reported("hu", "Ha a láz 3 napja tart, 2 órán belül fogadjuk."), ["2 órán"]);
}

#[test]
fn hungarian_clock_hours_are_not_waits() {
    use super::waits::is_wait;
    let waits = |s: &str| -> Vec<String> {
        let lang = lang("hu");
        let mut found = Vec::new();
        lang.durations.find(s, &mut found);
        let mut clauses = Clauses::new(s);
        found
            .iter()
            .filter(|w| is_wait(lang, s, w, &mut clauses, false))
            .map(|w| s[w.range.clone()].to_string())
            .collect()
    };
    let none = Vec::<String>::new();
    assert_eq!(waits("Hétfőn 7.30 - 15.30 óráig, szerdán 8-16 óráig fogadjuk az ügyfeleket."), none);
    assert_eq!(waits("A betegeket 7-18 óra között, a hibákat 20 óra után is fogadjuk."), none);
    assert_eq!(waits("A javítás 8 és 12 óra között kezdődik."), none);
    // A single hour with `óráig` and a range of durations stay waits.
    assert_eq!(waits("A várakozás akár 2 óráig is eltarthat."), ["2 óráig"]);
    assert_eq!(
        waits("Az ügyintézés 10-18 órát vesz igénybe, huszonnégy óra alatt döntünk."),
        ["10-18 órát", "huszonnégy óra"]
    );
    assert_eq!(waits("A kérelmet 15 naptári napon belül elbíráljuk."), ["15 naptári napon"]);
}

#[test]
fn a_word_file_with_a_misspelt_list_is_refused() {
    use super::words::parse;
    assert!(parse("xx", "mode: words\nvague: [soon]\n").is_ok());
    assert!(parse("xx", "mode: words\nvagu: [soon]\n").is_err(), "an unknown top-level list");
    assert!(parse("xx", "mode: words\nnot_wait: { sentense: [open] }\n").is_err(), "an unknown nested list");
}
