// The waiting-room screen in real headless Chromium, served over http (it polls status.json),
// with a mocked clock (playwright's page.clock): never the real one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PUBLIC, launch, serve, watch, until, htmlFiles } from './serve.mjs';

const SCREEN = 'waiting-room/er-lobby/index.html';
// The sample's north-entrance notice runs from 2026-11-01 to 2027-09-30; the holiday notice
// from 2026-12-24T00:00+01:00 to 2026-12-27T00:00+01:00.
const NOON = new Date('2026-11-23T12:00:00+01:00');

let browser, server;
before(async () => { browser = await launch(); server = await serve(); });
after(async () => { await browser?.close(); await server?.close(); });

/** A screen page at `time` (mocked clock), watched for errors and foreign requests. */
async function openScreen(time = NOON, { reducedMotion = 'no-preference', ignore } = {}) {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, reducedMotion, timezoneId: 'Europe/Budapest' });
  const problems = await watch(page, server.origin, { ignore });
  await page.clock.install({ time });
  await page.goto(`${server.origin}/${SCREEN}`);
  return { page, problems };
}

const current = (page) => page.locator('.slide:not([hidden])').evaluate((s) => ({
  index: [...document.querySelectorAll('.slide')].indexOf(s),
  locale: s.dataset.locale,
  lang: s.lang,
  seconds: Number(s.dataset.seconds),
  title: s.querySelector('h2').textContent,
}));
const noticeTitles = (page) => page.locator('#notices .notice strong').allTextContents();

