/**
 * The simulation generator does what the simulations assume: AR(1) dependence with the requested
 * ρ and log-scale SD, a per-run effect with SD σ_run (correlated across endpoints as requested),
 * only the steady window materialised, and injected effects that move the intended quantiles by
 * exactly the factor.
 */
import { describe, expect, it } from 'vitest';
import { computeRunStats, type EndpointRunStats, type LoadedRun } from '../../../analysis/index.js';
import { mean, sampleStandardDeviation, sampleVariance } from '../../../analysis/stats/index.js';
import { mulberry32 } from '../analysis/helpers.js';
import { ar1LogLatencies, simulatedRun, type SimEndpoint } from './simulate.js';

const GET: SimEndpoint = { service: 'catalog', endpoint: 'get-item', medianMs: 8, logSd: 0.3, rho: 0.7, count: 2000 };
const LIST: SimEndpoint = { service: 'catalog', endpoint: 'list-items', medianMs: 20, logSd: 0.3, rho: 0.5, count: 2000 };

function lag1Autocorrelation(values: Float64Array): number {
  const m = mean(values);
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < values.length; i += 1) {
    const d = (values[i] ?? 0) - m;
    denominator += d * d;
    if (i > 0) numerator += d * ((values[i - 1] ?? 0) - m);
  }
  return numerator / denominator;
}

function endpointStats(run: LoadedRun, endpoint: string): EndpointRunStats {
  const stats = computeRunStats(run).endpoints.find((e) => e.endpoint === endpoint);
  if (stats === undefined) throw new Error(`no ${endpoint}`);
  return stats;
}

function okValues(run: LoadedRun, endpoint: string): Float64Array {
  return run.samples.endpoints.find((e) => e.endpoint === endpoint)?.ok.value ?? new Float64Array(0);
}

describe('AR(1) log latencies', () => {
  it.each([0.5, 0.7, 0.9])('ρ = %s: lag-1 autocorrelation and stationary SD as requested (100 000 draws)', (rho) => {
    const n = 100_000;
    const logs = ar1LogLatencies(mulberry32(Math.round(rho * 1000)), n, rho, 0.3);
    // SE of the lag-1 autocorrelation ≈ √((1 − ρ²)/n); of the variance ≈ σ²·√(2(1 + ρ²)/((1 − ρ²)n)).
    expect(Math.abs(lag1Autocorrelation(logs) - rho)).toBeLessThan(5 * Math.sqrt((1 - rho * rho) / n));
    const relativeSe = Math.sqrt((2 * (1 + rho * rho)) / ((1 - rho * rho) * n));
    expect(Math.abs(sampleVariance(logs) / 0.09 - 1)).toBeLessThan(5 * relativeSe);
    expect(Math.abs(mean(logs))).toBeLessThan(5 * 0.3 * Math.sqrt((1 + rho) / ((1 - rho) * n)));
  });
});

describe('per-run environment effect', () => {
  it('has SD σ_run on each endpoint and correlation c between endpoints (1000 runs)', () => {
    const runs = 1000;
    // Tiny within-run spread: each run's ln p50 − ln median is its run effect.
    const narrow = (spec: SimEndpoint): SimEndpoint => ({ ...spec, logSd: 1e-6, count: 21 });
    const effects = Array.from({ length: runs }, (_, i) => {
      const run = simulatedRun({ id: `r${i}`, seed: 900_000 + i, endpoints: [narrow(GET), narrow(LIST)], runSd: 0.03, runCorrelation: 0.5 });
      return [GET, LIST].map((spec) => Math.log((endpointStats(run, spec.endpoint).p50 ?? Number.NaN) / spec.medianMs));
    });
    const first = effects.map((e) => e[0] ?? Number.NaN);
    const second = effects.map((e) => e[1] ?? Number.NaN);
    for (const values of [first, second]) {
      expect(Math.abs(sampleStandardDeviation(values) / 0.03 - 1)).toBeLessThan(4 / Math.sqrt(2 * runs));
    }
    const [m1, m2] = [mean(first), mean(second)];
    const covariance = first.reduce((total, x, i) => total + (x - m1) * ((second[i] ?? 0) - m2), 0) / (runs - 1);
    const correlation = covariance / (sampleStandardDeviation(first) * sampleStandardDeviation(second));
    expect(Math.abs(correlation - 0.5)).toBeLessThan(4 * (1 - 0.25) / Math.sqrt(runs));
  });
});

describe('steady window', () => {
  it('materialises only the window after the warm-up and before the ramp-down, as trimmed runs are', () => {
    const run = simulatedRun({ id: 'w', seed: 1, endpoints: [GET], durationMs: 100_000, warmupMs: 10_000, rampDownMs: 5_000 });
    const window = run.samples.window;
    expect(window).toMatchObject({ trimStartMs: 10_000, trimEndMs: 5_000 });
    expect((window?.endMs ?? 0) - (window?.startMs ?? 0)).toBe(85_000);
    const times = run.samples.endpoints[0]?.ok.time ?? new Float64Array(0);
    expect(times.length).toBe(GET.count);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(window?.startMs ?? Number.NaN);
    expect(Math.max(...times)).toBeLessThanOrEqual(window?.endMs ?? Number.NaN);
    expect(computeRunStats(run).windowSeconds).toBe(85);
  });
});

describe('injected effects (same seed with and without the effect)', () => {
  const plain = simulatedRun({ id: 'x', seed: 42, endpoints: [GET, LIST] });
  const whole = simulatedRun({ id: 'x', seed: 42, endpoints: [GET, LIST], effect: { endpoint: 'get-item', factor: 1.1, region: 'whole' } });
  const tail = simulatedRun({ id: 'x', seed: 42, endpoints: [GET, LIST], effect: { endpoint: 'get-item', factor: 1.1, region: 'tail' } });

  it('whole: every latency of the endpoint × factor, other endpoints untouched', () => {
    const before = okValues(plain, 'get-item');
    const after = okValues(whole, 'get-item');
    after.forEach((value, i) => expect(value / (before[i] ?? Number.NaN)).toBeCloseTo(1.1, 12));
    expect(okValues(whole, 'list-items')).toEqual(okValues(plain, 'list-items'));
  });

  it('tail: p95 and p99 × factor, p50 unchanged, ~10% of requests changed', () => {
    const [before, after] = [endpointStats(plain, 'get-item'), endpointStats(tail, 'get-item')];
    expect(after.p50).toBe(before.p50);
    expect((after.p95 ?? 0) / (before.p95 ?? 1)).toBeCloseTo(1.1, 12);
    expect((after.p99 ?? 0) / (before.p99 ?? 1)).toBeCloseTo(1.1, 12);
    const changed = okValues(tail, 'get-item').filter((v, i) => v !== okValues(plain, 'get-item')[i]).length;
    expect(Math.abs(changed / GET.count - 0.1)).toBeLessThan(0.05);
  });
});
