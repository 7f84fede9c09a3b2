// The help center in real headless Chromium, opened from disk (file://), as a newcomer
// would open public/index.html. Needs UPFRONT_PUBLIC: a built sample site (scripts/test sets it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, watch } from './serve.mjs';

const PUBLIC = process.env.UPFRONT_PUBLIC;
assert.ok(PUBLIC, 'set UPFRONT_PUBLIC to a built site (scripts/test does)');
const url = (rel) => pathToFileURL(path.join(PUBLIC, rel)).href;

let browser;
before(async () => {
  browser = await launch();
});
after(async () => { await browser?.close(); });

/** A page that records console errors and any request that leaves the output folder. */
async function open(rel) {
  const page = await browser.newPage();
  const problems = await watch(page, 'file://');
  await page.goto(url(rel));
  return { page, problems };
}

test('home page opens from disk with its stylesheet, lang, one h1 and a skip link', async () => {
  const { page, problems } = await open('index.html');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.locator('h1').count(), 1);
  // The stylesheet loaded from disk: the header has its background colour.
  const bg = await page.locator('.site-header').evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.equal(bg, 'rgb(8, 63, 119)');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  assert.deepEqual(problems, []);
  await page.close();
});

test('language switcher leads to the Chinese and Hungarian guides', async () => {
  const { page, problems } = await open('emergency/visit/index.html');
  await page.getByRole('link', { name: '简体中文' }).click();
  assert.match(page.url(), /\/zh\/emergency\/visit\/index\.html$/);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh');
  assert.match(await page.locator('.timeline').innerText(), /分钟/);
  await page.getByRole('link', { name: 'Magyar' }).click();
  assert.match(page.url(), /\/hu\/emergency\/visit\/index\.html$/);
  assert.equal(await page.getAttribute('html', 'lang'), 'hu');
  assert.match(await page.locator('.timeline').innerText(), /perc/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('every link on every locale home page resolves from disk', async () => {
  for (const home of ['index.html', 'zh/index.html', 'hu/index.html']) {
    const { page, problems } = await open(home);
    const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.href));
    assert.ok(hrefs.length > 5, `${home}: only ${hrefs.length} links`);
    for (const href of hrefs.filter((h) => h.startsWith('file://'))) {
      const target = await browser.newPage();
      const response = await target.goto(href.split('#')[0]);
      assert.ok(response === null || response.ok(), `${home}: ${href} did not load`);
      assert.equal(await target.locator('h1').count(), 1, `${href} has no single h1`);
      await target.close();
    }
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('the steps timeline is an ordered list with each wait and the total', async () => {
  const { page } = await open('emergency/visit/index.html');
  const steps = page.locator('ol.timeline > li');
  assert.ok((await steps.count()) >= 6);
  assert.match(await page.locator('.total-wait').innerText(), /Total expected time: .*(minutes|hours)/);
  assert.match(await steps.nth(1).innerText(), /Usual wait: \d+–\d+ minutes/);
  await page.close();
});
