import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResourceSample, RunResources } from '../../../core/resource-samples.js';
import { compareRuns } from '../../../analysis/compare/compare-runs.js';
import { resolveCompareOptions } from '../../../analysis/compare/options.js';
import { compareResources, withResources } from '../../../analysis/compare/resource-comparison.js';
import { DEFAULT_RESOURCE_BUDGETS, resourceRows } from '../../../analysis/compare/resource-rows.js';
import type { ResourceMetric, RunResourceSummary } from '../../../analysis/compare/types.js';
import { validateConfig } from '../../../analysis/config/validate.js';
import { renderMarkdown } from '../../../analysis/report/markdown.js';
import type { RunResourceData } from '../../../analysis/resources/load.js';
import { runResourceSummary } from '../../../analysis/resources/run-figures.js';
import { REPO_ROOT, side } from '../analysis/helpers.js';

const MIB = 1024 * 1024;

function run(id: string, cpu: number | null, rssPeak: number | null, rssMean: number | null = rssPeak, service = 'catalog'): RunResourceSummary {
  return {
    id,
    label: null,
    services: [{ service, targets: ['pid:1'], samples: 30, upSamples: 30, cpuPercent: cpu, rssPeakBytes: rssPeak, rssMeanBytes: rssMean, threadsMax: 11, fdsMax: 20 }],
    warnings: [],
    samplerPercentOfCore: 0.05,
  };
}

const options = resolveCompareOptions();
const rowOf = (rows: ReturnType<typeof resourceRows>, metric: ResourceMetric) => rows.find((row) => row.metric === metric);

describe('resource rows', () => {
  it('FAIL a memory rise beyond the +10% budget, PASS unchanged CPU, with the run-level Welch test', () => {
    const baseline = [run('b1', 20.1, 100 * MIB), run('b2', 19.8, 101 * MIB), run('b3', 20.3, 99.5 * MIB)];
    const candidate = [run('c1', 20.0, 164 * MIB), run('c2', 20.4, 165 * MIB), run('c3', 19.9, 163.5 * MIB)];
    const rows = resourceRows(baseline, candidate, options, DEFAULT_RESOURCE_BUDGETS);
    expect(rows.map((row) => row.metric)).toEqual(['cpu', 'rss-peak', 'rss-mean']);
    const peak = rowOf(rows, 'rss-peak');
    expect(peak).toMatchObject({ verdict: 'FAIL', reason: 'regressed', test: 'welch-log', gating: true, unit: 'bytes' });
    expect(peak?.ratio).toBeCloseTo(164 / 100.16, 1);
    expect(peak?.ci?.[0]).toBeGreaterThan(1.5);
    expect(rowOf(rows, 'rss-mean')).toMatchObject({ verdict: 'WARN', reason: 'informational-regression', gating: false });
    expect(rowOf(rows, 'cpu')).toMatchObject({ verdict: 'PASS', reason: 'unchanged' });
  });

  it('a per-service budget overrides the global one; fewer than 2 runs per side is inconclusive', () => {
    const baseline = [run('b1', 20, 100 * MIB), run('b2', 20.5, 101 * MIB)];
    const candidate = [run('c1', 20.2, 130 * MIB), run('c2', 20.1, 131 * MIB)];
    const relaxed = resolveCompareOptions({ services: { catalog: { resources: { memory: { fail: 0.5 } } } } });
    expect(rowOf(resourceRows(baseline, candidate, relaxed, DEFAULT_RESOURCE_BUDGETS), 'rss-peak')).toMatchObject({ reason: 'small-regression', verdict: 'WARN' });
    const single = resourceRows(baseline.slice(0, 1), candidate, options, DEFAULT_RESOURCE_BUDGETS);
    expect(rowOf(single, 'rss-peak')).toMatchObject({ verdict: 'WARN', reason: 'single-run', p: null });
  });

  it('missing figures and one-sided services are WARN, never a crash', () => {
    const rows = resourceRows([run('b1', null, null), run('b2', null, null)], [run('c1', 10, MIB), run('c2', 11, MIB, MIB, 'orders')], options, DEFAULT_RESOURCE_BUDGETS);
    expect(rows.filter((row) => row.service === 'catalog').map((row) => row.reason)).toEqual(['no-samples', 'no-samples', 'no-samples']);
    expect(rows.filter((row) => row.service === 'orders').every((row) => row.reason === 'missing-on-one-side')).toBe(true);
  });
});

