import { beforeAll, describe, expect, it } from 'vitest';
import { compareRuns, quantileSorted, type LoadedRun } from '../../../analysis/index.js';
import { trimSamples } from '../../../analysis/ingest/trim-samples.js';
import { buildChartData, bucketWidthMs, chartRound, CHART_PROBABILITIES, endpointBuckets } from '../../../analysis/report/chart-data.js';
import type { ChartData } from '../../../analysis/report/chart-data-types.js';
import { reportCharts } from '../../../analysis/report/charts/index.js';
import { side, type SyntheticEndpoint } from '../analysis/helpers.js';
import { TRIMS, fixtureInputs } from './support.js';

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

describe('bucketWidthMs', () => {
  it('picks the smallest round width giving at most 60 buckets', () => {
    expect(bucketWidthMs(2_043)).toBe(100);
    expect(bucketWidthMs(60_000)).toBe(1_000);
    expect(bucketWidthMs(61_000)).toBe(2_000);
    expect(bucketWidthMs(600_000)).toBe(10_000);
    expect(bucketWidthMs(3_600_000)).toBe(60_000);
    expect(bucketWidthMs(0)).toBe(100);
    expect(bucketWidthMs(10 * 86_400_000)).toBe(21_600_000);
    expect(bucketWidthMs(100 * 86_400_000)).toBe(2 * 86_400_000);
  });

  it('uses a probability grid of at most ~200 points, ascending in (0, 1)', () => {
    expect(CHART_PROBABILITIES.length).toBeLessThanOrEqual(201);
    expect(CHART_PROBABILITIES[0]).toBe(0.005);
    expect(CHART_PROBABILITIES.at(-1)).toBe(0.9995);
    for (let i = 1; i < CHART_PROBABILITIES.length; i += 1) expect(CHART_PROBABILITIES[i]).toBeGreaterThan(CHART_PROBABILITIES[i - 1] as number);
  });
});

