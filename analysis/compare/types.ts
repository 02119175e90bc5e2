import type { RunOutcome } from '../../core/run-manifest.js';
import type { DataQualityFlag, IngestIssue, SteadyWindow } from '../ingest/types.js';
import type { LoadModel } from '../model/run-stats.js';
import type { NoiseCalibration } from './calibration.js';
import type { EffectSize } from './effect-sizes.js';
import type { SloJudgment } from './slo-judgments.js';

/** Three-way verdict of a row, a service and the whole comparison. */
export type Verdict = 'PASS' | 'WARN' | 'FAIL';

/** Metrics compared for every (service, endpoint), in report order. */
export const COMPARED_METRICS = ['p50', 'p95', 'p99', 'mean', 'error-rate', 'throughput'] as const;
export type ComparedMetric = (typeof COMPARED_METRICS)[number];

/** Latency metrics, compared on per-run values of successful request durations. */
export type LatencyMetric = 'p50' | 'p95' | 'p99' | 'mean';

/** Unit of a row's per-run values and aggregates. `fraction` is an error rate in [0, 1]. */
export type RowUnit = 'ms' | 'fraction' | 'req/s';

/**
 * Why a row got its verdict. Stable codes: scripts may switch on them.
 *
 * - `regressed` (FAIL): significant (Holm) and beyond the FAIL budget.
 * - `small-regression` (WARN): significant, beyond the noise threshold but within the budget.
 * - `inconclusive-more-runs-needed` (WARN): not significant, but the CI still reaches past the budget.
 * - `informational-regression` (WARN): a non-gating row (p50, mean, open-model throughput) got
 *   significantly worse (BH) beyond the noise threshold.
 * - `improved` / `unchanged` (PASS).
 * - `error-rate-up` (WARN): the error rate rose significantly, but less than the FAIL budget.
 * - `errors-appeared` (WARN): errors in the candidate where a large baseline had none.
 * - `single-run` (WARN): one run on a side, so no between-run variance and no test.
 * - `too-few-samples` (WARN): a run is below the hard floor for the statistic; no test.
 * - `few-samples` (WARN): tested, but a run is below the recommended sample size.
 * - `missing-on-one-side` (WARN): the endpoint appears in the runs of one side only.
 * - `missing-in-some-runs` (WARN): the endpoint is absent from some runs of a side.
 * - `no-samples` (WARN): a side has the endpoint but no usable sample (e.g. every request failed).
 * - `dropped-iterations` (WARN): k6 dropped iterations in the candidate but not the baseline;
 *   (FAIL) the candidate achieved less of the planned arrival rate than the throughput budget allows.
 * - `non-positive-values` (WARN): a per-run value is 0, so logs (and the test) are undefined.
 * - `degenerate-test` (WARN): the test could not produce a p-value (e.g. zero variance).
 * - `mismatched-units` (WARN): the sides measured an endpoint's latency with different metrics
 *   or declared units, so it is not compared.
 * - `slo-met` (PASS), `slo-breach` (WARN), `slo-critical-breach` (FAIL): a scenario SLO judged
 *   on the candidate (see `SloJudgment`).
 */
export type ReasonCode =
  | 'regressed'
  | 'small-regression'
  | 'inconclusive-more-runs-needed'
  | 'informational-regression'
  | 'improved'
  | 'unchanged'
  | 'error-rate-up'
  | 'errors-appeared'
  | 'single-run'
  | 'too-few-samples'
  | 'few-samples'
  | 'missing-on-one-side'
  | 'missing-in-some-runs'
  | 'no-samples'
  | 'dropped-iterations'
  | 'non-positive-values'
  | 'degenerate-test'
  | 'mismatched-units'
  | 'slo-met'
  | 'slo-breach'
  | 'slo-critical-breach';

/** Reason of the overall and per-service verdicts: a row reason, or one of these. */
export type SummaryReason = ReasonCode | 'no-regression' | 'data-quality';

/**
 * The test behind a row's p-value: `welch-log` (run-level Welch on log per-run values),
 * `welch-log-pooled-sd` (one side has one run: the other side's between-run SD for both),
 * `batch-log` (one run per side: time batches within each run), or an error-rate test.
 */
export type TestMethod = 'welch-log' | 'welch-log-pooled-sd' | 'batch-log' | 'two-proportion-z' | 'fisher-exact';

