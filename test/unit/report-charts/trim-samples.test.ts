import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuns } from '../../../analysis/index.js';
import { trimRun, trimSamples } from '../../../analysis/ingest/trim-samples.js';
import { FIXTURES } from '../analysis/helpers.js';

/** Real k6 outputs: run folders (gzip NDJSON + manifest), bare gzip and plain NDJSON files. */
const INPUTS = [
  'runs/baseline-1',
  'runs/candidate-2',
  'http-run.json.gz',
  'grpc-run.json.gz',
  'http-plain.json',
].map((path) => join(FIXTURES, path));

/** Trims (ms): none, small, asymmetric, an empty window, trims beyond the span. */
const TRIMS: readonly (readonly [number, number])[] = [
  [0, 0],
  [250, 400],
  [1000.5, 0],
  [900, 1100],
  [10_000, 10_000],
];

describe('trimSamples', () => {
  for (const input of INPUTS) {
    it(`equals loading with the trims: ${input.slice(FIXTURES.length + 1)}`, async () => {
      const [untrimmed] = await loadRuns([input]);
      expect(untrimmed).toBeDefined();
      if (untrimmed === undefined) return;
      for (const [start, end] of TRIMS) {
        const [loaded] = await loadRuns([input], { trimStartMs: start, trimEndMs: end });
        const trimmed = trimRun(untrimmed, start, end);
        expect(trimmed).toEqual(loaded);
        expect(trimSamples(untrimmed.samples, start, end)).toEqual(loaded?.samples);
      }
    });
  }

  it('keeps the input unchanged and rejects negative trims', async () => {
    const [run] = await loadRuns([join(FIXTURES, 'runs/baseline-2')]);
    if (run === undefined) throw new Error('fixture missing');
    const before = run.samples.endpoints.map((e) => e.ok.time.length);
    const trimmed = trimSamples(run.samples, 500, 500);
    expect(run.samples.endpoints.map((e) => e.ok.time.length)).toEqual(before);
    expect(trimmed.endpoints.reduce((n, e) => n + e.ok.time.length, 0)).toBeLessThan(before.reduce((a, b) => a + b, 0));
    expect(() => trimSamples(run.samples, -1, 0)).toThrow(/trimStartMs/);
  });
});
