import { beforeAll, describe, expect, it } from 'vitest';
import type { Comparison } from '../../../analysis/index.js';
import { MARKDOWN_MAX_CHARS, REPORT_MARKER, renderMarkdown } from '../../../analysis/report/markdown.js';
import { MAX_RUNS_ESTIMATE, runsForDetectable } from '../../../analysis/report/runs-needed.js';
import { edgeComparison, emptyComparison, hostileComparison, regressionComparison, wideComparison } from './comparisons.js';
import { detailsBalance, tableCells, tableProblems, tables } from './tables.js';

describe('report.md layout', () => {
  let regression: Comparison;
  let markdown: string;
  beforeAll(() => {
    regression = regressionComparison();
    markdown = renderMarkdown(regression);
  });

  it('starts with the hidden marker and the verdict, then the summary of changes', () => {
    const lines = markdown.split('\n');
    expect(lines[0]).toBe(REPORT_MARKER);
    expect(lines[1]).toBe('# Performance comparison: FAIL ❌');
    expect(lines[3]).toMatch(/^\*\*FAIL\*\* \(regressed\): 3 FAIL, \d+ WARN, \d+ PASS rows\. SLOs: .*\d+ rows inconclusive/);
    const order = ['## Top changes', '## Inconclusive', '## catalog:', '## SLOs', '<details><summary>Effect sizes', '<details><summary>Runs', '<details><summary>How to read this'];
    const positions = order.map((heading) => markdown.indexOf(heading));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('lists top changes FAIL first with arrows, percentages and CIs', () => {
    const top = tables(markdown)[0] ?? [];
    expect(tableCells(top[0] ?? '').map((c) => c.trim())).toEqual(['Service', 'Endpoint', 'Metric', 'Baseline → candidate', 'Change [95% CI]', 'p (adj.)', 'Verdict']);
    const verdicts = top.slice(2).map((line) => tableCells(line)[6] ?? '');
    expect(verdicts.slice(0, 3).every((v) => v.includes('**FAIL**'))).toBe(true);
    expect(top.some((line) => /\| ↑ \+\d+\.\d% \[\+\d+\.\d% to \+\d+\.\d%\] \|/.test(line))).toBe(true);
    expect(top.some((line) => /\| ↓ -\d+\.\d% \[/.test(line) && line.includes('improved'))).toBe(true);
  });

  it('says which rows are inconclusive and how many runs per side would settle them', () => {
    const section = markdown.slice(markdown.indexOf('## Inconclusive'), markdown.indexOf('## catalog:'));
    expect(section).toContain('With 3 baseline and 3 candidate run(s)');
    const rows = section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Service') && !line.startsWith('| ---'));
    expect(rows.length).toBe(regression.rows.filter((row) => row.reason === 'inconclusive-more-runs-needed').length);
    for (const row of rows) expect(tableCells(row)[6]?.trim()).toMatch(/^(\d+|≥ \d+) \(inconclusive-more-runs-needed\)$/);
  });

  it('keeps every table intact and every <details> closed', () => {
    for (const comparison of [regression, edgeComparison(), hostileComparison()]) {
      const text = renderMarkdown(comparison);
      expect(tableProblems(text)).toEqual([]);
      expect(detailsBalance(text)).toEqual({ open: 0, underflow: false });
    }
  });
});

describe('runsForDetectable', () => {
  it('scales the minimum detectable change like 1/√runs', () => {
    // MDC 10% with 2+2 runs, budget 5%: on the log scale the MDC must shrink by ~0.51, so
    // runs × 0.51² ≥ 2 / (1/2 + 1/2) → about 8 runs per side.
    expect(runsForDetectable(0.1, 0.05, { baseline: 2, candidate: 2 }, true)).toEqual({ kind: 'runs', runs: 8, capped: false });
    expect(runsForDetectable(0.002, 0.001, { baseline: 3, candidate: 3 }, false)).toEqual({ kind: 'runs', runs: 12, capped: false });
  });

  it('asks for at least one run more than now, and caps with "≥"', () => {
    expect(runsForDetectable(0.01, 0.05, { baseline: 3, candidate: 3 }, true)).toEqual({ kind: 'runs', runs: 4, capped: false });
    expect(runsForDetectable(2, 0.05, { baseline: 2, candidate: 2 }, true)).toEqual({ kind: 'runs', runs: MAX_RUNS_ESTIMATE, capped: true });
  });
});

describe('report.md on bad input', () => {
  it('stays under 65,000 characters with 3000 endpoints: top changes first, the rest collapsed and cut at whole rows', () => {
    const comparison = wideComparison(3000);
    const text = renderMarkdown(comparison);
    expect(text.length).toBeLessThanOrEqual(MARKDOWN_MAX_CHARS);
    expect(text.length).toBeGreaterThan(MARKDOWN_MAX_CHARS * 0.8);
    expect(text.split('\n')[0]).toBe(REPORT_MARKER);
    expect(text).toContain('This report was shortened to fit 65,000 characters');
    expect(text).toMatch(/… \d+ more rows in report\.json \/ index\.html/);
    expect(tableProblems(text)).toEqual([]);
    expect(detailsBalance(text)).toEqual({ open: 0, underflow: false });
    // The summary sections come first; each service shows at most 10 important rows outside <details>.
    expect(text.indexOf('## Top changes')).toBeLessThan(text.indexOf('## Inconclusive'));
    expect(text.indexOf('## Inconclusive')).toBeLessThan(text.indexOf('## catalog: '));
    for (const service of ['catalog', 'orders', 'users']) {
      const start = text.indexOf(`## ${service}: `);
      expect(start).toBeGreaterThan(0);
      const visible = text.slice(start, text.indexOf('<details>', start)).split('\n').filter((line) => line.startsWith('| GET '));
      expect(visible.length).toBeGreaterThan(0);
      expect(visible.length).toBeLessThanOrEqual(10);
    }
    // Every row is accounted for: shown, or counted in a "… N more rows" line.
    const shownRows = tables(text).flat().filter((line) => /^\| GET \/resource-\d{4} \|/.test(line)).length;
    const cut = [...text.matchAll(/… (\d+) more rows in report\.json/g)].reduce((sum, match) => sum + Number(match[1]), 0);
    expect(shownRows + cut).toBe(comparison.rows.length);
  }, 60_000);

  it('falls back to cutting whole lines under a tiny limit, still closing <details>', () => {
    const text = renderMarkdown(regressionComparison(), { maxChars: 3000 });
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text.split('\n')[0]).toBe(REPORT_MARKER);
    expect(detailsBalance(text)).toEqual({ open: 0, underflow: false });
    expect(tableProblems(text)).toEqual([]);
  });

  it('renders a comparison with zero services', () => {
    const text = renderMarkdown(emptyComparison());
    expect(text.split('\n')[1]).toMatch(/^# Performance comparison: (WARN|PASS) /);
    expect(text).toContain('No service was compared');
    expect(text).not.toContain('## Top changes');
    expect(tableProblems(text)).toEqual([]);
  });

  it('renders a service whose requests all failed', () => {
    const comparison = edgeComparison();
    const text = renderMarkdown(comparison);
    expect(comparison.rows.filter((row) => row.service === 'pay' && row.reason === 'no-samples').length).toBeGreaterThan(0);
    expect(text).toContain('## pay: ');
    expect(text).toMatch(/\| POST \/charge \| p95 \| — \| — \| — \| — \| \*\*WARN\*\* no-samples \|/);
    expect(text).toMatch(/\| POST \/charge \| error-rate \| 100\.00% \| 100\.00% \|/);
  });

  it('escapes hostile names: HTML, quotes, table pipes, Markdown syntax, control characters', () => {
    const text = renderMarkdown(edgeComparison());
    expect(text).not.toMatch(/<script|<\/details><!--/i);
    for (const control of ['\u0000', '\u0001', '\u001b']) expect(text.includes(control)).toBe(false);
    expect(text).toContain('GET /a\\|b &lt;script&gt;alert("x")&lt;/script&gt;');
    expect(text).toContain("line break \\`code\\` \\*bold\\* \\[link\\](x) &amp; 'quote'");
    expect(text).toContain('## ctl\\\\u0001\\\\u001B\\[31mred:');
    // Inside <summary> (raw HTML) names are HTML-escaped, without Markdown backslashes.
    expect(text).toContain('<details><summary>svc|evil: ');
    expect(text).toContain('<details><summary>ctl\\u0001\\u001B[31mred: ');
    expect(tableProblems(text)).toEqual([]);
  });
});
