import { mkdtemp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { writeSummaryReport } from '../../../analysis/report/summary-report/write-summary-report.js';
import { loadSummarizeInputs } from '../../../analysis/summarize/load.js';
import { summarizeInputs } from '../../../analysis/summarize/summarize-runs.js';
import { reportFolder } from '../../../cli/commands/summarize.js';
import { main } from '../../../cli/main.js';
import { ExitCode, type ExitCodeValue } from '../../../core/exit-codes.js';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/k6');
const RUNS = join(FIXTURES, 'runs');

async function report(paths: readonly string[], outDir: string): Promise<Awaited<ReturnType<typeof writeSummaryReport>>> {
  const inputs = await loadSummarizeInputs(paths);
  return writeSummaryReport(inputs, summarizeInputs(inputs), outDir);
}

describe('summarize report folder', () => {
  it('writes index.html, summary.md, summary.json and charts for real runs, keeping other files', async () => {
    const out = await mkdtemp(join(tmpdir(), 'summary-report-'));
    await writeFile(join(out, 'notes.txt'), 'mine');
    await mkdir(join(out, 'charts'));
    await writeFile(join(out, 'charts', 'keep.svg'), '<svg/>');
    const paths = await report([join(RUNS, 'baseline-1'), join(RUNS, 'baseline-2')], out);
    expect(await readFile(join(out, 'notes.txt'), 'utf8')).toBe('mine');
    expect(await readFile(join(out, 'charts', 'keep.svg'), 'utf8')).toBe('<svg/>');
    const page = await readFile(paths.html, 'utf8');
    expect(page.match(/<section class="service"/g)).toHaveLength(2);
    expect(page).toContain('<span class="service-name">catalog</span>');
    expect(page).toContain('<span class="service-name">orders</span>');
    expect(page).toContain('href="#service-1-catalog"');
    for (const kind of ['load-timeline', 'latency-ecdf-', 'latency-timeline-', 'throughput-timeline-']) expect(page).toContain(`data-chart-id="${kind}`);
    expect(paths.images.length).toBeGreaterThan(4);
    const files = await readdir(join(out, 'charts'));
    expect(files.filter((file) => file.endsWith('.png')).length).toBe(files.filter((file) => file.endsWith('.svg')).length - 1);
    const json = JSON.parse(await readFile(paths.json, 'utf8')) as { schemaVersion: number; runs: unknown[] };
    expect(json.schemaVersion).toBe(1);
    expect(json.runs).toHaveLength(2);
    const markdown = await readFile(paths.markdown, 'utf8');
    expect(markdown).toContain('## catalog');
    expect(markdown).toContain('| get-item | baseline-1 |');
  });

  it('reads a bare k6 file', async () => {
    const out = await mkdtemp(join(tmpdir(), 'summary-report-'));
    const paths = await report([join(FIXTURES, 'http-run.json.gz')], out);
    expect(await readFile(paths.html, 'utf8')).toContain('<section class="service"');
  });

  it('escapes hostile service names everywhere', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'summary-hostile-'));
    const lines = gunzipSync(await readFile(join(RUNS, 'baseline-1', 'samples.json.gz'))).toString('utf8').split('\n');
    const hostile = lines.map((line) => line.replaceAll('"service":"catalog"', '"service":"<script>x</script>"')).join('\n');
    expect(hostile).toContain('<script>x</script>');
    const file = join(dir, 'hostile.json');
    await writeFile(file, hostile);
    const out = join(dir, 'report');
    const paths = await report([file], out);
    const page = await readFile(paths.html, 'utf8');
    expect(page).not.toContain('<script>x</script>');
    expect(page).toContain('&lt;script&gt;x&lt;/script&gt;');
    const markdown = await readFile(paths.markdown, 'utf8');
    expect(markdown).not.toContain('<script>');
  });

  it('--out is a report folder when it is an existing folder or ends with /', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'summary-out-'));
    expect(await reportFolder({ report: 'r' })).toBe('r');
    expect(await reportFolder({ out: dir })).toBe(dir);
    expect(await reportFolder({ out: 'new/' })).toBe('new/');
    expect(await reportFolder({ out: join(dir, 'summary.json') })).toBeNull();
    expect(await reportFolder({})).toBeNull();
  });
});

describe('stagecraft summarize --report (CLI)', () => {
  it('writes the report folder, prints where, and exits 0', async () => {
    const out = await mkdtemp(join(tmpdir(), 'summary-cli-'));
    const stdout: string[] = [];
    const stderr: string[] = [];
    const context = { exitCode: ExitCode.ok as ExitCodeValue, out: (line: string) => stdout.push(line), err: (line: string) => stderr.push(line) };
    const code = await main(['node', 'stagecraft', 'summarize', join(RUNS, 'baseline-1'), '--report', join(out, 'report')], context);
    expect(code, stderr.join('\n')).toBe(ExitCode.ok);
    expect((await readdir(join(out, 'report'))).sort()).toEqual(['charts', 'index.html', 'summary.json', 'summary.md']);
    expect(stderr.join('\n')).toContain(join(out, 'report').split('/').pop());
  });
});
