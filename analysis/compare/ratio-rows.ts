import type { LoadedRun } from '../ingest/types.js';
import type { EndpointRunStats, RunStats } from '../model/run-stats.js';
import { mean, quantileSorted } from '../stats/index.js';
import { batchesOnLogs, pooledSdOnLogs, welchOnLogs, type LogTest } from './log-inference.js';
import { BATCHES, batchLatencyStatistic, batchRate, type BatchedLog } from './time-batches.js';
import { formatChange, formatChangeCi, formatP, formatPercent } from './format.js';
import type { Budget, ComparedMetric, LatencyMetric, ReasonCode, ResolvedCompareOptions, SideValues, Verdict } from './types.js';
import type { Draft, EndpointId, Outcome } from './draft.js';
import { endpointSamplesOf, geometricMean, noTest } from './draft.js';

const LABELS: Readonly<Record<LatencyMetric | 'throughput', string>> = {
  p50: 'p50 latency',
  p95: 'p95 latency',
  p99: 'p99 latency',
  mean: 'mean latency',
  throughput: 'throughput',
};

const MORE_RUNS = 'run at least 2 (ideally 5) runs per side, interleaved';
const ADD_RUNS = 'add runs (ideally 5 per side, interleaved) for a firmer answer';

/** Ratio and difference of the two sides' aggregates (null when undefined), and a sentence for messages. */
function pointEstimates(baseline: SideValues, candidate: SideValues): { pointRatio: number | null; difference: number | null; pointText: string } {
  const [base, cand] = [baseline.aggregate, candidate.aggregate];
  const pointRatio = base !== null && cand !== null && base > 0 ? cand / base : null;
  const difference = base !== null && cand !== null ? cand - base : null;
  return { pointRatio, difference, pointText: pointRatio === null ? '' : ` Point estimate: ${formatChange(pointRatio)}.` };
}

/** Outcome of a single-run row that could not be batched: no test. */
function unbatchableOutcome(why: string, pointText: string): Outcome {
  return {
    verdict: 'WARN',
    reason: 'single-run',
    message: `One run per side and ${why}, so no test; ${MORE_RUNS}.${pointText}`,
  };
}

/** Outcome of a row whose test gave no p-value. */
function degenerateOutcome(pointText: string): Outcome {
  return { verdict: 'WARN', reason: 'degenerate-test', message: `The test gave no p-value (the values do not vary).${pointText}` };
}

/** A draft row carrying a test on the log scale; `evaluate` turns its adjusted p into the outcome. */
function testedDraft(common: Pick<Draft, 'service' | 'endpoint' | 'metric' | 'unit' | 'baseline' | 'candidate' | 'gating'>, test: LogTest, difference: number | null, evaluate: NonNullable<Draft['evaluate']>): Draft {
  return {
    ...common,
    ratio: test.ratio,
    ci: test.ci,
    absoluteDifference: difference,
    p: test.p,
    test: test.method,
    inference: test.inference,
    minDetectableChange: test.minDetectableChange,
    evaluate,
  };
}

/** What the ratio rows need beyond the per-run statistics. */
export interface RatioRowContext {
  /** The single run of each side (for within-run batches); null unless both sides have exactly one run. */
  readonly singleRuns: { readonly baseline: LoadedRun; readonly candidate: LoadedRun } | null;
  /** Budget of a row, after configuration overrides and A/A-calibrated noise. */
  readonly budget: (id: EndpointId, metric: LatencyMetric | 'throughput') => Budget;
  /** A/A-calibrated between-run SD of the log statistic, or null when not calibrated. */
  readonly runSd: (id: EndpointId, metric: LatencyMetric | 'throughput') => number | null;
}

/** Requests per batch a statistic needs: 10 beyond the quantile (10/(1−q)), 10 for the mean. */
function minPerBatch(metric: LatencyMetric): number {
  return metric === 'mean' ? 10 : Math.ceil(10 / (1 - QUANTILE[metric]));
}

