"""The documented Chinese readability measure (docs/rules.md, readability), computed apart
from the Rust code: average sentence length in characters (Han characters, letters and
digits) over a public page's prose (paragraphs, list items, summary, step texts; not
headings or tables), limit 30; pages under 60 such characters are not judged.
A {{ fact }} counts as two characters. Prints each page's average and whether it is over."""
import re, sys, glob, os
root = os.path.dirname(os.path.abspath(__file__))
def count(s):
    s = re.sub(r'\{\{[^}]*\}\}', 'AA', s)
    return sum(1 for c in s if c.isalnum())
for path in sorted(glob.glob(os.path.join(root, 'content', '**', '*.md'), recursive=True)):
    text = open(path, encoding='utf-8').read()
    fm, body = text.split('\n---\n', 1)
    if re.search(r'^tier: (?!public)', fm, re.M):
        continue
    prose = []
    m = re.search(r'^summary: "(.*)"$', fm, re.M)
    if m: prose.append(m.group(1))
    for line in body.split('\n'):
        if line.startswith('#') or line.startswith('|') or not line.strip():
            continue
        prose.append(re.sub(r'^\s*([-*]|\d+\.)\s+', '', line))
    sentences = []
    for block in prose:
        for s in re.split(r'[。！？；!?;]', block):
            if count(s) > 0:
                sentences.append(count(s))
    total = sum(sentences)
    if total < 60 or not sentences:
        print(f"{os.path.relpath(path, root)}: {total} chars, not judged"); continue
    avg = total / len(sentences)
    print(f"{os.path.relpath(path, root)}: {avg:.1f} {'OVER' if avg > 30 else ''}")
