//! "Did you mean …?": the nearest of a list of names to a misspelt one. Shared by every layer
//! that names a fix (the loader's schema errors, the rules' hints, the CLI's arguments).

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let len = word.chars().count();
    candidates
        .filter_map(|c| {
            let clen = c.chars().count();
            let limit = (clen.max(len) / 3).max(2);
            // The edit distance is at least the length difference: skip hopeless candidates
            // before the quadratic comparison (hints over thousands of pages stay cheap).
            if clen.abs_diff(len) > limit {
                return None;
            }
            let d = strsim::damerau_levenshtein(word, c);
            (d <= limit).then_some((d, c))
        })
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn a_typo_and_a_stranger() {
        assert_eq!(nearest("titel", ["title", "summary"].into_iter()), Some("title"));
        assert_eq!(nearest("zzzzzz", ["title", "summary"].into_iter()), None);
    }
}
