//! English syllables by rule, measured against what textstat counts (the CMU pronouncing
//! dictionary, pyphen for words it lacks): vowel groups, then the places where spelling and
//! speech part ways. Hyphenation patterns (Knuth–Liang, as in the `hyphenation` and `hypher`
//! crates) were measured too and agree far less: TeX's patterns find hyphenation points,
//! not syllables ("level", "every", "area" get no break at all). See
//! `benches/readability/README.md`.

/// Words the rules below get wrong, with their count in the CMU pronouncing dictionary.
const EXCEPTIONS: &[(&str, usize)] = &[
    ("ago", 2),
    ("any", 2),
    ("business", 2),
    ("businesses", 3),
    ("every", 3),
    ("hour", 2),
    ("hours", 2),
    ("hourly", 3),
    ("our", 2),
    ("ours", 2),
    ("people", 2),
    ("several", 2),
    ("via", 2),
];

/// The first word part of compounds whose `e` is silent: "some|times", "there|fore",
/// "guide|lines".
const SILENT_E_PARTS: &[&str] = &[
    "some", "there", "life", "time", "home", "care", "safe", "guide", "frame", "house", "base", "side", "wide", "like",
    "more",
];

/// Suffixes after which a preceding `e` is silent: "like|ly", "safe|ty", "care|ful".
const SILENT_E_SUFFIXES: &[&str] = &["ly", "ty", "ful", "ness", "less", "ment"];

fn vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// English syllables of one word: vowel groups (`y` is a vowel except first), plus vowel pairs
/// said as two (`tri-age`, `me-di-um`, `be-ing`), minus a silent final `e` (not in `-le`, `-re`,
/// `-ire`, `-ee`, `-ue`), minus `-ed`/`-es` that add no syllable, minus a silent `e` inside
/// (`like-ly`, `some-times`); at least one. A word without a vowel is spelled out (`SMS`: 3).
/// A number ("48", "24/7") counts as one, as textstat
/// counts it.
pub fn syllables(word: &str) -> usize {
    // Lowercase ASCII letters into a stack buffer: no allocation per word (a long word is cut;
    // its syllables are counted up to the cut).
    let mut buf = [0u8; 40];
    let mut len = 0;
    for c in word.bytes().filter(u8::is_ascii_alphabetic).take(buf.len()) {
        buf[len] = c.to_ascii_lowercase();
        len += 1;
    }
    let w = &buf[..len];
    if w.is_empty() {
        return usize::from(word.chars().any(|c| c.is_ascii_digit()));
    }
    if let Some(&(_, n)) = EXCEPTIONS.iter().find(|(e, _)| e.len() == w.len() && e.as_bytes() == w) {
        return n;
    }
    // No vowel at all: an abbreviation said letter by letter (SMS, HTML, p.m.).
    if !w.iter().copied().any(vowel) {
        return w.iter().map(|&c| if c == b'w' { 3 } else { 1 }).sum();
    }
    if w.len() <= 3 {
        return 1;
    }
    let n = w.len();
    let mut count: usize = 0;
    let mut prev = false;
    for (i, &c) in w.iter().enumerate() {
        let v = vowel(c) && !(c == b'y' && i == 0);
        if v && !prev {
            count += 1;
        }
        prev = v;
    }
    let at = |k: usize| w.get(k).copied().unwrap_or(b' ');
    let ends = |s: &str| w.ends_with(s.as_bytes());
    let starts = |s: &str| w.starts_with(s.as_bytes());
    // Vowel pairs said as two syllables: tri-age, ra-di-o, usu-al, qui-et, ide-a, me-di-um,
    // ex-pe-ri-ence, ear-li-er.
    for i in 1..n {
        let (a, b, before) = (w[i - 1], w[i], if i >= 2 { w[i - 2] } else { b' ' });
        let split = match (a, b) {
            (b'i', b'a') => !matches!(before, b'c' | b't' | b's' | b'g'),
            (b'i', b'o') => !matches!(before, b'c' | b't' | b's' | b'x' | b'g'),
            (b'i', b'u') => true,
            (b'u', b'a') => before != b'q' && before != b'g',
            (b'i', b'e') => match (at(i + 1), at(i + 2)) {
                (b't', _) => true,
                (b'n', b't' | b'c') => !matches!(before, b'c' | b't' | b'n'),
                (b'r', next) => n >= 6 && i + 2 >= n - 1 && (next == b' ' || next == b's'),
                _ => false,
            },
            (b'e', b'a') => i == n - 1 || (n >= 5 && i == n - 2 && w[n - 1] == b's') || (i == 3 && starts("creat")),
            _ => false,
        };
        count += usize::from(split);
    }
    // A vowel before -ing: be-ing, go-ing, say-ing.
    if ends("ing") && n > 4 && vowel(w[n - 4]) {
        count += 1;
    }
    let consonant = |k: usize| k < n && !vowel(w[k]);
    // Before -ire, a consonant or the u of qu: fire, re-quire.
    let before_ire = |k: usize| consonant(k) || (k >= 1 && w[k] == b'u' && w[k - 1] == b'q');
    if ends("e") {
        let syllabic = (n >= 3 && consonant(n - 3) && matches!(w[n - 2], b'l' | b'r'))
            || (ends("ire") && before_ire(n - 4))
            || !consonant(n - 2);
        let silent_ue = ends("que") || (ends("gue") && !ends("rgue"));
        if (!syllabic || silent_ue) && count > 1 {
            count -= 1;
        }
    } else if ends("ed") || ends("es") {
        // -ed adds a syllable only after t or d; -es only after a hissing sound; neither
        // after a syllabic -le/-re (ta-bles, han-dled) or -ire (re-quired).
        let hiss = ["ses", "zes", "ces", "ges", "xes", "shes", "ches"].iter().any(|e| ends(e));
        let silent = if ends("ed") { !(ends("ted") || ends("ded")) } else { !hiss };
        let syllabic = (n >= 4 && consonant(n - 4) && matches!(w[n - 3], b'l' | b'r') && w[n - 4] != w[n - 3])
            || ((ends("ired") || ends("ires")) && before_ire(n - 5));
        if silent && !syllabic && consonant(n - 3) && count > 1 {
            count -= 1;
        }
    }
    // A silent e inside: like-ly, safe-ty, manage-ment; some-times, there-fore.
    let before_suffix = SILENT_E_SUFFIXES.iter().find(|s| ends(s)).is_some_and(|s| {
        let e = n.saturating_sub(s.len() + 1);
        e >= 2
            && w[e] == b'e'
            && consonant(e - 1)
            && vowel(w[e - 2])
            && !(s == &"ment" && w[e - 2] == b'e')
            && !(w[e - 1] == b'r' && w[e - 2] == b'i')
    });
    // (Only words long enough, and only the parts that start with the word's letter: this runs
    // for every word of every page.)
    let compound = n >= 7
        && (SILENT_E_PARTS
            .iter()
            .any(|p| p.as_bytes()[0] == w[0] && starts(p) && n >= p.len() + 3 && consonant(p.len()))
            || (starts("every") && n >= 8 && consonant(5)));
    // -ically: typ-i-cal-ly, ba-sic-ally.
    if ends("ically") && count > 2 {
        count -= 1;
    }
    // A contraction's n't after a consonant is a syllable: is-n't, does-n't (not don't, can't).
    if ends("nt") && consonant(n - 3) && word.contains(['\'', '’']) {
        count += 1;
    }
    if (before_suffix || compound) && count > 1 {
        count -= 1;
    }
    count.max(1)
}

