import { describe, expect, test } from 'vitest';
import { mulberry32, normalQuantile, powerCurve, runLevelPower, runsForPower, studentTTest, welchTTest } from '../../../analysis/index.js';

/** Share of simulated experiments (normal log per-run values) that the engine's Welch test calls significant. */
function simulatedPower(change: number, runSd: number, n: number, experiments: number, seed: number, test: 'welch' | 'student' = 'welch'): number {
  const random = mulberry32(seed);
  const normal = (): number => normalQuantile(Math.min(1 - 1e-12, Math.max(1e-12, random())));
  let significant = 0;
  for (let e = 0; e < experiments; e++) {
    const base = Array.from({ length: n }, () => runSd * normal());
    const cand = Array.from({ length: n }, () => Math.log1p(change) + runSd * normal());
    if ((test === 'welch' ? welchTTest(cand, base) : studentTTest(cand, base)).p < 0.05) significant += 1;
  }
  return significant / experiments;
}

describe('runLevelPower', () => {
  test('is alpha when there is no change, and grows with the change and the runs', () => {
    expect(runLevelPower({ change: 0, runSd: 0.03, runsPerSide: 3 })).toBeCloseTo(0.05, 12);
    expect(runLevelPower({ change: 0, runSd: 0.03, runsPerSide: 5, alpha: 0.01 })).toBeCloseTo(0.01, 12);
    const curve = [2, 3, 5, 10, 20].map((runsPerSide) => runLevelPower({ change: 0.05, runSd: 0.04, runsPerSide }));
    for (let i = 1; i < curve.length; i++) expect(curve[i]).toBeGreaterThan(curve[i - 1]!);
    expect(runLevelPower({ change: 0.1, runSd: 0.04, runsPerSide: 5 })).toBeGreaterThan(runLevelPower({ change: 0.05, runSd: 0.04, runsPerSide: 5 }));
  });

  test('is symmetric in log space: a speed-up of 1/1.1 is as detectable as a 10% slow-down', () => {
    expect(runLevelPower({ change: 1 / 1.1 - 1, runSd: 0.05, runsPerSide: 4 })).toBeCloseTo(runLevelPower({ change: 0.1, runSd: 0.05, runsPerSide: 4 }), 10);
  });

  test.each([
    [0.1, 0.03, 3],
    [0.05, 0.04, 5],
    [0.03, 0.02, 8],
  ])('agrees with simulated pooled t-tests on log values (change %s, runSd %s, %s runs)', (change, runSd, n) => {
    const simulated = simulatedPower(change, runSd, n, 6_000, 42 + n, 'student');
    expect(Math.abs(simulated - runLevelPower({ change, runSd, runsPerSide: n }))).toBeLessThan(0.03);
  });

  test('is an upper bound for the engine\'s Welch test, close to it from 5 runs per side', () => {
    const few = simulatedPower(0.1, 0.03, 3, 6_000, 7);
    expect(few).toBeLessThan(runLevelPower({ change: 0.1, runSd: 0.03, runsPerSide: 3 }));
    expect(few).toBeGreaterThan(0.6);
    for (const [change, runSd, n] of [[0.05, 0.04, 5], [0.03, 0.02, 8]] as const) {
      const simulated = simulatedPower(change, runSd, n, 6_000, 42 + n);
      expect(Math.abs(simulated - runLevelPower({ change, runSd, runsPerSide: n }))).toBeLessThan(0.03);
    }
  });

  test('rejects impossible inputs', () => {
    expect(() => runLevelPower({ change: -1, runSd: 0.1, runsPerSide: 3 })).toThrow('runLevelPower requires change > -1');
    expect(() => runLevelPower({ change: 0.1, runSd: 0, runsPerSide: 3 })).toThrow('runSd > 0');
    expect(() => runLevelPower({ change: 0.1, runSd: 0.1, runsPerSide: 1 })).toThrow('runsPerSide ≥ 2');
    expect(() => runLevelPower({ change: 0.1, runSd: 0.1, runsPerSide: 3, alpha: 1 })).toThrow('alpha');
  });
});

describe('powerCurve and runsForPower', () => {
  test('one point per (runs, change), runs outermost', () => {
    const curve = powerCurve([3, 5], [0.05, 0.1], 0.03);
    expect(curve.map((p) => [p.runsPerSide, p.change])).toEqual([[3, 0.05], [3, 0.1], [5, 0.05], [5, 0.1]]);
    expect(curve[1]!.power).toBe(runLevelPower({ change: 0.1, runSd: 0.03, runsPerSide: 3 }));
  });

  test('runsForPower is the first n that reaches the target', () => {
    const n = runsForPower({ change: 0.03, runSd: 0.02 });
    expect(n).not.toBeNull();
    expect(runLevelPower({ change: 0.03, runSd: 0.02, runsPerSide: n! })).toBeGreaterThanOrEqual(0.8);
    expect(runLevelPower({ change: 0.03, runSd: 0.02, runsPerSide: n! - 1 })).toBeLessThan(0.8);
    expect(runsForPower({ change: 0.001, runSd: 0.1, maxRuns: 30 })).toBeNull();
    expect(() => runsForPower({ change: 0.03, runSd: 0.02, power: 1 })).toThrow('power strictly between 0 and 1');
  });
});
