import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRuns, loadRuns, renderMarkdown, writeReport, type Comparison } from '../../../analysis/index.js';
import { escapeMarkdown } from '../../../analysis/report/escape.js';
import { FIXTURES, side, type SyntheticEndpoint } from './helpers.js';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'stagecraft-report-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Splits a Markdown table row into cells on unescaped pipes. */
function tableCells(line: string): string[] {
  return line.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '').split(/(?<!\\)\|/);
}

const HOSTILE: readonly SyntheticEndpoint[] = [
  { service: 'svc|evil', endpoint: 'GET /a|b <script>alert(1)</script>', medianMs: 10, count: 500 },
  { service: 'svc|evil', endpoint: 'line\nbreak `code` *bold* [link](x)', medianMs: 12, count: 500 },
  { service: 'plain', endpoint: 'ok', medianMs: 5, count: 500 },
];

function hostileComparison(): Comparison {
  return compareRuns(side('b', 3, 1, HOSTILE), side('c', 3, 11, HOSTILE.map((e) => ({ ...e, medianMs: e.medianMs * 1.3 }))));
}

describe('escapeMarkdown', () => {
  it('neutralises table, code, emphasis, link and HTML syntax', () => {
    expect(escapeMarkdown('a|b')).toBe('a\\|b');
    expect(escapeMarkdown('<script>x</script>')).toBe('&lt;script&gt;x&lt;/script&gt;');
    expect(escapeMarkdown('one\ntwo\r\nthree')).toBe('one two three');
    expect(escapeMarkdown('`x` *y* _z_ [l](u) #h')).toBe('\\`x\\` \\*y\\* \\_z\\_ \\[l\\](u) \\#h');
    expect(escapeMarkdown('back\\slash|')).toBe('back\\\\slash\\|');
    expect(escapeMarkdown('a & b')).toBe('a &amp; b');
  });
});

describe('renderMarkdown', () => {
  it('puts the verdict first (after the hidden marker), then per-service tables with FAIL/WARN rows first', () => {
    const markdown = renderMarkdown(hostileComparison());
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('<!-- stagecraft-report -->');
    expect(lines[1]).toBe('# Performance comparison: FAIL ❌');
    expect(lines[3]).toMatch(/^\*\*FAIL\*\* \(regressed\): \d+ FAIL, \d+ WARN, \d+ PASS rows\./);
    expect(markdown).toContain('**How to read this.** 3 baseline and 3 candidate run(s)');
    expect(markdown).toMatch(/Holm-adjusted across all gating rows/);
    const section = markdown.slice(markdown.indexOf('## plain'));
    const rows = section.split('\n').filter((line) => line.startsWith('| ok |'));
    const verdicts = rows.map((line) => tableCells(line)[6]?.trim() ?? '');
    const order = verdicts.map((v) => (v.includes('FAIL') ? 0 : v.includes('WARN') ? 1 : 2));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(verdicts[0]).toMatch(/\*\*FAIL\*\* regressed/);
  });

  it('escapes tag values so every table row keeps its header\'s column count', () => {
    const markdown = renderMarkdown(hostileComparison());
    expect(markdown).not.toContain('<script>');
    expect(markdown).toContain('&lt;script&gt;');
    expect(markdown).toContain('## svc\\|evil:');
    // Tables are runs of consecutive lines starting with "| "; each row has its header's cell count.
    const tables: string[][] = [];
    let previousWasTable = false;
    for (const line of markdown.split('\n')) {
      const isTable = line.startsWith('| ');
      if (isTable && !previousWasTable) tables.push([]);
      if (isTable) tables[tables.length - 1]?.push(line);
      previousWasTable = isTable;
    }
    expect(tables.flat().length).toBeGreaterThan(18);
    for (const table of tables) {
      const expected = tableCells(table[0] ?? '').length;
      for (const line of table) expect(tableCells(line).length, `cells in: ${line}`).toBe(expected);
    }
    expect(tables.filter((table) => tableCells(table[0] ?? '').length === 7).length).toBeGreaterThan(1);
    expect(markdown).toContain('GET /a\\|b &lt;script&gt;');
    expect(markdown).toContain('line break \\`code\\` \\*bold\\* \\[link\\](x)');
  });

  it('explains single-run and too-few-samples rows', () => {
    const small: SyntheticEndpoint[] = [{ service: 's', endpoint: 'e', medianMs: 10, count: 30 }];
    const markdown = renderMarkdown(compareRuns(side('b', 1, 1, small), side('c', 1, 2, small)));
    expect(markdown).toContain('**WARN** single-run');
    expect(markdown).toContain('`single-run`: with one run per side the CI comes from 20 time batches');
    expect(markdown).toMatch(/Seed \d+ \(derived from the inputs/);
    expect(markdown).toContain('`too-few-samples`');
    expect(markdown).toContain('(no CI)');
  });

  it('renders a comparison of real k6 runs', async () => {
    const runs = await loadRuns([join(FIXTURES, 'runs')]);
    const comparison = compareRuns(runs.filter((r) => r.label === 'baseline'), runs.filter((r) => r.label === 'candidate'));
    const markdown = renderMarkdown(comparison);
    expect(markdown).toContain('## catalog:');
    expect(markdown).toContain('## orders:');
    expect(markdown).toContain('| baseline | baseline-1 | passed |');
    // 50 successful requests per run and endpoint: below the p95 floor of 72, so no test there.
    expect(comparison.rows.find((r) => r.endpoint === 'list-items' && r.metric === 'p95')?.reason).toBe('too-few-samples');
    expect(comparison.rows.find((r) => r.endpoint === 'list-items' && r.metric === 'throughput')?.gating).toBe(true);
  });
});

describe('writeReport', () => {
  it('writes report.md, report.json and junit.xml atomically, creating the folder and leaving other files alone', async () => {
    const out = join(scratch, 'nested', 'report');
    const comparison = hostileComparison();
    const first = await writeReport(comparison, out);
    expect(first).toEqual({ markdown: join(out, 'report.md'), json: join(out, 'report.json'), junit: join(out, 'junit.xml'), html: join(out, 'index.html'), images: [] });
    await writeFile(join(out, 'keep.txt'), 'mine');
    await writeReport(comparison, out);
    expect((await readdir(out)).sort()).toEqual(['index.html', 'junit.xml', 'keep.txt', 'report.json', 'report.md']);
    expect(JSON.parse(await readFile(first.json, 'utf8'))).toEqual(JSON.parse(JSON.stringify(comparison)));
    expect(await readFile(first.markdown, 'utf8')).toBe(renderMarkdown(comparison));
  });
});
