import { describe, expect, test } from 'vitest';
import { harrellDavisSorted, harrellDavisWeights, mulberry32, shiftFunction } from '../../../analysis/index.js';

function logNormalRun(seed: number, n: number, median: number, sigma: number): Float64Array {
  const random = mulberry32(seed);
  return Float64Array.from({ length: n }, () => median * Math.exp(sigma * (random() + random() + random() + random() - 2) * 1.7));
}

describe('harrellDavisWeights', () => {
  test('weights times sorted data equal harrellDavisSorted, and sum to 1', () => {
    const data = logNormalRun(3, 257, 20, 0.4).sort();
    for (const p of [0.01, 0.1, 0.5, 0.9, 0.99]) {
      const weights = harrellDavisWeights(data.length, p);
      expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
      const estimate = weights.reduce((sum, w, i) => sum + w * data[i]!, 0);
      expect(estimate).toBeCloseTo(harrellDavisSorted(data, p), 9);
    }
    expect([...harrellDavisWeights(3, 0)]).toEqual([1, 0, 0]);
    expect([...harrellDavisWeights(3, 1)]).toEqual([0, 0, 1]);
    expect(() => harrellDavisWeights(0, 0.5)).toThrow('positive integer n');
  });
});

describe('shiftFunction', () => {
  const baseline = [logNormalRun(1, 800, 20, 0.3), logNormalRun(2, 800, 20.5, 0.3), logNormalRun(3, 800, 19.6, 0.3)];

  test('a uniform slow-down by 25% moves every decile by about 25%, with intervals that exclude 0', () => {
    const candidate = [logNormalRun(11, 800, 25, 0.3), logNormalRun(12, 800, 25.4, 0.3), logNormalRun(13, 800, 24.6, 0.3)];
    const shift = shiftFunction(baseline, candidate, { random: mulberry32(5), resamples: 200 });
    expect(shift.resampling).toBe('runs');
    expect(shift.points.map((p) => p.p)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
    for (const point of shift.points) {
      expect(point.ratio).toBeGreaterThan(1.18);
      expect(point.ratio).toBeLessThan(1.32);
      expect(point.ci[0]).toBeGreaterThan(0);
      expect(point.ci[0]).toBeLessThanOrEqual(point.difference);
      expect(point.ci[1]).toBeGreaterThanOrEqual(point.difference);
      expect(point.difference).toBeCloseTo(point.candidate - point.baseline, 12);
    }
    // A ratio change of a log-normal grows in absolute ms towards the tail.
    expect(shift.points[8]!.difference).toBeGreaterThan(shift.points[0]!.difference);
  });

  test('identical sides: every interval covers 0', () => {
    const other = [logNormalRun(21, 800, 20, 0.3), logNormalRun(22, 800, 20.4, 0.3), logNormalRun(23, 800, 19.7, 0.3)];
    const shift = shiftFunction(baseline, other, { random: mulberry32(9), resamples: 200 });
    for (const point of shift.points) {
      expect(point.ci[0]).toBeLessThanOrEqual(0);
      expect(point.ci[1]).toBeGreaterThanOrEqual(0);
    }
  });

  test('a tail-only change shows in the upper deciles only', () => {
    const candidate = baseline.map((run) => run.map((v) => (v > 26 ? v * 1.5 : v)));
    const shift = shiftFunction(baseline, candidate, { random: mulberry32(4), resamples: 200 });
    expect(Math.abs(shift.points[0]!.difference)).toBeLessThan(0.2);
    expect(shift.points[8]!.difference).toBeGreaterThan(5);
  });

  test('run-level resampling gives wider intervals than value resampling when runs differ', () => {
    const spread = [logNormalRun(31, 600, 18, 0.2), logNormalRun(32, 600, 22, 0.2), logNormalRun(33, 600, 20, 0.2)];
    const cand = [logNormalRun(41, 600, 19, 0.2), logNormalRun(42, 600, 23, 0.2), logNormalRun(43, 600, 21, 0.2)];
    const byRuns = shiftFunction(spread, cand, { random: mulberry32(1), resamples: 300 });
    const pooled = shiftFunction([Float64Array.from(spread.flatMap((r) => [...r]))], [Float64Array.from(cand.flatMap((r) => [...r]))], { random: mulberry32(1), resamples: 300 });
    expect(pooled.resampling).toBe('values');
    const width = (s: typeof byRuns): number => s.points[4]!.ci[1] - s.points[4]!.ci[0];
    expect(width(byRuns)).toBeGreaterThan(2 * width(pooled));
    expect(byRuns.points[4]!.difference).toBeCloseTo(pooled.points[4]!.difference, 10);
  });

  test('is reproducible from the seed and never mutates its input', () => {
    const runs: readonly (readonly number[])[] = [Object.freeze([3, 1, 2, 5, 4]), Object.freeze([6, 7, 2, 1, 3])];
    const a = shiftFunction(runs, runs, { random: mulberry32(3), resamples: 50 });
    const b = shiftFunction(runs, runs, { random: mulberry32(3), resamples: 50 });
    expect(a).toEqual(b);
    expect(runs[0]).toEqual([3, 1, 2, 5, 4]);
  });

  test('rejects empty sides, non-finite values and bad options', () => {
    const random = mulberry32(1);
    expect(() => shiftFunction([], [[1]], { random })).toThrow('shiftFunction requires at least one non-empty run on the baseline side');
    expect(() => shiftFunction([[1]], [[]], { random })).toThrow('on the candidate side');
    expect(() => shiftFunction([[1, Number.NaN]], [[1]], { random })).toThrow('finite values');
    expect(() => shiftFunction([[1]], [[1]], { random, probabilities: [0, 0.5] })).toThrow('probabilities in (0, 1)');
    expect(() => shiftFunction([[1]], [[1]], { random, resamples: 5 })).toThrow('resamples ≥ 10');
    expect(() => shiftFunction([[1]], [[1]], { random, confidence: 1 })).toThrow('confidence strictly between 0 and 1');
  });
});
