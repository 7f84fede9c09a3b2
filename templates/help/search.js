// Upfront's search page: pagefind's JS API (pagefind.js, its wasm and index files from this
// site) behind a small accessible form. Nothing is fetched from anywhere else. Results are
// built with DOM calls, never innerHTML, so indexed text cannot inject markup.
(() => {
  const form = document.getElementById('search-form');
  if (!form) return;
  const input = document.getElementById('search-input');
  const status = document.getElementById('search-status');
  const list = document.getElementById('search-results');
  const section = list.closest('section');
  const d = form.dataset;
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));
  let pagefind = null;
  let current = 0;

  async function load() {
    // Browsers refuse to load modules and wasm from file:// pages: say so instead of failing.
    if (location.protocol === 'file:') throw new Error('search needs http(s)');
    if (!pagefind) pagefind = await import(new URL(d.bundle, location.href).href);
    return pagefind;
  }

  /** The excerpt with pagefind's <mark> tags as real elements and everything else as text. */
  function excerpt(raw) {
    const p = document.createElement('p');
    let marked = false;
    for (const part of raw.split(/(<mark>|<\/mark>)/)) {
      if (part === '<mark>') { marked = true; continue; }
      if (part === '</mark>') { marked = false; continue; }
      const text = document.createTextNode(part.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
      if (marked) { const m = document.createElement('mark'); m.append(text); p.append(m); } else { p.append(text); }
    }
    return p;
  }

  function result(data) {
    const li = document.createElement('li');
    const h = document.createElement('h3');
    const a = document.createElement('a');
    a.href = new URL(d.root + data.raw_url, location.href).href;
    a.textContent = data.meta?.title || data.raw_url;
    h.append(a);
    li.append(h, excerpt(data.excerpt || ''));
    return li;
  }

  async function run(term) {
    const id = ++current;
    list.replaceChildren();
    section.hidden = true;
    if (!term.trim()) { status.textContent = ''; return; }
    status.textContent = d.loading;
    let found;
    let total = 0;
    try {
      const pf = await load();
      const search = await pf.search(term);
      total = search.results.length;
      found = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
    } catch (e) {
      if (id === current) status.textContent = d.unavailable;
      return;
    }
    if (id !== current) return;
    list.append(...found.map(result));
    section.hidden = found.length === 0;
    status.textContent = fill(found.length ? d.count : d.none, { n: total, q: term });
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const term = input.value;
    const url = new URL(location.href);
    url.searchParams.set('q', term);
    history.replaceState(null, '', url);
    run(term);
  });
  const q = new URLSearchParams(location.search).get('q') || '';
  input.value = q;
  if (q) run(q);
})();
