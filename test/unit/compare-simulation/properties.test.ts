/**
 * Property tests of `compareRuns` (stats-methods §3.12 item 2), fast-check with a fixed seed over
 * simulated runs (AR(1) log-normal latencies, per-run effects, closed model with per-run
 * throughput noise so throughput rows are tested and gate):
 *
 * - antisymmetry: swapping baseline and candidate inverts every tested latency and throughput
 *   ratio (1/r) and its CI ([1/high, 1/low]) and keeps the raw p;
 * - scale invariance: multiplying every latency by a constant (ms → s) leaves ratios, CIs, p and
 *   verdicts unchanged;
 * - permutation invariance: shuffling the samples inside a run leaves the per-run quantiles and
 *   mean, and hence every row, unchanged;
 * - the adjusted p-values are Holm over the gating family and BH over the informational one, so
 *   Holm ≥ BH ≥ raw holds for the gating family. (Holm ≥ BH ≥ raw on arbitrary p arrays is
 *   already covered in test/unit/stats/p-adjust.test.ts and is not repeated here.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareRuns, computeRunStats, type Comparison, type ComparisonRow, type LoadedRun } from '../../../analysis/index.js';
import { bhAdjust, holmAdjust } from '../../../analysis/stats/index.js';
import { mulberry32 } from '../analysis/helpers.js';
import { simulatedSide, type SimEndpoint } from './simulate.js';

const SEED = 20_260_415;
const RUNS = { seed: SEED, numRuns: 25 } as const;

const ENDPOINTS: readonly SimEndpoint[] = [
  { service: 'catalog', endpoint: 'get-item', medianMs: 8, logSd: 0.4, rho: 0.6, count: 500 },
  { service: 'orders', endpoint: 'create-order', medianMs: 30, logSd: 0.3, rho: 0.85, count: 600 },
];

const scenario = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  baselineRuns: fc.integer({ min: 2, max: 5 }),
  candidateRuns: fc.integer({ min: 2, max: 5 }),
  runSd: fc.double({ min: 0.005, max: 0.1, noNaN: true }),
  factor: fc.double({ min: 0.8, max: 1.3, noNaN: true }),
  region: fc.constantFrom('whole' as const, 'tail' as const),
  countChange: fc.double({ min: -0.1, max: 0.2, noNaN: true }),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function sides(s: Scenario): [LoadedRun[], LoadedRun[]] {
  const common = { endpoints: ENDPOINTS, runSd: s.runSd, countJitter: 0.03, model: 'closed' as const };
  return [
    simulatedSide('b', s.baselineRuns, s.seed, common),
    simulatedSide('c', s.candidateRuns, s.seed + 100, {
      ...common,
      countChange: s.countChange,
      effect: { endpoint: 'get-item', factor: s.factor, region: s.region },
    }),
  ];
}

/** Latency and throughput rows (the ratio rows), keyed by endpoint and metric. */
function ratioRows(comparison: Comparison): Map<string, ComparisonRow> {
  return new Map(comparison.rows.filter((row) => row.metric !== 'error-rate').map((row) => [`${row.endpoint}/${row.metric}`, row]));
}

function expectRelative(actual: number | null | undefined, expected: number | null | undefined, tolerance: number, what: string): void {
  expect(actual, what).not.toBeNull();
  expect(expected, what).not.toBeNull();
  const [a, e] = [actual ?? Number.NaN, expected ?? Number.NaN];
  expect(Math.abs(a - e), `${what}: ${a} vs ${e}`).toBeLessThanOrEqual(tolerance * Math.abs(e) + 1e-300);
}

/** |Δp| ≤ 1e-9·p + 1e-13: p is recomputed from a t statistic that differs in the last bits. */
function expectSameP(actual: number | null, expected: number | null, what: string): void {
  expect(actual === null, what).toBe(expected === null);
  if (actual === null || expected === null) return;
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9 * expected + 1e-13);
}

function mapRuns(runs: readonly LoadedRun[], change: (values: Float64Array, run: number, endpoint: number) => Float64Array): LoadedRun[] {
  return runs.map((run, r) => ({
    ...run,
    samples: {
      ...run.samples,
      endpoints: run.samples.endpoints.map((e, k) => ({ ...e, ok: { time: e.ok.time, value: change(e.ok.value, r, k) } })),
    },
  }));
}

function shuffled(values: Float64Array, random: () => number): Float64Array {
  const out = Float64Array.from(values);
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    const [a, b] = [out[i] ?? 0, out[j] ?? 0];
    out[i] = b;
    out[j] = a;
  }
  return out;
}

