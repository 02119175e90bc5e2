import type { RandomSource } from './bootstrap-types.js';
import { harrellDavisSorted } from './harrell-davis-sorted.js';
import { harrellDavisWeights } from './harrell-davis-weights.js';
import { percentileInterval } from './internal/percentile-interval.js';
import { resolveConfidence } from './internal/resolve-confidence.js';

/** Options of {@link shiftFunction}; defaults in {@link SHIFT_FUNCTION_DEFAULTS}. */
export interface ShiftFunctionOptions {
  /** The seeded source of uniform numbers in `[0, 1)` (e.g. `mulberry32(seed)`); required. */
  readonly random: RandomSource;
  /** Probabilities of the compared quantiles, each in `(0, 1)`. Default the deciles 0.1 … 0.9. */
  readonly probabilities?: readonly number[];
  /** Bootstrap resamples, an integer ≥ 10. Default 400. */
  readonly resamples?: number;
  /** Confidence level of the percentile intervals, strictly between 0 and 1. Default 0.95. */
  readonly confidence?: number;
  /**
   * Values drawn per side in each resample, at most the side's size: Harrell–Davis costs
   * `O(n)` per quantile, so large runs are resampled to this size. Default 2 000.
   */
  readonly maxPerSide?: number;
}

/** Defaults of {@link ShiftFunctionOptions}. */
export const SHIFT_FUNCTION_DEFAULTS = {
  probabilities: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
  resamples: 400,
  confidence: 0.95,
  maxPerSide: 2_000,
} as const;

/** One quantile of a {@link ShiftFunction}. */
export interface ShiftPoint {
  readonly p: number;
  /** Harrell–Davis quantile of the pooled baseline values. */
  readonly baseline: number;
  readonly candidate: number;
  /** `candidate − baseline`, in the values' unit. */
  readonly difference: number;
  /** Percentile-bootstrap interval of the difference. */
  readonly ci: [number, number];
  /** `candidate / baseline` (null when the baseline quantile is not positive). */
  readonly ratio: number | null;
}

/** Result of {@link shiftFunction}. */
export interface ShiftFunction {
  readonly points: readonly ShiftPoint[];
  /**
   * `runs`: each resample draws whole runs with replacement, then values from the drawn runs
   * (a two-stage bootstrap that keeps the between-run spread); `values`: one run on a side, so
   * only values are resampled and the intervals leave run-to-run noise out.
   */
  readonly resampling: 'runs' | 'values';
  readonly resamples: number;
  readonly confidence: number;
  readonly runs: { readonly baseline: number; readonly candidate: number };
}

function sortedPool(groups: readonly ArrayLike<number>[]): Float64Array {
  const size = groups.reduce((sum, group) => sum + group.length, 0);
  const pool = new Float64Array(size);
  let at = 0;
  for (const group of groups) for (let i = 0; i < group.length; i++) pool[at++] = group[i]!;
  return pool.sort();
}

function checkGroups(side: string, groups: readonly ArrayLike<number>[]): void {
  if (groups.length === 0 || groups.some((group) => group.length === 0)) {
    throw new RangeError(`shiftFunction requires at least one non-empty run on the ${side} side`);
  }
  for (const group of groups) {
    for (let i = 0; i < group.length; i++) {
      if (!Number.isFinite(group[i])) throw new RangeError(`shiftFunction requires finite values; the ${side} side has ${String(group[i])}`);
    }
  }
}

/** One resample of a side: runs drawn with replacement (when there are several), then `m` values from them, sorted. */
function resampleSide(groups: readonly ArrayLike<number>[], m: number, random: RandomSource): Float64Array {
  const drawn = groups.length === 1 ? groups : groups.map(() => groups[Math.floor(random() * groups.length)]!);
  const total = drawn.reduce((sum, group) => sum + group.length, 0);
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    // A uniform position in the concatenation of the drawn runs: bigger runs weigh more, as in the pooled estimate.
    let at = Math.floor(random() * total);
    let g = 0;
    while (at >= drawn[g]!.length) at -= drawn[g++]!.length;
    out[i] = drawn[g]![at]!;
  }
  return out.sort();
}

function weighted(sorted: Float64Array, weights: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += weights[i]! * sorted[i]!;
  return sum;
}