function data(id: string, rssMiB: number, start: number): RunResourceData {
  const samples: ResourceSample[] = Array.from({ length: 40 }, (_, i) => ({
    t: start + i * 1000,
    service: 'catalog',
    target: 'pid:1',
    source: 'proc',
    up: i !== 5,
    pids: [1],
    cpuPercent: i === 0 ? null : 10 + (i % 3),
    // The warm-up (first 10 s) has a spike the steady window must not see.
    rssBytes: (i < 10 ? rssMiB * 3 : rssMiB + (i % 2)) * MIB,
    threads: 7,
    fds: 20,
  }));
  const summary: RunResources = { file: 'resources.ndjson', intervalMs: 1000, targets: [], warnings: [], overhead: { cpuSeconds: 0.01, wallSeconds: 40, percentOfCore: 0.025, ticks: 40 } };
  return { runId: id, label: null, summary, samples, malformedLines: 0 };
}

describe('the resources section of a comparison', () => {
  it('uses the steady window, counts in the overall verdict, renders, and validates against the schema', async () => {
    const start = Date.UTC(2026, 10, 23);
    const window = { startMs: start + 10_000, endMs: start + 39_000, trimStartMs: 10_000, trimEndMs: 0 };
    const figures = runResourceSummary(data('x', 100, start), window);
    expect(figures.services[0]?.rssPeakBytes).toBe(101 * MIB);
    expect(figures.services[0]?.samples).toBe(30);

    const endpoints = [{ service: 'catalog', endpoint: 'get-item', medianMs: 10, count: 3000 }];
    const latency = compareRuns(side('b', 3, 1, endpoints), side('c', 3, 2, endpoints));
    const resources = compareResources(
      { data: [data('b1', 100, start), data('b2', 101, start), data('b3', 99, start)], windows: [window, window, window] },
      { data: [data('c1', 170, start), data('c2', 171, start), data('c3', 169, start)], windows: [window, window, window] },
      {},
      latency.options,
    );
    const comparison = withResources(latency, resources);
    expect(comparison.overall.verdict).toBe('FAIL');
    expect(comparison.overall.resources?.FAIL).toBeGreaterThanOrEqual(1);
    expect(comparison.services.find((s) => s.service === 'catalog')?.verdict).toBe('FAIL');
    expect(comparison.overall.message).toContain('catalog rss-peak: regressed');
    const markdown = renderMarkdown(comparison);
    expect(markdown).toContain('## Resources (server side)');
    expect(markdown).toMatch(/\| catalog \| memory RSS \(peak\) \| 101\.0 MiB \(gm of 3\) \| 171\.0 MiB \(gm of 3\) \| ↑ \+69\.\d%/);

    const schema = JSON.parse(await readFile(join(REPO_ROOT, 'schemas/compare.schema.json'), 'utf8')) as object;
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
    addFormatsModule.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate(JSON.parse(JSON.stringify(comparison))), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(withResources(latency, null)).toBe(latency);
  });
});

describe('resource budgets in the config', () => {
  it('accepts compare.resources and services.<name>.resources, and reports fail below warn with the key path', () => {
    expect(validateConfig({ compare: { resources: { cpu: { fail: 0.2 }, memory: { fail: 0.15, warn: 0.05 } }, services: { catalog: { resources: { memory: { fail: 0.5 } } } } } }, { file: 'stagecraft.config.ts' }).ok).toBe(true);
    const bad = validateConfig({ compare: { services: { catalog: { resources: { memory: { fail: 0.01 }, disk: {} } } } } }, { file: 'stagecraft.config.ts' });
    expect(bad.ok).toBe(false);
    const messages = bad.ok ? [] : bad.problems.map((problem) => problem.message);
    expect(messages).toEqual(expect.arrayContaining([expect.stringContaining('compare.services.catalog.resources.memory.fail'), expect.stringContaining('unknown key "disk"')]));
  });
});
