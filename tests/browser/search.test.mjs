// Search in real headless Chromium, served over http (pagefind fetches its wasm and index,
// which Chromium refuses on file://). Needs UPFRONT_PUBLIC: a built sample site.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, watch } from './serve.mjs';
import { serve } from './server.mjs';

const PUBLIC = process.env.UPFRONT_PUBLIC;
assert.ok(PUBLIC, 'set UPFRONT_PUBLIC to a built site (scripts/test does)');

let browser;
let server;
before(async () => {
  server = await serve(PUBLIC);
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

/** A page that records console errors and any request that leaves the test server. */
async function open(rel) {
  const page = await browser.newPage();
  const problems = await watch(page, server.url);
  await page.goto(server.url + rel);
  return { page, problems };
}

/** Search from the header box of `rel`; returns the result links (paths) in order. */
async function searchFrom(rel, term) {
  const { page, problems } = await open(rel);
  await page.getByRole('searchbox').first().fill(term);
  await page.keyboard.press('Enter');
  await page.waitForURL(/search\/(index\.html)?\?q=/);
  const links = await results(page);
  return { page, problems, links };
}

async function results(page) {
  await page.waitForFunction(() => {
    const s = document.getElementById('search-status')?.textContent ?? '';
    return s !== '' && !document.getElementById('search-form').dataset.loading.startsWith(s);
  });
  return page.locator('#search-results a').evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
}

test('"triage" on the English site finds the emergency guides', async () => {
  const { page, problems, links } = await searchFrom('', 'triage');
  assert.ok(links.length > 0, 'no results');
  assert.ok(links.includes('/emergency/waiting/index.html'), links.join(' '));
  assert.ok(links.every((l) => !/^\/(zh|hu)\//.test(l)), `other locales in English results: ${links}`);
  assert.match(await page.locator('#search-status').innerText(), /results? for “triage”/);
  // Results have a title and an excerpt with the term marked.
  const first = page.locator('#search-results li').first();
  assert.ok((await first.locator('h3 a').innerText()).length > 3);
  assert.match(await first.locator('mark').first().innerText(), /triage/i);
  assert.deepEqual(problems, []);
  await page.close();
});

test('"分诊" on the Chinese site finds the Chinese guides', async () => {
  const { page, problems, links } = await searchFrom('zh/', '分诊');
  assert.ok(links.length > 0, 'no results');
  assert.ok(links.includes('/zh/emergency/visit/index.html'), links.join(' '));
  assert.ok(links.every((l) => l.startsWith('/zh/')), `non-Chinese results: ${links}`);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh');
  assert.deepEqual(problems, []);
  await page.close();
});

test('"várakozás" on the Hungarian site finds the waiting guide (stemmed forms too)', async () => {
  const { page, problems, links } = await searchFrom('hu/', 'várakozás');
  assert.ok(links.includes('/hu/emergency/waiting/index.html'), links.join(' '));
  assert.ok(links.every((l) => l.startsWith('/hu/')), `non-Hungarian results: ${links}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a public page never finds a member or VIP guide; the VIP pages do', async () => {
  for (const term of ['VIP lounge', 'dedicated nurse line', 'callback', 'member']) {
    const { page, links } = await searchFrom('emergency/visit/', term);
    assert.ok(links.every((l) => !/^\/(vip|member)\//.test(l)), `"${term}" found ${links}`);
    await page.close();
  }
  // The VIP guide's own header box searches the VIP index, which holds it.
  const { page, problems, links } = await searchFrom('vip/services/nurse-line/', 'lounge');
  assert.match(new URL(page.url()).pathname, /^\/vip\/search\//);
  assert.ok(links.includes('/vip/services/nurse-line/index.html'), links.join(' '));
  assert.deepEqual(problems, []);
  await page.close();
});

test('the search page works with the keyboard and says how many results it found', async () => {
  const { page, problems } = await open('search/');
  await page.locator('#search-input').focus();
  await page.keyboard.type('wait');
  await page.keyboard.press('Enter');
  const links = await results(page);
  assert.ok(links.length > 0);
  assert.equal(await page.locator('#search-status').getAttribute('role'), 'status');
  // Tab from the box reaches the button, then the first result.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => new URL(document.activeElement.href).pathname), links[0]);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname === links[0]);
  assert.deepEqual(problems, []);
  await page.close();
});

test('opened from disk, the search page explains that search needs http', async () => {
  const page = await browser.newPage();
  await page.goto(`file://${PUBLIC}/search/index.html?q=triage`);
  await page.waitForFunction(() => document.getElementById('search-status').textContent.includes('http'));
  await page.close();
});