/**
 * The shift function of two sides: for each probability p, the Harrell–Davis p-quantile of the
 * candidate minus that of the baseline, with a percentile-bootstrap interval. It shows *where*
 * a distribution moved: a constant shift, a change of the tail only, or a change of spread
 * (Doksum 1974; Rousselet, Pernet & Wilcox 2017, "Beyond differences in means: robust graphical
 * methods to compare two groups in neuroscience", https://doi.org/10.1111/ejn.13610).
 *
 * Values are grouped by run. Requests of one run are correlated and runs differ more than
 * their requests suggest, so with several runs on both sides each resample first draws runs
 * with replacement, then `maxPerSide` values from those runs; the intervals then include
 * run-to-run noise (with 2–3 runs per side they are coarse). With a single run on a side, only
 * values are resampled and the result says so (`resampling: 'values'`): read such intervals as
 * descriptive. Runs in `O(B·(m log m + q·m))` for B resamples, m values and q probabilities.
 *
 * @param baseline - per run, the values (e.g. successful request durations in ms) of the baseline
 * @param candidate - per run, the values of the candidate
 * @param options - the seeded random source (required), probabilities, resamples, confidence
 * @returns one point per probability, in the given order
 * @throws RangeError when a side has no runs or an empty run, a value is not finite, or an option is out of range
 * @example
 * const shift = shiftFunction([[10, 11, 12, 13]], [[20, 21, 22, 23]], { random: mulberry32(1) });
 * shift.points[4]?.difference; // 10: every quantile moved by +10
 */
export function shiftFunction(baseline: readonly ArrayLike<number>[], candidate: readonly ArrayLike<number>[], options: ShiftFunctionOptions): ShiftFunction {
  checkGroups('baseline', baseline);
  checkGroups('candidate', candidate);
  const probabilities = options.probabilities ?? SHIFT_FUNCTION_DEFAULTS.probabilities;
  if (probabilities.length === 0 || probabilities.some((p) => !(p > 0 && p < 1))) {
    throw new RangeError(`shiftFunction requires probabilities in (0, 1); received ${JSON.stringify(probabilities)}`);
  }
  const resamples = options.resamples ?? SHIFT_FUNCTION_DEFAULTS.resamples;
  if (!Number.isInteger(resamples) || resamples < 10) throw new RangeError(`shiftFunction requires an integer resamples ≥ 10; received ${String(resamples)}`);
  const maxPerSide = options.maxPerSide ?? SHIFT_FUNCTION_DEFAULTS.maxPerSide;
  if (!Number.isInteger(maxPerSide) || maxPerSide < 1) throw new RangeError(`shiftFunction requires a positive integer maxPerSide; received ${String(maxPerSide)}`);
  const confidence = resolveConfidence('shiftFunction', options.confidence, SHIFT_FUNCTION_DEFAULTS.confidence);

  const base = sortedPool(baseline);
  const cand = sortedPool(candidate);
  const mBase = Math.min(maxPerSide, base.length);
  const mCand = Math.min(maxPerSide, cand.length);
  const weightsBase = probabilities.map((p) => harrellDavisWeights(mBase, p));
  const weightsCand = probabilities.map((p) => harrellDavisWeights(mCand, p));
  const replicates = probabilities.map(() => new Float64Array(resamples));
  for (let r = 0; r < resamples; r++) {
    const b = resampleSide(baseline, mBase, options.random);
    const c = resampleSide(candidate, mCand, options.random);
    probabilities.forEach((_, q) => (replicates[q]![r] = weighted(c, weightsCand[q]!) - weighted(b, weightsBase[q]!)));
  }
  const points = probabilities.map((p, q): ShiftPoint => {
    const baselineQ = harrellDavisSorted(base, p);
    const candidateQ = harrellDavisSorted(cand, p);
    return {
      p,
      baseline: baselineQ,
      candidate: candidateQ,
      difference: candidateQ - baselineQ,
      ci: percentileInterval(replicates[q]!, confidence),
      ratio: baselineQ > 0 ? candidateQ / baselineQ : null,
    };
  });
  const resampling = baseline.length > 1 && candidate.length > 1 ? 'runs' : 'values';
  return { points, resampling, resamples, confidence, runs: { baseline: baseline.length, candidate: candidate.length } };
}
