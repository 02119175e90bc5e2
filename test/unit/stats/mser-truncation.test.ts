import { describe, expect, test } from 'vitest';
import { mulberry32, mserTruncation } from '../../../analysis/index.js';

/** Log-normal-ish latencies with a warm-up: `warm` slow values decaying to the steady level. */
function warmingSeries(seed: number, warm: number, steady: number): number[] {
  const random = mulberry32(seed);
  const values: number[] = [];
  for (let i = 0; i < warm + steady; i++) {
    const level = i < warm ? 20 + 60 * (1 - i / warm) : 20;
    values.push(level * Math.exp(0.2 * (random() + random() + random() - 1.5)));
  }
  return values;
}

describe('mserTruncation', () => {
  test('drops exactly the leading outliers of a step series (batch size 1)', () => {
    expect(mserTruncation(Object.freeze([50, 40, 30, 10, 10, 10, 10, 10, 10, 10]), { batchSize: 1 })).toEqual({
      truncate: 3,
      truncatedBatches: 3,
      batches: 10,
      statistic: 0,
      unreliable: false,
    });
  });

  test('keeps everything of a stationary series', () => {
    expect(mserTruncation(Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? 1 : 3)), { batchSize: 1 }).truncate).toBeLessThanOrEqual(2);
  });

  test('finds a warm-up of 300 requests in 2 000 within one batch size of MSER-5 and a few batches', () => {
    for (const seed of [1, 2, 3]) {
      const result = mserTruncation(warmingSeries(seed, 300, 1_700));
      expect(result.batches).toBe(400);
      // The ramp ends at 300; its last steps are within noise of the steady level.
      expect(result.truncate).toBeGreaterThan(150);
      expect(result.truncate).toBeLessThanOrEqual(300);
      expect(result.unreliable).toBe(false);
    }
  });

  test('matches a brute-force search of the MSER statistic', () => {
    const values = warmingSeries(7, 40, 160);
    const m = 5;
    const batches = Array.from({ length: values.length / m }, (_, j) => values.slice(j * m, (j + 1) * m).reduce((a, b) => a + b, 0) / m);
    let best = Infinity;
    let bestD = -1;
    for (let d = 0; d <= Math.floor(batches.length / 2); d++) {
      const rest = batches.slice(d);
      const mean = rest.reduce((a, b) => a + b, 0) / rest.length;
      const statistic = rest.reduce((sum, z) => sum + (z - mean) ** 2, 0) / rest.length ** 2;
      if (statistic < best - 1e-12) {
        best = statistic;
        bestD = d;
      }
    }
    const result = mserTruncation(values);
    expect(result.truncatedBatches).toBe(bestD);
    expect(result.statistic).toBeCloseTo(best, 10);
  });

  test('flags a series that never settles (drift to the end)', () => {
    const drifting = Array.from({ length: 100 }, (_, i) => 100 - i + (i % 3));
    expect(mserTruncation(drifting).unreliable).toBe(true);
  });

  test('ignores a trailing partial batch', () => {
    expect(mserTruncation([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 99, 99]).batches).toBe(2);
  });

  test('rejects too few values and a bad batch size', () => {
    expect(() => mserTruncation([1, 2, 3, 4, 5])).toThrow('mserTruncation requires at least 2 batches of 5; received 5 values');
    expect(() => mserTruncation([1, 2, 3], { batchSize: 0 })).toThrow('positive integer batchSize');
    expect(() => mserTruncation([1, 2, 3], { batchSize: 1.5 })).toThrow('positive integer batchSize');
  });
});
