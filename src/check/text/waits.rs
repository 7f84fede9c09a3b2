//! Hand-written waits, shared by `hardcoded-wait` and `fact-contradiction` so that one span
//! gets one finding (the most specific): each duration that tells the reader how long
//! something takes is either a contradiction of a fact or a hard-coded wait, never both.

use std::collections::BTreeMap;
use std::ops::Range;

use super::duration::{UnitKind, Written};
use super::words::{Lang, Mode, cue_hits};
use super::{
    Block, Clauses, Origin, Prose, first_overlap, meaning, overlaps, quoted, sentences, tokens_after, tokens_before,
};
use crate::model::duration::{Duration, WaitRange};
use crate::model::{Fact, Page, Part, Site};

/// What a hand-written wait is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// A wait written by hand; the hint names a fact with that value when there is one.
    Hardcoded { hint: String },
    /// A wait that contradicts the fact used for the same step or sentence, or that a
    /// translation types where its source names a fact.
    Contradiction { message: String, hint: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandWritten {
    /// File span of the duration.
    pub span: Range<usize>,
    pub text: String,
    pub verdict: Verdict,
}

/// How many words (characters in Chinese) before and after a duration the cues look at.
fn window(mode: Mode) -> usize {
    if mode == Mode::Chars { 3 } else { 2 }
}

/// How many words (characters in Chinese) may stand between a sentence-level cue and the
/// duration it speaks of.
fn cue_reach(mode: Mode) -> usize {
    if mode == Mode::Chars { 6 } else { 5 }
}

/// Which of `found` (the durations of sentence `s`) a sentence-level cue speaks of: opening
/// hours, validity, symptoms, dosing, past statistics. A cue speaks of the nearest duration in
/// its own clause when that duration is within [`cue_reach`] of it, and of no other: "The
/// clinic opens at 8:00 and the nurse sees you within 20 minutes" keeps the wait; "全天24小时受理
/// 报修，45分钟内到达现场" keeps the second duration. Linear in cues and durations (a binary
/// search per cue).
pub fn cued(lang: &Lang, s: &str, found: &[Written], clauses: &Clauses) -> Vec<bool> {
    let mut out = vec![false; found.len()];
    if found.is_empty() {
        return out;
    }
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_unstable_by_key(|&i| found[i].range.start);
    for cue in cue_hits(&lang.sentence, &lang.sentence_not, s) {
        let clause = clauses.at(cue.start);
        // The durations that start in the cue's clause, as a slice of `order`.
        let from = order.partition_point(|&i| found[i].range.start < clause.start);
        let to = order.partition_point(|&i| found[i].range.start < clause.end.max(clause.start + 1));
        let within = &order[from..to.max(from)];
        let k = within.partition_point(|&i| found[i].range.start < cue.start);
        let gap = |i: usize| {
            let r = &found[i].range;
            if r.end <= cue.start { cue.start - r.end } else { r.start.saturating_sub(cue.end) }
        };
        let before = k.checked_sub(1).and_then(|k| within.get(k)).copied();
        let after = within.get(k).copied();
        let nearest = match (before, after) {
            (Some(b), Some(a)) => Some(if gap(a) < gap(b) { a } else { b }),
            (b, a) => b.or(a),
        };
        let reach = cue_reach(lang.mode);
        let near = |i: &usize| {
            let r = &found[*i].range;
            r.start < tokens_after(lang.mode, s, cue.end, reach)
                && tokens_before(lang.mode, s, cue.start, reach) < r.end
        };
        if let Some(i) = nearest.filter(near) {
            out[i] = true;
        }
    }
    out
}

/// Whether the duration `w` (relative to `s`, one sentence) tells the reader how long a
/// wait takes, rather than an interval, an age, a clock time, a symptom's length, a period
/// of validity, a past statistic or a deadline the reader must meet. `cued` says whether a
/// sentence-level cue speaks of `w` ([`cued`]); `clauses` are `s`'s, asked once per clause.
pub fn is_wait(lang: &Lang, s: &str, w: &Written, clauses: &mut Clauses, cued: bool) -> bool {
    let k = window(lang.mode);
    let before = &s[tokens_before(lang.mode, s, w.range.start, k)..w.range.start];
    let after = &s[w.range.end..tokens_after(lang.mode, s, w.range.end, k)];
    // The unit word and the word after it: "két órája várja" is elapsed time.
    let unit = &s[w.unit_word.start..tokens_after(lang.mode, s, w.unit_word.end, 1)];
    !(lang.unit_words.match_at_start(unit).is_some()
        || lang.before.is_match(before)
        || (w.unit.is_some_and(super::duration::UnitKind::counts_age) && lang.age_before.is_match(before))
        || lang.after.is_match(after)
        || is_clock(lang, s, w, after)
        || cued
        || {
            let (instruction, clause) = clauses.instruction_at(lang, w.range.start);
            instruction && !lang.wait_cues.is_match(&s[clause])
        })
}

/// A duration in a clause that opens with a `continues` word is a second bound of the last
/// duration in the clause before it, and takes that duration's verdict: "…tudomásszerzéstől
/// számított harminc napon belül, de legkésőbb … hat hónapon belül" is the reader's deadline
/// twice; "…2 órán belül, de legkésőbb 4 órán belül" a wait twice.
fn share_bounds(lang: &Lang, clauses: &Clauses, found: &[Written], waits: &mut [bool]) {
    if lang.continues.is_empty() || found.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_unstable_by_key(|&i| found[i].range.start);
    for pair in order.windows(2) {
        let (prev, i) = (pair[0], pair[1]);
        let clause = clauses.at(found[i].range.start);
        let bounds_prev = clauses.continues(lang, &clause)
            && clauses
                .before(&clause)
                .is_some_and(|b| b.start <= found[prev].range.start && found[prev].range.end <= b.end);
        if bounds_prev {
            waits[i] = waits[prev];
        }
    }
}

/// An hour range that ends its clause is a clock range when the next clause holds a parallel
/// one that is (the same start or end, with `óráig`/`között` after it): in "7 és 10 óra,
/// külterületen 7 és 11 óra között" the `között` belongs to both. A range that shares no end
/// ("2-4 óra, éjjel 22-24 óra között") stays a wait.
fn elliptical_clocks(lang: &Lang, s: &str, clauses: &Clauses, found: &[Written], waits: &mut [bool]) {
    if lang.clock_range_after.is_empty() || found.len() < 2 {
        return;
    }
    let hours = |w: &Written| {
        w.seconds.filter(|&(lo, hi)| {
            w.unit == Some(UnitKind::Hour) && lo < hi && lo % 3600 == 0 && hi % 3600 == 0 && hi <= 24 * 3600
        })
    };
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_unstable_by_key(|&i| found[i].range.start);
    for pair in order.windows(2) {
        let (first, next) = (&found[pair[0]], &found[pair[1]]);
        let (Some(a), Some(b)) = (hours(first), hours(next)) else { continue };
        let own = clauses.at(first.range.start);
        let next_clause = clauses.at(next.range.start);
        let after = &s[next.range.end..tokens_after(lang.mode, s, next.range.end, window(lang.mode))];
        let parallel = own.end == first.range.end
            && clauses.before(&next_clause).is_some_and(|c| c == own)
            && (a.0 == b.0 || a.1 == b.1)
            && is_clock(lang, s, next, after);
        if parallel {
            waits[pair[0]] = false;
        }
    }
}

/// Whether an hour duration is a time of day ([`Lang::clock_after`]): `7.30`/`16.00` before the
/// unit where the locale writes decimals with a comma, or whole hours up to 24 followed by a
/// clock word ("20 óra után"; for a range only, a clock unit word or a word after it: "8-16
/// óráig", "7-18 óra között"). `after` is the text after `w` that the cues look at.
fn is_clock(lang: &Lang, s: &str, w: &Written, after: &str) -> bool {
    if w.unit != Some(UnitKind::Hour) {
        return false;
    }
    let numbers = &s[w.range.start..w.unit_word.start];
    let dotted = |n: &str| n.split_once('.').is_some_and(|(h, m)| h.len() <= 2 && m.len() == 2 && m < "60");
    let digits: Vec<&str> =
        numbers.split(|c: char| !(c.is_ascii_digit() || c == '.')).filter(|n| !n.is_empty()).collect();
    if lang.clock_dot && digits.iter().any(|n| dotted(n)) {
        return true;
    }
    let whole_hours = w.seconds.is_some_and(|(lo, hi)| lo % 3600 == 0 && hi % 3600 == 0 && hi <= 24 * 3600);
    let range = w.seconds.is_some_and(|(lo, hi)| lo < hi);
    let unit_and_after = &s[w.unit_word.start..w.range.end + after.len()];
    whole_hours && (lang.clock_after.is_match(after) || (range && lang.clock_range_after.is_match(unit_and_after)))
}

/// A wait fact's value as a placeholder part asks for it.
fn part_range(fact: &Fact, part: Part) -> Option<WaitRange> {
    let r = fact.wait()?;
    Some(match part {
        Part::Whole => r,
        Part::Min => r.at(r.min),
        Part::Max => r.at(r.max),
    })
}

fn equals(w: &Written, r: WaitRange) -> bool {
    !w.unit.is_some_and(super::duration::UnitKind::is_approximate) && w.seconds == Some((r.min.0, r.max.0))
}

fn placeholder(id: &str, part: Part) -> String {
    match part {
        Part::Whole => format!("{{{{ {id} }}}}"),
        Part::Min => format!("{{{{ {id}.min }}}}"),
        Part::Max => format!("{{{{ {id}.max }}}}"),
    }
}

/// How a placeholder part matches a value, for the hint.
fn what(part: Part) -> &'static str {
    match part {
        Part::Whole => "has exactly this value",
        Part::Min => "starts at this value",
        Part::Max => "ends at this value",
    }
}

