import { incompleteBeta } from './incomplete-beta.js';

/**
 * @internal
 * Visits the Harrell–Davis weights of the p-quantile for `n` sorted values: `Wᵢ`, the mass of
 * Beta(p(n+1), (1−p)(n+1)) on `((i−1)/n, i/n]`, for the order statistics with non-zero weight.
 * It splits at the breakpoint nearest the Beta mode: below it weights are differences of the
 * CDF `I_t(a, b)` (visited downwards from the split), above it differences of the survival
 * function `I_{1−t}(b, a)` (visited upwards), so neither tail loses precision; a weight that
 * underflows to 0 ends its side. Shared by `harrellDavisSorted` (which sums lazily) and
 * `harrellDavisWeights` (which stores them).
 *
 * @param n - sample size, an integer ≥ 2 (not checked)
 * @param p - probability in `(0, 1)` (not checked)
 * @param visit - called with the 0-based index of the order statistic and its weight
 */
export function forEachHarrellDavisWeight(n: number, p: number, visit: (index: number, weight: number) => void): void {
  const a = p * (n + 1);
  const b = (1 - p) * (n + 1);
  const split = Math.min(n - 1, Math.max(1, Math.round(((a - 1) / (a + b - 2)) * n)));
  const cdf = (j: number): number => incompleteBeta(j / n, (n - j) / n, a, b);
  const survival = (j: number): number => incompleteBeta((n - j) / n, j / n, b, a);
  let upper = cdf(split);
  for (let i = split; i >= 1 && upper > 0; i--) {
    const lower = i > 1 ? cdf(i - 1) : 0;
    visit(i - 1, upper - lower);
    upper = lower;
  }
  let lower = survival(split);
  for (let i = split + 1; i <= n && lower > 0; i++) {
    const next = i < n ? survival(i) : 0;
    visit(i - 1, lower - next);
    lower = next;
  }
}
