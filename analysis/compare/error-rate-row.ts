import type { RunStats } from '../model/run-stats.js';
import { fisherExact, normalCdf, normalQuantile, twoProportionZTest } from '../stats/index.js';
import { formatP, formatPp, formatRate } from './format.js';
import type { Draft, EndpointId, Outcome } from './draft.js';
import { noTest } from './draft.js';
import type { ErrorRateBudget, ResolvedCompareOptions, SideValues, TestMethod } from './types.js';

interface Counts {
  /** Per run with at least one judged request: [failed, trials]. */
  readonly runs: readonly (readonly [number, number])[];
  readonly failed: number;
  readonly trials: number;
  readonly runCount: number;
  readonly present: boolean;
}

function countsOf(runs: readonly RunStats[], id: EndpointId): Counts {
  const perRun: [number, number][] = [];
  let present = false;
  for (const run of runs) {
    const stats = run.endpoints.find((e) => e.service === id.service && e.endpoint === id.endpoint);
    if (stats === undefined) continue;
    present = true;
    if (stats.errorTrials > 0) perRun.push([stats.failed, stats.errorTrials]);
  }
  const failed = perRun.reduce((total, [e]) => total + e, 0);
  const trials = perRun.reduce((total, [, n]) => total + n, 0);
  return { runs: perRun, failed, trials, runCount: runs.length, present };
}

/**
 * Between-run overdispersion of error counts (stats-methods §3.5): φ = max(1, Pearson χ² of the
 * per-run counts around each side's pooled rate / (runs − 2)). 1 when a side has < 2 runs.
 */
export function overdispersion(base: Counts, cand: Counts): number {
  if (base.runs.length < 2 || cand.runs.length < 2) return 1;
  let chiSquare = 0;
  for (const side of [base, cand]) {
    const rate = side.failed / side.trials;
    if (rate <= 0 || rate >= 1) continue;
    for (const [e, n] of side.runs) chiSquare += (e - n * rate) ** 2 / (n * rate * (1 - rate));
  }
  const df = base.runs.length + cand.runs.length - 2;
  return Math.max(1, chiSquare / df);
}

interface ErrorTest {
  readonly p: number;
  readonly method: TestMethod;
}

/**
 * Two-sided test of candidate vs baseline error proportions: Fisher's exact test when an
 * expected 2×2 cell is below 5, else the pooled two-proportion z test. With φ > 1 the z
 * statistic is divided by √φ; Fisher is run on the counts divided by φ (the effective sample
 * size form of the same quasi-binomial correction).
 */
export function errorRateTest(cand: Counts, base: Counts, phi: number): ErrorTest {
  const total = cand.trials + base.trials;
  const failed = cand.failed + base.failed;
  const expected = [
    (cand.trials * failed) / total,
    (cand.trials * (total - failed)) / total,
    (base.trials * failed) / total,
    (base.trials * (total - failed)) / total,
  ];
  if (expected.some((cell) => cell < 5)) {
    const scale = (x: number): number => Math.round(x / phi);
    const a = scale(cand.failed);
    const c = scale(base.failed);
    const b = Math.max(0, scale(cand.trials) - a);
    const d = Math.max(0, scale(base.trials) - c);
    return { p: fisherExact(a, b, c, d).p, method: 'fisher-exact' };
  }
  const { z, p } = twoProportionZTest(cand.failed, cand.trials, base.failed, base.trials);
  if (phi === 1) return { p, method: 'two-proportion-z' };
  return { p: 2 * normalCdf(-Math.abs(z / Math.sqrt(phi))), method: 'two-proportion-z' };
}

/** Katz log-scale CI of the rate ratio, widened by √φ; null when either side has no errors. */
function rateRatioCi(cand: Counts, base: Counts, phi: number, confidence: number): readonly [number, number] | null {
  if (cand.failed === 0 || base.failed === 0) return null;
  const ratio = cand.failed / cand.trials / (base.failed / base.trials);
  const se = Math.sqrt((1 / cand.failed - 1 / cand.trials + 1 / base.failed - 1 / base.trials) * phi);
  const z = normalQuantile(1 - (1 - confidence) / 2);
  return [ratio * Math.exp(-z * se), ratio * Math.exp(z * se)];
}

function side(counts: Counts): SideValues {
  return {
    runs: counts.runs.map(([e, n]) => e / n),
    aggregate: counts.trials === 0 ? null : counts.failed / counts.trials,
    samples: counts.trials,
  };
}

