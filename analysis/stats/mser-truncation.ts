/** Warm-up detection by the Marginal Standard Error Rule (MSER-m). */

/** Options of {@link mserTruncation}. */
export interface MserOptions {
  /** Observations per batch mean (`m` of MSER-m), an integer ≥ 1. Default 5 (MSER-5). */
  readonly batchSize?: number;
}

/** Result of {@link mserTruncation}. */
export interface MserResult {
  /** Observations to drop from the start: a multiple of the batch size, in `[0, n)`. */
  readonly truncate: number;
  /** Batch means dropped (`truncate / batchSize`). */
  readonly truncatedBatches: number;
  /** Batch means considered (a trailing partial batch is left out). */
  readonly batches: number;
  /** The minimum MSER statistic reached. */
  readonly statistic: number;
  /**
   * True when the best truncation is the largest allowed (half the batches): the minimum may lie
   * beyond, so the series is too short or never settles (White, Cobb & Spratt 2000).
   */
  readonly unreliable: boolean;
}

/**
 * The warm-up truncation point of an output series by the Marginal Standard Error Rule: form
 * batch means `Z₁…Z_k` of `m` consecutive observations, then choose the number `d` of leading
 * batches to drop that minimizes `MSER(d) = Σ_{j>d} (Z_j − Z̄_d)² / (k − d)²`, the squared
 * standard error of the remaining mean. `d` is searched in `[0, ⌊k/2⌋]`, as the rule
 * prescribes (near the end of the series a few similar batches always look steady); a minimum
 * at `⌊k/2⌋` is returned with `unreliable: true`. Ties take the smallest `d`. Runs in `O(n)`
 * with running sums.
 *
 * Definition: White, Cobb & Spratt (2000), "A comparison of five steady-state truncation
 * heuristics for simulation", Proc. Winter Simulation Conference, 755–760,
 * https://doi.org/10.1109/WSC.2000.899870 (MSER-5: m = 5).
 *
 * @param values - observations in time order (e.g. request durations ordered by time), finite
 * @param options - batch size (default 5)
 * @returns how many observations to drop from the start, and the statistic
 * @throws RangeError when there are fewer than 2 full batches, or the batch size is not a positive integer
 * @example
 * mserTruncation([50, 40, 30, 10, 10, 10, 10, 10, 10, 10], { batchSize: 1 }).truncate; // 3
 */
export function mserTruncation(values: ArrayLike<number>, options: MserOptions = {}): MserResult {
  const m = options.batchSize ?? 5;
  if (!Number.isInteger(m) || m < 1) throw new RangeError(`mserTruncation requires a positive integer batchSize; received ${String(m)}`);
  const k = Math.floor(values.length / m);
  if (k < 2) throw new RangeError(`mserTruncation requires at least 2 batches of ${m}; received ${values.length} values`);
  const batch = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let sum = 0;
    for (let i = j * m; i < (j + 1) * m; i++) sum += values[i]!;
    batch[j] = sum / m;
  }
  // Suffix sums of Z and Z² give Σ(Z − Z̄)² = S2 − S1²/count for every d in O(1).
  let s1 = 0;
  let s2 = 0;
  let best = Infinity;
  let bestD = 0;
  const statistics = new Float64Array(k - 1);
  for (let d = k - 1; d >= 0; d--) {
    const z = batch[d]!;
    s1 += z;
    s2 += z * z;
    const count = k - d;
    if (count < 2) continue;
    statistics[d] = Math.max(0, s2 - (s1 * s1) / count) / (count * count);
  }
  const limit = Math.min(Math.floor(k / 2), k - 2);
  for (let d = 0; d <= limit; d++) {
    if (statistics[d]! < best) {
      best = statistics[d]!;
      bestD = d;
    }
  }
  return { truncate: bestD * m, truncatedBatches: bestD, batches: k, statistic: best, unreliable: bestD === Math.floor(k / 2) };
}
