// The promise audit report (`upfront audit`, issue 16) in real headless Chromium, opened from
// disk as a comms lead would open it: axe (WCAG 2.0/2.1/2.2 A and AA) finds nothing, on
// screen and in print; the Nu Html Checker finds no error; it loads nothing from anywhere.
// UPFRONT_AUDIT is a folder holding the report of the bundled sample (scripts/test writes it
// with `upfront --out DIR audit --survey data/survey.csv`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { axe, launch } from './serve.mjs';

const AUDIT = process.env.UPFRONT_AUDIT;
assert.ok(AUDIT, 'set UPFRONT_AUDIT to a folder with the audit report (scripts/test does)');
const require = createRequire(import.meta.url);
const VNU = require.resolve('vnu-jar/build/dist/vnu.jar');
const FILE = path.join(AUDIT, 'index.html');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });


test('the audit report passes axe on screen and in print, and fetches nothing', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const requests = [];
  page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
  await page.goto(pathToFileURL(FILE).href);
  assert.ok(await page.locator('section svg[role="img"]').count() >= 1, 'a chart per fact');
  assert.ok(await page.locator('table caption').count() >= 1, 'a table per fact');
  assert.deepEqual(await axe(page), []);
  await page.emulateMedia({ media: 'print' });
  assert.deepEqual(await axe(page), []);
  // UPFRONT_SCREENSHOTS=1 refreshes the README's picture of it.
  if (process.env.UPFRONT_SCREENSHOTS) {
    await page.emulateMedia({ media: 'screen' });
    await page.screenshot({ path: path.join(import.meta.dirname, '../../docs/images/audit.png') });
  }
  assert.deepEqual(requests, []);
  await page.close();
});

test('the audit report is valid HTML (Nu Html Checker)', () => {
  const run = spawnSync('java', ['-jar', VNU, '--errors-only', '--format', 'json', '--stdout', FILE], { encoding: 'utf8' });
  assert.equal(run.error, undefined, `cannot run java: ${run.error}`);
  const errors = JSON.parse(run.stdout).messages.filter((m) => m.type === 'error').map((m) => `${m.lastLine}: ${m.message}`);
  assert.deepEqual(errors, []);
});
