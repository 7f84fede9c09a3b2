// Shared helpers for the browser tests: Chromium, a tiny static server over the built site
// (screens poll status.json, which Chromium will not fetch from file://), and page checks.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const PUBLIC = process.env.UPFRONT_PUBLIC;
if (!PUBLIC) throw new Error('set UPFRONT_PUBLIC to a built site (scripts/test does)');

export function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.json': 'application/json', '.css': 'text/css', '.js': 'text/javascript', '.xml': 'application/xml', '.png': 'image/png', '.svg': 'image/svg+xml', '.txt': 'text/plain; charset=utf-8' };

/** Serve `PUBLIC` on 127.0.0.1 (a free port); resolves to { origin, close }. */
export function serve() {
  const root = path.resolve(PUBLIC);
  const server = http.createServer((req, res) => {
    let rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(root, rel);
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

/** Record console errors, page errors and requests that leave `origin` (aborted). */
export async function watch(page, origin, { ignore = () => false } = {}) {
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' && !ignore(m)) problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(origin)) return route.fallback();
    problems.push(`request outside ${origin}: ${u}`);
    return route.abort();
  });
  return problems;
}

/** Wait (in real time) until `fn` resolves truthy; for things that need a real fetch. */
export async function until(fn, what, ms = 5000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every .html file of the built site, relative to it. */
export function htmlFiles(dir = PUBLIC, base = '') {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = base ? `${base}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...htmlFiles(path.join(dir, e.name), rel));
    else if (e.name.endsWith('.html')) out.push(rel);
  }
  return out.sort();
}
