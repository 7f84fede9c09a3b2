// Shared helpers for the browser tests: Chromium, a tiny static server over the built site
// (screens poll status.json, which Chromium will not fetch from file://), and page checks.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve as serveDir } from './server.mjs';

export const PUBLIC = process.env.UPFRONT_PUBLIC;
if (!PUBLIC) throw new Error('set UPFRONT_PUBLIC to a built site (scripts/test does)');

export function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
/** WCAG 2.0, 2.1 and 2.2, levels A and AA: what every page must pass. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe-core's violations on `page`, one line each: `id (impact): help` and the first nodes. */
export async function axe(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate((tags) => window.axe.run(document, {
    runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
  }), AXE_TAGS);
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n      ${v.nodes.slice(0, 5)
    .map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 2).join('')}`).join('\n      ')}`);
}

/** Serve `PUBLIC` on 127.0.0.1 (a free port, `server.mjs`); resolves to { origin, close }. */
export async function serve() {
  const server = await serveDir(PUBLIC);
  return { origin: server.url.replace(/\/$/, ''), close: server.close };
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
