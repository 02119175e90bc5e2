import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRuns } from '../../../analysis/index.js';
import { buildChartData } from '../../../analysis/report/chart-data.js';
import type { ReportChart } from '../../../analysis/report/chart-data-types.js';
import { chartId, reportCharts, VEGA_LITE_SCHEMA } from '../../../analysis/report/charts/index.js';
import { compileChart, renderChartPng, renderChartSvg, writeCharts } from '../../../analysis/report/render-charts.js';
import { REPO_ROOT, side, type SyntheticEndpoint } from '../analysis/helpers.js';
import { TRIMS, fixtureInputs } from './support.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const KINDS = ['load-timeline', 'forest', 'latency-ecdf', 'latency-timeline', 'throughput-timeline'] as const;

let charts: ReportChart[];
let scratch: string;
beforeAll(async () => {
  const { baseline, candidate, comparison } = await fixtureInputs();
  charts = reportCharts(comparison, buildChartData(baseline, candidate, TRIMS));
  scratch = await mkdtemp(join(tmpdir(), 'stagecraft-charts-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** One chart of each kind (the first). */
function oneOfEach(): ReportChart[] {
  return KINDS.map((kind) => {
    const chart = charts.find((c) => c.id.startsWith(`${kind}-`));
    if (chart === undefined) throw new Error(`no ${kind} chart`);
    return chart;
  });
}

describe('reportCharts on the real fixture runs', () => {
  it('makes the load chart, a forest plot per service and three charts per endpoint', () => {
    const count = (kind: string): number => charts.filter((c) => c.id.startsWith(`${kind}-`)).length;
    expect(count('load-timeline')).toBe(1);
    expect(count('forest')).toBe(2);
    expect(count('latency-ecdf')).toBe(3);
    expect(count('latency-timeline')).toBe(3);
    expect(count('throughput-timeline')).toBe(3);
    expect(new Set(charts.map((c) => c.id)).size).toBe(charts.length);
    for (const chart of charts) {
      expect(chart.id).toMatch(/^[a-z0-9-]+$/);
      expect(chart.spec['$schema']).toBe(VEGA_LITE_SCHEMA);
      expect(JSON.stringify(chart.spec)).not.toMatch(/"url"\s*:/);
    }
    const ecdf = charts.find((c) => c.id.startsWith('latency-ecdf-catalog-get-item-'));
    expect(JSON.stringify(ecdf?.spec)).toContain('p(95) critical 80 ms');
    // The SLO tiers are also rules on the latency-over-time chart.
    const timeline = charts.find((c) => c.id.startsWith('latency-timeline-catalog-get-item-'));
    expect(JSON.stringify(timeline?.spec)).toContain('p(95) critical 80 ms');
  });

  it('validates every kind against the Vega-Lite JSON schema', () => {
    const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules/vega-lite/build/vega-lite-schema.json'), 'utf8')) as object;
    const ajv = new Ajv({ strict: false, allErrors: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate({ $schema: VEGA_LITE_SCHEMA, data: { values: [] }, mark: 'bogus' })).toBe(false);
    for (const chart of charts) {
      const ok = validate(chart.spec);
      expect(ok ? [] : validate.errors?.slice(0, 3), chart.id).toEqual([]);
    }
  });

  it('compiles every chart without Vega-Lite warnings', () => {
    for (const chart of charts) expect(compileChart(chart).messages.warnings, chart.id).toEqual([]);
  });

  it('renders each kind to an SVG with marks and to a PNG', async () => {
    for (const chart of oneOfEach()) {
      const svg = await renderChartSvg(chart);
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toMatch(/class="mark-(line|symbol|rule|rect)/);
      expect(svg).toContain('<path');
      const png = renderChartPng(svg);
      expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
      expect(png.length).toBeGreaterThan(5_000);
    }
  });

  it('writes charts/<id>.svg and .png, leaving other files alone', async () => {
    await writeFile(join(scratch, 'report.html'), 'keep');
    const chosen = oneOfEach().slice(0, 2);
    const written = await writeCharts(chosen, scratch);
    expect(written).toHaveLength(4);
    const files = await readdir(join(scratch, 'charts'));
    expect(files.sort()).toEqual(chosen.flatMap((c) => [`${c.id}.png`, `${c.id}.svg`]).sort());
    expect(await readdir(scratch)).toContain('report.html');
  });
});

describe('chart ids', () => {
  it('are file-name safe and distinct for hostile names', () => {
    const names = ['<script>alert(1)</script>', 'a/b', 'a b', 'a-b', '../../etc/passwd', 'ünïcödé', '', 'CON', 'x'.repeat(500)];
    const ids = names.map((name) => chartId('latency-ecdf', name, 'GET /items/{id}'));
    expect(new Set(ids).size).toBe(names.length);
    for (const id of ids) {
      expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(id.length).toBeLessThan(120);
    }
    expect(chartId('forest', 'a/b')).not.toBe(chartId('forest', 'a b'));
  });

  it('stay unique across a comparison with hostile service and endpoint names', () => {
    const endpoints: SyntheticEndpoint[] = [
      { service: '<script>', endpoint: 'GET /a', medianMs: 10, count: 300 },
      { service: '<script>', endpoint: 'GET /a ', medianMs: 10, count: 300 },
      { service: 'svc/evil', endpoint: 'a b', medianMs: 12, count: 300 },
      { service: 'svc evil', endpoint: 'a/b', medianMs: 12, count: 300 },
    ];
    const baseline = side('b', 2, 1, endpoints);
    const candidate = side('c', 2, 11, endpoints);
    const hostile = reportCharts(compareRuns(baseline, candidate), buildChartData(baseline, candidate, { startMs: 0, endMs: 0 }));
    expect(hostile.length).toBeGreaterThan(10);
    expect(new Set(hostile.map((c) => c.id)).size).toBe(hostile.length);
    for (const chart of hostile) expect(chart.id).toMatch(/^[a-z0-9-]+$/);
    expect(hostile.some((c) => c.title.includes('<script>'))).toBe(true);
  });
});