const QUANTILE = { p50: 0.5, p95: 0.95, p99: 0.99 } as const;

/** Batched log statistic of one side's single run; null when it does not split into enough batches. */
function batchedLatency(run: LoadedRun, id: EndpointId, metric: LatencyMetric): BatchedLog | null {
  const samples = endpointSamplesOf(run, id);
  if (samples === undefined) return null;
  const statistic = metric === 'mean' ? (sorted: Float64Array) => mean(sorted) : (sorted: Float64Array) => quantileSorted(sorted, QUANTILE[metric]);
  return batchLatencyStatistic(samples.ok, statistic, minPerBatch(metric));
}

function batchedThroughput(run: LoadedRun, id: EndpointId): BatchedLog | null {
  const samples = endpointSamplesOf(run, id);
  const window = run.samples.window;
  if (samples === undefined || window === null) return null;
  const times =
    samples.protocol === 'http' && samples.requests.time.length > 0
      ? samples.requests.time
      : Float64Array.from([...samples.ok.time, ...samples.failed.time]);
  return batchRate(times, window);
}

/**
 * The test for a ratio row by design: run-level Welch with ≥ 2 values per side, the pooled-SD
 * form when one side has one value, time batches within each run when both have one.
 * Returns a string (why not) when single-run batching is impossible.
 */
function chooseTest(
  baseValues: readonly number[],
  candValues: readonly number[],
  options: ResolvedCompareOptions,
  batched: () => readonly [BatchedLog | null, BatchedLog | null] | null,
  runSd: number | null,
  unbatchable: string,
): LogTest | null | string {
  if (baseValues.length >= 2 && candValues.length >= 2) return welchOnLogs(baseValues, candValues, options);
  if (baseValues.length >= 2 || candValues.length >= 2) return pooledSdOnLogs(baseValues, candValues, options);
  const pair = batched();
  if (pair === null || pair[0] === null || pair[1] === null) return unbatchable;
  return batchesOnLogs(pair[0], pair[1], runSd, options);
}

interface VerdictInput {
  /** Badness ratio (> 1 is worse) with its CI. */
  readonly badness: number;
  readonly badnessHigh: number;
  readonly pAdjusted: number;
  readonly budget: Budget;
  readonly gating: boolean;
  readonly alpha: number;
}

/** The verdict rule of stats-methods §3.9 on a badness ratio (gating rows can FAIL). */
export function ratioVerdict(input: VerdictInput): { verdict: Verdict; reason: ReasonCode } {
  const { badness, badnessHigh, pAdjusted, budget, gating, alpha } = input;
  const significant = pAdjusted < alpha;
  if (gating && budget.fail !== null) {
    if (significant && badness >= 1 + budget.fail) return { verdict: 'FAIL', reason: 'regressed' };
    if (significant && badness >= 1 + budget.warn) return { verdict: 'WARN', reason: 'small-regression' };
    if (badnessHigh > 1 + budget.fail) return { verdict: 'WARN', reason: 'inconclusive-more-runs-needed' };
  } else if (significant && badness >= 1 + budget.warn) {
    return { verdict: 'WARN', reason: 'informational-regression' };
  }
  if (significant && badness < 1) return { verdict: 'PASS', reason: 'improved' };
  return { verdict: 'PASS', reason: 'unchanged' };
}

function budgetText(metric: LatencyMetric | 'throughput', budget: Budget): string {
  if (budget.fail === null) return '';
  return metric === 'throughput'
    ? `the ${formatPercent(budget.fail)} throughput budget`
    : `the +${formatPercent(budget.fail)} budget`;
}

function side(runs: readonly number[], samples: number): SideValues {
  return { runs, aggregate: runs.length === 0 ? null : geometricMean(runs), samples };
}

/** Per side: the run values and which runs have the endpoint. */
interface SideData {
  readonly stats: readonly (EndpointRunStats | undefined)[];
  readonly runCount: number;
  readonly present: boolean;
}