#[cfg(test)]
mod tests {
    use super::syllables;

    #[test]
    fn syllables_match_dictionary_counts() {
        // Counts as textstat gives them (the CMU pronouncing dictionary's first entry).
        for (word, n) in [
            ("the", 1),
            ("nurse", 1),
            ("checks", 1),
            ("triage", 2),
            ("waiting", 2),
            ("doctor", 2),
            ("hospital", 3),
            ("emergency", 4),
            ("condition", 3),
            ("department", 3),
            ("table", 2),
            ("tables", 2),
            ("little", 2),
            ("handled", 2),
            ("cancelled", 2),
            ("asked", 1),
            ("wanted", 2),
            ("needed", 2),
            ("boxes", 2),
            ("makes", 1),
            ("urgent", 2),
            ("results", 2),
            ("every", 3),
            ("people", 2),
            ("usually", 4),
            ("medicine", 3),
            ("ambulance", 3),
            ("you", 1),
            ("area", 3),
            ("areas", 3),
            ("ideas", 3),
            ("quiet", 2),
            ("society", 4),
            ("yes", 1),
            ("our", 2),
            ("hours", 2),
            ("any", 2),
            ("business", 2),
            ("patient", 2),
            ("patients", 2),
            ("efficient", 3),
            ("experience", 4),
            ("medium", 3),
            ("being", 2),
            ("going", 2),
            ("saying", 2),
            ("earlier", 3),
            ("carrier", 3),
            ("issue", 2),
            ("value", 2),
            ("vague", 1),
            ("unique", 2),
            ("guarantee", 3),
            ("agree", 2),
            ("movie", 2),
            ("fire", 2),
            ("require", 3),
            ("required", 3),
            ("centre", 2),
            ("create", 2),
            ("created", 3),
            ("likely", 2),
            ("safety", 2),
            ("immediately", 5),
            ("management", 3),
            ("element", 3),
            ("careful", 2),
            ("sometimes", 2),
            ("therefore", 2),
            ("guidelines", 2),
            ("typically", 3),
            ("everything", 3),
            ("everyone", 3),
            ("entirely", 4),
            ("wherever", 3),
            ("convenient", 3),
            ("isn't", 2),
            ("doesn’t", 2),
            ("don't", 1),
            ("SMS", 3),
            ("p.m.", 2),
            ("48", 1),
            ("24/7", 1),
            ("", 0),
        ] {
            assert_eq!(syllables(word), n, "{word}");
        }
    }
}
