/**
 * bench/compare/generate.ts: the synthetic run folders read back through the real ingest
 * (`loadRuns`, as `stagecraft compare` does) with the requested number of http_req_duration
 * samples, every endpoint, the planted candidate change, and the same bytes for the same seed.
 */
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRuns, type LoadedSampleRun } from '../../../analysis/index.js';
import { BENCH_ENDPOINTS, CHANGE, CHANGED_ENDPOINT, generateCompareData, writeRunFolder, type GeneratedData } from '../../../bench/compare/generate.js';

const SAMPLES = 3_000;
let scratch: string;
let data: GeneratedData;
let baseline: LoadedSampleRun[];
let candidate: LoadedSampleRun[];

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'stagecraft-bench-compare-test-'));
  data = await generateCompareData({ dir: join(scratch, 'duration'), samplesPerRun: SAMPLES, seed: 7 });
  baseline = await loadRuns([data.baseline]);
  candidate = await loadRuns([data.candidate]);
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const medianOf = (runs: readonly LoadedSampleRun[], service: string, endpoint: string): number => {
  const values = runs.flatMap((run) => [...(run.samples.endpoints.find((e) => e.service === service && e.endpoint === endpoint)?.ok.value ?? [])]).sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)] ?? Number.NaN;
};

describe('generateCompareData', () => {
  it('writes 5 + 5 run folders that load as runs with manifests, without issues', () => {
    expect(data.runs).toHaveLength(10);
    expect(baseline.map((run) => run.id).sort()).toEqual(['baseline-1', 'baseline-2', 'baseline-3', 'baseline-4', 'baseline-5']);
    expect(candidate).toHaveLength(5);
    for (const run of [...baseline, ...candidate]) {
      expect(run.manifest?.scenario.name).toBe('bench-compare');
      expect(run.samples.compressed).toBe(true);
      expect(run.samples.issueCount).toBe(0);
      expect(run.samples.truncated).toBe(false);
      expect(run.quality).toEqual([]);
    }
  });

  it('has exactly the requested http_req_duration samples per run, over every endpoint', () => {
    for (const run of [...baseline, ...candidate]) {
      expect(run.samples.pointCounts.http_req_duration).toBe(SAMPLES);
      expect(run.samples.endpoints.map((e) => `${e.service} ${e.endpoint}`).sort()).toEqual(BENCH_ENDPOINTS.map((e) => `${e.service} ${e.endpoint}`).sort());
    }
    expect(data.runs.every((run) => run.durationSamples === SAMPLES)).toBe(true);
  });

  it('makes the candidate side slower on the changed endpoint only', () => {
    const changed = medianOf(candidate, CHANGED_ENDPOINT.service, CHANGED_ENDPOINT.endpoint) / medianOf(baseline, CHANGED_ENDPOINT.service, CHANGED_ENDPOINT.endpoint);
    const other = medianOf(candidate, 'catalog', 'list-items') / medianOf(baseline, 'catalog', 'list-items');
    expect(changed).toBeGreaterThan(CHANGE - 0.05);
    expect(changed).toBeLessThan(CHANGE + 0.05);
    expect(Math.abs(other - 1)).toBeLessThan(0.05);
  });

  it('writes the same bytes for the same seed; with k6-http, the other request samples too', async () => {
    const spec = { side: 'candidate', index: 2, of: 5, samples: 500, seed: 11 } as const;
    const a = await writeRunFolder(join(scratch, 'a'), { ...spec, metrics: 'duration' });
    const b = await writeRunFolder(join(scratch, 'b'), { ...spec, metrics: 'duration' });
    const textA = gunzipSync(await readFile(join(a.folder, 'samples.json.gz'))).toString('utf8');
    expect(gunzipSync(await readFile(join(b.folder, 'samples.json.gz'))).toString('utf8')).toBe(textA);
    expect(textA.length).toBe(a.textBytes);

    const full = await writeRunFolder(join(scratch, 'full'), { ...spec, metrics: 'k6-http' });
    const [run] = await loadRuns([full.folder]);
    expect(run?.samples.pointCounts).toMatchObject({ http_req_duration: 500, http_reqs: 500, http_req_failed: 500, checks: 500, iterations: 500 });
    expect(run?.samples.issueCount).toBe(0);
  });
});
