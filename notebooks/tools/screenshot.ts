/**
 * The picture in notebooks/README.md: executes the deep-dive notebook to HTML (nbconvert shows
 * the PNG fallback of each chart) and screenshots its shift-function section in Debian's
 * chromium. `STAGECRAFT_RESULTS=... npx tsx notebooks/tools/screenshot.ts`.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { DEFAULT_FIXTURE_DIR, fixtureResults } from './fixture.js';
import { executeNotebook, NOTEBOOKS_DIR, RESULTS_ENV } from './jupyter.js';

const out = await mkdtemp(join(tmpdir(), 'stagecraft-nb-html-'));
const results = process.env[RESULTS_ENV] ?? fixtureResults(DEFAULT_FIXTURE_DIR);
const run = await executeNotebook(join(NOTEBOOKS_DIR, 'baseline-vs-refactor.ipynb'), { results, outDir: out, to: 'html' });
if (run.code !== 0) throw new Error(`the notebook failed:\n${run.stderr.slice(-3000)}`);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
  await page.goto(pathToFileURL(join(out, 'baseline-vs-refactor.html')).href);
  const top = await page.evaluate(`(() => { const h = [...document.querySelectorAll('h2')].find((e) => e.textContent.includes('Shift function')); return h ? h.getBoundingClientRect().top + window.scrollY - 10 : 0; })()`);
  await page.screenshot({ path: join(NOTEBOOKS_DIR, 'images', 'baseline-vs-refactor.png'), clip: { x: 0, y: Number(top), width: 1000, height: 1400 }, fullPage: true });
} finally {
  await browser.close();
}