/**
 * The error-rate row: pooled counts per side, Fisher or z test with the overdispersion factor,
 * and the FAIL budget of stats-methods §3.5 (significant AND +0.1 pp AND ×1.5, or errors from a
 * zero baseline that are significant). With a single run per side no φ can be estimated; a FAIL
 * then also needs the rate-ratio CI to clear the ratio budget.
 */
export function errorRateDraft(
  id: EndpointId,
  baseline: readonly RunStats[],
  candidate: readonly RunStats[],
  options: ResolvedCompareOptions,
  budget: ErrorRateBudget = options.errorRate,
): Draft {
  const base = countsOf(baseline, id);
  const cand = countsOf(candidate, id);
  const common = {
    ...id,
    metric: 'error-rate' as const,
    unit: 'fraction' as const,
    baseline: side(base),
    candidate: side(cand),
    gating: true,
  };
  if (!base.present || !cand.present) {
    return noTest(common, null, null, {
      verdict: 'WARN',
      reason: 'missing-on-one-side',
      message: `This endpoint appears only in the ${base.present ? 'baseline' : 'candidate'} runs, so its error rate cannot be compared.`,
    });
  }
  if (base.trials === 0 || cand.trials === 0) {
    return noTest(common, null, null, {
      verdict: 'WARN',
      reason: 'no-samples',
      message: `No request of this endpoint was judged on the ${base.trials === 0 ? 'baseline' : 'candidate'} side.`,
    });
  }
  const rateB = base.failed / base.trials;
  const rateC = cand.failed / cand.trials;
  const difference = rateC - rateB;
  const ratio = rateB > 0 ? rateC / rateB : null;
  if (base.failed === 0 && cand.failed === 0) {
    return noTest(common, null, 0, {
      verdict: 'PASS',
      reason: 'unchanged',
      message: `No errors on either side (${base.trials} baseline and ${cand.trials} candidate requests).`,
    });
  }
  const phi = overdispersion(base, cand);
  const test = errorRateTest(cand, base, phi);
  const ci = rateRatioCi(cand, base, phi, options.confidence);
  const singleRun = base.runCount < 2 || cand.runCount < 2;
  const pooled = (base.failed + cand.failed) / (base.trials + cand.trials);
  const z = normalQuantile(1 - options.alpha / 2) + normalQuantile(options.power);
  const mdc = z * Math.sqrt(pooled * (1 - pooled) * (1 / base.trials + 1 / cand.trials) * phi);
  const { minIncrease, minRatio } = budget;

  const evaluate = (pAdjusted: number | null): Outcome => {
    const pAdj = pAdjusted ?? 1;
    const significant = pAdj < options.alpha;
    const rates = `${formatRate(rateB)} to ${formatRate(rateC)} (${formatPp(difference)}${ratio === null ? '' : `, ×${ratio.toFixed(2)}`}; Holm p = ${formatP(pAdj)}${phi > 1 ? `, overdispersion φ = ${phi.toFixed(1)}` : ''})`;
    const caveat = singleRun ? ' With a single run per side, bursts of errors cannot be told from a real change.' : '';
    const ratioOk = rateB === 0 || (ratio !== null && ratio >= minRatio && (!singleRun || (ci !== null && ci[0] >= minRatio)));
    if (significant && difference >= minIncrease && ratioOk) {
      return { verdict: 'FAIL', reason: 'regressed', message: `Error rate rose significantly: ${rates}, beyond the budget of ${formatPp(minIncrease)} and ×${minRatio}.${caveat}` };
    }
    if (significant && difference > 0) {
      return { verdict: 'WARN', reason: 'error-rate-up', message: `Error rate rose significantly but within the budget: ${rates}.${caveat}` };
    }
    if (significant && difference < 0) {
      return { verdict: 'PASS', reason: 'improved', message: `Error rate fell significantly: ${rates}.` };
    }
    if (base.failed === 0 && cand.failed > 0 && 3 / base.trials < minIncrease) {
      return {
        verdict: 'WARN',
        reason: 'errors-appeared',
        message: `Errors appeared where ${base.trials} baseline requests had none: ${rates}; not significant, but check the candidate's error log.`,
      };
    }
    return { verdict: 'PASS', reason: 'unchanged', message: `No significant change in error rate: ${rates}.${caveat}` };
  };

  return {
    ...common,
    ratio,
    ci,
    absoluteDifference: difference,
    p: test.p,
    test: test.method,
    inference: 'counts',
    minDetectableChange: Number.isFinite(mdc) && mdc > 0 ? mdc : null,
    evaluate,
  };
}
