import { describe, expect, it } from 'vitest';
import { isStagecraftError } from '../../../core/errors.js';
import { compareRuns, type Comparison, type ComparisonRow, type LoadedRun } from '../../../analysis/index.js';
import { overdispersion } from '../../../analysis/compare/error-rate-row.js';
import { welchOnLogs } from '../../../analysis/compare/log-inference.js';
import { ratioVerdict } from '../../../analysis/compare/ratio-rows.js';
import { DEFAULT_COMPARE_OPTIONS } from '../../../analysis/compare/options.js';
import { side, type SyntheticEndpoint } from './helpers.js';

const ENDPOINTS: readonly SyntheticEndpoint[] = [
  { service: 'catalog', endpoint: 'list-items', medianMs: 20, count: 4000 },
  { service: 'catalog', endpoint: 'get-item', medianMs: 8, count: 4000 },
  { service: 'orders', endpoint: 'create-order', medianMs: 35, count: 4000 },
];

function scaled(endpoint: string, factor: number): SyntheticEndpoint[] {
  return ENDPOINTS.map((e) => (e.endpoint === endpoint ? { ...e, medianMs: e.medianMs * factor } : e));
}

function row(comparison: Comparison, endpoint: string, metric: ComparisonRow['metric']): ComparisonRow {
  const found = comparison.rows.find((r) => r.endpoint === endpoint && r.metric === metric);
  if (found === undefined) throw new Error(`no row ${endpoint} ${metric}`);
  return found;
}