describe('compareRuns properties (fast-check, seeded)', () => {
  it('swapping the sides inverts each ratio and CI and keeps the raw p (latency and throughput)', () => {
    let tested = 0;
    fc.assert(
      fc.property(scenario, (s) => {
        const [baseline, candidate] = sides(s);
        const forward = ratioRows(compareRuns(baseline, candidate));
        const backward = ratioRows(compareRuns(candidate, baseline));
        expect([...backward.keys()]).toEqual([...forward.keys()]);
        for (const [key, row] of forward) {
          const swapped = backward.get(key);
          expectSameP(swapped?.p ?? null, row.p, `${key} p`);
          if (row.p === null || row.ratio === null || row.ci === null) continue;
          tested += 1;
          expectRelative(swapped?.ratio, 1 / row.ratio, 1e-12, `${key} ratio`);
          expectRelative(swapped?.ci?.[0], 1 / row.ci[1], 1e-12, `${key} CI low`);
          expectRelative(swapped?.ci?.[1], 1 / row.ci[0], 1e-12, `${key} CI high`);
        }
      }),
      RUNS,
    );
    // Every scenario has 2 endpoints × (4 latency + throughput) tested rows (≥ 500 × 0.9 × e^(−4·0.03) ≈ 400 requests per run, above p99's floor of 368).
    expect(tested).toBe(RUNS.numRuns * 10);
  });

  it('multiplying every latency by a constant (ms → s, or any unit) leaves ratios, CIs, p and verdicts unchanged', () => {
    fc.assert(
      fc.property(scenario, fc.constantFrom(0.001, 1000, 1 / 3, 7.25), (s, c) => {
        const [baseline, candidate] = sides(s);
        const scale = (runs: readonly LoadedRun[]): LoadedRun[] => mapRuns(runs, (values) => values.map((v) => v * c));
        const original = ratioRows(compareRuns(baseline, candidate));
        const scaled = ratioRows(compareRuns(scale(baseline), scale(candidate)));
        for (const [key, row] of original) {
          const other = scaled.get(key);
          expect(other?.verdict, key).toBe(row.verdict);
          expectSameP(other?.p ?? null, row.p, `${key} p`);
          if (row.ratio === null || row.ci === null) continue;
          // ln(c·x) = ln c + ln x loses a few bits to cancellation: 1e-9 relative.
          expectRelative(other?.ratio, row.ratio, 1e-9, `${key} ratio`);
          expectRelative(other?.ci?.[0], row.ci[0], 1e-9, `${key} CI low`);
          expectRelative(other?.ci?.[1], row.ci[1], 1e-9, `${key} CI high`);
          if (row.unit === 'ms') expectRelative(other?.baseline.aggregate, (row.baseline.aggregate ?? 0) * c, 1e-12, `${key} aggregate`);
        }
      }),
      RUNS,
    );
  });

  it('permuting the samples within each run leaves per-run quantiles, the mean and every row unchanged', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 2 ** 31 - 1 }), (s, shuffleSeed) => {
        const [baseline, candidate] = sides(s);
        const random = mulberry32(shuffleSeed);
        const permute = (runs: readonly LoadedRun[]): LoadedRun[] => mapRuns(runs, (values) => shuffled(values, random));
        const [baseline2, candidate2] = [permute(baseline), permute(candidate)];
        // The permutation really moved samples.
        expect(baseline2[0]?.samples.endpoints[0]?.ok.value).not.toEqual(baseline[0]?.samples.endpoints[0]?.ok.value);
        baseline.forEach((run, i) => {
          const [before, after] = [computeRunStats(run), computeRunStats(baseline2[i] ?? run)];
          expect(after.endpoints).toEqual(before.endpoints);
        });
        expect(compareRuns(baseline2, candidate2).rows).toEqual(compareRuns(baseline, candidate).rows);
      }),
      { ...RUNS, numRuns: 10 },
    );
  });

  it('adjusted p: Holm over the gating rows, BH over the informational rows; Holm ≥ BH ≥ raw on the gating family', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const rows = compareRuns(...sides(s)).rows.filter((row) => row.p !== null);
        const gating = rows.filter((row) => row.gating);
        const informational = rows.filter((row) => !row.gating);
        const raw = gating.map((row) => row.p ?? Number.NaN);
        expect(gating.length).toBeGreaterThanOrEqual(4);
        expect(gating.map((row) => row.pAdjusted)).toEqual(holmAdjust(raw));
        expect(informational.map((row) => row.pAdjusted)).toEqual(bhAdjust(informational.map((row) => row.p ?? Number.NaN)));
        const bh = bhAdjust(raw);
        gating.forEach((row, i) => {
          expect(row.pAdjusted ?? Number.NaN).toBeGreaterThanOrEqual(bh[i] ?? Number.NaN);
          expect(bh[i] ?? Number.NaN).toBeGreaterThanOrEqual(row.p ?? Number.NaN);
        });
      }),
      RUNS,
    );
  });
});
