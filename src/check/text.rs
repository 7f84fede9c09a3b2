//! Check, shared by the text rules: every published text as blocks with exact file positions
//! (a page's Markdown body, title, summary, step titles and texts, SMS; a notice's title and
//! body; a glossary explanation), split into sentences and clauses per language, with quotes
//! and `{{ }}` placeholders located. Reads the model only.

pub mod duration;
pub mod matcher;
pub mod meaning;
mod spans;
pub mod waits;
pub mod words;

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use crate::model::interp::{self, Placeholder};
use crate::model::{Page, Text};
pub use spans::{Clauses, first_overlap, union_of};
use words::{Lang, Mode, is_word_char};

/// Where a block of prose comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    Body,
    /// A page's or a notice's `title`.
    Title,
    Summary,
    /// A channel's own text of the guide, by its front-matter key (`sms`).
    ChannelText(&'static str),
    /// The title of the step at this index.
    StepTitle(usize),
    /// The text of the step at this index.
    Step(usize),
    /// A glossary explanation.
    Glossary,
}

impl Origin {
    /// The step this text belongs to (its title or its text).
    pub fn step(self) -> Option<usize> {
        match self {
            Origin::Step(i) | Origin::StepTitle(i) => Some(i),
            _ => None,
        }
    }
}

/// A piece of the block's text and where it is in the file.
#[derive(Debug, Clone)]
struct Seg {
    /// Byte offset in the block's text.
    at: usize,
    /// Byte span in the file.
    src: Range<usize>,
    /// Whether the text is the file's bytes (else it maps to the whole `src`).
    exact: bool,
}

/// What kind of Markdown block a body block is (front-matter texts are `Paragraph`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Paragraph,
    Heading,
    ListItem,
    TableCell,
}

/// One paragraph, heading, list item, table cell or front-matter text.
#[derive(Debug, Clone)]
pub struct Block {
    pub origin: Origin,
    pub kind: Kind,
    /// The prose: Markdown text with code, HTML and URLs left out (a space stands for code).
    pub text: String,
    segs: Vec<Seg>,
}

impl Block {
    fn new(origin: Origin) -> Block {
        Block { origin, kind: Kind::Paragraph, text: String::new(), segs: Vec::new() }
    }

    fn push(&mut self, text: &str, src: Range<usize>, exact: bool) {
        self.segs.push(Seg { at: self.text.len(), src, exact });
        self.text.push_str(text);
    }

    /// The file span of `range` of the block's text (on char boundaries of the file).
    pub fn span_of(&self, range: Range<usize>) -> Range<usize> {
        let seg_of = |pos: usize| {
            let i = self.segs.partition_point(|s| s.at <= pos).saturating_sub(1);
            self.segs.get(i)
        };
        let start =
            seg_of(range.start).map_or(0, |s| if s.exact { s.src.start + range.start - s.at } else { s.src.start });
        let last = range.end.max(range.start + 1) - 1;
        let end = seg_of(last).map_or(start, |s| if s.exact { s.src.start + range.end - s.at } else { s.src.end });
        start..end.max(start)
    }

    /// The well-formed `{{ }}` placeholders of the block.
    pub fn placeholders(&self) -> Vec<Placeholder> {
        if self.text.contains("{{") { interp::scan(&self.text).0 } else { Vec::new() }
    }
}

fn text_block(t: &Text, origin: Origin) -> Block {
    let kind = if matches!(origin, Origin::Title | Origin::StepTitle(_)) { Kind::Heading } else { Kind::Paragraph };
    let mut b = Block { kind, ..Block::new(origin) };
    match t.base {
        Some(base) => b.push(&t.value, base..base + t.value.len(), true),
        None => b.push(&t.value, t.span.clone(), false),
    }
    b
}

/// Every block of prose of a page: the body, then title, summary, steps (title, text) and SMS.
/// Titles are `Kind::Heading` blocks.
pub fn blocks(page: &Page) -> Vec<Block> {
    let mut out = Vec::new();
    markdown_blocks(page.body(), page.body_start, &mut out);
    out.push(text_block(&page.title, Origin::Title));
    out.extend(page.summary.iter().map(|t| text_block(t, Origin::Summary)));
    for (i, s) in page.steps.iter().enumerate() {
        out.push(text_block(&s.title, Origin::StepTitle(i)));
        out.push(text_block(&s.text, Origin::Step(i)));
    }
    out.extend(page.channel_text.iter().map(|(key, t)| text_block(t, Origin::ChannelText(key))));
    out.retain(|b| !b.text.trim().is_empty());
    out
}

