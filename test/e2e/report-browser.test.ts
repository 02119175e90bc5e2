/**
 * The HTML report in a real browser: Debian's chromium driven by playwright-core (never
 * `npx playwright install`; scripts/install-chromium.sh installs it in CI). Opens generated
 * pages from file://, checks that every chart draws, navigation works, hostile k6 names never
 * run script, and saves screenshots to test-output/report-browser/ for a person to look at.
 *
 * Without /usr/bin/chromium the tests are skipped with a warning, unless
 * STAGECRAFT_REQUIRE_BROWSER=1, which makes a missing browser a failure.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareScenarioRuns } from '../../analysis/compare/compare-folders.js';
import { writeSummaryReport } from '../../analysis/report/summary-report/write-summary-report.js';
import { loadSummarizeInputs } from '../../analysis/summarize/load.js';
import { summarizeInputs } from '../../analysis/summarize/summarize-runs.js';
import { renderHtml } from '../../analysis/report/html/index.js';
import type { Comparison } from '../../analysis/index.js';
import type { ReportChart } from '../../analysis/report/chart-data-types.js';
import { chartsFor, emptyComparison, mixedComparison, wideComparison } from '../unit/report-html/fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const OUT = resolve(dirname(fileURLToPath(import.meta.url)), '../../test-output/report-browser');
const available = existsSync(CHROMIUM);
const required = process.env['STAGECRAFT_REQUIRE_BROWSER'] === '1';

if (!available && !required) {
  console.warn(`\n${'!'.repeat(78)}\n!! ${CHROMIUM} not found: SKIPPING the HTML report browser tests.\n!! Install it with scripts/install-chromium.sh; set STAGECRAFT_REQUIRE_BROWSER=1 to make this a failure.\n${'!'.repeat(78)}\n`);
}

describe.runIf(!available && required)('report in the browser (required)', () => {
  it('needs chromium', () => {
    expect.fail(`STAGECRAFT_REQUIRE_BROWSER=1 but ${CHROMIUM} does not exist: run scripts/install-chromium.sh`);
  });
});

/**
 * The few browser globals the functions run in the page use (the project's tsconfig has no
 * DOM lib); module-scoped declarations, so nothing leaks into other files.
 */
interface PageElement {
  readonly id: string;
  open?: boolean;
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  getBoundingClientRect(): { readonly top: number };
}
declare const document: Pick<PageElement, 'querySelector' | 'querySelectorAll'> & { getElementById(id: string): PageElement | null };
declare const location: { readonly hash: string };
declare const window: { scrollTo(x: number, y: number): void; readonly __pwned?: unknown };

/** What a page did wrong while it was open. */
interface PageProblems {
  readonly errors: string[];
}

/** Writes a report page and opens it from file:// in a fresh page, recording console errors and page errors. */
async function openReport(browser: Browser, name: string, comparison: Comparison, charts: readonly ReportChart[], viewport = { width: 1400, height: 900 }): Promise<{ page: Page; problems: PageProblems }> {
  const file = join(OUT, `${name}.html`);
  await writeFile(file, renderHtml({ comparison, charts, title: `stagecraft ${name}` }));
  const page = await browser.newPage({ viewport });
  const problems: PageProblems = { errors: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.errors.push(`pageerror: ${error.message}`));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, problems };
}

/** Opens every `<details>` and scrolls each chart into view until it has drawn (or failed). */
async function drawEveryChart(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const details of Array.from(document.querySelectorAll('details'))) details.open = true;
  });
  const count = await page.locator('.chart-mount').count();
  for (let i = 0; i < count; i += 1) {
    await page.locator('.chart-mount').nth(i).scrollIntoViewIfNeeded();
    await page.waitForFunction((index) => {
      const state = document.querySelectorAll('.chart-mount')[index]?.getAttribute('data-state');
      return state === 'rendered' || state === 'error';
    }, i, { timeout: 15_000 });
  }
}

/** Per chart container: its state and how many data-mark elements its SVG has. */
async function chartStates(page: Page): Promise<{ id: string; state: string | null; svg: boolean; marks: number }[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('.chart-mount')).map((mount) => ({
      id: mount.getAttribute('data-chart-id') ?? mount.id,
      state: mount.getAttribute('data-state'),
      svg: mount.querySelector('svg') !== null,
      marks: mount.querySelectorAll('svg g[class*="mark-"].role-mark > *').length,
    })),
  );
}

