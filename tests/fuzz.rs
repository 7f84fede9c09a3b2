//! The fuzz targets on stable, bounded by count (never by time): every seed in
//! `fuzz/corpus/<target>/` and every finding in `fuzz/regressions/<target>/` is replayed,
//! then a fixed number of pseudo-random mutations of them, from a fixed seed, so a failure
//! reproduces exactly. A panic fails the test. The real fuzzer is `scripts/fuzz`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use upfront::fuzzing::TARGETS;

/// Mutations per target (the site target renders a whole site per input: fewer).
const MUTATIONS: usize = 1500;
const SITE_MUTATIONS: usize = 40;
/// No mutated input grows beyond this (bytes).
const MAX_LEN: usize = 16 * 1024;

/// Pieces the mutator inserts: the syntax every target's parser reacts to.
const TOKENS: &[&str] = &[
    "{{",
    "}}",
    "{{ er.triage }}",
    "---\n",
    "...\n",
    "\n",
    "\n\n",
    "  ",
    ": ",
    "- ",
    "&a ",
    "*a",
    "!!str ",
    "|\n  ",
    "\"",
    "'",
    "[",
    "](",
    ")",
    "`",
    "```\n",
    "<b>",
    "<!--",
    "-->",
    "#",
    "|",
    "..",
    "5m",
    "15 minutes",
    "10–15",
    "两个半小时",
    "5 munkanap",
    "3wd",
    "。",
    "，",
    "；",
    "“",
    "”",
    "„",
    "«",
    "»",
    "「",
    "」",
    "é",
    "ő",
    "€",
    "😀",
    "\u{0}",
    "\u{1b}",
    "\u{feff}",
    "\r",
    "\t",
    "Dr. ",
    "1. ",
    "2.",
    "请",
    "azonnal",
];

/// Splitmix64: a tiny deterministic generator (no dependency, same sequence everywhere).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }
}

fn mutate(rng: &mut Rng, input: &[u8], other: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(v.len() + 1);
        match rng.below(6) {
            0 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] ^= 1 << rng.below(8);
            }
            1 => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                v.splice(at..at, t.iter().copied());
            }
            2 if at < v.len() => {
                let end = (at + 1 + rng.below(16)).min(v.len());
                v.drain(at..end);
            }
            3 if at < v.len() => {
                // Repeat a stretch: pathological inputs are usually one pattern many times.
                let end = (at + 1 + rng.below(32)).min(v.len());
                let piece = v[at..end].to_vec();
                for _ in 0..rng.below(64) {
                    v.splice(at..at, piece.iter().copied());
                }
            }
            4 if !other.is_empty() => {
                let from = rng.below(other.len());
                let end = (from + 1 + rng.below(64)).min(other.len());
                v.splice(at..at, other[from..end].iter().copied());
            }
            _ => v.insert(at, u8::try_from(rng.below(256)).unwrap_or(0)),
        }
    }
    v.truncate(MAX_LEN);
    v
}

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

/// The files of `fuzz/<kind>/<target>/`, sorted by name.
fn inputs(kind: &str, target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = fuzz_dir().join(kind).join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
    let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_file()).collect();
    paths.sort();
    paths.into_iter().map(|p| (p.clone(), std::fs::read(&p).unwrap_or_default())).collect()
}

fn run(name: &str, f: fn(&[u8])) {
    let seeds: Vec<(PathBuf, Vec<u8>)> =
        inputs("corpus", name).into_iter().chain(inputs("regressions", name)).collect();
    assert!(!seeds.is_empty(), "fuzz/corpus/{name}/ has no seeds");
    for (path, data) in &seeds {
        eprintln!("replay {}", path.display());
        f(data);
    }
    let count = if name == "site" { SITE_MUTATIONS } else { MUTATIONS };
    // A longer local run: `FUZZ_MUTATIONS=100000 cargo test --release --test fuzz`.
    let count = std::env::var("FUZZ_MUTATIONS").ok().and_then(|n| n.parse().ok()).unwrap_or(count);
    let mut rng = Rng(0x5EED ^ name.len() as u64);
    for i in 0..count {
        let (_, a) = &seeds[rng.below(seeds.len())];
        let (_, b) = &seeds[rng.below(seeds.len())];
        let input = mutate(&mut rng, a, b);
        // On a panic, this names the input; rerun with the printed bytes saved as a file.
        let guard = Reporter { name, i, input: &input };
        f(&input);
        std::mem::forget(guard);
    }
}

/// Prints the input that was running when a target panicked.
struct Reporter<'a> {
    name: &'a str,
    i: usize,
    input: &'a [u8],
}

impl Drop for Reporter<'_> {
    fn drop(&mut self) {
        eprintln!(
            "{} panicked on mutation {}; save these bytes under fuzz/regressions/{}/: {:?}",
            self.name,
            self.i,
            self.name,
            String::from_utf8_lossy(self.input)
        );
    }
}

macro_rules! targets {
    ($($name:ident),*) => {
        $(#[test]
        fn $name() {
            let f = TARGETS.iter().find(|(n, _)| *n == stringify!($name)).map(|(_, f)| *f);
            run(stringify!($name), f.unwrap_or_else(|| panic!("no target {}", stringify!($name))));
        })*

        /// Every target of the facade has a test here, a cargo-fuzz target and seeds.
        #[test]
        fn every_target_is_fuzzed() {
            let here: BTreeSet<&str> = [$(stringify!($name)),*].into_iter().collect();
            let facade: BTreeSet<&str> = TARGETS.iter().map(|(n, _)| *n).collect();
            assert_eq!(here, facade, "tests/fuzz.rs and upfront::fuzzing::TARGETS differ");
            let files: BTreeSet<String> = std::fs::read_dir(fuzz_dir().join("fuzz_targets"))
                .map(|d| d.filter_map(Result::ok).filter_map(|e| e.file_name().to_str()?.strip_suffix(".rs").map(String::from)).collect())
                .unwrap_or_default();
            assert_eq!(files, facade.iter().map(|s| s.to_string()).collect(), "fuzz/fuzz_targets/ and TARGETS differ");
        }
    };
}

targets!(front_matter, yaml, interp, duration, sentences, sms, markdown, site);