describe('compareRuns: latency verdicts on synthetic runs', () => {
  it('A/A: identical distributions never FAIL (10 seeds, 3 runs per side)', () => {
    for (let seed = 1; seed <= 10; seed += 1) {
      const comparison = compareRuns(side('b', 3, seed * 100, ENDPOINTS), side('c', 3, seed * 100 + 50, ENDPOINTS));
      expect(comparison.rows.filter((r) => r.verdict === 'FAIL')).toEqual([]);
      expect(comparison.overall.counts.FAIL).toBe(0);
    }
  });

  it('+30% on one endpoint with 3 runs per side → FAIL regressed on that endpoint only', () => {
    const comparison = compareRuns(side('b', 3, 1, ENDPOINTS), side('c', 3, 11, scaled('get-item', 1.3)));
    const p95 = row(comparison, 'get-item', 'p95');
    expect(p95).toMatchObject({ verdict: 'FAIL', reason: 'regressed', gating: true, test: 'welch-log' });
    expect(p95.ratio).toBeGreaterThan(1.2);
    expect(p95.ratio).toBeLessThan(1.4);
    expect(p95.ci?.[0]).toBeGreaterThan(1);
    expect(p95.pAdjusted).toBeLessThan(0.05);
    expect(p95.pAdjusted).toBeGreaterThanOrEqual(p95.p ?? 1);
    expect(p95.baseline.runs).toHaveLength(3);
    expect(p95.baseline.samples).toBe(12_000);
    const failing = comparison.rows.filter((r) => r.verdict === 'FAIL');
    expect(failing.length).toBeGreaterThan(0);
    expect(failing.every((r) => r.endpoint === 'get-item')).toBe(true);
    // p50 and mean are informational: they never FAIL, even at +30%.
    expect(row(comparison, 'get-item', 'p50')).toMatchObject({ gating: false, verdict: 'WARN', reason: 'informational-regression' });
    expect(comparison.overall).toMatchObject({ verdict: 'FAIL', reason: 'regressed' });
    expect(comparison.services.find((s) => s.service === 'catalog')?.verdict).toBe('FAIL');
    expect(comparison.services.find((s) => s.service === 'orders')?.verdict).not.toBe('FAIL');
  });

  it('-30% → PASS improved', () => {
    const comparison = compareRuns(side('b', 3, 1, ENDPOINTS), side('c', 3, 11, scaled('list-items', 0.7)));
    expect(row(comparison, 'list-items', 'p95')).toMatchObject({ verdict: 'PASS', reason: 'improved' });
    expect(row(comparison, 'list-items', 'p95').ci?.[1]).toBeLessThan(1);
  });

  it('a PASS states the minimum detectable change', () => {
    const comparison = compareRuns(side('b', 5, 1, ENDPOINTS), side('c', 5, 21, ENDPOINTS));
    const p95 = row(comparison, 'list-items', 'p95');
    expect(p95.minDetectableChange).toBeGreaterThan(0);
    expect(p95.minDetectableChange).toBeLessThan(0.2);
    if (p95.reason === 'unchanged') expect(p95.message).toMatch(/changes above \d+\.\d% would have been detected/);
  });

  it('is deterministic', () => {
    const make = (): Comparison => compareRuns(side('b', 3, 1, ENDPOINTS), side('c', 3, 11, scaled('get-item', 1.3)));
    expect(JSON.stringify(make())).toBe(JSON.stringify(make()));
    expect(make()).not.toHaveProperty('generatedAt');
    expect(compareRuns(side('b', 2, 1, ENDPOINTS), side('c', 2, 3, ENDPOINTS), { generatedAt: '2026-01-01T00:00:00Z' }).generatedAt).toBe('2026-01-01T00:00:00Z');
  });

  it('a single run per side → time-batch inference: a large change FAILs only with the whole CI beyond budget, nothing is a clean PASS', () => {
    const large = (endpoints: readonly SyntheticEndpoint[]): SyntheticEndpoint[] => endpoints.map((e) => ({ ...e, count: 10_000 }));
    const comparison = compareRuns(side('b', 1, 1, large(ENDPOINTS)), side('c', 1, 2, large(scaled('get-item', 1.3))));
    for (const metric of ['p50', 'p95', 'p99', 'mean'] as const) {
      expect(row(comparison, 'get-item', metric)).toMatchObject({ test: 'batch-log', inference: 'within-run-batches' });
    }
    const p95 = row(comparison, 'get-item', 'p95');
    expect(p95.ratio).toBeGreaterThan(1.15);
    expect(p95.ci?.[0]).toBeGreaterThan(1.05);
    expect(p95).toMatchObject({ verdict: 'FAIL', reason: 'regressed' });
    expect(p95.message).toMatch(/Single-run mode/);
    for (const endpoint of ['list-items', 'create-order']) {
      for (const metric of ['p50', 'p95', 'p99', 'mean'] as const) {
        const r = row(comparison, endpoint, metric);
        expect(r.verdict, `${endpoint} ${metric}: ${r.message}`).toBe('WARN');
        expect(r.reason).toBe('single-run');
        expect(r.message).toMatch(/calibrate with an A\/A run/);
      }
    }
    expect(comparison.notes[0]).toMatch(/Single-run mode/);
  });

  it('a single run per side with too few requests for 8 batches → WARN single-run without a test', () => {
    const small = ENDPOINTS.map((e) => ({ ...e, count: 2000 })); // p99 needs 8 × 1000, p95 8 × 200
    const comparison = compareRuns(side('b', 1, 1, small), side('c', 1, 2, small));
    expect(row(comparison, 'list-items', 'p99')).toMatchObject({ verdict: 'WARN', reason: 'single-run', p: null, ci: null });
    expect(row(comparison, 'list-items', 'p99').message).toMatch(/8 time batches of 1000/);
    expect(row(comparison, 'list-items', 'p95').test).toBe('batch-log');
  });

  it('one run on one side only → the other side\'s between-run spread stands in (pooled-SD test)', () => {
    const comparison = compareRuns(side('b', 3, 1, ENDPOINTS), side('c', 1, 2, ENDPOINTS));
    const p99 = row(comparison, 'list-items', 'p99');
    expect(p99).toMatchObject({ test: 'welch-log-pooled-sd', inference: 'one-side-single-run' });
    expect(p99.message).toMatch(/other side's between-run spread/);
    expect(comparison.rows.some((r) => r.verdict === 'FAIL')).toBe(false);
  });

  it('below the hard floor → WARN too-few-samples and no test; between floor and recommended → few-samples', () => {
    const small = ENDPOINTS.map((e) => ({ ...e, count: 150 }));
    const comparison = compareRuns(side('b', 3, 1, small), side('c', 3, 11, small));
    const p99 = row(comparison, 'list-items', 'p99');
    expect(p99).toMatchObject({ verdict: 'WARN', reason: 'too-few-samples', p: null, ci: null });
    expect(p99.message).toContain('368');
    const p95 = row(comparison, 'list-items', 'p95'); // 150 is above 72 but below 200
    expect(p95.p).not.toBeNull();
    expect(p95.verdict).toBe('WARN');
    expect(p95.message).toMatch(/below the 200 recommended/);
    const p50 = row(comparison, 'list-items', 'p50'); // 150 ≥ 20: a normal row
    expect(p50.p).not.toBeNull();
    expect(p50.reason).not.toBe('few-samples');
  });

  it('an endpoint missing on one side → WARN missing-on-one-side on every row, no crash', () => {
    const comparison = compareRuns(side('b', 3, 1, ENDPOINTS), side('c', 3, 11, ENDPOINTS.slice(0, 2)));
    const rows = comparison.rows.filter((r) => r.endpoint === 'create-order');
    expect(rows).toHaveLength(6);
    for (const r of rows) expect(r).toMatchObject({ verdict: 'WARN', reason: 'missing-on-one-side', p: null });
    expect(rows[0]?.message).toContain('only in the baseline');
    expect(comparison.services.find((s) => s.service === 'orders')?.verdict).toBe('WARN');
  });

  it('all requests failed on one side → WARN no-samples for latency, FAIL on error rate', () => {
    const failing = ENDPOINTS.map((e) => (e.endpoint === 'get-item' ? { ...e, failures: e.count } : e));
    const comparison = compareRuns(side('b', 3, 1, ENDPOINTS), side('c', 3, 11, failing));
    expect(row(comparison, 'get-item', 'p95')).toMatchObject({ verdict: 'WARN', reason: 'no-samples' });
    expect(row(comparison, 'get-item', 'error-rate')).toMatchObject({ verdict: 'FAIL', reason: 'regressed' });
  });
});

describe('compareRuns: error rate', () => {
  const withErrors = (failures: number): SyntheticEndpoint[] =>
    ENDPOINTS.map((e) => (e.endpoint === 'create-order' ? { ...e, count: 2000, failures } : e));

  it('0.5% → 5% with 3 runs per side → FAIL regressed, difference in percentage points', () => {
    const comparison = compareRuns(side('b', 3, 1, withErrors(10)), side('c', 3, 11, withErrors(100)));
    const r = row(comparison, 'create-order', 'error-rate');
    expect(r).toMatchObject({ verdict: 'FAIL', reason: 'regressed', gating: true, unit: 'fraction', test: 'two-proportion-z' });
    expect(r.baseline.aggregate).toBeCloseTo(0.005, 12);
    expect(r.candidate.aggregate).toBeCloseTo(0.05, 12);
    expect(r.absoluteDifference).toBeCloseTo(0.045, 12);
    expect(r.ratio).toBeCloseTo(10, 12);
    expect(r.message).toContain('+4.50 pp');
    expect(r.baseline.runs).toEqual([0.005, 0.005, 0.005]);
  });

  it('a significant increase below the budget → WARN error-rate-up', () => {
    const big = (failures: number): SyntheticEndpoint[] => [{ service: 's', endpoint: 'e', medianMs: 10, count: 20_000, failures }];
    const comparison = compareRuns(side('b', 3, 1, big(1000)), side('c', 3, 11, big(1200))); // 5% → 6%: ×1.2 < 1.5
    expect(row(comparison, 'e', 'error-rate')).toMatchObject({ verdict: 'WARN', reason: 'error-rate-up' });
  });

  it('errors from a zero baseline FAIL when significant', () => {
    const comparison = compareRuns(side('b', 3, 1, withErrors(0)), side('c', 3, 11, withErrors(40)));
    const r = row(comparison, 'create-order', 'error-rate');
    expect(r).toMatchObject({ verdict: 'FAIL', reason: 'regressed', ratio: null, ci: null });
  });

  it('no errors on either side → PASS without a test', () => {
    const comparison = compareRuns(side('b', 3, 1, ENDPOINTS), side('c', 3, 11, ENDPOINTS));
    expect(row(comparison, 'get-item', 'error-rate')).toMatchObject({ verdict: 'PASS', reason: 'unchanged', p: null });
  });

  it('overdispersion φ from per-run counts (hand-computed)', () => {
    // Baseline runs 10/1000 and 30/1000: pooled 0.02, each run contributes (10)²/(1000·0.02·0.98) = 5.102;
    // candidate runs 20/1000 twice: 0. χ² = 10.204 over 4 − 2 = 2 df → φ = 5.102.
    const counts = (runs: [number, number][]) => ({
      runs, failed: runs.reduce((a, [e]) => a + e, 0), trials: runs.reduce((a, [, n]) => a + n, 0), runCount: runs.length, present: true,
    });
    expect(overdispersion(counts([[10, 1000], [30, 1000]]), counts([[20, 1000], [20, 1000]]))).toBeCloseTo(100 / 19.6, 10);
    expect(overdispersion(counts([[20, 1000], [20, 1000]]), counts([[20, 1000], [20, 1000]]))).toBe(1);
    expect(overdispersion(counts([[10, 1000]]), counts([[20, 1000], [20, 1000]]))).toBe(1);
  });
});

describe('compareRuns: throughput', () => {
  const hash = 'sha256:abc';

  it('closed model, constant per-run rates: identical → PASS, different → WARN degenerate-test (no variance, no test)', () => {
    const fewer = ENDPOINTS.map((e) => ({ ...e, count: 3000 }));
    const closed = { contentHash: hash, model: 'closed' as const, durationMs: 60_000 };
    const same = compareRuns(side('b', 3, 1, ENDPOINTS, closed), side('c', 3, 11, ENDPOINTS, closed));
    expect(row(same, 'list-items', 'throughput')).toMatchObject({ gating: true, verdict: 'PASS', reason: 'unchanged', ratio: 1 });
    const differ = compareRuns(side('b', 3, 1, ENDPOINTS, closed), side('c', 3, 11, fewer, closed));
    const r = row(differ, 'list-items', 'throughput');
    expect(r).toMatchObject({ gating: true, verdict: 'WARN', reason: 'degenerate-test', p: null });
    expect(r.ratio).toBeCloseTo(0.75, 10);
  });

  it('closed model with run-to-run variation: FAIL regressed', () => {
    const runs = (prefix: string, seed: number, counts: number[]): LoadedRun[] =>
      counts.flatMap((count, i) =>
        side(`${prefix}${i}`, 1, seed + i, [{ service: 's', endpoint: 'e', medianMs: 10, count }], { contentHash: hash, model: 'closed' }),
      );
    const comparison = compareRuns(runs('b', 1, [6000, 6100, 5950]), runs('c', 11, [4500, 4550, 4400]));
    const r = row(comparison, 'e', 'throughput');
    expect(r).toMatchObject({ gating: true, verdict: 'FAIL', reason: 'regressed', test: 'welch-log' });
    expect(r.ratio).toBeLessThan(0.8);
    expect(r.baseline.runs).toEqual([100, 6100 / 60, 5950 / 60]);
  });

  it('open model: informational, and dropped iterations in the candidate only → WARN dropped-iterations', () => {
    const runs = (prefix: string, seed: number, counts: number[], dropped: number): LoadedRun[] =>
      counts.flatMap((count, i) =>
        side(`${prefix}${i}`, 1, seed + i, [{ service: 's', endpoint: 'e', medianMs: 10, count }], {
          contentHash: hash, model: 'open', droppedIterations: dropped,
        }),
      );
    const comparison = compareRuns(runs('b', 1, [6000, 5990, 6010], 0), runs('c', 11, [5995, 6000, 5985], 12));
    const r = row(comparison, 'e', 'throughput');
    expect(r.gating).toBe(false);
    expect(r.p).not.toBeNull();
    expect(r).toMatchObject({ verdict: 'WARN', reason: 'dropped-iterations' });
    expect(r.message).toContain('36 iteration');
    expect(comparison.notes.join(' ')).toContain('Open-model');
    const none = compareRuns(runs('b', 1, [6000, 5990, 6010], 0), runs('c', 11, [5995, 6000, 5985], 0));
    expect(row(none, 'e', 'throughput').verdict).toBe('PASS');
  });

  it('unknown model (bare k6 files): informational', () => {
    const comparison = compareRuns(side('b', 3, 1, ENDPOINTS), side('c', 3, 11, ENDPOINTS));
    expect(row(comparison, 'get-item', 'throughput').gating).toBe(false);
  });
});

describe('compareRuns: scenario identity and options', () => {
  it('refuses sides that ran different scenario scripts unless allowed', () => {
    const base = side('b', 2, 1, ENDPOINTS, { contentHash: 'sha256:aaaaaaaaaaaaaaaa' });
    const cand = side('c', 2, 11, ENDPOINTS, { contentHash: 'sha256:bbbbbbbbbbbbbbbb' });
    try {
      compareRuns(base, cand);
      expect.unreachable('different scenarios must be refused');
    } catch (error) {
      expect(isStagecraftError(error)).toBe(true);
      if (!isStagecraftError(error)) return;
      expect(error.code).toBe('invalid-input');
      expect(error.message).toContain('sha256:aaaaaaaaaaaa');
      expect(error.fix).toContain('allowDifferentScenarios');
    }
    const allowed = compareRuns(base, cand, { allowDifferentScenarios: true });
    expect(allowed.notes.join(' ')).toContain('Different scenario scripts were allowed');
  });

  it('does not refuse when one side’s hash is unknown (bare k6 files)', () => {
    const comparison = compareRuns(side('b', 2, 1, ENDPOINTS, { contentHash: 'sha256:aaa' }), side('c', 2, 11, ENDPOINTS));
    expect(comparison.notes.join(' ')).toContain('not known whether both sides ran the same scenario');
  });

  it('rejects empty sides and out-of-range options', () => {
    expect(() => compareRuns([], side('c', 1, 1, ENDPOINTS))).toThrow(/nothing to compare/);
    expect(() => compareRuns(side('b', 1, 1, ENDPOINTS), side('c', 1, 2, ENDPOINTS), { alpha: 1.5 })).toThrow(/alpha/);
  });

  it('echoes the resolved options and keeps the JSON contract', () => {
    const comparison = compareRuns(side('b', 2, 1, ENDPOINTS), side('c', 2, 11, ENDPOINTS), { budgets: { p95: { fail: 0.08 } } });
    expect(comparison.schemaVersion).toBe(1);
    expect(comparison.options.budgets.p95).toEqual({ fail: 0.08, warn: 0.02 });
    expect(comparison.options.budgets.p99).toEqual(DEFAULT_COMPARE_OPTIONS.budgets.p99);
    const r = comparison.rows[0];
    expect(Object.keys(r ?? {}).sort()).toEqual(
      ['absoluteDifference', 'baseline', 'candidate', 'ci', 'endpoint', 'gating', 'inference', 'message', 'metric', 'minDetectableChange', 'p', 'pAdjusted', 'ratio', 'reason', 'service', 'test', 'unit', 'verdict'].sort(),
    );
    expect(Object.keys(r?.baseline ?? {}).sort()).toEqual(['aggregate', 'runs', 'samples']);
    expect(comparison.rows.map((x) => x.metric).slice(0, 6)).toEqual(['p50', 'p95', 'p99', 'mean', 'error-rate', 'throughput']);
    expect(comparison.runs.baseline).toHaveLength(2);
    const counts = comparison.overall.counts;
    expect(counts.PASS + counts.WARN + counts.FAIL).toBe(comparison.rows.length);
  });
});

describe('run-level Welch on logs: worked example', () => {
  it('matches an independent computation (mpmath, 30 digits)', () => {
    // Per-run p95, baseline [100, 104, 98] ms, candidate [112, 118, 110] ms. Computed with mpmath:
    // d = mean(ln c) − mean(ln b), se = sqrt(var(ln c)/3 + var(ln b)/3), Welch–Satterthwaite df,
    // p = 2·(1 − T_df(|d/se|)) via the regularized incomplete beta, CI = exp(d ± t_{0.975,df}·se):
    // ratio 1.12567002098842, CI [1.04229736966636, 1.21571159347518], t 4.32991801552007,
    // df 3.86659279455715, p 0.0132992406094230, se 0.0273396475776370.
    const result = welchOnLogs([100, 104, 98], [112, 118, 110], DEFAULT_COMPARE_OPTIONS);
    expect(result).not.toBeNull();
    expect(result?.ratio).toBeCloseTo(1.12567002098842, 10);
    expect(result?.ci[0]).toBeCloseTo(1.04229736966636, 8);
    expect(result?.ci[1]).toBeCloseTo(1.21571159347518, 8);
    expect(result?.p).toBeCloseTo(0.013299240609423, 8);
    // MDC = exp((z_0.975 + z_0.8)·se) − 1 = exp(2.80158521 · 0.02733964758) − 1
    expect(result?.minDetectableChange).toBeCloseTo(Math.exp((1.959963984540054 + 0.8416212335729143) * 0.027339647577637) - 1, 8);
  });

  it('gives no test for constant per-run values', () => {
    expect(welchOnLogs([10, 10, 10], [10, 10, 10], DEFAULT_COMPARE_OPTIONS)).toBeNull();
  });
});

describe('verdict rule (stats-methods §3.9), worked examples for p95 (fail 5%, warn 2%)', () => {
  const budget = { fail: 0.05, warn: 0.02 };
  it.each([
    // badness, CI high, Holm p, gating → verdict, reason
    [1.3, 1.4, 0.001, true, 'FAIL', 'regressed'],
    [1.05, 1.08, 0.01, true, 'FAIL', 'regressed'], // exactly at the budget counts
    [1.03, 1.04, 0.01, true, 'WARN', 'small-regression'],
    [1.03, 1.09, 0.01, true, 'WARN', 'small-regression'],
    [1.01, 1.02, 0.01, true, 'PASS', 'unchanged'], // significant but inside the noise threshold
    [1.04, 1.12, 0.2, true, 'WARN', 'inconclusive-more-runs-needed'],
    [1.0, 1.05, 0.9, true, 'PASS', 'unchanged'], // CI high exactly at the budget: excluded
    [0.7, 0.8, 0.001, true, 'PASS', 'improved'],
    [1.3, 1.4, 0.05, true, 'WARN', 'inconclusive-more-runs-needed'], // adjusted p = α is not significant
    [1.3, 1.4, 0.001, false, 'WARN', 'informational-regression'],
    [1.04, 1.12, 0.2, false, 'PASS', 'unchanged'],
  ] as const)('b=%s hi=%s p=%s gating=%s → %s %s', (badness, badnessHigh, pAdjusted, gating, verdict, reason) => {
    expect(ratioVerdict({ badness, badnessHigh, pAdjusted, budget, gating, alpha: 0.05 })).toEqual({ verdict, reason });
  });
});