/// The hint of a hard-coded wait: a fact this text may name with exactly that value, chosen
/// by meaning as well as value (its id or label shares a word with `sentence`, the sentence
/// without the duration); a value-equal fact that shares none is shown as such, next to how
/// to add a fact for this wait. Only the words near the duration count ([`meaning::around`]).
fn hint(site: &Site, prose: &Prose, w: &Written, sentence: &str) -> String {
    let mut same_value: Vec<(&Fact, Part)> = Vec::new();
    for part in [Part::Whole, Part::Max, Part::Min] {
        same_value.extend(site.facts.values().filter(|f| meaning::visible(prose, f)).filter_map(|f| {
            let r = part_range(f, part)?;
            (equals(w, r) && (part == Part::Whole || r != f.wait().unwrap_or(r))).then_some((f, part))
        }));
    }
    let near = if same_value.is_empty() { String::new() } else { meaning::around(sentence, w.range.clone()) };
    let about = same_value
        .iter()
        .map(|(f, part)| (meaning::affinity(site, f, prose.locale, &near), *f, *part))
        .filter(|(n, _, _)| *n > 0)
        // The most shared words; ties go to the first (whole before max before min, then id).
        .fold(
            None,
            |best: Option<(usize, &Fact, Part)>, c| if best.is_some_and(|b| b.0 >= c.0) { best } else { Some(c) },
        );
    if let Some((_, f, part)) = about {
        return format!("write `{}`: `{}` {}", placeholder(&f.id, part), f.id, what(part));
    }
    // Working days are written `wd` in facts ("3 Werktage" → `3wd`), never as calendar days.
    let working = w.unit == Some(super::duration::UnitKind::BusinessDay);
    let unit = |s: u64| if working { format!("{}wd", s / 86_400) } else { Duration(s).to_string() };
    let value = match w.seconds.filter(|_| !w.unit.is_some_and(super::duration::UnitKind::is_approximate)) {
        Some((lo, hi)) if lo == hi => unit(lo),
        Some((lo, hi)) => format!("{}..{}", unit(lo), unit(hi)),
        None => return "name a wait fact from facts.yaml instead (`{{ fact.id }}`), or add one".to_string(),
    };
    let add = format!(
        "add a fact for this wait to facts.yaml (`your.fact: {{ wait: {value} }}`) and write `{{{{ your.fact }}}}`"
    );
    match same_value.first() {
        Some((f, part)) => format!(
            "{add}; `{}` {} too, but its name and label share no word with this sentence: write it only if this is the same wait",
            placeholder(&f.id, *part),
            what(*part).replace("this value", "the same value"),
        ),
        None => add,
    }
}

