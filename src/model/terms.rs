//! Finding a term in prose the way readers see it: any case, at a word start, with
//! suffixes allowed (plurals, Hungarian cases); CJK terms anywhere. Shared by the glossary
//! in `render` and the `jargon` rule in `check`.

/// Where `term` first occurs in `text` as a word start (any case; letters may follow, for
/// plurals and Hungarian suffixes). CJK terms match anywhere. (Not the word lists' regex
/// matcher: `render` uses this too, and a term takes any suffix while a listed word does not.)
pub fn find_term(text: &str, term: &str) -> Option<std::ops::Range<usize>> {
    find_term_where(text, term, |_| true)
}

/// The first occurrence of `term` in `text` (as [`find_term`] finds them) that `keep`
/// accepts: one pass over the text however many occurrences `keep` refuses.
pub fn find_term_where(
    text: &str,
    term: &str,
    keep: impl Fn(&std::ops::Range<usize>) -> bool,
) -> Option<std::ops::Range<usize>> {
    let cjk = term.chars().any(super::script::is_cjk);
    if cjk {
        return text.match_indices(term).map(|(i, _)| i..i + term.len()).find(|r| keep(r));
    }
    if term.len() <= 4 && term.chars().all(|c| c.is_ascii_uppercase()) {
        // An acronym (IV, SLA, NPO): exact case, a whole word (a plural `s` allowed); Chinese
        // text runs on without spaces, so a Han character beside it is a boundary ("的SLA要求").
        let han = super::script::is_cjk;
        return text.match_indices(term).map(|(i, m)| i..i + m.len()).find(|r| {
            text[..r.start].chars().next_back().is_none_or(|c| !c.is_alphanumeric() || han(c))
                && {
                    let rest = text[r.end..].strip_prefix('s').unwrap_or(&text[r.end..]);
                    rest.chars().next().is_none_or(|c| !c.is_alphanumeric() || han(c))
                }
                && keep(r)
        });
    }
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        // Lowercasing changed byte lengths: fall back to an exact-case search.
        return text.match_indices(term).map(|(i, m)| i..i + m.len()).find(|r| starts_word(text, r.start) && keep(r));
    }
    let needle = term.to_lowercase();
    let mut from = 0;
    while let Some(rel) = lower[from..].find(&needle) {
        let i = from + rel;
        if starts_word(text, i) {
            let end = i + needle.len();
            let word_end = text[end..].find(|c: char| !c.is_alphanumeric() && c != '-').map_or(text.len(), |j| end + j);
            if keep(&(i..word_end)) {
                return Some(i..word_end);
            }
        }
        from = i + needle.len().max(1);
    }
    None
}

pub fn starts_word(text: &str, i: usize) -> bool {
    text[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
}

/// Whether the term stands in brackets right after the plain words it names: "departments
/// sort (triage) patients", "a named manager (TAM)". `before` and `after` are the text around
/// the term.
pub fn named_in_brackets(before: &str, after: &str) -> bool {
    let before = before.trim_end();
    before.ends_with(['(', '（'])
        && before[..before.len() - 1].trim_end().chars().next_back().is_some_and(char::is_alphanumeric)
        && after.trim_start().starts_with([')', '）'])
}

/// Whether the writer explains a term right after it: a bracket within the next few words
/// of the same sentence ("triage (a nurse …)", "triázs következik (…)").
pub fn explained_in_text(after: &str) -> bool {
    let sentence = after.split(['.', '!', '?', '。', '！', '？', ';', '；']).next().unwrap_or("");
    sentence.chars().take(40).any(|c| c == '(' || c == '（')
}

/// A set of terms searched all at once (ASCII case-insensitive), to find which terms a text
/// may contain before the exact `find_term`: one pass over the text instead of one per term.
#[derive(Clone)]
pub struct TermSet {
    ac: Option<aho_corasick::AhoCorasick>,
}

impl TermSet {
    pub fn new<'a>(terms: impl IntoIterator<Item = &'a str>) -> TermSet {
        let ac = aho_corasick::AhoCorasick::builder().ascii_case_insensitive(true).build(terms).ok();
        TermSet { ac }
    }

    /// Indices of the terms that occur in `text` (anywhere; confirm with `find_term`).
    pub fn present(&self, text: &str) -> Vec<usize> {
        let Some(ac) = &self.ac else { return Vec::new() };
        let mut ids: Vec<usize> = ac.find_overlapping_iter(text).map(|m| m.pattern().as_usize()).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    pub fn matches_any(&self, text: &str) -> bool {
        self.ac.as_ref().is_some_and(|ac| ac.is_match(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms() {
        assert_eq!(find_term("Triázsra vár", "triázs"), Some(0.."Triázsra".len()));
        assert_eq!(find_term("pretriage", "triage"), None);
        assert_eq!(find_term("Wait for TRIAGE.", "triage"), Some(9..15));
        assert_eq!(find_term("先分诊", "分诊"), Some(3..9));
        assert_eq!(find_term("an ivory IV line", "IV"), Some(9..11));
        assert_eq!(find_term("IVs and ivy", "IV"), Some(0..2));
        assert_eq!(find_term("ivy", "IV"), None);
        assert!(named_in_brackets("Departments sort (", ") patients"));
        assert!(!named_in_brackets("(", ") patients"));
        assert!(!named_in_brackets("Departments ", " patients"));
    }
}
