// Live quotes (`upfront live`, issue 16) in real headless Chromium on a copy of the built
// sample, served over http: the screen and the help page show the quote of status.json's
// `live` key beside the promise, take a new range without a reload, never move the layout,
// and fall back to the promise alone when the quote is stale or status.json fails. The clock
// is mocked (playwright's page.clock), never the real one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PUBLIC, launch, watch, until } from './serve.mjs';
import { serve } from './server.mjs';

const SCREEN = 'waiting-room/er-lobby/index.html';
const AT = new Date('2026-11-23T10:42:00+01:00');
const MIN = 60 * 1000;

let browser, server, root;
before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'upfront-live-'));
  fs.cpSync(PUBLIC, root, { recursive: true });
  server = await serve(root);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

/** status.json as built, with `er.triage` quoted `low`–`high`, updated at `updated`. */
function writeLive(low, high, updated, { over = false } = {}) {
  const file = path.join(root, 'status.json');
  const status = JSON.parse(fs.readFileSync(file, 'utf8'));
  const stale = new Date(updated.getTime() + 15 * MIN);
  status.live = {
    'er.triage': {
      low, high, unit: 'minutes', n: 24, basis: 'window', over_promise: over,
      updated: updated.toISOString().replace(/\.\d+Z$/, 'Z'), stale_after: stale.toISOString().replace(/\.\d+Z$/, 'Z'),
    },
  };
  fs.writeFileSync(file, JSON.stringify(status));
}

async function openAt(rel, { viewport = { width: 1920, height: 1080 } } = {}) {
  const page = await browser.newPage({ viewport, timezoneId: 'Europe/Budapest' });
  const problems = await watch(page, server.url.replace(/\/$/, ''));
  await page.clock.install({ time: AT });
  await page.goto(server.url + rel);
  return { page, problems };
}

/** The live line of the visible slide (or the page), and the height of its box. */
const liveOf = (page, scope) => page.locator(`${scope} [data-live="er.triage"]`).first().evaluate((el) => ({
  now: el.querySelector('.live-now').textContent,
  over: el.querySelector('.live-over').textContent,
  height: el.getBoundingClientRect().height,
  top: el.getBoundingClientRect().top,
}));

async function toLocale(page, locale) {
  for (let i = 0; i < 40; i++) {
    const l = await page.locator('.slide:not([hidden])').getAttribute('data-locale');
    const has = await page.locator('.slide:not([hidden]) [data-live="er.triage"]').count();
    if (l === locale && has) return;
    await page.keyboard.press('ArrowRight');
  }
  throw new Error(`no ${locale} slide with the live fact`);
}

test('the screen shows the live range, takes a new one without a reload, then falls back', async () => {
  writeLive(20, 35, AT, { over: true });
  const { page, problems } = await openAt(SCREEN);
  await page.keyboard.press(' '); // pause the rotation: we page by hand
  await toLocale(page, 'en');
  const scope = '.slide:not([hidden])';
  const empty = await liveOf(page, scope);
  assert.equal(empty.now, '', 'nothing before the first poll (the built-in status has no quotes)');
  // The screen polls every poll_seconds (60 s by default).
  await page.clock.runFor(61 * 1000);
  await until(async () => (await liveOf(page, scope)).now, 'the first live quote');
  const first = await liveOf(page, scope);
  assert.equal(first.now, 'Right now: usually 20–35 minutes (updated 10:42)');
  assert.equal(first.over, 'Waits are longer than usual today.');
  assert.equal(first.height, empty.height, 'the space was reserved: no layout shift');
  assert.equal(first.top, empty.top);
  // UPFRONT_SCREENSHOTS=1 refreshes the README's picture of it.
  if (process.env.UPFRONT_SCREENSHOTS) {
    await page.screenshot({ path: path.join(import.meta.dirname, '../../docs/images/screen-live-en.png') });
  }

  // A new quote, no reload.
  writeLive(15, 25, new Date(AT.getTime() + MIN));
  await page.clock.runFor(61 * 1000);
  await until(async () => (await liveOf(page, scope)).now.includes('15–25'), 'the new range');
  const second = await liveOf(page, scope);
  assert.equal(second.now, 'Right now: usually 15–25 minutes (updated 10:43)');
  assert.equal(second.over, '', 'within the promise: no "longer than usual" line');
  assert.equal(second.height, empty.height);

  // In Chinese on the same screen.
  await toLocale(page, 'zh');
  const zh = await liveOf(page, scope);
  assert.equal(zh.now, '目前：通常需要 15–25 分钟（10:43 更新）');

  // Stale: 15 minutes after the update, the promise alone (the text goes, the space stays).
  await page.clock.runFor(16 * MIN);
  await until(async () => (await liveOf(page, scope)).now === '', 'the stale fallback');
  const stale = await liveOf(page, scope);
  assert.equal(stale.height, empty.height);
  assert.ok((await page.locator(`${scope} .wait[data-fact="er.triage"]`).innerText()).includes('10–30'), 'the promise stays');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the screen falls back when status.json cannot be fetched', async () => {
  writeLive(20, 35, AT);
  const { page } = await openAt(SCREEN);
  await page.keyboard.press(' ');
  await toLocale(page, 'hu');
  const scope = '.slide:not([hidden])';
  await page.clock.runFor(61 * 1000);
  await until(async () => (await liveOf(page, scope)).now, 'the live quote');
  assert.equal((await liveOf(page, scope)).now, 'Jelenleg: általában 20–35 perc (frissítve: 10:42)');
  fs.renameSync(path.join(root, 'status.json'), path.join(root, 'status.json.off'));
  try {
    await page.clock.runFor(61 * 1000);
    await until(async () => (await liveOf(page, scope)).now === '', 'the fallback on a failed fetch');
  } finally {
    fs.renameSync(path.join(root, 'status.json.off'), path.join(root, 'status.json'));
  }
  await page.close();
});

test('the help page shows the live range in its language, then falls back when stale', async () => {
  writeLive(20, 35, AT, { over: true });
  const { page, problems } = await openAt('zh/emergency/visit/', { viewport: { width: 1280, height: 900 } });
  await until(async () => (await liveOf(page, 'main')).now, 'the live quote on the help page');
  const q = await liveOf(page, 'main');
  assert.equal(q.now, '目前：通常需要 20–35 分钟（10:42 更新）');
  assert.equal(q.over, '今天的等候时间比平时长。');
  writeLive(25, 30, new Date(AT.getTime() + 2 * MIN));
  await page.clock.runFor(31 * 1000);
  await until(async () => (await liveOf(page, 'main')).now.includes('25–30'), 'the new range on the help page');
  assert.equal((await liveOf(page, 'main')).height, q.height, 'no layout shift');
  await page.clock.runFor(20 * MIN);
  await until(async () => (await liveOf(page, 'main')).now === '', 'the stale fallback on the help page');
  assert.deepEqual(problems, []);
  await page.close();
});