/// The blocks of a notice: its title, then its Markdown body.
pub fn notice_blocks(notice: &crate::model::Notice) -> Vec<Block> {
    let mut out = vec![text_block(&notice.title, Origin::Title)];
    markdown_blocks(notice.body(), notice.body_start, &mut out);
    out.retain(|b| !b.text.trim().is_empty());
    out
}

/// The block of a glossary explanation.
pub fn glossary_block(text: &Text) -> Block {
    text_block(text, Origin::Glossary)
}

/// One published text the text rules read: a guide or section (all its fields), a notice or
/// a glossary explanation, with who sees it.
pub struct Prose<'a> {
    /// The file findings point into.
    pub file: &'a str,
    pub locale: &'a str,
    /// The widest tier that sees the text (a hint proposes only facts this tier may name).
    pub tier: &'a str,
    /// The guide or section, for what only pages have (steps, translations).
    pub page: Option<&'a Page>,
    blocks: std::sync::OnceLock<Vec<Block>>,
}

impl<'a> Prose<'a> {
    /// A page's prose (its blocks parsed on first use).
    pub fn page(page: &'a Page) -> Self {
        Prose {
            file: &page.source.path,
            locale: &page.locale,
            tier: &page.tier,
            page: Some(page),
            blocks: std::sync::OnceLock::new(),
        }
    }

    /// A text outside guides, already in blocks.
    pub fn other(file: &'a str, locale: &'a str, tier: &'a str, blocks: Vec<Block>) -> Self {
        Prose { file, locale, tier, page: None, blocks: std::sync::OnceLock::from(blocks) }
    }

    pub fn blocks(&self) -> &[Block] {
        self.blocks.get_or_init(|| self.page.map(blocks).unwrap_or_default())
    }

    /// Whether the text may hold what `test` looks for (see [`may_contain`]): a page is tested
    /// on its file before it is parsed.
    pub fn may_contain(&self, test: impl Fn(&str) -> bool) -> bool {
        match self.page {
            Some(p) if self.blocks.get().is_none() => may_contain(p, test),
            _ => self.blocks().iter().any(|b| test(&b.text)),
        }
    }

    /// The step list of the page (empty for other texts).
    pub fn steps(&self) -> &'a [crate::model::Step] {
        self.page.map_or(&[], |p| p.steps.as_slice())
    }
}

/// Whether the page's file may hold what `test` looks for: a filter that skips parsing
/// pages without a single candidate. Entities and escapes (`&`, `\\`) can hide a match from
/// the raw text, so a file with them always passes.
pub fn may_contain(page: &Page, test: impl Fn(&str) -> bool) -> bool {
    let t = page.source.text.as_str();
    t.contains(['&', '\\']) || test(t)
}

fn flush(cur: &mut Option<Block>, out: &mut Vec<Block>) {
    if let Some(b) = cur.take().filter(|b| !b.text.trim().is_empty()) {
        out.push(b);
    }
}

/// The prose blocks of Markdown `body`, which starts at byte `base` of its file.
pub fn markdown_blocks(body: &str, base: usize, out: &mut Vec<Block>) {
    // The renderer's options, so what counts as prose here is what readers see.
    let options = crate::model::links::MARKDOWN_OPTIONS;
    let mut cur: Option<Block> = None;
    let mut skip = 0usize;
    let mut links: Vec<bool> = Vec::new();
    for (event, r) in Parser::new_ext(body, options).into_offset_iter() {
        let src = base + r.start..base + r.end;
        match event {
            Event::Start(ref tag @ (Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableCell)) => {
                flush(&mut cur, out);
                let kind = match tag {
                    Tag::Heading { .. } => Kind::Heading,
                    Tag::Item => Kind::ListItem,
                    Tag::TableCell => Kind::TableCell,
                    _ => Kind::Paragraph,
                };
                cur = Some(Block { kind, ..Block::new(Origin::Body) });
            }
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock) => {
                flush(&mut cur, out);
                skip += 1;
            }
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock) => skip = skip.saturating_sub(1),
            Event::Start(Tag::Link { link_type, .. }) => {
                let url_only = matches!(link_type, LinkType::Autolink | LinkType::Email);
                links.push(url_only);
                skip += usize::from(url_only);
            }
            Event::End(TagEnd::Link) => skip -= usize::from(links.pop().unwrap_or(false)).min(skip),
            Event::Start(
                Tag::BlockQuote(_)
                | Tag::List(_)
                | Tag::Table(_)
                | Tag::TableHead
                | Tag::TableRow
                | Tag::FootnoteDefinition(_),
            )
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::Table
                | TagEnd::TableHead
                | TagEnd::TableRow
                | TagEnd::FootnoteDefinition,
            ) => flush(&mut cur, out),
            Event::Text(t) if skip == 0 => {
                let exact = t.len() == src.len();
                cur.get_or_insert_with(|| Block::new(Origin::Body)).push(&t, src, exact);
            }
            Event::Code(_) | Event::InlineHtml(_) | Event::SoftBreak | Event::HardBreak if skip == 0 => {
                if let Some(b) = cur.as_mut() {
                    b.push(" ", src, false);
                }
            }
            _ => {}
        }
    }
    flush(&mut cur, out);
}

