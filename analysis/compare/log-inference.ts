import { normalQuantile, sampleVariance, studentTCdf, studentTQuantile, welchTTest, type TTestResult } from '../stats/index.js';
import type { BatchedLog } from './time-batches.js';
import type { Inference, ResolvedCompareOptions, TestMethod } from './types.js';

/** A test of ln(candidate) − ln(baseline), turned into a ratio with its CI. */
export interface LogTest {
  readonly ratio: number;
  readonly ci: readonly [number, number];
  readonly p: number;
  /** Smallest relative change detectable at the configured power for this standard error. */
  readonly minDetectableChange: number;
  readonly method: TestMethod;
  readonly inference: Inference;
  /** A caveat for the row message (e.g. autocorrelated batches), or null. */
  readonly caveat: string | null;
}

type InferenceOptions = Pick<ResolvedCompareOptions, 'alpha' | 'confidence' | 'power'>;

/** Two-sided t inference on a log difference with its standard error and degrees of freedom. */
function logTest(
  estimate: number,
  standardError: number,
  df: number,
  options: InferenceOptions,
  kind: { method: TestMethod; inference: Inference; caveat: string | null },
): LogTest | null {
  if (![estimate, standardError, df].every(Number.isFinite) || standardError <= 0 || df <= 0) return null;
  const critical = studentTQuantile(1 - (1 - options.confidence) / 2, df);
  const p = Math.min(1, 2 * studentTCdf(-Math.abs(estimate / standardError), df));
  const z = normalQuantile(1 - options.alpha / 2) + normalQuantile(options.power);
  return {
    ratio: Math.exp(estimate),
    ci: [Math.exp(estimate - critical * standardError), Math.exp(estimate + critical * standardError)],
    p,
    minDetectableChange: Math.exp(z * standardError) - 1,
    ...kind,
  };
}

/**
 * Run-level Welch t-test on ln(candidate) vs ln(baseline) per-run values (stats-methods §3.3,
 * ≥ 2 runs per side). Null when it cannot give a finite p (e.g. constant values).
 */
export function welchOnLogs(base: readonly number[], cand: readonly number[], options: InferenceOptions): LogTest | null {
  let result: TTestResult;
  try {
    result = welchTTest(cand.map(Math.log), base.map(Math.log), { confidence: options.confidence });
  } catch {
    // welchTTest throws for essentially constant data (R's rule): no test is possible.
    return null;
  }
  return logTest(result.estimate, result.standardError, result.df, options, { method: 'welch-log', inference: 'between-runs', caveat: null });
}

/**
 * One side has a single run (stats-methods §3.3): the other side's between-run SD `s` of the
 * log values stands for both, `se = s·√(1/R + 1/S)`, `df = R − 1` of the side with runs.
 * Null when neither side has 2 runs or the spread is 0.
 */
export function pooledSdOnLogs(base: readonly number[], cand: readonly number[], options: InferenceOptions): LogTest | null {
  const withRuns = base.length >= 2 ? base : cand.length >= 2 ? cand : null;
  if (withRuns === null) return null;
  const logs = (values: readonly number[]): number[] => values.map(Math.log);
  const sd = Math.sqrt(sampleVariance(logs(withRuns)));
  const meanOf = (values: readonly number[]): number => logs(values).reduce((a, b) => a + b, 0) / values.length;
  const se = sd * Math.sqrt(1 / base.length + 1 / cand.length);
  return logTest(meanOf(cand) - meanOf(base), se, withRuns.length - 1, options, {
    method: 'welch-log-pooled-sd',
    inference: 'one-side-single-run',
    caveat: `one side has a single run, so the other side's between-run spread stands in for both`,
  });
}

/**
 * Both sides have a single run (stats-methods §3.3 single-run mode): the point estimate is
 * ln Q_c − ln Q_b over the whole windows; the standard error comes from the SD of the batch
 * values, `se² = s_c²/B_c + s_b²/B_b`, with Welch–Satterthwaite df. Within-run batches know
 * nothing of run-to-run variance, so an A/A-calibrated between-run SD σ_run is added when
 * known: `se_total² = se² + 2σ_run²` (each side's single value carries one σ_run²).
 *
 * @param runSd - A/A-calibrated between-run SD of the log statistic, or null.
 */
export function batchesOnLogs(base: BatchedLog, cand: BatchedLog, runSd: number | null, options: InferenceOptions): LogTest | null {
  const vb = sampleVariance(base.batches) / base.batches.length;
  const vc = sampleVariance(cand.batches) / cand.batches.length;
  const within = vb + vc;
  if (!(within > 0)) return null;
  const df = (within * within) / ((vb * vb) / (base.batches.length - 1) + (vc * vc) / (cand.batches.length - 1));
  const between = runSd === null ? 0 : 2 * runSd * runSd;
  const caveats: string[] = [];
  const lag = Math.max(base.lag1, cand.lag1);
  if (lag > 0.2) caveats.push(`batch values stay autocorrelated (lag-1 ${lag.toFixed(2)}), so the interval is too narrow`);
  if (runSd === null) caveats.push('no A/A calibration: run-to-run variance is not in the interval');
  return logTest(cand.whole - base.whole, Math.sqrt(within + between), df, options, {
    method: 'batch-log',
    inference: 'within-run-batches',
    caveat: caveats.length === 0 ? null : caveats.join('; '),
  });
}
