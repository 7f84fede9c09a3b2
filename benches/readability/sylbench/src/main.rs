//! For each word on stdin: syllables by typst's `hypher` (TeX patterns as automata), by the
//! `hyphenation` crate (Knuth–Liang, en-us) and by Upfront's counter, tab-separated.

use std::io::BufRead;

use hyphenation::{Hyphenator, Language, Load, Standard};

#[path = "../../../../src/check/rules/readability/syllables.rs"]
#[allow(dead_code)]
mod upfront;

fn main() {
    let en = Standard::from_embedded(Language::EnglishUS).expect("en-us patterns are embedded");
    for line in std::io::stdin().lock().lines() {
        let w = line.expect("stdin is UTF-8");
        let hypher = hypher::hyphenate(&w, hypher::Lang::English).count();
        let liang = en.hyphenate(&w).breaks.len() + 1;
        println!("{w}\t{hypher}\t{liang}\t{}", upfront::syllables(&w));
    }
}
