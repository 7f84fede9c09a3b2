// Valid HTML: the Nu Html Checker (vnu-jar, the W3C validator's engine) over EVERY .html file
// of the built sample (UPFRONT_PUBLIC) and of any fixture builds in UPFRONT_FIXTURE_SITES
// (folders joined by ':'; scripts/test builds tests/fixtures/basic and channels). Zero errors
// allowed; a failure lists each error as file:line: message. Needs Java (scripts/test installs
// Debian's default-jre-headless when `java` is missing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { htmlFiles } from './serve.mjs';

const PUBLIC = process.env.UPFRONT_PUBLIC;
assert.ok(PUBLIC, 'set UPFRONT_PUBLIC to a built site (scripts/test does)');
const FIXTURES = (process.env.UPFRONT_FIXTURE_SITES ?? '').split(':').filter(Boolean);
const VNU = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');

/** Run the checker once over `dirs`; its errors as `file:line: message`, each file relative to
 * its folder, prefixed with the folder unless it is the first one. */
function vnu(dirs) {
  const run = spawnSync('java', ['-jar', VNU, '--skip-non-html', '--errors-only', '--format', 'json', '--stdout', ...dirs],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.error, undefined, `cannot run java: ${run.error}`);
  assert.ok(run.stdout.trim().startsWith('{'), `no report from vnu (exit ${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout).messages
    .filter((m) => m.type === 'error' || m.subType === 'fatal')
    .map((m) => {
      const path = m.url?.startsWith('file:') ? fileURLToPath(m.url) : m.url ?? '?';
      const i = dirs.findIndex((d) => !relative(d, path).startsWith('..'));
      const file = i < 0 ? path : `${i === 0 ? '' : `${dirs[i]}: `}${relative(dirs[i], path)}`;
      return `${file}:${m.lastLine ?? m.firstLine ?? '?'}: ${m.message}`;
    })
    .sort();
}

test('vnu: the checker itself catches an invalid page', () => {
  const dir = mkdtempSync(join(tmpdir(), 'upfront-vnu-'));
  try {
    writeFileSync(join(dir, 'bad.html'), '<!DOCTYPE html><html lang="en"><head><title>x</title></head>'
      + '<body><main id="main"><h2 id="main">x</h2><form action=""></form></main></body></html>\n');
    const errors = vnu([dir]);
    assert.equal(errors.length, 2, errors.join('\n'));
    assert.match(errors.join('\n'), /^bad\.html:1: Duplicate ID “main”/m);
    assert.match(errors.join('\n'), /^bad\.html:1: Bad value “” for attribute “action”/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('vnu: every page of the sample and the fixture sites is valid HTML (zero errors)', () => {
  const dirs = [PUBLIC, ...FIXTURES];
  for (const dir of dirs) {
    const pages = htmlFiles(dir).length;
    assert.ok(pages > 5, `only ${pages} pages in ${dir}`);
  }
  const errors = vnu(dirs);
  assert.deepEqual(errors, [], `\n${errors.join('\n')}`);
});