test('the screen rotates through every slide and locale at each slide\'s own pace', async () => {
  const { page, problems } = await openScreen();
  const total = await page.locator('.slide').count();
  assert.ok(total >= 6, `only ${total} slides`);
  const seen = new Set();
  for (let i = 0; i < total; i++) {
    const s = await current(page);
    assert.equal(s.index, i);
    assert.ok(s.seconds >= 20, `slide ${i} shows for ${s.seconds}s, below seconds_per_slide`);
    assert.equal(await page.locator('.slide:not([hidden])').count(), 1);
    seen.add(s.locale);
    assert.equal(s.lang, s.locale, 'every sample guide is translated, so lang = locale');
    // One second before its time the slide is still up; at its time the next one is.
    await page.clock.runFor(s.seconds * 1000 - 1000);
    assert.equal((await current(page)).index, i);
    await page.clock.runFor(1000);
  }
  assert.deepEqual([...seen].sort(), ['en', 'hu', 'zh']);
  assert.equal((await current(page)).index, 0, 'it wraps around');
  // The emergency line follows the slide's language.
  while ((await current(page)).locale !== 'zh') await page.keyboard.press('ArrowRight');
  assert.equal(await page.getAttribute('#emergency', 'lang'), 'zh');
  // So do the controls.
  assert.equal(await page.locator('#toggle').innerText(), '暂停');
  assert.equal(await page.getAttribute('.controls', 'lang'), 'zh');
  assert.match(await page.locator('#emergency').innerText(), /112/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a slide with more words stays up longer', async () => {
  const { page } = await openScreen();
  const seconds = await page.locator('.slide').evaluateAll((ss) => ss.map((s) => Number(s.dataset.seconds)));
  assert.ok(Math.max(...seconds) > Math.min(...seconds), `all slides take ${seconds[0]}s`);
  await page.close();
});

test('Pause stops the rotation; Play resumes it', async () => {
  const { page, problems } = await openScreen();
  await page.getByRole('button', { name: 'Pause' }).click();
  assert.equal(await page.getAttribute('#toggle', 'aria-pressed'), 'true');
  await page.clock.runFor(10 * 60 * 1000);
  assert.equal((await current(page)).index, 0);
  await page.getByRole('button', { name: 'Play' }).click();
  await page.clock.runFor(((await current(page)).seconds + 1) * 1000);
  assert.equal((await current(page)).index, 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the keyboard pages with the arrows and pauses with space', async () => {
  const { page, problems } = await openScreen();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal((await current(page)).index, 2);
  await page.keyboard.press('ArrowLeft');
  assert.equal((await current(page)).index, 1);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  assert.equal((await current(page)).index, (await page.locator('.slide').count()) - 1, 'wraps backwards');
  await page.keyboard.press(' ');
  assert.equal(await page.getAttribute('#toggle', 'aria-pressed'), 'true');
  const before = (await current(page)).index;
  await page.clock.runFor(5 * 60 * 1000);
  assert.equal((await current(page)).index, before);
  // Tab reaches the controls, and they show where the focus is.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'prev');
  const outline = await page.locator('#prev').evaluate((b) => getComputedStyle(b).outlineStyle);
  assert.notEqual(outline, 'none');
  assert.deepEqual(problems, []);
  await page.close();
});

test('under prefers-reduced-motion nothing rotates by itself, but paging works', async () => {
  const { page, problems } = await openScreen(NOON, { reducedMotion: 'reduce' });
  assert.equal(await page.getAttribute('#toggle', 'aria-pressed'), 'true');
  await page.clock.runFor(10 * 60 * 1000);
  assert.equal((await current(page)).index, 0);
  await page.keyboard.press('ArrowRight');
  assert.equal((await current(page)).index, 1);
  await page.clock.runFor(10 * 60 * 1000);
  assert.equal((await current(page)).index, 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a notice appears and disappears at its window\'s edges, without a reload', async () => {
  const { page, problems } = await openScreen(new Date('2026-12-23T23:59:58+01:00'));
  await page.keyboard.press(' '); // stay on the English slide
  await page.evaluate(() => { window.notReloaded = true; });
  assert.deepEqual(await noticeTitles(page), ['North entrance closed']);
  await page.clock.runFor(3000); // 00:00:01 on the 24th
  assert.deepEqual(await noticeTitles(page), ['Longer waits over the holidays', 'North entrance closed'], 'urgent first');
  assert.equal(await page.locator('#notices .notice-urgent').count(), 1);
  // Contrast of the urgent banner: white on dark red.
  const colours = await page.locator('#notices .notice-urgent').evaluate((n) => [getComputedStyle(n).color, getComputedStyle(n).backgroundColor]);
  assert.deepEqual(colours, ['rgb(255, 255, 255)', 'rgb(160, 0, 32)']);
  await page.clock.pauseAt(new Date('2026-12-26T23:59:58+01:00'));
  await page.clock.runFor(1000);
  assert.equal((await noticeTitles(page)).length, 2, 'still in its window one second before the end');
  await page.clock.runFor(2000);
  assert.deepEqual(await noticeTitles(page), ['North entrance closed']);
  assert.equal(await page.evaluate(() => window.notReloaded), true);
  assert.deepEqual(problems, []);
  await page.close();
});

test('polling picks up new facts; a failed poll keeps the last data and says when it was updated', async () => {
  const { page, problems } = await openScreen(NOON, {
    ignore: (m) => (m.location().url ?? '').endsWith('status.json'),
  });
  await page.keyboard.press(' ');
  const status = JSON.parse(await (await fetch(`${server.origin}/status.json`)).text());
  const triage = status.facts.find((f) => f.id === 'er.triage');
  triage.value.en = '10–45 minutes';
  let mode = 'changed';
  await page.route('**/status.json', (route) => (mode === 'fail'
    ? route.fulfill({ status: 503, body: 'down' })
    : route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(status) })));
  const wait = page.locator('.slide:not([hidden]) [data-fact="er.checkin"]');
  assert.equal(await page.locator('.slide:not([hidden]) [data-fact="er.triage"]').count(), 0);
  await page.keyboard.press('ArrowRight'); // the slide with triage
  const triageWait = page.locator('.slide:not([hidden]) [data-fact="er.triage"]');
  assert.equal(await triageWait.innerText(), '10–30 minutes');
  await page.clock.runFor(61_000); // poll_seconds defaults to 60
  await until(async () => (await triageWait.innerText()) === '10–45 minutes', 'the polled fact');
  await until(async () => (await page.locator('#updated').innerText()) === 'Last updated: 12:01', 'last updated');
  mode = 'fail';
  await page.clock.runFor(61_000);
  await until(() => page.locator('#updated.stale').count(), 'the stale marker');
  assert.equal(await page.locator('#updated').innerText(), 'Could not refresh. Showing information from 12:01');
  assert.equal(await triageWait.innerText(), '10–45 minutes', 'the last good data stays');
  assert.deepEqual(await noticeTitles(page), ['North entrance closed']);
  assert.equal(await wait.count(), 0);
  mode = 'changed';
  await page.clock.runFor(61_000);
  await until(async () => (await page.locator('#updated.stale').count()) === 0, 'recovery');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the screen works from disk: slides, clock and no requests at all', async () => {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  const url = pathToFileURL(path.join(PUBLIC, SCREEN)).href;
  await page.route('**/*', (r) => (r.request().url() === url ? r.continue() : (problems.push(`request: ${r.request().url()}`), r.abort())));
  await page.clock.install({ time: NOON });
  await page.goto(url);
  await page.clock.runFor(5 * 60 * 1000);
  assert.match(await page.locator('#clock').innerText(), /^\d\d:\d\d$/);
  assert.equal(await page.locator('#updated').isHidden(), true);
  assert.deepEqual(problems, []);
  await page.close();
});

test('large type: body text at least 3.5% of the screen height', async () => {
  const { page } = await openScreen();
  const sizes = await page.locator('.slide:not([hidden]) p, #emergency').evaluateAll((ps) => ps.map((p) => parseFloat(getComputedStyle(p).fontSize)));
  assert.ok(Math.min(...sizes) >= 0.035 * 1080, `smallest text ${Math.min(...sizes)}px`);
  await page.close();
});

test('no console errors and no foreign requests on any page of the site', async () => {
  for (const rel of htmlFiles()) {
    const page = await browser.newPage();
    const problems = await watch(page, server.origin);
    await page.clock.install({ time: NOON });
    await page.goto(`${server.origin}/${rel}`);
    assert.deepEqual(problems, [], rel);
    await page.close();
  }
});

test('help pages show the notices in their window by the viewer\'s clock; without JS, all with dates', async () => {
  const page = await browser.newPage();
  const problems = await watch(page, server.origin);
  await page.clock.install({ time: new Date('2026-12-23T23:59:50+01:00') });
  await page.goto(`${server.origin}/emergency/visit/index.html`);
  const visible = () => page.locator('.notices .notice:not([hidden]) .notice-title').allInnerTexts();
  assert.deepEqual(await visible(), ['North entrance closed']);
  await page.clock.runFor(31_000);
  assert.deepEqual(await visible(), ['Longer waits over the holidays', 'North entrance closed']);
  assert.deepEqual(problems, []);
  await page.close();
  const context = await browser.newContext({ javaScriptEnabled: false });
  const plain = await context.newPage();
  await plain.goto(`${server.origin}/emergency/visit/index.html`);
  const all = await plain.locator('.notices .notice').allInnerTexts();
  assert.equal(all.length, 2);
  assert.match(all[0], /Longer waits over the holidays[\s\S]*Shown from 24 December 2026, 00:00 to 27 December 2026, 00:00/);
  await context.close();
});
