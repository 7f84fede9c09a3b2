// Accessibility in real headless Chromium: axe-core over EVERY .html file of the built site
// (the folder is walked, so new page types are covered without touching this file), the search
// pages also with results shown, then a keyboard walkthrough. Fails on any WCAG 2.0/2.1 A or
// AA, or WCAG 2.2 AA violation. Served over http so the search pages can load their index.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { axe, htmlFiles, launch } from './serve.mjs';
import { serve } from './server.mjs';

const PUBLIC = process.env.UPFRONT_PUBLIC;
assert.ok(PUBLIC, 'set UPFRONT_PUBLIC to a built site (scripts/test does)');
/** A term with results in each locale, for the search pages' results state. */
const TERMS = { en: 'wait', zh: '等候', hu: 'várakozás' };

let browser;
let server;
before(async () => {
  server = await serve(PUBLIC);
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

/** Open `rel` and stay there: later navigations (a redirect page's meta refresh) get a 204,
 * which leaves the document in place, so the page audited is the page asked for. */
async function open(rel) {
  const page = await browser.newPage();
  let first = true;
  await page.route('**/*', (route) => {
    const req = route.request();
    if (!req.url().startsWith(server.url)) return route.abort();
    if (req.isNavigationRequest() && req.frame() === page.mainFrame()) {
      if (!first) return route.fulfill({ status: 204 });
      first = false;
    }
    return route.continue();
  });
  await page.goto(server.url + rel);
  return page;
}


async function searchResults(page, term) {
  await page.locator('#search-input').fill(term);
  await page.keyboard.press('Enter');
  await page.locator('#search-results li').first().waitFor();
}

test('axe: the audit itself catches a broken page', async () => {
  const page = await browser.newPage();
  await page.setContent('<html><body><img src="x.png"><p style="color:#bbb">faint</p><a href="#"></a></body></html>');
  const ids = (await axe(page)).map((v) => v.split(' ')[0]).sort();
  assert.deepEqual(ids, ['color-contrast', 'document-title', 'html-has-lang', 'image-alt', 'link-name']);
  await page.close();
});

test('axe: no WCAG 2.0/2.1/2.2 A or AA violation on any page', async () => {
  const files = htmlFiles(PUBLIC);
  assert.ok(files.length > 20, `only ${files.length} pages`);
  const failures = [];
  for (const rel of files) {
    const page = await open(rel);
    for (const v of await axe(page)) failures.push(`${rel}: ${v}`);
    await page.close();
  }
  assert.deepEqual(failures, [], `\n${failures.join('\n')}`);
});

test('axe: search pages with results shown', async () => {
  const pages = htmlFiles(PUBLIC).filter((f) => /(^|\/)search\/index\.html$/.test(f));
  assert.ok(pages.length >= 3, `only ${pages.length} search pages`);
  const failures = [];
  for (const rel of pages) {
    const page = await open(rel);
    const lang = await page.getAttribute('html', 'lang');
    await searchResults(page, TERMS[lang] ?? 'wait');
    for (const v of await axe(page)) failures.push(`${rel} (results): ${v}`);
    await page.close();
  }
  assert.deepEqual(failures, [], `\n${failures.join('\n')}`);
});

/** Tab through the page; returns a description of each focused element, in order. */
async function tabOrder(page, max = 80) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const d = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      return {
        where: el.closest('main') ? 'main' : el.closest('.languages') ? 'languages'
          : el.closest('[role=search]') ? 'search' : el.closest('footer') ? 'footer'
            : el.classList.contains('skip-link') ? 'skip' : 'other',
        tag: el.tagName.toLowerCase(),
        text: (el.textContent || el.getAttribute('aria-label') || el.name || '').trim().slice(0, 40),
        outline: style.outlineStyle !== 'none' && style.outlineWidth !== '0px',
      };
    });
    if (d === null) break;
    seen.push(d);
    if (d.where === 'footer' && i > 3 && seen.filter((s) => s.where === 'footer').length > 1) break;
  }
  return seen;
}

for (const [rel, lang] of [['', 'en'], ['zh/emergency/visit/', 'zh'], ['hu/emergency/', 'hu']]) {
  test(`keyboard: ${rel || 'home'} — skip link, search, languages, main content, footer, visible focus`, async () => {
    const page = await open(rel);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    const order = await tabOrder(page);
    const first = (where) => order.findIndex((o) => o.where === where);
    assert.equal(first('skip'), 0, `first stop: ${JSON.stringify(order[0])}`);
    assert.ok(first('search') > 0, 'the search box is not reachable');
    assert.ok(first('languages') > first('search'), 'the language switcher is not reachable after search');
    assert.ok(first('main') > first('languages'), 'main content is not reachable after the language switcher');
    assert.ok(first('footer') > first('main'), 'focus never leaves the main content (keyboard trap?)');
    const hidden = order.filter((o) => !o.outline);
    assert.deepEqual(hidden, [], 'focus not visible on these');
    // The skip link moves focus to the main content.
    await page.keyboard.press('Home');
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    await page.close();
  });
}

test('pages reflow at 320 CSS pixels without horizontal scrolling (WCAG 1.4.10)', async () => {
  const pages = htmlFiles(PUBLIC).filter((f) => !f.endsWith('404.html') || f === '404.html');
  const wide = [];
  for (const rel of pages) {
    const page = await open(rel);
    await page.setViewportSize({ width: 320, height: 640 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 320) wide.push(`${rel}: ${width}px`);
    await page.close();
  }
  assert.deepEqual(wide, []);
});

test('the steps timeline is announced as a list of steps with their waits', async () => {
  const page = await open('emergency/visit/');
  const tree = await page.locator('ol.timeline').ariaSnapshot();
  assert.match(tree, /^- list/m);
  assert.match(tree, /- listitem:\s*\n\s*- heading "Triage" \[level=3\]/);
  assert.match(tree, /"Usual wait:"\s*\n\s*- strong: \d+–\d+ minutes/);
  await page.close();
});

test('search results are reachable and labelled for assistive technology', async () => {
  const page = await open('search/');
  await searchResults(page, 'triage');
  const tree = await page.locator('main').ariaSnapshot();
  assert.match(tree, /- search/);
  assert.match(tree, /- status: .*results? for “triage”/);
  assert.match(tree, /- list:\s*\n\s*- listitem:\s*\n\s*- heading ".+" \[level=3\]/);
  await page.close();
});