/**
 * What a row's uncertainty rests on: `between-runs` (≥ 2 runs per side, the recommended
 * design), `one-side-single-run`, `within-run-batches` (single-run mode: no run-to-run
 * variance unless an A/A calibration supplies it), or `counts` (error rates).
 */
export type Inference = 'between-runs' | 'one-side-single-run' | 'within-run-batches' | 'counts';

/** One side of a row. */
export interface SideValues {
  /** Per-run values in run order (runs without a value for this endpoint are left out). */
  readonly runs: readonly number[];
  /**
   * Geometric mean of the per-run values for ratio metrics (latency, throughput); the pooled
   * rate Σfailed/Σrequests for `error-rate`. Null when there is no value.
   */
  readonly aggregate: number | null;
  /**
   * Sample size behind the values: successful requests for latency rows, requests for
   * `error-rate` and `throughput`.
   */
  readonly samples: number;
}

/** One endpoint × metric comparison. */
export interface ComparisonRow {
  readonly service: string;
  readonly endpoint: string;
  readonly metric: ComparedMetric;
  readonly unit: RowUnit;
  readonly baseline: SideValues;
  readonly candidate: SideValues;
  /** candidate / baseline (also for throughput, where lower is worse); null when undefined. */
  readonly ratio: number | null;
  /** CI of `ratio` at the configured confidence; null without a test or when undefined. */
  readonly ci: readonly [number, number] | null;
  /** candidate aggregate − baseline aggregate, in `unit` (error-rate: a fraction; ×100 = pp). */
  readonly absoluteDifference: number | null;
  /** Raw two-sided p-value; null when no test was run. */
  readonly p: number | null;
  /** Holm-adjusted p for gating rows, Benjamini–Hochberg-adjusted p for informational rows. */
  readonly pAdjusted: number | null;
  readonly test: TestMethod | null;
  /** What the CI and p rest on; null without a test. */
  readonly inference: Inference | null;
  /** Whether the row can FAIL (and is part of the Holm family). */
  readonly gating: boolean;
  readonly verdict: Verdict;
  readonly reason: ReasonCode;
  /** One human sentence. */
  readonly message: string;
  /**
   * Smallest change detectable with the configured power (default 80%) for the observed
   * spread, normal approximation. Ratio metrics: a relative change (0.08 = 8%); error-rate: an
   * absolute increase as a fraction (0.001 = 0.1 pp). Null without a test.
   */
  readonly minDetectableChange: number | null;
}

/** Row counts by verdict. */
export interface VerdictCounts {
  readonly PASS: number;
  readonly WARN: number;
  readonly FAIL: number;
}

export interface ServiceSummary {
  readonly service: string;
  readonly verdict: Verdict;
  readonly reason: SummaryReason;
  readonly counts: VerdictCounts;
  readonly endpoints: readonly string[];
}

export interface OverallSummary {
  readonly verdict: Verdict;
  readonly reason: SummaryReason;
  /** Row verdict counts (SLO judgments are counted in `slos`). */
  readonly counts: VerdictCounts;
  /** SLO judgment counts. */
  readonly slos: VerdictCounts;
  /**
   * True when nothing FAILs but some rows could not be decided (reasons in
   * `INCONCLUSIVE_REASONS`): `--fail-on-inconclusive` turns this into exit code 4.
   */
  readonly inconclusive: boolean;
  readonly message: string;
  /** Resource row verdict counts; present when the runs had resource samples. */
  readonly resources?: VerdictCounts;
}

/** Row reasons that mean "not decided" rather than "a change was found". */
export const INCONCLUSIVE_REASONS: readonly ReasonCode[] = [
  'inconclusive-more-runs-needed',
  'single-run',
  'too-few-samples',
  'degenerate-test',
  'no-samples',
  'missing-in-some-runs',
];

/** What the report says about one run. */
export interface RunSummary {
  readonly id: string;
  readonly label: string | null;
  readonly source: string;
  readonly samplesFile: string;
  readonly scenario: string | null;
  readonly contentHash: string | null;
  readonly k6Version: string | null;
  readonly exitCode: number | null;
  readonly outcome: RunOutcome | null;
  readonly loadModel: LoadModel;
  readonly window: SteadyWindow | null;
  readonly windowSeconds: number | null;
  readonly requests: number;
  readonly iterations: number;
  readonly droppedIterations: number;
  /** Planned iterations/s of an open-model test (constant arrival rate); null when unknown or ramping. */
  readonly targetRate: number | null;
  /** Iterations/s k6 completed in the steady window; null without a window. */
  readonly achievedRate: number | null;
  readonly truncated: boolean;
  readonly issueCount: number;
  readonly issues: readonly IngestIssue[];
  readonly quality: readonly DataQualityFlag[];
}

