/**
 * The summary report of a test split across k6 instances: a Thresholds section with each
 * threshold's verdict over all instances beside each instance's own (saying when they differ),
 * the instances, and a banner when the run is incomplete; every text escaped. summary.md is
 * checked against golden files (test/fixtures/golden/summary-split*.md; UPDATE_GOLDEN=1 rewrites them).
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSummaryReport } from '../../../analysis/report/summary-report/write-summary-report.js';
import { loadSummarizeInputs } from '../../../analysis/summarize/load.js';
import { summarizeInputs } from '../../../analysis/summarize/summarize-runs.js';
import type { RunManifest } from '../../../core/run-manifest.js';
import { writeOperatorFiles, writeSplitRunFolder, type SplitRunOptions } from '../distributed/split-run-fixture.js';
import { expectGolden } from '../report-markdown/golden.js';

async function report(paths: readonly string[]): Promise<{ markdown: string; page: string }> {
  const inputs = await loadSummarizeInputs(paths);
  const out = await mkdtemp(join(tmpdir(), 'split-report-'));
  const written = await writeSummaryReport(inputs, summarizeInputs(inputs), out, { images: 'none' });
  return { markdown: await readFile(written.markdown, 'utf8'), page: await readFile(written.html, 'utf8') };
}

async function splitFolder(options: SplitRunOptions = {}): Promise<string> {
  return writeSplitRunFolder(await mkdtemp(join(tmpdir(), 'split-run-')), options);
}

/** The HTML of the thresholds section. */
function section(page: string): string {
  const start = page.indexOf('<section id="thresholds"');
  expect(start, 'thresholds section').toBeGreaterThan(0);
  return page.slice(start, page.indexOf('</section>', start));
}

describe('summary report of a split run', () => {
  it('shows each threshold over all instances beside each instance\'s own verdict (golden summary.md)', async () => {
    const { markdown, page } = await report([await splitFolder()]);
    expectGolden('summary-split.md', markdown);
    expect(markdown).toContain('| http\\_reqs count&gt;15 | PASS | 20 | 1 FAIL, 2 FAIL | ⚠️ each instance failed it alone; over all instances it passes |');
    expect(markdown).toContain('| http\\_req\\_duration p(95)&lt;25 | **FAIL** | 28.05 | 1 PASS, 2 FAIL | ⚠️ instance 1 passed it alone; over all instances it fails |');
    expect(markdown).not.toContain('Incomplete');
    const html = section(page);
    expect(page).toContain('<a href="#thresholds"><span class="nav-name">Thresholds</span></a>');
    expect(html).toContain('<tr class="row-warn"><td class="metric"><code>http_reqs count&gt;15</code></td><td><span class="badge badge-pass">PASS</span></td><td class="num">20</td><td>1 FAIL, 2 FAIL</td><td><strong>each instance failed it alone; over all instances it passes</strong></td></tr>');
    expect(html).toContain('<tr class="row-fail"><td class="metric"><code>http_req_duration p(95)&lt;25</code></td><td><span class="badge badge-fail">FAIL</span></td>');
    expect(html).toContain('Counter rates are per second of k6&apos;s test run duration: 2.050 s');
    expect(page).not.toContain('class="banner verdict-fail"');
  });

  it('puts an incomplete run first, naming the cut-off instance (golden summary.md)', async () => {
    const { markdown, page } = await report([await splitFolder({ cutOff: '2' })]);
    expectGolden('summary-split-incomplete.md', markdown);
    expect(markdown.indexOf('⚠️ Incomplete distributed run')).toBeLessThan(markdown.indexOf('## Thresholds'));
    expect(markdown).toContain('instance 2 (segment 1/2:1) CUT OFF');
    const banner = page.slice(page.indexOf('<div class="banner verdict-fail"'));
    expect(banner.indexOf('<div class="banner')).toBeLessThan(page.indexOf('<section id="summary"'));
    expect(banner).toContain('<span class="badge badge-fail">INCOMPLETE</span> Distributed run 20261123T100000Z-split</p>');
    expect(banner).toContain('the samples of instance 2 hold 3 iterations, its own k6 summary counts 10: its output is cut off');
    expect(section(page)).toContain('<tr class="row-fail"><td>2</td><td>1/2:1</td><td>99 (thresholds-failed)</td><td class="num">12</td><td>yes</td><td><strong>CUT OFF: fewer samples than its own k6 summary counts</strong></td></tr>');
  });

  it('escapes hostile threshold keys and run ids in HTML and Markdown', async () => {
    const folder = await splitFolder();
    const path = join(folder, 'manifest.json');
    const manifest = JSON.parse(await readFile(path, 'utf8')) as RunManifest & { distributed: { thresholdDefinitions: Record<string, string[]> } };
    manifest.distributed.thresholdDefinitions['http_reqs{name:<img src=x onerror=alert(1)>}'] = ['count>0'];
    await writeFile(path, JSON.stringify({ ...manifest, runId: '<b>run</b>|x' }));
    const { markdown, page } = await report([folder]);
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('<b>run</b>');
    expect(section(page)).toContain('<code>http_reqs{name:&lt;img src=x onerror=alert(1)&gt;} count&gt;0</code>');
    expect(markdown).not.toContain('<img');
    expect(markdown).toContain('### &lt;b&gt;run&lt;/b&gt;\\|x: 2 k6 instances');
  });

  it('says how to judge loose k6-operator files, which carry no thresholds', async () => {
    const paths = await writeOperatorFiles(await mkdtemp(join(tmpdir(), 'operator-')));
    const { markdown, page } = await report(paths);
    expect(markdown).toContain("Thresholds not judged over all instances: k6 output files do not carry the script's thresholds (pass --thresholds-from &lt;script&gt;).");
    expect(markdown).toContain('| 1 | — | — | 40 | yes | ok |');
    expect(section(page)).toContain('2 k6 instances (instance_id tags of the files), complete');
  });
});
