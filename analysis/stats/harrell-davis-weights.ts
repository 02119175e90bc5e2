import { forEachHarrellDavisWeight } from './internal/harrell-davis-each.js';

/**
 * The Harrell–Davis weights of the p-quantile for samples of size `n`: `W_i` is the mass of the
 * Beta(p(n+1), (1−p)(n+1)) distribution on `((i−1)/n, i/n]`, so that the estimate of sorted
 * data `x` is `Σ W_i·x₍ᵢ₎` (see {@link harrellDavisSorted}, which sums the same weights
 * lazily). Computing them once pays off when many samples of one size are estimated, as in a
 * bootstrap. Weights are computed from the CDF below the Beta mode and from the survival
 * function above it, as `harrellDavisSorted` does, so neither tail loses precision.
 *
 * @param n - sample size, an integer ≥ 1
 * @param p - probability in `[0, 1]`
 * @returns `n` non-negative weights summing to 1 (up to rounding)
 * @throws RangeError when `n` is not a positive integer or `p` is not in `[0, 1]`
 * @example
 * harrellDavisWeights(1, 0.3); // Float64Array [1]
 */
export function harrellDavisWeights(n: number, p: number): Float64Array {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`harrellDavisWeights requires a positive integer n; received ${String(n)}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`harrellDavisWeights requires p in [0, 1]; received ${String(p)}`);
  const weights = new Float64Array(n);
  if (p === 0 || n === 1) {
    weights[0] = 1;
    return weights;
  }
  if (p === 1) {
    weights[n - 1] = 1;
    return weights;
  }
  forEachHarrellDavisWeight(n, p, (index, weight) => (weights[index] = weight));
  return weights;
}