/** FAIL/WARN thresholds of one ratio metric, as relative changes of the badness ratio. */
export interface Budget {
  /** FAIL when significant and the badness ratio ≥ 1 + fail; null = never FAIL (informational). */
  readonly fail: number | null;
  /** Noise threshold: WARN when significant and the badness ratio ≥ 1 + warn. */
  readonly warn: number;
}

/** Minimum successful samples per run for a latency statistic. */
export interface SampleFloor {
  /** Below this in any run: no test, WARN `too-few-samples`. */
  readonly floor: number;
  /** Below this in any run: tested, but at best WARN `few-samples`. */
  readonly recommended: number;
}

/** Error-rate FAIL budget: absolute increase (fraction) and ratio, both needed for a FAIL. */
export interface ErrorRateBudget {
  readonly minIncrease: number;
  readonly minRatio: number;
}

/** Budget overrides for a scope (global, a service, an endpoint); every field optional. */
export interface BudgetOverrides {
  readonly p50?: Partial<Budget>;
  readonly p95?: Partial<Budget>;
  readonly p99?: Partial<Budget>;
  readonly mean?: Partial<Budget>;
  readonly throughput?: Partial<Budget>;
  readonly errorRate?: Partial<ErrorRateBudget>;
}

/** Budget overrides of one service, with per-endpoint overrides on top. */
export interface ServiceBudgetOverrides extends BudgetOverrides {
  readonly endpoints?: Readonly<Record<string, BudgetOverrides>>;
  /** Resource budgets of this service (server-side CPU and memory). */
  readonly resources?: ResourceBudgetOverrides;
}

/** Resource metrics compared per service, in report order. */
export const RESOURCE_METRICS = ['cpu', 'rss-peak', 'rss-mean'] as const;
/**
 * `cpu`: mean CPU over the steady window (% of one core); `rss-peak` / `rss-mean`: highest and
 * mean resident memory over the steady window (bytes). One value per run each.
 */
export type ResourceMetric = (typeof RESOURCE_METRICS)[number];

/** Unit of a resource row: % of one core, or bytes. */
export type ResourceUnit = 'percent-core' | 'bytes';

/** The two resource budgets: `cpu` gates the CPU row, `memory` the RSS rows. */
export interface ResourceBudgets {
  readonly cpu: Budget;
  readonly memory: Budget;
}

/** Resource budget overrides (global or per service); every field optional. */
export interface ResourceBudgetOverrides {
  readonly cpu?: Partial<Budget>;
  readonly memory?: Partial<Budget>;
}

/** One service × resource metric comparison; the same fields and rules as a {@link ComparisonRow}, without an endpoint. */
export interface ResourceRow extends Omit<ComparisonRow, 'endpoint' | 'metric' | 'unit'> {
  readonly metric: ResourceMetric;
  readonly unit: ResourceUnit;
}

/** What one run's resource samples gave, per service, inside the steady window. */
export interface RunResourceSummary {
  readonly id: string;
  readonly label: string | null;
  /** Per service: the window figures (null when the run has no usable sample for it). */
  readonly services: readonly {
    readonly service: string;
    readonly targets: readonly string[];
    /** Sampling instants in the window, and how many read something. */
    readonly samples: number;
    readonly upSamples: number;
    readonly cpuPercent: number | null;
    readonly rssPeakBytes: number | null;
    readonly rssMeanBytes: number | null;
    readonly threadsMax: number | null;
    readonly fdsMax: number | null;
  }[];
  /** Sampling problems recorded in the run's manifest (`code: message`). */
  readonly warnings: readonly string[];
  /** The sampler's own CPU, % of one core; null when not recorded. */
  readonly samplerPercentOfCore: number | null;
}

/**
 * The server-side resource comparison (`report.json` → `resources`): per service, mean CPU and
 * peak/mean RSS per run, compared run by run like latency (Welch on logs, Holm over the gating
 * `cpu` and `rss-peak` rows, BH over `rss-mean`) against their own budgets.
 */
