// The example sites of examples/ (issue 14) in real headless Chromium: axe (WCAG 2.0/2.1 A
// and AA, 2.2 AA) over every page of each, search in each language, the waiting-room screen
// and the brand (logo, menu). Needs UPFRONT_EXAMPLES: `name=folder` pairs joined by ':'
// (scripts/test builds examples/utility and examples/clinic with --today 2026-11-23); the
// Nu Html Checker covers them too (scripts/test adds them to UPFRONT_FIXTURE_SITES).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { axe, htmlFiles, launch, watch } from './serve.mjs';
import { serve } from './server.mjs';

const EXAMPLES = Object.fromEntries((process.env.UPFRONT_EXAMPLES ?? '').split(':').filter(Boolean)
  .map((pair) => pair.split('=')));

let browser;
const servers = {};
before(async () => {
  browser = await launch();
  for (const [name, dir] of Object.entries(EXAMPLES)) servers[name] = await serve(dir);
});
after(async () => {
  await browser?.close();
  for (const s of Object.values(servers)) await s.close();
});

/** Open `rel` of example `name` and stay there (a redirect page's refresh gets a 204). */
async function open(name, rel) {
  const origin = servers[name].url;
  const page = await browser.newPage();
  let first = true;
  await page.route('**/*', (route) => {
    const req = route.request();
    if (!req.url().startsWith(origin)) return route.abort();
    if (req.isNavigationRequest() && req.frame() === page.mainFrame()) {
      if (!first) return route.fulfill({ status: 204 });
      first = false;
    }
    return route.continue();
  });
  await page.goto(origin + rel);
  return page;
}


test('both examples were built', () => {
  assert.deepEqual(Object.keys(EXAMPLES).sort(), ['clinic', 'utility'], 'set UPFRONT_EXAMPLES (scripts/test does)');
});

for (const name of ['utility', 'clinic']) {
  test(`axe: every page of the ${name} example`, async () => {
    const failures = [];
    for (const rel of htmlFiles(EXAMPLES[name])) {
      const page = await open(name, rel);
      const found = await axe(page);
      if (found.length) failures.push(`${rel}:\n    ${found.join('\n    ')}`);
      await page.close();
    }
    assert.deepEqual(failures, []);
  });
}

const SEARCHES = [
  ['utility', '', 'leak', '/repairs/'],
  ['utility', 'zh/', '漏水', '/zh/repairs/'],
  ['clinic', '', 'prescription', '/prescriptions/'],
  ['clinic', 'hu/', 'recept', '/hu/prescriptions/'],
];
for (const [name, prefix, term, expected] of SEARCHES) {
  test(`search: "${term}" in the ${name} example finds ${expected}`, async () => {
    const page = await browser.newPage();
    const problems = await watch(page, servers[name].url);
    await page.goto(`${servers[name].url}${prefix}search/?q=${encodeURIComponent(term)}`);
    await page.locator('#search-results li').first().waitFor();
    const links = await page.locator('#search-results a')
      .evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
    assert.ok(links.some((l) => l.startsWith(expected)), `${expected} not in ${links.join(' ')}`);
    assert.deepEqual(problems, []);
    await page.close();
  });
}

for (const [name, screen] of [['utility', 'service-centre'], ['clinic', 'lobby']]) {
  test(`screen: the ${name} example's ${screen} screen shows a slide with the logo and a range on one line`, async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const problems = await watch(page, servers[name].url);
    await page.goto(`${servers[name].url}waiting-room/${screen}/`);
    const slide = page.locator('.slide:not([hidden])');
    await slide.first().waitFor();
    assert.ok((await slide.first().innerText()).trim().length > 0, 'an empty slide');
    assert.ok(await page.locator('img[src*="logo"]').count() > 0, 'no logo on the screen');
    // Every range is one line high: it never breaks after its dash.
    const heights = await page.locator('.slide:not([hidden]) .nobr').evaluateAll((spans) => spans
      .map((s) => s.getClientRects().length));
    assert.ok(heights.length > 0, 'no range on the slide');
    assert.ok(heights.every((n) => n === 1), `a range broke across lines: ${heights}`);
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('brand: the clinic in Hungarian has its logo, menu and footer', async () => {
  const page = await open('clinic', 'hu/appointments/');
  assert.ok(await page.locator('header img[src*="greenfield-logo"]').count() > 0, 'no logo');
  assert.ok(await page.getByRole('link', { name: 'Receptek' }).count() > 0, 'no Hungarian menu');
  assert.ok(await page.getByRole('link', { name: 'Adatvédelem' }).count() > 0, 'no Hungarian footer');
  await page.close();
});

test('ranges: on a 320 px wide phone, no range of the clinic breaks after its dash', async () => {
  const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
  for (const rel of ['hu/appointments/', 'appointments/', 'hu/print/prescriptions/']) {
    await page.goto(servers.clinic.url + rel);
    const lines = await page.locator('.nobr').evaluateAll((spans) => spans
      .map((s) => [s.textContent, new Set([...s.getClientRects()].map((r) => Math.round(r.top))).size]));
    assert.ok(lines.length > 0, `no range on ${rel}`);
    assert.deepEqual(lines.filter(([, n]) => n !== 1), [], `a range broke on ${rel}`);
  }
  await page.close();
});