/// Ends a sentence in words and stems modes (`.` with care), and the closers after it.
const EN_ENDS: &[char] = &['.', '!', '?', '…'];
const ZH_ENDS: &[char] = &['。', '！', '？', '；', '!', '?', ';'];
const CLOSERS: &[char] = &['.', '!', '?', '"', '\'', '”', '’', '»', ')', ']', '」', '』', '）'];

/// Whether the `.` at `dot` ends an abbreviation, an initial or (Hungarian) an ordinal.
fn is_abbreviation(lang: &Lang, text: &str, dot: usize) -> bool {
    let word = text[..dot].rsplit(char::is_whitespace).next().unwrap_or("");
    let word = word.trim_start_matches(|c: char| !is_word_char(c));
    if word.is_empty() {
        return false;
    }
    let lower = word.to_lowercase();
    let mut chars = word.chars();
    let single = chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none();
    single || lang.abbreviations.contains(&lower) || (lang.ordinal_dot && word.chars().all(|c| c.is_ascii_digit()))
}

/// The sentences of `text` (trimmed ranges), split per the locale's rules.
pub fn sentences(lang: &Lang, text: &str) -> Vec<Range<usize>> {
    let ends = if lang.mode == Mode::Chars { ZH_ENDS } else { EN_ENDS };
    let mut out = Vec::new();
    let mut start = 0;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if !ends.contains(&c) {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, n)) = iter.peek().filter(|(_, n)| CLOSERS.contains(n)) {
            end = j + n.len_utf8();
            iter.next();
        }
        let next = text[end..].chars().next();
        let boundary = if lang.mode == Mode::Chars {
            true
        } else {
            let rest = text[end..].trim_start();
            next.is_none_or(char::is_whitespace)
                && !(c == '.' && (is_abbreviation(lang, text, i) || rest.starts_with(|r: char| r.is_lowercase())))
        };
        if boundary {
            push_trimmed(text, start..end, &mut out);
            start = end;
        }
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(r.start + lead..r.end - trail);
    }
}

fn is_clause_mark(text: &str, i: usize, c: char) -> bool {
    match c {
        ';' | ':' | '，' | '；' | '：' => true,
        // "1,5 óra" is a number, not two clauses.
        ',' => {
            !(text[..i].ends_with(|p: char| p.is_ascii_digit())
                && text[i + 1..].starts_with(|n: char| n.is_ascii_digit()))
        }
        _ => false,
    }
}

/// The clause of `sentence` (a range of `text`) that holds `pos`: between commas,
/// semicolons and colons (`，；：` too), trimmed.
pub fn clause_at(text: &str, sentence: Range<usize>, pos: usize) -> Range<usize> {
    let c = Clauses::new(&text[sentence.clone()]).at(pos.saturating_sub(sentence.start));
    sentence.start + c.start..sentence.start + c.end
}

/// Whether a clause is an instruction to the reader ("call 112 right away", "请立即告诉
/// 工作人员", "azonnal szóljon"): it starts with an imperative (after lead words such as
/// "please", "then", "always"), or holds a word that marks one anywhere (Chinese "请",
/// Hungarian formal imperatives: free word order).
pub fn is_instruction(lang: &Lang, clause: &str) -> bool {
    if lang.anywhere.is_match(clause) && words::cue_hits(&lang.anywhere, &lang.anywhere_not, clause).next().is_some() {
        return true;
    }
    let mut rest = clause.trim_start_matches(|c: char| !is_word_char(c));
    for _ in 0..4 {
        if let Some(end) = lang.verbs.match_at_start(rest) {
            // "see you within 15 minutes" (in a list of what an office promises) is not an
            // imperative: an imperative's object is never the reader.
            let object = rest[end..].trim_start_matches(|c: char| !is_word_char(c));
            return lang.not_object.match_at_start(object).is_none();
        }
        match lang.lead.match_at_start(rest) {
            Some(end) => rest = rest[end..].trim_start_matches(|c: char| !is_word_char(c)),
            None => return false,
        }
    }
    false
}