export interface ResourceComparison {
  /** Global resource budgets in effect (service overrides are in `options.services`). */
  readonly budgets: ResourceBudgets;
  readonly rows: readonly ResourceRow[];
  readonly runs: { readonly baseline: readonly RunResourceSummary[]; readonly candidate: readonly RunResourceSummary[] };
  readonly notes: readonly string[];
}

/** Options of `compareRuns`; every field has a default (see `DEFAULT_COMPARE_OPTIONS`). */
export interface CompareOptions {
  /** Significance level (two-sided). Default 0.05. */
  readonly alpha?: number;
  /** Confidence level of the CIs. Default 0.95. */
  readonly confidence?: number;
  /** Power for the minimum detectable change. Default 0.8. */
  readonly power?: number;
  /** Budgets per ratio metric (merged over the defaults). */
  readonly budgets?: Partial<Record<LatencyMetric | 'throughput', Partial<Budget>>>;
  /** Error-rate FAIL budget: absolute increase (fraction, default 0.001 = 0.1 pp) and ratio (default 1.5). */
  readonly errorRate?: { readonly minIncrease?: number; readonly minRatio?: number };
  /** Sample floors per latency metric (merged over the defaults). */
  readonly minSamples?: Partial<Record<LatencyMetric, Partial<SampleFloor>>>;
  /** Per service (and endpoint) budget overrides, applied over the global budgets; keys are service names as reported. */
  readonly services?: Readonly<Record<string, ServiceBudgetOverrides>>;
  /** An A/A calibration: raises noise thresholds to the measured noise and gives single-run rows a between-run variance. */
  readonly calibration?: NoiseCalibration;
  /** Where the calibration came from (shown in the notes). */
  readonly calibrationSource?: string;
  /** Compare even when the two sides ran different scenario scripts or load profiles. Default false. */
  readonly allowDifferentScenarios?: boolean;
  /** Global resource budgets (default CPU and memory: FAIL +10%, noise threshold 2%). */
  readonly resources?: ResourceBudgetOverrides;
  /** Timestamp to put in the output; left out by default so the output is deterministic. */
  readonly generatedAt?: string;
}

/** {@link CompareOptions} with every default filled in; echoed in the output. */
export interface ResolvedCompareOptions {
  readonly alpha: number;
  readonly confidence: number;
  readonly power: number;
  readonly budgets: Readonly<Record<LatencyMetric | 'throughput', Budget>>;
  readonly errorRate: ErrorRateBudget;
  readonly minSamples: Readonly<Record<LatencyMetric, SampleFloor>>;
  readonly services: Readonly<Record<string, ServiceBudgetOverrides>>;
  /** The calibration in use (without its per-row detail), or null. */
  readonly calibration: CalibrationSummary | null;
  readonly allowDifferentScenarios: boolean;
}

/** What a comparison says about the A/A calibration it used. */
export interface CalibrationSummary {
  readonly source: string | null;
  readonly scenario: string | null;
  readonly runsPerSide: { readonly baseline: number; readonly candidate: number };
  readonly noise: NoiseCalibration['noise'];
  readonly runSd: NoiseCalibration['runSd'];
  readonly falseAlarmRate: number;
}

/**
 * The result of `compareRuns`: the stable JSON contract written to `report.json`.
 *
 * Its JSON form (`report.json`, `stagecraft compare --format json`) is documented by
 * `schemas/compare.schema.json` (JSON Schema draft 2020-12); change the two together.
 */
export interface Comparison {
  readonly schemaVersion: 1;
  readonly generatedAt?: string;
  /** Seed of every random step (effect-size subsamples), derived from the inputs; printed in reports. */
  readonly seed: number;
  readonly options: ResolvedCompareOptions;
  readonly overall: OverallSummary;
  readonly services: readonly ServiceSummary[];
  readonly rows: readonly ComparisonRow[];
  /** The scenario's SLOs (target / acceptable / critical tiers) judged on both sides. */
  readonly slos: readonly SloJudgment[];
  /** Descriptive request-level effect sizes per endpoint (never gating). */
  readonly effectSizes: readonly EffectSize[];
  readonly runs: { readonly baseline: readonly RunSummary[]; readonly candidate: readonly RunSummary[] };
  readonly notes: readonly string[];
  /** Server-side CPU and memory, when the runs recorded resource samples (`stagecraft run --resource`). */
  readonly resources?: ResourceComparison;
}