describe('buildChartData on the real fixture runs', () => {
  let baseline: LoadedRun[];
  let candidate: LoadedRun[];
  let data: ChartData;
  beforeAll(async () => {
    ({ baseline, candidate } = await fixtureInputs());
    data = buildChartData(baseline, candidate, TRIMS);
  });

  it('has a distribution per endpoint and side, from the steady window', () => {
    const keys = [...new Set(data.distributions.map((d) => `${d.service}/${d.endpoint}`))];
    expect(keys).toEqual(['catalog/get-item', 'catalog/list-items', 'orders/create-order']);
    for (const distribution of data.distributions) {
      const runs = distribution.side === 'baseline' ? baseline : candidate;
      const pooled = runs.flatMap((run) => {
        const steady = trimSamples(run.samples, TRIMS.startMs, TRIMS.endMs);
        const endpoint = steady.endpoints.find((e) => e.service === distribution.service && e.endpoint === distribution.endpoint);
        return endpoint === undefined ? [] : [...endpoint.ok.value];
      });
      const sorted = Float64Array.from(pooled).sort();
      expect(distribution.samples).toBe(sorted.length);
      expect(distribution.latenciesMs).toHaveLength(data.probabilities.length);
      const median = data.probabilities.indexOf(0.5);
      expect(distribution.latenciesMs[median]).toBe(chartRound(quantileSorted(sorted, 0.5)));
      for (let i = 1; i < distribution.latenciesMs.length; i += 1) {
        expect(distribution.latenciesMs[i]).toBeGreaterThanOrEqual(distribution.latenciesMs[i - 1] as number);
      }
    }
  });

  it('buckets every request of the untrimmed run, and marks the steady window', () => {
    expect(data.timelines.map((t) => [t.side, t.runId])).toEqual([
      ['baseline', 'baseline-1'],
      ['baseline', 'baseline-2'],
      ['candidate', 'candidate-1'],
      ['candidate', 'candidate-2'],
    ]);
    for (const [index, timeline] of data.timelines.entries()) {
      const run = [...baseline, ...candidate][index] as LoadedRun;
      const steady = trimSamples(run.samples, TRIMS.startMs, TRIMS.endMs);
      const span = run.samples.span;
      if (span === null) throw new Error('fixture run without samples');
      expect(timeline.lengthMs).toBe(span.lastMs - span.firstMs);
      expect(timeline.window).toEqual({ startMs: TRIMS.startMs, endMs: timeline.lengthMs - TRIMS.endMs });
      expect(timeline.load.length).toBeLessThanOrEqual(60);
      expect(timeline.load.length).toBeGreaterThan(10);
      expect(timeline.endpoints.map((e) => e.endpoint)).toEqual(run.samples.endpoints.map((e) => e.endpoint));
      for (const [e, endpoint] of timeline.endpoints.entries()) {
        const raw = run.samples.endpoints[e];
        const trimmed = steady.endpoints[e];
        if (raw === undefined || trimmed === undefined) throw new Error('endpoint missing');
        const untrimmedRequests = raw.ok.time.length + raw.failed.time.length;
        const trimmedRequests = trimmed.ok.time.length + trimmed.failed.time.length;
        expect(endpoint.requests).toHaveLength(timeline.load.length);
        expect(sum(endpoint.requests)).toBe(untrimmedRequests);
        expect(sum(endpoint.requests)).toBe(raw.requests.time.length); // one http_reqs point per request
        expect(sum(endpoint.errors)).toBe(raw.failed.time.length);
        expect(trimmedRequests).toBeGreaterThan(0);
        expect(trimmedRequests).toBeLessThan(untrimmedRequests);
        // Buckets wholly inside the steady window hold only kept requests.
        const inside = endpoint.requests.filter((_, b) => b * timeline.bucketMs >= timeline.window.startMs && (b + 1) * timeline.bucketMs <= timeline.window.endMs);
        expect(sum(inside)).toBeLessThanOrEqual(trimmedRequests);
        const rows = endpointBuckets(timeline, endpoint);
        expect(rows[1]?.t).toBe(timeline.bucketMs);
        expect(rows.every((row) => (row.requests - row.errors === 0) === (row.p50 === null))).toBe(true);
      }
      expect(sum(timeline.load.map((b) => b.iterations))).toBe(sum([...run.samples.iterations.value]));
      // Real k6 runs emit the `vus` gauge: the highest value per bucket, whole VUs.
      expect(timeline.load.some((b) => b.vus !== null && b.vus > 0)).toBe(true);
      for (const bucket of timeline.load) if (bucket.vus !== null) expect(Number.isInteger(bucket.vus) && bucket.vus >= 0).toBe(true);
    }
  });
});

describe('size of the chart data', () => {
  it('stays well under 5 MB for 16 services × 5 endpoints × 10 runs per side', () => {
    const endpoints: SyntheticEndpoint[] = Array.from({ length: 80 }, (_, i) => ({
      service: `service-${Math.floor(i / 5)}`,
      endpoint: `GET /api/v1/resource-${i % 5}/{id}`,
      medianMs: 20 + i,
      count: 600,
      failures: 3,
    }));
    const options = { durationMs: 15 * 60_000 };
    const baseline = side('baseline', 10, 1, endpoints, options);
    const candidate = side('candidate', 10, 101, endpoints, options);
    const started = performance.now();
    const data = buildChartData(baseline, candidate, { startMs: 60_000, endMs: 30_000 });
    const buildMs = performance.now() - started;
    const json = JSON.stringify(data);
    const comparison = compareRuns(baseline, candidate);
    const charts = reportCharts(comparison, data);
    const specs = JSON.stringify(charts);
    console.info(
      `chart data, 16×5 endpoints, 20 runs × 60 buckets: ${(json.length / 1e6).toFixed(2)} MB JSON, built in ${buildMs.toFixed(0)} ms; ` +
        `${charts.length} chart specs: ${(specs.length / 1e6).toFixed(2)} MB JSON`,
    );
    expect(data.timelines.every((t) => t.load.length <= 60 && t.load.length >= 30)).toBe(true);
    expect(json.length).toBeLessThan(3e6);
    expect(specs.length).toBeLessThan(4.5e6);
  });
});
