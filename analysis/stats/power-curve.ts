import { studentTCdf } from './student-t-cdf.js';
import { studentTQuantile } from './student-t-quantile.js';

/** What the power of a run-level comparison depends on. */
export interface RunPowerInput {
  /** The relative change to detect, e.g. 0.03 for +3% (−0.03 for a 3% speed-up); > −1. */
  readonly change: number;
  /**
   * Between-run standard deviation of the log per-run values (e.g. of ln p95), as an A/A
   * calibration measures it (`NoiseCalibration.runSd`); > 0.
   */
  readonly runSd: number;
  /** Runs on each side, an integer ≥ 2. */
  readonly runsPerSide: number;
  /** Two-sided significance level, strictly between 0 and 1. Default 0.05. */
  readonly alpha?: number;
}

function checkCommon(fnName: string, change: number, runSd: number, alpha: number): void {
  if (!(change > -1) || !Number.isFinite(change)) throw new RangeError(`${fnName} requires change > -1; received ${String(change)}`);
  if (!(runSd > 0) || !Number.isFinite(runSd)) throw new RangeError(`${fnName} requires runSd > 0; received ${String(runSd)}`);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`${fnName} requires alpha strictly between 0 and 1; received ${String(alpha)}`);
}

/**
 * The power of the comparison engine's run-level test (a two-sided Welch t-test on the log
 * per-run values, here with equal runs and equal spread on both sides) to call a true relative
 * change significant: with `n` runs per side, `df = 2(n − 1)`, the noncentrality is
 * `δ = ln(1 + change) / (runSd·√(2/n))` and the power `1 − F(t* − δ) + F(−t* − δ)` with
 * `t* = t_{1−α/2, df}` and F the central t CDF: the shifted-t approximation of the noncentral t
 * (Cohen 1988, ch. 2; within 0.03 of simulated pooled t-tests), with the degrees of freedom of the pooled test, as R's `power.t.test`
 * and G*Power use them. Welch's test estimates its df (between n − 1 and 2(n − 1)) and so has
 * less power with very few runs: simulated, 0.72 instead of the predicted 0.84 for a 10%
 * change, runSd 0.03 and 3 runs per side; within 0.03 from 5 runs on. Below 5 runs per side,
 * read the result as an upper bound.
 *
 * The FAIL verdict also needs the change to exceed its budget, so detecting a change just at
 * the budget needs more runs than this power suggests; use it to plan, not to promise.
 *
 * @param input - change, between-run SD of log values, runs per side, alpha
 * @returns the probability, in `[α/2, 1]` roughly, that the test is significant
 * @throws RangeError when `change ≤ −1`, `runSd ≤ 0`, `runsPerSide < 2` or alpha is out of range
 * @example
 * runLevelPower({ change: 0.1, runSd: 0.03, runsPerSide: 5 }); // ≈ 0.99
 */
export function runLevelPower(input: RunPowerInput): number {
  const alpha = input.alpha ?? 0.05;
  checkCommon('runLevelPower', input.change, input.runSd, alpha);
  const n = input.runsPerSide;
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`runLevelPower requires an integer runsPerSide ≥ 2; received ${String(n)}`);
  const df = 2 * (n - 1);
  const delta = Math.log1p(input.change) / (input.runSd * Math.sqrt(2 / n));
  const critical = studentTQuantile(1 - alpha / 2, df);
  return 1 - studentTCdf(critical - delta, df) + studentTCdf(-critical - delta, df);
}

/** One point of a {@link powerCurve}. */
export interface PowerPoint {
  readonly runsPerSide: number;
  readonly change: number;
  readonly power: number;
}

/**
 * Power over a grid of runs per side and changes ({@link runLevelPower} at every pair), for a
 * power-curve chart: one row per (runs, change), runs in the outer order.
 *
 * @param runs - runs per side to evaluate, each an integer ≥ 2
 * @param changes - relative changes to evaluate, each > −1
 * @param runSd - between-run SD of log values, > 0
 * @param alpha - two-sided level (default 0.05)
 * @throws RangeError as {@link runLevelPower}
 * @example
 * powerCurve([3, 5], [0.05, 0.1], 0.03).length; // 4
 */
export function powerCurve(runs: readonly number[], changes: readonly number[], runSd: number, alpha = 0.05): PowerPoint[] {
  return runs.flatMap((runsPerSide) => changes.map((change) => ({ runsPerSide, change, power: runLevelPower({ change, runSd, runsPerSide, alpha }) })));
}

/** Options of {@link runsForPower}. */
export interface RunsForPowerInput {
  readonly change: number;
  readonly runSd: number;
  /** Target power, strictly between 0 and 1. Default 0.8. */
  readonly power?: number;
  readonly alpha?: number;
  /** Largest runs per side considered. Default 100. */
  readonly maxRuns?: number;
}

/**
 * The fewest runs per side (≥ 2) at which {@link runLevelPower} reaches the target power, or
 * null when even `maxRuns` runs do not. Power grows with n, so the search stops at the first hit.
 *
 * @throws RangeError as {@link runLevelPower}, or a target power / maxRuns out of range
 * @example
 * runsForPower({ change: 0.03, runSd: 0.02 }); // 9
 */
export function runsForPower(input: RunsForPowerInput): number | null {
  const target = input.power ?? 0.8;
  const alpha = input.alpha ?? 0.05;
  checkCommon('runsForPower', input.change, input.runSd, alpha);
  if (!(target > 0 && target < 1)) throw new RangeError(`runsForPower requires power strictly between 0 and 1; received ${String(target)}`);
  const maxRuns = input.maxRuns ?? 100;
  if (!Number.isInteger(maxRuns) || maxRuns < 2) throw new RangeError(`runsForPower requires an integer maxRuns ≥ 2; received ${String(maxRuns)}`);
  for (let n = 2; n <= maxRuns; n++) {
    if (runLevelPower({ change: input.change, runSd: input.runSd, runsPerSide: n, alpha }) >= target) return n;
  }
  return null;
}
