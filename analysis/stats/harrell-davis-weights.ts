import { incompleteBeta } from './internal/incomplete-beta.js';

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
  const a = p * (n + 1);
  const b = (1 - p) * (n + 1);
  const split = Math.min(n - 1, Math.max(1, Math.round(((a - 1) / (a + b - 2)) * n)));
  const cdf = (j: number): number => incompleteBeta(j / n, (n - j) / n, a, b);
  const survival = (j: number): number => incompleteBeta((n - j) / n, j / n, b, a);
  let upper = cdf(split);
  for (let i = split; i >= 1 && upper > 0; i--) {
    const lower = i > 1 ? cdf(i - 1) : 0;
    weights[i - 1] = upper - lower;
    upper = lower;
  }
  let lower = survival(split);
  for (let i = split + 1; i <= n && lower > 0; i++) {
    const next = i < n ? survival(i) : 0;
    weights[i - 1] = lower - next;
    lower = next;
  }
  return weights;
}
