/**
 * The parts of the comparison engine around the core Welch rows: single-run inference (time
 * batches, pooled SD), A/A calibration, per-row budgets, SLO tier judgments, descriptive effect
 * sizes, the load-profile check and the inconclusive exit code.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SloMetadata } from '../../../core/scenario-metadata.js';
import { ExitCode } from '../../../core/exit-codes.js';
import {
  batchLatencyStatistic,
  batchRate,
  calibrationFrom,
  compareRuns,
  exitCodeOf,
  lag1Autocorrelation,
  loadRuns,
  quantile,
  readCalibration,
  sampleVariance,
  seriesFrom,
  sloStatus,
  studentTQuantile,
  welchTTest,
  type Comparison,
  type ComparisonRow,
  type LoadedRun,
  type NoiseCalibration,
} from '../../../analysis/index.js';
import { batchesOnLogs, pooledSdOnLogs } from '../../../analysis/compare/log-inference.js';
import { rowBudget } from '../../../analysis/compare/budgets.js';
import { resolveCompareOptions, DEFAULT_COMPARE_OPTIONS } from '../../../analysis/compare/options.js';
import { FIXTURES, side, type SyntheticEndpoint } from './helpers.js';

const ENDPOINTS: readonly SyntheticEndpoint[] = [
  { service: 'catalog', endpoint: 'list-items', medianMs: 20, count: 10_000 },
  { service: 'catalog', endpoint: 'get-item', medianMs: 8, count: 10_000 },
];

function row(comparison: Comparison, endpoint: string, metric: ComparisonRow['metric']): ComparisonRow {
  const found = comparison.rows.find((r) => r.endpoint === endpoint && r.metric === metric);
  if (found === undefined) throw new Error(`no row ${endpoint} ${metric}`);
  return found;
}

function scaled(endpoint: string, factor: number): SyntheticEndpoint[] {
  return ENDPOINTS.map((e) => (e.endpoint === endpoint ? { ...e, medianMs: e.medianMs * factor } : e));
}

/** Replaces parts of a synthetic run's manifest (which needs a contentHash to exist). */
function withMetadata(runs: readonly LoadedRun[], change: { slos?: readonly SloMetadata[]; executorOptions?: Record<string, unknown>; argv?: readonly string[] }): LoadedRun[] {
  return runs.map((run) => {
    const manifest = run.manifest;
    if (manifest === null || manifest.scenario.metadata === null) throw new Error('synthetic run without manifest');
    const metadata = manifest.scenario.metadata;
    return {
      ...run,
      manifest: {
        ...manifest,
        k6: { ...manifest.k6, argv: change.argv ?? manifest.k6.argv },
        scenario: {
          ...manifest.scenario,
          metadata: {
            ...metadata,
            slos: change.slos ?? metadata.slos,
            scenarios: metadata.scenarios.map((s) => ({ ...s, options: change.executorOptions ?? s.options })),
          },
        },
      },
    };
  });
}

