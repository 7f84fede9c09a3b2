// Print handouts in real headless Chromium, opened from disk: print-to-PDF page counts and
// paper sizes, and the QR code decoded back to the online guide's address.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { PUBLIC, launch } from './serve.mjs';

const require = createRequire(import.meta.url);
const url = (rel) => pathToFileURL(path.join(PUBLIC, rel)).href;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Pages and page size (points) of a PDF, read from its bytes. */
function pdfInfo(bytes) {
  const text = bytes.toString('latin1');
  const pages = (text.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  const box = text.match(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/);
  return { pages, width: Math.round(Number(box[1])), height: Math.round(Number(box[2])) };
}

async function open(rel) {
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.route('**/*', (r) => (r.request().url().startsWith('file://') ? r.continue() : (problems.push(r.request().url()), r.abort())));
  await page.goto(url(rel));
  return { page, problems };
}

/** The @page size a `paper: letter` build writes, in place of the sample's A4. */
const asLetter = (page) => page.evaluate(() => {
  for (const s of document.querySelectorAll('style')) s.textContent = s.textContent.replace('size: A4;', 'size: letter;');
});

test('a handout prints on A4 from upfront.yaml, and on Letter, with the expected page count', async () => {
  const { page, problems } = await open('print/emergency/visit/index.html');
  const a4 = pdfInfo(await page.pdf({ preferCSSPageSize: true }));
  assert.deepEqual(a4, { pages: 2, width: 595, height: 842 });
  await asLetter(page);
  const letter = pdfInfo(await page.pdf({ preferCSSPageSize: true }));
  // Letter is 50pt shorter than A4: the footer (contacts, QR code, review date), which is never
  // split, moves onto a third sheet.
  assert.deepEqual(letter, { pages: 3, width: 612, height: 792 });
  // A short guide without steps fits one sheet.
  const short = await open('print/contact/index.html');
  assert.equal(pdfInfo(await short.page.pdf({ preferCSSPageSize: true })).pages, 1);
  assert.deepEqual([...problems, ...short.problems], []);
  await short.page.close();
  await page.close();
});

test('print styles: black on white, 11–12pt body, no navigation, steps never split', async () => {
  const { page } = await open('zh/print/emergency/visit/index.html');
  await page.emulateMedia({ media: 'print' });
  const style = await page.evaluate(() => {
    const body = getComputedStyle(document.body);
    const row = getComputedStyle(document.querySelector('table.steps tbody tr'));
    return { color: body.color, bg: body.backgroundColor, size: parseFloat(body.fontSize), rowBreak: row.breakInside, nav: document.querySelectorAll('nav').length, lang: document.documentElement.lang };
  });
  assert.equal(style.color, 'rgb(0, 0, 0)');
  assert.equal(style.bg, 'rgb(255, 255, 255)');
  assert.ok(style.size >= 11 * 4 / 3 && style.size <= 12 * 4 / 3, `body ${style.size}px`);
  assert.equal(style.rowBreak, 'avoid');
  assert.equal(style.nav, 0);
  assert.equal(style.lang, 'zh');
  assert.match(await page.locator('table.steps').innerText(), /分钟/);
  await page.close();
});

test('the QR code decodes to the online guide\'s address', async () => {
  for (const [rel, want] of [
    ['print/emergency/visit/index.html', 'https://help.riverside.example/emergency/visit/'],
    ['hu/print/emergency/waiting/index.html', 'https://help.riverside.example/hu/emergency/waiting/'],
  ]) {
    const { page } = await open(rel);
    await page.addScriptTag({ path: require.resolve('jsqr') });
    const decoded = await page.evaluate(async () => {
      const svg = document.querySelector('.qr svg');
      const img = new Image();
      img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(new XMLSerializer().serializeToString(svg));
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = 400; canvas.height = 400;
      const g = canvas.getContext('2d');
      g.fillStyle = '#fff'; g.fillRect(0, 0, 400, 400);
      g.drawImage(img, 0, 0, 400, 400);
      const data = g.getImageData(0, 0, 400, 400);
      return window.jsQR(data.data, 400, 400)?.data ?? null;
    });
    assert.equal(decoded, want, rel);
    await page.close();
  }
});

test('"print all" puts each guide of a section on its own sheet; the root page links to the sections', async () => {
  const root = await open('print/index.html');
  await root.page.getByRole('link', { name: 'Emergency department', exact: true }).click();
  await root.page.waitForURL(/print\/emergency\/index\.html$/);
  await root.page.close();
  const { page, problems } = await open('print/emergency/index.html');
  const sheets = await page.locator('article.sheet').count();
  assert.equal(sheets, 4);
  assert.equal(await page.locator('h1').count(), 1);
  const info = pdfInfo(await page.pdf({ preferCSSPageSize: true }));
  assert.ok(info.pages >= sheets, `${info.pages} pages for ${sheets} sheets`);
  const titles = await page.locator('.sheet-title').allInnerTexts();
  assert.ok(!titles.includes('Member callback') && !titles.some((t) => t.includes('nurse line')), 'no narrower tier in the public print-all page');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the help guide links to its printable version', async () => {
  const { page } = await open('emergency/visit/index.html');
  await page.getByRole('link', { name: 'Printable version' }).click();
  assert.match(page.url(), /\/print\/emergency\/visit\/index\.html$/);
  assert.equal(await page.locator('h1').innerText(), 'Your emergency department visit');
  await page.close();
});
