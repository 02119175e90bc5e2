import { forEachHarrellDavisWeight } from './internal/harrell-davis-each.js';

/**
 * The Harrell–Davis estimate of the p-quantile of data that are already sorted ascending:
 * `Q(p) = Σᵢ Wᵢ·x₍ᵢ₎`, where `Wᵢ` is the mass of the Beta(p(n+1), (1−p)(n+1)) distribution on
 * `((i−1)/n, i/n]`, computed with the regularized incomplete beta function. It uses every
 * order statistic, so for small samples it is smoother and usually more efficient than a
 * single interpolated pair (Hyndman–Fan type 7, {@link quantileSorted}).
 *
 * Conventions (as SciPy's `mstats.hdquantiles`): `p = 0` and `p = 1` return the minimum and
 * maximum, and one value is its own estimate. Lower weights are `I_t(a, b)` differences and
 * upper weights are differences of `I_{1−t}(b, a)`, so neither tail loses precision; weights
 * that underflow to 0 end the sum early.
 *
 * Definition: Harrell & Davis (1982), Biometrika 69(3):635–640,
 * https://doi.org/10.1093/biomet/69.3.635. Runs in `O(w·√n)` for the `w ≤ n` order
 * statistics with non-zero weight (about `75·√(p(1−p)n)` of them for large n).
 *
 * @param sorted - data sorted ascending (not checked), every value finite.
 * @param p - probability in `[0, 1]`.
 * @returns the Harrell–Davis quantile estimate, between `sorted[0]` and `sorted[n − 1]`.
 * @throws RangeError when `sorted` is empty or `p` is not in `[0, 1]`.
 * @example
 * harrellDavisSorted([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5); // ≈ 5 (SciPy hdmedian)
 */
export function harrellDavisSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('harrellDavisSorted requires at least one value');
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(`harrellDavisSorted requires p in [0, 1]; received ${String(p)}`);
  }
  if (p === 0 || n === 1) return sorted[0]!;
  if (p === 1) return sorted[n - 1]!;
  let sum = 0;
  forEachHarrellDavisWeight(n, p, (index, weight) => (sum += weight * sorted[index]!));
  return Math.min(sorted[n - 1]!, Math.max(sorted[0]!, sum));
}