function sideData(runs: readonly RunStats[], id: EndpointId): SideData {
  const stats = runs.map((run) => run.endpoints.find((e) => e.service === id.service && e.endpoint === id.endpoint));
  return { stats, runCount: runs.length, present: stats.some((s) => s !== undefined) };
}

function missingOutcome(base: SideData, label: string): Outcome {
  const where = base.present ? 'baseline' : 'candidate';
  return {
    verdict: 'WARN',
    reason: 'missing-on-one-side',
    message: `This endpoint appears only in the ${where} runs, so its ${label} cannot be compared.`,
  };
}

/** A latency row (p50, p95, p99, mean) from per-run statistics of successful requests. */
export function latencyDraft(
  id: EndpointId,
  metric: LatencyMetric,
  baseline: readonly RunStats[],
  candidate: readonly RunStats[],
  options: ResolvedCompareOptions,
  context: RatioRowContext,
): Draft {
  const label = LABELS[metric];
  const budget = context.budget(id, metric);
  const floors = options.minSamples[metric];
  const gating = budget.fail !== null;
  const base = sideData(baseline, id);
  const cand = sideData(candidate, id);
  const valuesOf = (data: SideData): number[] =>
    data.stats.flatMap((s) => {
      const value = s?.[metric] ?? null;
      return value === null ? [] : [value];
    });
  const countOf = (data: SideData): number => data.stats.reduce((total, s) => total + (s?.successCount ?? 0), 0);
  const baseValues = valuesOf(base);
  const candValues = valuesOf(cand);
  const common = {
    ...id,
    metric: metric as ComparedMetric,
    unit: 'ms' as const,
    baseline: side(baseValues, countOf(base)),
    candidate: side(candValues, countOf(cand)),
    gating,
  };
  const { pointRatio, difference, pointText } = pointEstimates(common.baseline, common.candidate);

  if (!base.present || !cand.present) return noTest(common, null, difference, missingOutcome(base, label));
  if (baseValues.length === 0 || candValues.length === 0) {
    const where = baseValues.length === 0 ? 'baseline' : 'candidate';
    return noTest(common, null, null, {
      verdict: 'WARN',
      reason: 'no-samples',
      message: `No successful request on the ${where} side, so there is no ${label} to compare (see the error rate).`,
    });
  }
  const counts = [...base.stats, ...cand.stats].map((s) => s?.successCount ?? 0);
  const fewest = Math.min(...counts);
  if (fewest < floors.floor) {
    return noTest(common, pointRatio, difference, {
      verdict: 'WARN',
      reason: 'too-few-samples',
      message: `A run has only ${fewest} successful request(s), below the floor of ${floors.floor} for ${metric}: no test (${floors.recommended}+ per run recommended).${pointText}`,
    });
  }
  if ([...baseValues, ...candValues].some((v) => v <= 0)) {
    return noTest(common, pointRatio, difference, {
      verdict: 'WARN',
      reason: 'non-positive-values',
      message: `A run's ${label} is 0 ms, so the log-scale test is undefined.${pointText}`,
    });
  }
  const { singleRuns } = context;
  const runSd = context.runSd(id, metric);
  const batched = (): readonly [BatchedLog | null, BatchedLog | null] | null =>
    singleRuns === null ? null : [batchedLatency(singleRuns.baseline, id, metric), batchedLatency(singleRuns.candidate, id, metric)];
  const why = `a run has too few successful requests for ${BATCHES.minimum} time batches of ${minPerBatch(metric)}`;
  const test = chooseTest(baseValues, candValues, options, batched, runSd, why);
  if (typeof test === 'string') return noTest(common, pointRatio, difference, unbatchableOutcome(test, pointText));
  if (test === null) {
    return noTest(common, pointRatio, difference, degenerateOutcome(pointText));
  }
  const fewSamples = fewest < floors.recommended;
  return testedDraft(common, test, difference, (pAdjusted) =>
    withSampleWarning(
      ratioOutcome({ metric, label, budget, gating, options, pAdjusted, test, calibrated: runSd !== null, invert: false }),
      fewSamples ? { fewest, recommended: floors.recommended, metric } : null,
    ),
  );
}

