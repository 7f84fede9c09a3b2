#!/usr/bin/env python3
"""Syllable counters against textstat, word by word and as grades, on the passages.

Usage (from the repo root): python3 benches/readability/syllables.py [upfront|hypher|hyphenation|pyphen]
Builds benches/readability/sylbench (hypher, hyphenation and Upfront's own counter) once,
then prints each counter's agreement with textstat's syllable count per word (token-weighted),
and how many passages are within one grade of textstat when only the syllable counter differs
(textstat's own word and sentence counts). With a counter name it lists that counter's most
frequent disagreements.
"""

import collections
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("compare", HERE / "compare.py")
compare = importlib.util.module_from_spec(spec)
spec.loader.exec_module(compare)  # also hands textstat the CMU dictionary where NLTK cannot fetch it
textstat = compare.textstat
list_words = compare.list_words

import pyphen  # noqa: E402

target = os.environ.get("SYLBENCH_TARGET", "/tmp/sylbench-target")
subprocess.run(["cargo", "build", "--release", "-q", "--manifest-path", str(HERE / "sylbench/Cargo.toml"),
                "--target-dir", target], check=True)
texts = {p.stem: compare.passage(p)[1] for p in compare.PASSAGES}
tokens = collections.Counter(w for t in texts.values() for w in list_words(t, lowercase=True))
out = subprocess.run([f"{target}/release/sylbench"], input="\n".join(tokens) + "\n",
                     capture_output=True, text=True, check=True).stdout
counts = {}
for line in out.splitlines():
    w, a, b, c = line.split("\t")
    counts[w] = {"hypher": int(a), "hyphenation": int(b), "upfront": int(c)}
dic = pyphen.Pyphen(lang="en_US")
for w in counts:
    counts[w]["pyphen"] = len(dic.positions(w)) + 1
names = ["upfront", "hypher", "hyphenation", "pyphen"]
total = sum(tokens.values())
for n in names:
    agree = sum(c for w, c in tokens.items() if counts[w][n] == textstat.syllable_count(w))
    within = 0
    for t in texts.values():
        ws = list_words(t, lowercase=True)
        g = 0.39 * len(ws) / textstat.sentence_count(t) + 11.8 * sum(counts[w][n] for w in ws) / len(ws) - 15.59
        within += abs(g - textstat.flesch_kincaid_grade(t)) <= 1
    print(f"{n:12} words {agree}/{total} = {agree / total:.3f}   grades within one: {within}/{len(texts)}")
if len(sys.argv) > 1:
    n = sys.argv[1]
    bad = collections.Counter({(w, counts[w][n], textstat.syllable_count(w)): c
                               for w, c in tokens.items() if counts[w][n] != textstat.syllable_count(w)})
    for (w, ours, ts), c in bad.most_common(40):
        print(f"{w:24} {n} {ours}  textstat {ts}  ×{c}")
