/**
 * Analytic power of the run-level Welch test (stats-methods §3.3) for equal run counts per side,
 * used as the prediction that the simulated detection rate is checked against.
 *
 * Model: each side has n per-run values y (ln p95) ~ N(μ, σ²), independent; the candidate's μ is
 * larger by δ. With equal n, Welch's statistic equals the pooled two-sample t statistic
 * (se² = (s₁² + s₂²)/n = 2s_p²/n), so T ~ noncentral t with ν = 2(n − 1) df and noncentrality
 * λ = δ / (σ·√(2/n)). Only the degrees of freedom differ: Welch–Satterthwaite gives
 * df = (n − 1)/(B² + (1 − B)²) with B = s₁²/(s₁² + s₂²) ~ Beta((n − 1)/2, (n − 1)/2), and B is
 * independent of s₁² + s₂² (hence of T). So the exact power at two-sided level a is
 *
 *   power(a) = E_B[ P(|T'_{ν,λ}| > t_{1−a/2, df(B)}) ],
 *
 * a one-dimensional integral over B of the noncentral-t tail, itself an integral over the
 * χ²_ν variable V: P(T' > c) = ∫ f_{χ²_ν}(v) Φ(λ − c·√(v/ν)) dv. Both integrals use Simpson's rule.
 */
import { logGamma, normalCdf, studentTQuantile } from '../../../analysis/stats/index.js';

/** Simpson's rule on [a, b] with an even number of intervals. */
function simpson(f: (x: number) => number, a: number, b: number, intervals: number): number {
  const h = (b - a) / intervals;
  let total = f(a) + f(b);
  for (let i = 1; i < intervals; i += 1) total += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (total * h) / 3;
}

function chiSquareDensity(v: number, df: number): number {
  if (v <= 0) return 0;
  return Math.exp((df / 2 - 1) * Math.log(v) - v / 2 - (df / 2) * Math.LN2 - logGamma(df / 2));
}

/**
 * P(|T'| > c) for a noncentral t with `df` degrees of freedom and noncentrality `ncp`. The χ²
 * variable is integrated as v = w² (dv = 2w dw), which removes the √v kink at 0 that slows
 * Simpson's rule down for small df.
 */
export function noncentralTTwoSidedTail(c: number, df: number, ncp: number): number {
  const upper = Math.sqrt(df + 12 * Math.sqrt(2 * df) + 20);
  return simpson(
    (w) => {
      const scaled = (c * w) / Math.sqrt(df);
      return 2 * w * chiSquareDensity(w * w, df) * (normalCdf(ncp - scaled) + normalCdf(-scaled - ncp));
    },
    0,
    upper,
    400,
  );
}

/**
 * Power of the two-sided Welch test at level `level` with `n` runs per side, a true log
 * difference `delta` and a true per-run SD `sigma` (same on both sides).
 *
 * `welchDf: false` uses the pooled df 2(n − 1) instead of Welch–Satterthwaite (the noncentral-t
 * computation behind the MDE table of stats-methods §3.1).
 */
export function welchPower(options: { n: number; delta: number; sigma: number; level: number; welchDf?: boolean }): number {
  const { n, delta, sigma, level } = options;
  const pooledDf = 2 * (n - 1);
  const ncp = delta / (sigma * Math.sqrt(2 / n));
  const tail = (df: number): number => noncentralTTwoSidedTail(studentTQuantile(1 - level / 2, df), pooledDf, ncp);
  if (options.welchDf === false) return tail(pooledDf);
  const shape = (n - 1) / 2;
  const logBeta = 2 * logGamma(shape) - logGamma(2 * shape);
  const density = (b: number): number =>
    b <= 0 || b >= 1 ? 0 : Math.exp((shape - 1) * (Math.log(b) + Math.log(1 - b)) - logBeta);
  // Symmetric in B ↔ 1 − B: integrate over [0, ½] and double.
  return 2 * simpson((b) => (density(b) === 0 ? 0 : density(b) * tail((n - 1) / (b * b + (1 - b) * (1 - b)))), 0, 0.5, 100);
}