type Uses = Vec<(String, Part)>;

/// The wait facts each part of a page names: by origin (body, summary, SMS, step).
fn fact_uses(site: &Site, page: &Page) -> BTreeMap<Origin, Uses> {
    let mut out: BTreeMap<Origin, Uses> = BTreeMap::new();
    for b in &super::blocks(page) {
        for p in b.placeholders() {
            if let Some((f, part)) = site.resolve_fact(&p.name).filter(|(f, _)| f.wait().is_some()) {
                out.entry(b.origin).or_default().push((f.id.clone(), part));
            }
        }
    }
    out
}

/// Every hand-written wait in a published text (read with `lang`, its locale's word lists),
/// each with its one verdict.
pub fn hand_written(site: &Site, lang: &Lang, prose: &Prose) -> Vec<HandWritten> {
    if !prose.may_contain(|t| lang.durations.may_match(t)) {
        return Vec::new();
    }
    let source = prose
        .page
        .filter(|page| page.locale != site.default_locale())
        .and_then(|page| site.page(&page.path, site.default_locale()))
        .map(|src| fact_uses(site, src));
    let mut out = Vec::new();
    let mut found = Vec::new();
    for block in prose.blocks() {
        let places = block.placeholders();
        let quotes = quoted(&block.text);
        for sentence in sentences(lang, &block.text) {
            let s = &block.text[sentence.clone()];
            found.clear();
            lang.durations.find(s, &mut found);
            let mut clauses = Clauses::new(s);
            let cued = cued(lang, s, &found, &clauses);
            let mut waits: Vec<bool> =
                found.iter().zip(&cued).map(|(w, &cued)| is_wait(lang, s, w, &mut clauses, cued)).collect();
            share_bounds(lang, &clauses, &found, &mut waits);
            elliptical_clocks(lang, s, &clauses, &found, &mut waits);
            for (w, _) in found.iter().zip(&waits).filter(|(_, wait)| **wait) {
                let abs = sentence.start + w.range.start..sentence.start + w.range.end;
                if first_overlap(&places, &abs, |p| &p.span).is_some() || first_overlap(&quotes, &abs, |q| q).is_some()
                {
                    continue;
                }
                let verdict = judge(site, prose, block, &places, &sentence, w, source.as_ref());
                out.push(HandWritten { span: block.span_of(abs.clone()), text: block.text[abs].to_string(), verdict });
            }
        }
    }
    out
}