const QUOTES: [(char, char); 6] = [('"', '"'), ('“', '”'), ('„', '”'), ('«', '»'), ('「', '」'), ('『', '』')];

/// The quoted stretches of `text`, quotes included.
pub fn quoted(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some((i, open)) = text[at..].char_indices().find(|(_, c)| QUOTES.iter().any(|q| q.0 == *c)) {
        let from = at + i + open.len_utf8();
        let close = QUOTES.iter().filter(|q| q.0 == open).find_map(|q| text[from..].find(q.1).map(|j| (j, q.1)));
        let Some((j, c)) = close else { break };
        out.push(at + i..from + j + c.len_utf8());
        at = from + j + c.len_utf8();
    }
    out
}

pub fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The start of the `k`-th token before `at` (words, or characters in chars mode).
pub fn tokens_before(mode: Mode, text: &str, at: usize, k: usize) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for (i, c) in text[..at].char_indices().rev() {
        let w = is_word_char(c);
        if (mode == Mode::Chars && w && !c.is_ascii()) || (w && !in_word) {
            count += 1;
        }
        in_word = w && (mode != Mode::Chars || c.is_ascii());
        if count > k {
            return i + c.len_utf8();
        }
    }
    0
}

/// The end of the `k`-th token after `at`.
pub fn tokens_after(mode: Mode, text: &str, at: usize, k: usize) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for (i, c) in text[at..].char_indices() {
        let w = is_word_char(c);
        if (mode == Mode::Chars && w && !c.is_ascii()) || (w && !in_word) {
            count += 1;
        }
        in_word = w && (mode != Mode::Chars || c.is_ascii());
        if count > k {
            return at + i;
        }
    }
    text.len()
}

/// One sentence of a block, with what the text rules ask about it.
pub struct Sentence<'a> {
    pub block: &'a Block,
    /// The sentence's range in the block's text.
    pub range: Range<usize>,
    pub text: &'a str,
    /// The block's placeholders and quotes (ranges of the block's text).
    pub placeholders: &'a [Placeholder],
    pub quotes: &'a [Range<usize>],
}

impl Sentence<'_> {
    /// Whether `rel` (a range of the sentence) is quoted or inside a `{{ }}`.
    pub fn is_quoted_or_fact(&self, rel: &Range<usize>) -> bool {
        let abs = self.range.start + rel.start..self.range.start + rel.end;
        first_overlap(self.quotes, &abs, |q| q).is_some()
            || first_overlap(self.placeholders, &abs, |p| &p.span).is_some()
    }

    /// The placeholders in this sentence (the facts it names).
    pub fn facts(&self) -> impl Iterator<Item = &Placeholder> {
        let from = first_overlap(self.placeholders, &self.range, |p| &p.span).unwrap_or(self.placeholders.len());
        self.placeholders[from..].iter().take_while(|p| overlaps(&p.span, &self.range))
    }

    /// The file span of `rel`, a range of the sentence.
    pub fn span_of(&self, rel: &Range<usize>) -> Range<usize> {
        self.block.span_of(self.range.start + rel.start..self.range.start + rel.end)
    }
}

/// Call `f` with every sentence of a page's prose blocks.
pub fn for_each_sentence(blocks: &[Block], lang: &Lang, mut f: impl FnMut(&Sentence)) {
    for block in blocks {
        let placeholders = block.placeholders();
        let quotes = quoted(&block.text);
        for range in sentences(lang, &block.text) {
            let text = &block.text[range.clone()];
            f(&Sentence { block, range, text, placeholders: &placeholders, quotes: &quotes });
        }
    }
}

/// The widest tier that sees a notice: every tier for a site-wide one, else the widest tier of
/// the guides it names (a guide that is not found counts as the widest).
pub fn notice_tier<'a>(site: &'a crate::model::Site, notice: &crate::model::Notice) -> &'a str {
    let tier_of = |path: &String| site.page(path, site.default_locale()).map_or(0, |p| site.config.tier_rank(&p.tier));
    let rank = notice.applies_to.iter().map(tier_of).min().unwrap_or(0);
    site.config.tier_names().get(rank).copied().unwrap_or_else(|| site.config.widest_tier())
}

#[cfg(test)]
#[path = "text/tests.rs"]
mod tests;