/** A throughput row from per-run requests per second over the steady window. */
export function throughputDraft(
  id: EndpointId,
  baseline: readonly RunStats[],
  candidate: readonly RunStats[],
  options: ResolvedCompareOptions,
  context: RatioRowContext & DroppedContext & { readonly gating: boolean },
): Draft {
  const label = LABELS.throughput;
  const budget = context.budget(id, 'throughput');
  const { gating } = context;
  const base = sideData(baseline, id);
  const cand = sideData(candidate, id);
  // A run without the endpoint made 0 requests to it; a run without a window has no rate.
  const ratesOf = (data: SideData, runs: readonly RunStats[]): (number | null)[] =>
    data.stats.map((s, i) => (runs[i]?.windowSeconds == null ? null : s?.throughput ?? 0));
  const baseRates = ratesOf(base, baseline);
  const candRates = ratesOf(cand, candidate);
  const usable = (rates: readonly (number | null)[]): number[] => rates.filter((r): r is number => r !== null && r > 0);
  const requestsOf = (data: SideData): number => data.stats.reduce((total, s) => total + (s?.requests ?? 0), 0);
  const common = {
    ...id,
    metric: 'throughput' as const,
    unit: 'req/s' as const,
    baseline: side(usable(baseRates), requestsOf(base)),
    candidate: side(usable(candRates), requestsOf(cand)),
    gating,
  };
  const { pointRatio, difference, pointText } = pointEstimates(common.baseline, common.candidate);
  const dropped = droppedNote(context, budget);

  const finish = (draft: Draft): Draft => (dropped === null ? draft : applyDropped(draft, dropped));

  if (!base.present || !cand.present) return finish(noTest(common, null, difference, missingOutcome(base, label)));
  if ([...baseRates, ...candRates].some((r) => r === null)) {
    return finish(noTest(common, pointRatio, difference, {
      verdict: 'WARN',
      reason: 'no-samples',
      message: `A run has no steady window (too short or trimmed away), so its ${label} is undefined.`,
    }));
  }
  if ([...baseRates, ...candRates].some((r) => r === 0)) {
    return finish(noTest(common, pointRatio, difference, {
      verdict: 'WARN',
      reason: 'missing-in-some-runs',
      message: `Some runs made no request to this endpoint, so its ${label} cannot be compared run by run.${pointText}`,
    }));
  }
  const { singleRuns } = context;
  const runSd = context.runSd(id, 'throughput');
  const batched = (): readonly [BatchedLog | null, BatchedLog | null] | null =>
    singleRuns === null ? null : [batchedThroughput(singleRuns.baseline, id), batchedThroughput(singleRuns.candidate, id)];
  const why = `a steady window shorter than ${BATCHES.minimum} s (or a second without requests) leaves too few time batches`;
  const test = chooseTest(common.baseline.runs, common.candidate.runs, options, batched, runSd, why);
  if (typeof test === 'string') return finish(noTest(common, pointRatio, difference, unbatchableOutcome(test, pointText)));
  if (test === null && allEqual([...common.baseline.runs, ...common.candidate.runs])) {
    // Open-model runs can achieve exactly the configured rate in every run: nothing changed.
    return finish(noTest(common, 1, 0, {
      verdict: 'PASS',
      reason: 'unchanged',
      message: `Every run on both sides had the same ${label}.`,
    }));
  }
  if (test === null) {
    return finish(noTest(common, pointRatio, difference, degenerateOutcome(pointText)));
  }
  return finish(
    testedDraft(common, test, difference, (pAdjusted) =>
      ratioOutcome({ metric: 'throughput', label, budget, gating, options, pAdjusted, test, calibrated: runSd !== null, invert: true }),
    ),
  );
}