/// Contradiction of the sentence's or step's fact, then of the source's fact, else a
/// hard-coded wait.
fn judge(
    site: &Site,
    prose: &Prose,
    block: &Block,
    places: &[crate::model::interp::Placeholder],
    sentence: &Range<usize>,
    w: &Written,
    source: Option<&BTreeMap<Origin, Uses>>,
) -> Verdict {
    let first = first_overlap(places, sentence, |p| &p.span).unwrap_or(places.len());
    let mut context: Vec<&Fact> = places[first..]
        .iter()
        .take_while(|p| overlaps(&p.span, sentence))
        .filter_map(|p| site.resolve_fact(&p.name).map(|(f, _)| f))
        .filter(|f| f.wait().is_some())
        .collect();
    if let Some(i) = block.origin.step() {
        context.extend(prose.steps().get(i).and_then(|s| s.wait.as_ref()).and_then(|id| site.facts.get(id)));
    }
    if let Some((lo, hi)) = w.seconds {
        let inside = |f: &&Fact| f.wait().is_some_and(|r| r.min.0 <= lo && hi <= r.max.0);
        if let Some(f) = context.first().filter(|_| !context.iter().any(inside)) {
            let value = site.render_fact(&f.id, prose.locale, crate::model::Style::Web).unwrap_or_default();
            return Verdict::Contradiction {
                message: format!("this duration contradicts `{}` ({value}), the fact this text uses", f.id),
                hint: format!("write `{}`, or change the fact in facts.yaml", placeholder(&f.id, Part::Whole)),
            };
        }
    }
    if let Some(uses) = source.and_then(|s| s.get(&block.origin)) {
        let own: Vec<&str> = places.iter().map(|p| p.name.as_str()).collect();
        let typed = uses
            .iter()
            .find(|(id, part)| site.facts.get(id).and_then(|f| part_range(f, *part)).is_some_and(|r| equals(w, r)));
        let missing = if block.origin == Origin::Body {
            typed
        } else {
            typed.or_else(|| uses.iter().find(|(id, _)| !own.iter().any(|o| o.starts_with(id.as_str()))))
        };
        if let Some((id, part)) = missing {
            return Verdict::Contradiction {
                message: format!(
                    "the source text names `{}` here; this translation types the duration by hand",
                    placeholder(id, *part)
                ),
                hint: format!("write `{}` as the source does", placeholder(id, *part)),
            };
        }
    }
    Verdict::Hardcoded { hint: hint(site, prose, w, &block.text[sentence.clone()]) }
}