describe('time batches', () => {
  it('lag-1 autocorrelation (hand-computed)', () => {
    // mean 3, deviations −2..2: Σ dᵢdᵢ₊₁ = 2 + 0 + 0 + 2 = 4, Σ dᵢ² = 10.
    expect(lag1Autocorrelation([1, 2, 3, 4, 5])).toBeCloseTo(0.4, 12);
    expect(lag1Autocorrelation([1, -1, 1, -1, 1, -1])).toBeLessThan(-0.8);
    expect(lag1Autocorrelation([7, 7, 7])).toBe(0);
    expect(lag1Autocorrelation([1, 2])).toBe(0);
  });

  it('splits successful durations in time order into 20 batches and takes ln of the statistic', () => {
    // 4000 values arriving in reverse time order: batching must sort by time first.
    const n = 4000;
    const times = Array.from({ length: n }, (_, i) => 1000 + (n - i));
    const values = Array.from({ length: n }, (_, i) => 10 + ((i * 7919) % 13));
    const batched = batchLatencyStatistic(seriesFrom(times, values), (sorted) => quantile(sorted, 0.5), 20);
    expect(batched).not.toBeNull();
    expect(batched?.batches).toHaveLength(20);
    expect(batched?.whole).toBeCloseTo(Math.log(quantile(values, 0.5)), 12);
    // The first batch in time is the last 200 values of the arrays.
    expect(batched?.batches[0]).toBeCloseTo(Math.log(quantile(values.slice(n - 200), 0.5)), 12);
  });

  it('needs 8 batches of the minimum size, and halves the batch count once for autocorrelated batches', () => {
    const times = Array.from({ length: 1000 }, (_, i) => i);
    expect(batchLatencyStatistic(seriesFrom(times, times.map(() => 5)), (s) => s[0] ?? 0, 200)).toBeNull();
    // A steady upward drift: batch values are strongly autocorrelated.
    const drift = batchLatencyStatistic(seriesFrom(times, times.map((t) => 10 + t / 10)), (s) => quantile(s, 0.5), 20);
    expect(drift?.halved).toBe(true);
    expect(drift?.batches).toHaveLength(10);
    expect(drift?.lag1).toBeGreaterThan(0.2);
  });

  it('batches request completions into per-second counts for throughput', () => {
    const window = { startMs: 0, endMs: 40_000, trimStartMs: 0, trimEndMs: 0 };
    // 10 requests per second, with every other second 14: not constant, not autocorrelated upward.
    const times: number[] = [];
    for (let second = 0; second < 40; second += 1) {
      const count = second % 2 === 0 ? 10 : 14;
      for (let k = 0; k < count; k += 1) times.push(second * 1000 + (k * 1000) / count);
    }
    const batched = batchRate(Float64Array.from(times), window);
    expect(batched?.whole).toBeCloseTo(Math.log(times.length / 40), 12);
    expect(batched?.batches.length).toBeGreaterThanOrEqual(8);
    expect(batchRate(Float64Array.from(times), { ...window, endMs: 7_000 })).toBeNull();
  });
});

describe('single-run inference on the log scale', () => {
  it('with whole-window values equal to the batch means it is exactly Welch on the batches', () => {
    const base = { whole: 4.5, batches: [1, 2, 3, 4, 5, 6, 7, 8], lag1: 0, halved: false };
    const cand = { whole: 5.5, batches: [2, 3, 4, 5, 6, 7, 8, 9], lag1: 0, halved: false };
    const test = batchesOnLogs(base, cand, null, DEFAULT_COMPARE_OPTIONS);
    const welch = welchTTest(cand.batches, base.batches);
    expect(test?.p).toBeCloseTo(welch.p, 12);
    expect(Math.log(test?.ratio ?? 0)).toBeCloseTo(1, 12);
    expect(Math.log(test?.ci[0] ?? 0)).toBeCloseTo(welch.ci[0], 10);
    expect(test).toMatchObject({ method: 'batch-log', inference: 'within-run-batches' });
    expect(test?.caveat).toMatch(/no A\/A calibration/);
  });

  it('adds the calibrated between-run variance 2σ² to the standard error', () => {
    const base = { whole: 0, batches: [0, 0.02, -0.02, 0.01, -0.01, 0.03, -0.03, 0], lag1: 0, halved: false };
    const cand = { ...base, whole: 0.1 };
    const within = DEFAULT_COMPARE_OPTIONS;
    const plain = batchesOnLogs(base, cand, null, within);
    const calibrated = batchesOnLogs(base, cand, 0.05, within);
    const v = sampleVariance(base.batches) / 8;
    const df = (2 * v) ** 2 / ((2 * v * v) / 7);
    const halfWidth = studentTQuantile(0.975, df) * Math.sqrt(2 * v + 2 * 0.05 ** 2);
    expect(Math.log(calibrated?.ci[1] ?? 0)).toBeCloseTo(0.1 + halfWidth, 10);
    expect(calibrated?.p ?? 0).toBeGreaterThan(plain?.p ?? 1);
    expect(calibrated?.caveat).toBeNull();
  });

  it('one side with a single run: the other side’s SD for both, df = R − 1 (hand-computed)', () => {
    const base = [100, 110, 121];
    const logs = base.map(Math.log);
    const sd = Math.sqrt(sampleVariance(logs));
    const test = pooledSdOnLogs(base, [133.1], DEFAULT_COMPARE_OPTIONS);
    const d = Math.log(133.1) - logs.reduce((a, b) => a + b, 0) / 3;
    const se = sd * Math.sqrt(1 / 3 + 1);
    expect(Math.log(test?.ratio ?? 0)).toBeCloseTo(d, 12);
    expect(Math.log(test?.ci[1] ?? 0)).toBeCloseTo(d + studentTQuantile(0.975, 2) * se, 10);
    expect(test?.inference).toBe('one-side-single-run');
    expect(pooledSdOnLogs([5], [6], DEFAULT_COMPARE_OPTIONS)).toBeNull();
  });
});

