// Screenshots for the docs, taken in headless Chromium from a built site served over http:
//   UPFRONT_PUBLIC=/tmp/s-public node screenshots.mjs ../../docs/images
// Writes search-results.png (English, "triage") and search-results-zh.png (Chinese, "分诊").
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';

const PUBLIC = process.env.UPFRONT_PUBLIC;
if (!PUBLIC) throw new Error('set UPFRONT_PUBLIC to a built site');
const outDir = process.argv[2] ?? '.';
const shots = [
  ['search-results.png', 'search/?q=triage'],
  ['search-results-zh.png', 'zh/search/?q=分诊'],
];

const server = await serve(PUBLIC);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  for (const [file, rel] of shots) {
    const page = await browser.newPage({ viewport: { width: 900, height: 760 }, deviceScaleFactor: 1 });
    await page.goto(server.url + rel);
    await page.locator('#search-results li').first().waitFor();
    await page.screenshot({ path: path.join(outDir, file) });
    console.log(`wrote ${path.join(outDir, file)}`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