function allEqual(values: readonly number[]): boolean {
  return values.every((value) => value === values[0]);
}

/** Open-model health of each side: dropped iterations and the shortfall against the planned rate. */
export interface DroppedContext {
  readonly baselineDropped: number;
  readonly candidateDropped: number;
  /** 1 − achieved/target iteration rate (mean over runs); null when the target is unknown. */
  readonly baselineShortfall: number | null;
  readonly candidateShortfall: number | null;
}

/**
 * What dropped iterations mean for a throughput row (stats-methods §3.6): a candidate that
 * fell short of the planned arrival rate by more than the throughput budget where the
 * baseline did not is a FAIL in its own right; dropped iterations only in the candidate WARN.
 */
function droppedNote(context: DroppedContext, budget: Budget): { note: string; fail: boolean } | null {
  const limit = budget.fail ?? DEFAULT_RATE_SHORTFALL;
  const { candidateShortfall: cand, baselineShortfall: base } = context;
  if (cand !== null && cand > limit && (base === null || base <= limit)) {
    const achieved = (1 - cand) * 100;
    const before = base === null ? '' : ` (baseline ${((1 - base) * 100).toFixed(1)}%)`;
    return {
      note: `The candidate achieved only ${achieved.toFixed(1)}% of the planned arrival rate${before}, short by more than the ${formatPercent(limit)} budget: k6 dropped ${context.candidateDropped} iteration(s) because the system could not keep up.`,
      fail: true,
    };
  }
  if (context.candidateDropped > 0 && context.baselineDropped === 0) {
    return {
      note: `k6 dropped ${context.candidateDropped} iteration(s) in the candidate runs and none in the baseline: the system could not keep up with the planned arrival rate.`,
      fail: false,
    };
  }
  return null;
}

/** Shortfall of the achieved arrival rate that FAILs when the throughput budget is informational. */
const DEFAULT_RATE_SHORTFALL = 0.05;

/**
 * Dropped iterations turn a PASS into WARN `dropped-iterations`, and any verdict into FAIL
 * `dropped-iterations` when the candidate missed the planned rate; otherwise they are added to the message.
 */
function applyDropped(draft: Draft, dropped: { note: string; fail: boolean }): Draft {
  const { note, fail } = dropped;
  const adjust = (outcome: Outcome): Outcome => {
    if (fail && outcome.verdict !== 'FAIL') return { verdict: 'FAIL', reason: 'dropped-iterations', message: `${note} ${outcome.message}` };
    return outcome.verdict === 'PASS'
      ? { verdict: 'WARN', reason: 'dropped-iterations', message: `${note} ${outcome.message}` }
      : { ...outcome, message: `${outcome.message} ${note}` };
  };
  if (draft.decided !== undefined) return { ...draft, decided: adjust(draft.decided) };
  const evaluate = draft.evaluate;
  return evaluate === undefined ? draft : { ...draft, evaluate: (p) => adjust(evaluate(p)) };
}

function withSampleWarning(
  outcome: Outcome,
  few: { fewest: number; recommended: number; metric: LatencyMetric } | null,
): Outcome {
  if (few === null || outcome.verdict === 'FAIL') return outcome;
  const note = `A run has only ${few.fewest} successful requests, below the ${few.recommended} recommended for ${few.metric}.`;
  return outcome.verdict === 'PASS'
    ? { verdict: 'WARN', reason: 'few-samples', message: `${outcome.message} ${note}` }
    : { ...outcome, message: `${outcome.message} ${note}` };
}

interface RatioOutcomeInput {
  readonly metric: LatencyMetric | 'throughput';
  readonly label: string;
  readonly budget: Budget;
  readonly gating: boolean;
  readonly options: ResolvedCompareOptions;
  readonly pAdjusted: number | null;
  readonly test: LogTest;
  /** Whether an A/A calibration supplied the between-run variance. */
  readonly calibrated: boolean;
  /** True for throughput: lower is worse, badness = 1 / ratio. */
  readonly invert: boolean;
}

