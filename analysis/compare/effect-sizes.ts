import { createHash } from 'node:crypto';
import { mulberry32 } from '../../core/random.js';
import type { LoadedRun } from '../ingest/types.js';
import { cliffsDelta, hodgesLehmannRatio, type CliffsDeltaMagnitude } from '../stats/index.js';
import type { EndpointId } from './draft.js';

/** At most this many successful latencies per side enter the descriptive effect sizes. */
export const EFFECT_SIZE_SAMPLE = 5000;

/**
 * Descriptive, request-level effect sizes of one endpoint's latency (stats-methods §3.7):
 * never used for verdicts, because requests are not independent and n is huge. Computed on a
 * seeded random subsample of successful requests pooled over each side's runs.
 */
export interface EffectSize {
  readonly service: string;
  readonly endpoint: string;
  /** Cliff's delta of candidate vs baseline latency: P(C > B) − P(C < B); > 0 means slower. */
  readonly cliffsDelta: number;
  readonly magnitude: CliffsDeltaMagnitude;
  /** Hodges–Lehmann ratio: median of candidate/baseline latency ratios over all pairs. */
  readonly hodgesLehmannRatio: number;
  /** Requests used per side (the subsample size). */
  readonly sampled: { readonly baseline: number; readonly candidate: number };
}

/**
 * The comparison's seed: a 32-bit number from the runs (ids, sources, request counts, latency sums) and the
 * options, so the same inputs always give the same subsamples and the same report.
 */
export function comparisonSeed(baseline: readonly LoadedRun[], candidate: readonly LoadedRun[], options: unknown): number {
  // Counts plus the sum of latencies: a cheap content fingerprint (hashing every sample of 10^7-sample runs would not be).
  const total = (values: Float64Array): number => values.reduce((sum, value) => sum + value, 0);
  const describe = (run: LoadedRun): unknown => [
    run.id,
    run.source,
    run.samples.endpoints.map((e) => [e.service, e.endpoint, e.ok.value.length, e.failed.value.length, total(e.ok.value)]),
  ];
  const digest = createHash('sha256').update(JSON.stringify([baseline.map(describe), candidate.map(describe), options])).digest();
  return digest.readUInt32BE(0);
}

/** Up to `limit` successful latencies of an endpoint pooled over runs, sampled without replacement. */
function subsample(runs: readonly LoadedRun[], id: EndpointId, limit: number, random: () => number): Float64Array {
  const parts = runs.flatMap((run) => run.samples.endpoints.filter((e) => e.service === id.service && e.endpoint === id.endpoint).map((e) => e.ok.value));
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const take = Math.min(limit, total);
  const picked = new Float64Array(take);
  // Selection sampling (Knuth's Algorithm S): one pass, each value kept with the right probability.
  let needed = take;
  let seen = 0;
  for (const part of parts) {
    for (const value of part) {
      if (needed === 0) return picked;
      if (random() * (total - seen) < needed) {
        picked[take - needed] = value;
        needed -= 1;
      }
      seen += 1;
    }
  }
  return picked;
}

/** Effect sizes of every endpoint present with successful requests on both sides. */
export function effectSizes(ids: readonly EndpointId[], baseline: readonly LoadedRun[], candidate: readonly LoadedRun[], seed: number): EffectSize[] {
  const random = mulberry32(seed);
  const sizes: EffectSize[] = [];
  for (const id of ids) {
    const base = subsample(baseline, id, EFFECT_SIZE_SAMPLE, random);
    const cand = subsample(candidate, id, EFFECT_SIZE_SAMPLE, random);
    if (base.length === 0 || cand.length === 0 || base.some((v) => !(v > 0)) || cand.some((v) => !(v > 0))) continue;
    const delta = cliffsDelta(cand, base);
    sizes.push({
      ...id,
      cliffsDelta: delta.delta,
      magnitude: delta.magnitude,
      hodgesLehmannRatio: hodgesLehmannRatio(cand, base),
      sampled: { baseline: base.length, candidate: cand.length },
    });
  }
  return sizes;
}