describe.runIf(available)('HTML report in headless chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    await mkdir(OUT, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('draws every chart, navigates, and never runs script from k6 names', async () => {
    const comparison = mixedComparison();
    const { page, problems } = await openReport(browser, 'mixed', comparison, chartsFor(comparison));
    await page.screenshot({ path: join(OUT, 'mixed-top.png') });

    // Navigation: the index link of a service targets and scrolls to its section.
    const link = page.locator('nav.index a', { hasText: 'orders' });
    const target = (await link.getAttribute('href')) ?? '';
    expect(target).toMatch(/^#service-\d+-orders$/);
    await link.click();
    await page.waitForFunction((id) => {
      const top = document.getElementById(id)?.getBoundingClientRect().top ?? -1;
      return location.hash === `#${id}` && top >= 0 && top < 40;
    }, target.slice(1));
    expect(await page.evaluate(() => document.querySelector(':target')?.id)).toBe(target.slice(1));
    await page.screenshot({ path: join(OUT, 'mixed-nav-orders.png') });

    await drawEveryChart(page);
    const states = await chartStates(page);
    expect(states.length).toBeGreaterThan(10);
    for (const chart of states) {
      expect(chart.state, chart.id).toBe('rendered');
      expect(chart.svg, chart.id).toBe(true);
      expect(chart.marks, chart.id).toBeGreaterThan(0);
    }

    // Hostile service/endpoint/run names: shown as text, never executed.
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script:not([type])').count()).toBe(4);
    expect(await page.locator('nav.index').innerText()).toContain('svc|<script>window.__pwned=1</script>');
    expect(problems.errors).toEqual([]);
    await page.screenshot({ path: join(OUT, 'mixed-full.png'), fullPage: true });
    await page.close();
  });

  it('opens the report compare writes for real k6 runs, with every real chart drawn', async () => {
    const runs = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/k6/runs');
    const outDir = join(OUT, 'real-k6');
    const result = await compareScenarioRuns({
      baseline: [join(runs, 'baseline-1'), join(runs, 'baseline-2')],
      candidate: [join(runs, 'candidate-1'), join(runs, 'candidate-2')],
      outDir,
      images: 'all',
    });
    expect(result.files?.images.length).toBeGreaterThan(4);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    await page.goto(pathToFileURL(join(outDir, 'index.html')).href, { waitUntil: 'load' });
    await drawEveryChart(page);
    const states = await chartStates(page);
    const ids = states.map((chart) => chart.id);
    for (const kind of ['forest-', 'latency-ecdf-', 'latency-timeline-', 'throughput-timeline-', 'load-timeline']) {
      expect(ids.some((id) => id.startsWith(kind)), kind).toBe(true);
    }
    for (const chart of states) {
      expect(chart.state, chart.id).toBe('rendered');
      expect(chart.marks, chart.id).toBeGreaterThan(0);
    }
    expect(errors).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(OUT, 'real-k6-top.png') });
    await page.screenshot({ path: join(OUT, 'real-k6-full.png'), fullPage: true });
    await page.close();
  });

  it('opens the summarize report of real k6 runs with every chart drawn', async () => {
    const runs = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/k6/runs');
    const inputs = await loadSummarizeInputs([join(runs, 'baseline-1'), join(runs, 'baseline-2'), join(runs, 'candidate-1')]);
    const written = await writeSummaryReport(inputs, summarizeInputs(inputs), join(OUT, 'summarize'), { images: 'none' });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    await page.goto(pathToFileURL(written.html).href, { waitUntil: 'load' });
    await drawEveryChart(page);
    const states = await chartStates(page);
    expect(states.length).toBeGreaterThan(5);
    for (const chart of states) {
      expect(chart.state, chart.id).toBe('rendered');
      expect(chart.marks, chart.id).toBeGreaterThan(0);
    }
    expect(errors).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(OUT, 'summarize.png'), fullPage: true });
    await page.close();
  });

  it('shows a clear page when nothing was compared', async () => {
    const { page, problems } = await openReport(browser, 'empty', emptyComparison(), []);
    await expect.poll(() => page.locator('.banner-title').innerText()).toBe('Nothing was compared');
    expect(await page.locator('section.service').count()).toBe(0);
    await page.screenshot({ path: join(OUT, 'empty.png'), fullPage: true });
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('opens a 16-service report with realistic charts, also on a narrow screen', async () => {
    const comparison = wideComparison(16, 6);
    const { page, problems } = await openReport(browser, 'sixteen-services', comparison, chartsFor(comparison));
    expect(await page.locator('nav.index .nav-services li').count()).toBe(16);
    await page.locator('nav.index a', { hasText: 'service-9' }).click();
    await page.waitForFunction(() => document.querySelector(':target')?.id.endsWith('service-9') === true);
    await drawEveryChart(page);
    const states = await chartStates(page);
    expect(states.filter((chart) => chart.state === 'rendered' && chart.marks > 0)).toHaveLength(states.length);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(OUT, 'sixteen-services-top.png') });
    expect(problems.errors).toEqual([]);
    await page.close();

    const narrow = await openReport(browser, 'mixed-narrow', mixedComparison(), [], { width: 420, height: 900 });
    await narrow.page.screenshot({ path: join(OUT, 'mixed-narrow.png') });
    expect(narrow.problems.errors).toEqual([]);
    await narrow.page.close();
  });
});
