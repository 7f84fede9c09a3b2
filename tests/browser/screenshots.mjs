// Regenerates the README screenshots under docs/images/ from a built sample site:
//   UPFRONT_PUBLIC=/tmp/public node screenshots.mjs
// The clock is pinned, so the notices and the clock on the screen are the same every time.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const PUBLIC = process.env.UPFRONT_PUBLIC;
if (!PUBLIC) throw new Error('set UPFRONT_PUBLIC to a built site');
const OUT = process.env.SCREENSHOTS_OUT ?? path.resolve('../../docs/images');
const url = (rel) => pathToFileURL(path.join(PUBLIC, rel)).href;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, timezoneId: 'Europe/Budapest' });
await page.clock.install({ time: new Date('2026-11-23T14:05:00+01:00') });
await page.goto(url('waiting-room/er-lobby/index.html'));
for (const locale of ['en', 'zh', 'hu']) {
  // Page to the first slide of this locale by keyboard.
  for (let i = 0; i < 40; i++) {
    const current = await page.locator('.slide:not([hidden])').getAttribute('data-locale');
    if (current === locale) break;
    await page.keyboard.press('ArrowRight');
  }
  await page.screenshot({ path: path.join(OUT, `screen-${locale}.png`) });
}
await page.close();
const handout = await browser.newPage({ viewport: { width: 794, height: 1123 } });
await handout.goto(url('print/emergency/visit/index.html'));
await handout.emulateMedia({ media: 'print' });
await handout.screenshot({ path: path.join(OUT, 'handout-en.png'), fullPage: false });
await browser.close();