/**
 * Single-run rules on top of {@link ratioVerdict} (stats-methods §3.9): with one run per side a
 * FAIL also needs the whole CI beyond the budget, and without an A/A calibration nothing is
 * a clean PASS (run-to-run variance is unknown): such rows WARN `single-run` with the finding.
 * One side with a single run keeps the normal rule and says so.
 */
function ratioOutcome(input: RatioOutcomeInput): Outcome {
  const outcome = baseRatioOutcome(input);
  const { test, budget, invert } = input;
  const suffix = test.caveat === null ? '' : ` Caveat: ${test.caveat}.`;
  if (test.inference !== 'within-run-batches') return suffix === '' ? outcome : { ...outcome, message: `${outcome.message}${suffix}` };
  const badnessLow = invert ? 1 / test.ci[1] : test.ci[0];
  const mode = `Single-run mode (time batches within each run).${suffix}`;
  if (outcome.verdict === 'FAIL' && budget.fail !== null && badnessLow < 1 + budget.fail) {
    return {
      verdict: 'WARN',
      reason: 'single-run',
      message: `${outcome.message} ${mode} A single-run FAIL needs the whole CI beyond the budget; ${MORE_RUNS}.`,
    };
  }
  if (outcome.verdict !== 'FAIL' && !input.calibrated) {
    return { verdict: 'WARN', reason: 'single-run', message: `${outcome.message} ${mode} To decide: ${MORE_RUNS}, or calibrate with an A/A run.` };
  }
  return { ...outcome, message: `${outcome.message} ${mode}` };
}

function baseRatioOutcome(input: RatioOutcomeInput): Outcome {
  const { metric, label, budget, gating, options, invert } = input;
  const { ratio, ci, minDetectableChange: mdc } = input.test;
  const pAdjusted = input.pAdjusted ?? 1;
  const badness = invert ? 1 / ratio : ratio;
  const badnessHigh = invert ? 1 / ci[0] : ci[1];
  const { verdict, reason } = ratioVerdict({ badness, badnessHigh, pAdjusted, budget, gating, alpha: options.alpha });
  const level = Math.round(options.confidence * 100);
  const stats = `${formatChange(ratio)}, ${level}% CI ${formatChangeCi(ci)}, ${gating ? 'Holm' : 'BH'} p = ${formatP(pAdjusted)}`;
  const budgetPhrase = budgetText(metric, budget);
  const detect = `changes above ${formatPercent(mdc)} would have been detected with ${Math.round(options.power * 100)}% power`;
  switch (reason) {
    case 'regressed':
      return { verdict, reason, message: `${capitalize(label)} regressed significantly (${stats}), beyond ${budgetPhrase}.` };
    case 'small-regression':
      return {
        verdict,
        reason,
        message: `${capitalize(label)} regressed significantly (${stats}): beyond the ${formatPercent(budget.warn)} noise threshold but within ${budgetPhrase}.`,
      };
    case 'inconclusive-more-runs-needed': {
      const badnessLow = invert ? 1 / ci[1] : ci[0];
      const finding =
        badnessLow > 1
          ? `Probable regression in ${label} (${stats}): the CI lies entirely on the worse side, but it is not significant after the Holm correction across all gating rows`
          : `No significant change in ${label} (${stats}), but the CI does not exclude a regression beyond ${budgetPhrase}`;
      return { verdict, reason, message: `${finding}; ${ADD_RUNS}.` };
    }
    case 'informational-regression':
      return {
        verdict,
        reason,
        message: `${capitalize(label)} changed significantly for the worse (${stats}); ${metric} is informational here and does not FAIL.`,
      };
    case 'improved':
      return { verdict, reason, message: `${capitalize(label)} improved significantly (${stats}).` };
    default:
      return { verdict, reason, message: `No significant change in ${label} (${stats}); ${detect}.` };
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