describe('A/A calibration', () => {
  const aa = compareRuns(side('a', 3, 100, ENDPOINTS), side('b', 3, 200, ENDPOINTS));
  const calibration = calibrationFrom(aa, { name: 'synthetic', contentHash: null });

  it('records |log ratio| and the pooled between-run SD per row, and per-metric noise', () => {
    const p95 = row(aa, 'get-item', 'p95');
    const entry = calibration.rows.find((r) => r.endpoint === 'get-item' && r.metric === 'p95');
    expect(entry?.absLogRatio).toBeCloseTo(Math.abs(Math.log((p95.candidate.aggregate ?? 0) / (p95.baseline.aggregate ?? 1))), 12);
    const pooled = Math.sqrt((sampleVariance(p95.baseline.runs.map(Math.log)) + sampleVariance(p95.candidate.runs.map(Math.log))) / 2);
    expect(entry?.runSd).toBeCloseTo(pooled, 12);
    const p95Logs = calibration.rows.filter((r) => r.metric === 'p95').map((r) => r.absLogRatio);
    expect(calibration.noise.p95).toBeCloseTo(Math.exp(quantile(p95Logs, 0.95)) - 1, 12);
    expect(calibration.rows.some((r) => r.metric === 'error-rate' as string)).toBe(false);
    expect(calibration.runsPerSide).toEqual({ baseline: 3, candidate: 3 });
    expect(calibration.falseAlarmRate).toBeGreaterThanOrEqual(0);
    expect(calibration.falseAlarmRate).toBeLessThanOrEqual(1);
  });

  it('raises the noise threshold to the measured noise, never above the FAIL budget', () => {
    const resolved = resolveCompareOptions();
    const id = { service: 'catalog', endpoint: 'get-item' };
    const noisy: NoiseCalibration = { ...calibration, noise: { p95: 0.03, p99: 0.5, p50: 0.2 } };
    expect(rowBudget(resolved, noisy, id, 'p95')).toEqual({ fail: 0.05, warn: 0.03 });
    expect(rowBudget(resolved, noisy, id, 'p99')).toEqual({ fail: 0.1, warn: 0.1 });
    expect(rowBudget(resolved, noisy, id, 'p50')).toEqual({ fail: null, warn: 0.2 });
    expect(rowBudget(resolved, { ...calibration, noise: { p95: 0.001 } }, id, 'p95')).toEqual({ fail: 0.05, warn: 0.02 });
    const comparison = compareRuns(side('a', 3, 1, ENDPOINTS), side('b', 3, 2, ENDPOINTS), { calibration: noisy, calibrationSource: 'aa.json' });
    expect(comparison.options.calibration).toMatchObject({ source: 'aa.json', noise: noisy.noise });
    expect(comparison.notes.join(' ')).toMatch(/A\/A calibration from aa\.json .*exceeds the FAIL budget for p99/);
  });

  it('lets a calibrated single-run comparison PASS, and still FAIL a real +30%', () => {
    const calibrated = { ...calibration, runSd: { p50: 0.03, p95: 0.03, p99: 0.03, mean: 0.03, throughput: 0.03 }, rows: [] };
    const same = compareRuns(side('a', 1, 1, ENDPOINTS), side('b', 1, 2, ENDPOINTS), { calibration: calibrated });
    expect(row(same, 'list-items', 'p95').reason).not.toBe('single-run');
    expect(row(same, 'list-items', 'p95').verdict).not.toBe('FAIL');
    const worse = compareRuns(side('a', 1, 1, ENDPOINTS), side('b', 1, 2, scaled('get-item', 1.3)), { calibration: calibrated });
    expect(row(worse, 'get-item', 'p95')).toMatchObject({ verdict: 'FAIL', reason: 'regressed' });
  });
});

