// Regenerates the README screenshots under docs/images/ from a built sample site:
//   UPFRONT_PUBLIC=/tmp/public node screenshots.mjs [OUT_DIR]
// The clock is pinned, so the notices and the clock on the screen are the same every time.
// Writes screen-{en,zh,hu}.png (the lobby screen at 1920×1080), handout-en.png (the printed
// handout), search-results.png ("triage") and search-results-zh.png ("分诊").
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';

const PUBLIC = process.env.UPFRONT_PUBLIC;
if (!PUBLIC) throw new Error('set UPFRONT_PUBLIC to a built site');
const OUT = process.argv[2] ?? process.env.SCREENSHOTS_OUT ?? path.resolve('../../docs/images');
const url = (rel) => pathToFileURL(path.join(PUBLIC, rel)).href;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const server = await serve(PUBLIC);
try {
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
  await handout.close();

  // Search needs http: pagefind fetches its index and wasm.
  for (const [file, rel] of [['search-results.png', 'search/?q=triage'], ['search-results-zh.png', 'zh/search/?q=分诊']]) {
    const p = await browser.newPage({ viewport: { width: 900, height: 760 }, deviceScaleFactor: 1 });
    await p.goto(server.url + rel);
    await p.locator('#search-results li').first().waitFor();
    await p.screenshot({ path: path.join(OUT, file) });
    await p.close();
  }

  const examples = Object.fromEntries((process.env.UPFRONT_EXAMPLES ?? '').split(':').filter(Boolean)
    .map((pair) => pair.split('=')));
  const shots = [
    ['utility', 'repairs/index.html', 'example-utility-en.png', { width: 1100, height: 900 }],
    ['clinic', 'hu/appointments/index.html', 'example-clinic-hu.png', { width: 1100, height: 900 }],
    ['utility', 'waiting-room/service-centre/index.html', 'example-screen-utility.png', { width: 1920, height: 1080 }],
  ];
  for (const [name, rel, file, viewport] of shots) {
    if (!examples[name]) continue;
    const p = await browser.newPage({ viewport, timezoneId: 'Asia/Shanghai' });
    await p.clock.install({ time: new Date('2026-11-23T10:05:00+08:00') });
    await p.goto(pathToFileURL(path.join(examples[name], rel)).href);
    await p.screenshot({ path: path.join(OUT, file) });
    await p.close();
  }
} finally {
  await browser.close();
  await server.close();
}
