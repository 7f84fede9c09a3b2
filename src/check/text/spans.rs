//! Check, shared by the text rules: spans asked about per hit without a pass per hit — the
//! clauses of a sentence (marks found once, the instruction test cached per clause) and
//! overlap tests against sorted ranges (binary search). Reads text only.

use std::ops::Range;

use super::words::{Lang, is_word_char};
use super::{is_clause_mark, is_instruction, overlaps, push_trimmed, tokens_after};

/// The clauses of one sentence, asked per hit: the marks are found once and the instruction
/// test is cached per clause (hits come in text order), so a sentence with thousands of hits
/// costs one pass, not one pass per hit.
pub struct Clauses<'a> {
    text: &'a str,
    /// Byte range of every clause mark, in order.
    marks: Vec<Range<usize>>,
    /// The last clause asked about and whether it is an instruction.
    last: Option<(Range<usize>, bool)>,
}

impl<'a> Clauses<'a> {
    pub fn new(text: &'a str) -> Clauses<'a> {
        let marks = text
            .char_indices()
            .filter(|&(i, c)| is_clause_mark(text, i, c))
            .map(|(i, c)| i..i + c.len_utf8())
            .collect();
        Clauses { text, marks, last: None }
    }

    /// The trimmed clause that holds `pos`.
    pub fn at(&self, pos: usize) -> Range<usize> {
        let pos = pos.min(self.text.len());
        let k = self.marks.partition_point(|m| m.start < pos);
        let start = k.checked_sub(1).and_then(|k| self.marks.get(k)).map_or(0, |m| m.end);
        let end = self.marks.get(k).map_or(self.text.len(), |m| m.start);
        let mut out = Vec::with_capacity(1);
        push_trimmed(self.text, start..end, &mut out);
        out.pop().unwrap_or(start..start)
    }

    /// The clause before `clause`, if any.
    pub fn before(&self, clause: &Range<usize>) -> Option<Range<usize>> {
        let k = self.marks.partition_point(|m| m.end <= clause.start);
        let mark = self.marks.get(k.checked_sub(1)?)?;
        Some(self.at(mark.start))
    }

    /// Whether `clause` opens with a `continues` word ("de legkésőbb", "but no later than"):
    /// an elliptical second bound that shares the clause before it.
    pub fn continues(&self, lang: &Lang, clause: &Range<usize>) -> bool {
        let opening = &self.text[clause.clone()];
        let opening = &opening[..tokens_after(lang.mode, opening, 0, 4)];
        lang.continues.match_at_start(opening).is_some()
    }

    /// Whether `clause` is an infinitive joined to the clause `before` ("szíveskedjen
    /// kitölteni, és aláírva … mielőbb visszaküldeni"): it opens with a `joins` word, both end
    /// with an infinitive, and it holds no verb that takes an infinitive of its own ("és 15
    /// percen belül el fogjuk látni").
    fn shares_infinitive(&self, lang: &Lang, clause: &Range<usize>, before: &Range<usize>) -> bool {
        let (c, b) = (&self.text[clause.clone()], &self.text[before.clone()]);
        !lang.infinitive.is_empty()
            && lang.joins.match_at_start(&c[..tokens_after(lang.mode, c, 0, 1)]).is_some()
            && ends_with_infinitive(lang, c)
            && ends_with_infinitive(lang, b)
            && !lang.infinitive_heads.is_match(c)
    }

    /// Whether the clause that holds `pos` is an instruction ([`is_instruction`]), and that
    /// clause. A clause that [`continues`](Self::continues) the one before, or an infinitive
    /// joined to it ([`shares_infinitive`](Self::shares_infinitive)), is an instruction when
    /// that one is: "szíveskedjen a változást mihamarabb, de legkésőbb … nyolc napon belül …
    /// jelezni".
    pub fn instruction_at(&mut self, lang: &Lang, pos: usize) -> (bool, Range<usize>) {
        let clause = self.at(pos);
        if let Some((r, yes)) = self.last.as_ref().filter(|(r, _)| *r == clause) {
            return (*yes, r.clone());
        }
        let yes = is_instruction(lang, &self.text[clause.clone()])
            || self.before(&clause).is_some_and(|b| {
                (self.continues(lang, &clause) || self.shares_infinitive(lang, &clause, &b))
                    && is_instruction(lang, &self.text[b])
            });
        self.last = Some((clause.clone(), yes));
        (yes, clause)
    }
}

/// Whether the last word of `text` has an infinitive ending (and more than two letters before it).
fn ends_with_infinitive(lang: &Lang, text: &str) -> bool {
    let text = text.trim_end_matches(|c: char| !is_word_char(c));
    let last = text.rsplit(|c: char| !is_word_char(c)).next().unwrap_or("").to_lowercase();
    lang.infinitive.iter().any(|e| last.ends_with(e.as_str()) && last.chars().count() > e.chars().count() + 2)
}

/// The union of `ranges` as sorted ranges that do not overlap (for [`first_overlap`]).
pub fn union_of(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_unstable_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// The index of the first of `sorted` (ranges in text order that do not overlap each other,
/// as placeholders and quotes are) that overlaps `r`: a binary search, not a scan, so asking
/// per word stays linear on a block of thousands of placeholders.
pub fn first_overlap<T>(sorted: &[T], r: &Range<usize>, span: impl Fn(&T) -> &Range<usize>) -> Option<usize> {
    let i = sorted.partition_point(|x| span(x).end <= r.start);
    sorted.get(i).is_some_and(|x| overlaps(span(x), r)).then_some(i)
}