describe('reading a calibration file', () => {
  it('names the file on errors and keeps only known metrics and finite values', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'stagecraft-calibration-'));
    try {
      await expect(readCalibration(join(folder, 'none.json'))).rejects.toThrow(/does not exist/);
      await writeFile(join(folder, 'bad.json'), '{ "kind": ');
      await expect(readCalibration(join(folder, 'bad.json'))).rejects.toThrow(/bad\.json is not valid JSON/);
      await writeFile(join(folder, 'other.json'), JSON.stringify({ kind: 'something-else', rows: [] }));
      await expect(readCalibration(join(folder, 'other.json'))).rejects.toThrow(/is not an A\/A calibration/);
      const edited = {
        kind: 'stagecraft-aa-calibration', schemaVersion: 1, scenario: 'demo-http', contentHash: null,
        runsPerSide: { baseline: 3, candidate: 3 },
        rows: [
          { service: 's', endpoint: 'e', metric: 'p95', absLogRatio: 0.01, runSd: 0.02 },
          { service: 's', endpoint: 'e', metric: 'p42', absLogRatio: 0.01, runSd: 0.02 },
          { service: 's', endpoint: 'e', metric: 'p99', absLogRatio: -1, runSd: null },
        ],
        noise: { p95: 0.03, p42: 0.5, throughput: 'high' }, runSd: { p95: 0.02, extra: 1 },
        verdicts: { PASS: 10, WARN: 2, FAIL: 0 }, falseAlarmRate: 0.1, comment: 'hand edited',
      };
      await writeFile(join(folder, 'aa.json'), JSON.stringify(edited));
      const read = await readCalibration(join(folder, 'aa.json'));
      expect(read.noise).toEqual({ p95: 0.03 });
      expect(read.runSd).toEqual({ p95: 0.02 });
      expect(read.rows).toHaveLength(1);
      expect(read).not.toHaveProperty('comment');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('non-finite values in k6 output', () => {
  it('a NaN/Infinity duration is reported with its file and line and left out; the comparison still runs', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'stagecraft-nonfinite-'));
    try {
      const source = await readFile(join(FIXTURES, 'http-plain.json'), 'utf8');
      const lines = source.split('\n');
      const point = lines.findIndex((line) => line.includes('"type":"Point"') && line.includes('http_req_duration'));
      const broken = [...lines];
      broken.splice(point + 1, 0, (lines[point] ?? '').replace(/"value":[0-9.]+/, '"value":1e999'), (lines[point] ?? '').replace(/"value":[0-9.]+/, '"value":NaN'));
      await writeFile(join(folder, 'broken.json'), broken.join('\n'));
      const [good] = await loadRuns([join(FIXTURES, 'http-plain.json')]);
      const [bad] = await loadRuns([join(folder, 'broken.json')]);
      if (good === undefined || bad === undefined) throw new Error('fixture did not load');
      expect(bad.samples.issueCount).toBe(2);
      expect(bad.samples.issues[0]?.line).toBe(point + 2);
      const comparison = compareRuns([good], [bad]);
      expect(comparison.runs.candidate[0]?.issueCount).toBe(2);
      expect(comparison.notes.join(' ')).toMatch(/broken/);
      expect(comparison.overall.verdict).not.toBe('PASS');
      for (const each of comparison.rows) for (const value of [each.ratio, each.p, ...(each.ci ?? [])]) expect(value === null || Number.isFinite(value)).toBe(true);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('SLO tier judgments', () => {
  it('places a value in the first tier it does not exceed', () => {
    const tiers = { target: 10, acceptable: 20, critical: 40 };
    expect(sloStatus(10, tiers)).toBe('meets-target');
    expect(sloStatus(15, tiers)).toBe('acceptable');
    expect(sloStatus(30, tiers)).toBe('breach');
    expect(sloStatus(41, tiers)).toBe('critical-breach');
    expect(sloStatus(41, { target: 10, acceptable: null, critical: null })).toBe('breach');
  });

  it('judges the candidate: critical breach FAILs, worse than acceptable WARNs, otherwise PASS; baseline for context', () => {
    const hashed = { contentHash: 'sha256:abc' };
    const slos: SloMetadata[] = [
      // get-item p95 ≈ 8·e^(1.645·0.4) ≈ 15.5 ms in the baseline, ≈ 20 ms at ×1.3.
      { service: 'catalog', endpoint: 'get-item', statistic: 'p(95)', target: 12, acceptable: 18, critical: 19, enforced: 'critical' },
      { service: 'catalog', endpoint: 'list-items', statistic: 'p(95)', target: 20, acceptable: 60, critical: 100, enforced: 'acceptable' },
      { service: 'catalog', statistic: 'med', target: 100, enforced: 'target' },
    ];
    const comparison = compareRuns(
      withMetadata(side('a', 2, 1, ENDPOINTS, hashed), { slos }),
      withMetadata(side('b', 2, 5, scaled('get-item', 1.3), hashed), { slos }),
    );
    const [getItem, listItems, service] = comparison.slos;
    expect(getItem).toMatchObject({ verdict: 'FAIL', reason: 'slo-critical-breach', endpoint: 'get-item' });
    expect(getItem?.baseline?.status).toBe('acceptable');
    expect(getItem?.candidate?.value).toBeGreaterThan(19);
    expect(getItem?.message).toMatch(/candidate .* ms, critical breach \(baseline: .* ms, acceptable\)/);
    expect(listItems).toMatchObject({ verdict: 'PASS', reason: 'slo-met' });
    expect(listItems?.candidate?.status).toBe('acceptable');
    expect(service).toMatchObject({ endpoint: null, verdict: 'PASS' });
    expect(service?.candidate?.status).toBe('meets-target');
    expect(comparison.overall.slos).toEqual({ PASS: 2, WARN: 0, FAIL: 1 });
    expect(comparison.overall.verdict).toBe('FAIL');
  });
});

describe('effect sizes, seed, load profiles, inconclusive', () => {
  it('gives seeded, deterministic request-level effect sizes', () => {
    const make = (): Comparison => compareRuns(side('a', 2, 1, ENDPOINTS), side('b', 2, 5, scaled('get-item', 1.3)));
    const first = make();
    expect(first.effectSizes).toEqual(make().effectSizes);
    const getItem = first.effectSizes.find((e) => e.endpoint === 'get-item');
    expect(getItem?.hodgesLehmannRatio).toBeGreaterThan(1.2);
    expect(getItem?.hodgesLehmannRatio).toBeLessThan(1.4);
    expect(getItem?.cliffsDelta).toBeGreaterThan(0.2);
    expect(getItem?.sampled).toEqual({ baseline: 5000, candidate: 5000 });
    expect(first.seed).toBe(make().seed);
    expect(compareRuns(side('a', 2, 1, ENDPOINTS), side('b', 2, 6, ENDPOINTS)).seed).not.toBe(first.seed);
  });

  it('refuses runs with different load profiles unless allowed', () => {
    const hashed = { contentHash: 'sha256:abc' };
    const base = withMetadata(side('a', 2, 1, ENDPOINTS, hashed), { executorOptions: { vus: 10, duration: '1m' } });
    const cand = withMetadata(side('b', 2, 5, ENDPOINTS, hashed), { executorOptions: { vus: 20, duration: '1m' } });
    expect(() => compareRuns(base, cand)).toThrow(/different load profiles/);
    expect(compareRuns(base, cand, { allowDifferentScenarios: true }).notes.join(' ')).toMatch(/Different load profiles were allowed/);
    const flags = withMetadata(side('b', 2, 5, ENDPOINTS, hashed), { executorOptions: { vus: 10, duration: '1m' }, argv: ['run', '--vus', '50', 'x.js'] });
    expect(() => compareRuns(base, flags)).toThrow(/different load profiles/);
    const outputs = withMetadata(side('b', 2, 5, ENDPOINTS, hashed), { executorOptions: { vus: 10, duration: '1m' }, argv: ['run', '--out', 'json=other.json', 'x.js'] });
    expect(() => compareRuns(base, outputs)).not.toThrow();
  });

  it('open model: a candidate short of the planned arrival rate by more than the budget FAILs (dropped-iterations)', () => {
    const open = { contentHash: 'sha256:abc', model: 'open' as const };
    const plan = { executorOptions: { rate: 100, timeUnit: '1s', duration: '1m' } };
    const withIterations = (runs: readonly LoadedRun[], perRun: number): LoadedRun[] =>
      runs.map((run) => ({ ...run, samples: { ...run.samples, iterations: seriesFrom([run.samples.window?.startMs ?? 0], [perRun]) } }));
    const base = withIterations(withMetadata(side('a', 2, 1, ENDPOINTS, open), plan), 6000);
    const short = withIterations(withMetadata(side('b', 2, 5, ENDPOINTS, { ...open, droppedIterations: 900 }), plan), 5100);
    const comparison = compareRuns(base, short);
    expect(comparison.runs.baseline[0]).toMatchObject({ targetRate: 100, achievedRate: 100 });
    expect(comparison.runs.candidate[0]?.achievedRate).toBeCloseTo(85, 9);
    const throughput = row(comparison, 'get-item', 'throughput');
    expect(throughput).toMatchObject({ verdict: 'FAIL', reason: 'dropped-iterations', gating: false });
    expect(throughput.message).toMatch(/achieved only 85\.0% of the planned arrival rate \(baseline 100\.0%\)/);
    // Within the budget (97% of the plan), dropped iterations only WARN.
    const slight = withIterations(withMetadata(side('b', 2, 5, ENDPOINTS, { ...open, droppedIterations: 180 }), plan), 5820);
    expect(row(compareRuns(base, slight), 'get-item', 'throughput')).toMatchObject({ verdict: 'WARN', reason: 'dropped-iterations' });
  });

  it('an endpoint measured in different units on the two sides → WARN mismatched-units, no test', () => {
    const grpcSide = side('b', 2, 5, ENDPOINTS.map((e) => (e.endpoint === 'get-item' ? { ...e, protocol: 'grpc' as const } : e)));
    const comparison = compareRuns(side('a', 2, 1, ENDPOINTS), grpcSide);
    const p95 = row(comparison, 'get-item', 'p95');
    expect(p95).toMatchObject({ verdict: 'WARN', reason: 'mismatched-units', p: null, ci: null, ratio: null });
    expect(p95.message).toMatch(/baseline: http_req_duration; candidate: grpc_req_duration/);
    expect(row(comparison, 'list-items', 'p95').reason).not.toBe('mismatched-units');
    const declared = side('b', 2, 5, ENDPOINTS).map((run) => ({
      ...run,
      samples: { ...run.samples, metrics: { http_req_duration: { type: 'trend', contains: 'default' } } },
    }));
    const base = side('a', 2, 1, ENDPOINTS).map((run) => ({
      ...run,
      samples: { ...run.samples, metrics: { http_req_duration: { type: 'trend', contains: 'time' } } },
    }));
    expect(row(compareRuns(base, declared), 'list-items', 'p99').message).toMatch(/contains: time.*contains: default/);
  });

  it('flags undecided comparisons; exit code 4 only with --fail-on-inconclusive, 1 for any FAIL', () => {
    const single = compareRuns(side('a', 1, 1, ENDPOINTS), side('b', 1, 2, ENDPOINTS));
    expect(single.overall.inconclusive).toBe(true);
    expect(exitCodeOf(single, false)).toBe(ExitCode.ok);
    expect(exitCodeOf(single, true)).toBe(ExitCode.inconclusive);
    const failing = compareRuns(side('a', 3, 1, ENDPOINTS), side('b', 3, 11, scaled('get-item', 1.3)));
    expect(failing.overall.inconclusive).toBe(false);
    expect(exitCodeOf(failing, true)).toBe(ExitCode.regression);
  });
});
