import type { ThresholdVerdictRecord } from '../../core/run-manifest.js';
import type { RateDuration } from '../thresholds/test-duration.js';
import type { CounterStats, GaugeStats, RateStats, TrendStats } from '../model/series-stats.js';

/**
 * The `stagecraft summarize --format json` contract, documented by
 * `schemas/summarize.schema.json` (keep both in step; a test validates real output against the
 * schema). All times and durations are in milliseconds; absolute times are ms since the epoch.
 */

/** Version of the JSON shape; bumped only when a field changes meaning or disappears. */
export const SUMMARY_SCHEMA_VERSION = 1;

/** Where a trim length came from. */
export type TrimSource = 'option' | 'manifest' | 'none';

/** The trimming rule applied identically to every run: cut from the start and end of each run's span. */
export interface TrimRule {
  /** Warm-up cut from each run's first sample. */
  readonly startMs: number;
  readonly startFrom: TrimSource;
  /** Ramp-down cut from each run's last sample. */
  readonly endMs: number;
  readonly endFrom: TrimSource;
}

/** A k6 threshold and whether it passed, from the run's end-of-test summary. */
export interface ThresholdResult {
  readonly metric: string;
  readonly expression: string;
  readonly ok: boolean;
}

/** A problem with a run's data, as a stable code and a sentence. */
export interface QualityFlag {
  readonly code: string;
  readonly message: string;
}

/** One run of the summary. */
export interface SummaryRun {
  /** `runId` from the manifest, else the file name without extensions; unique (a repeat gets `#2`, ...). Series refer to it. */
  readonly id: string;
  /** Side label from the manifest (`baseline`, ...); null for bare files. */
  readonly label: string | null;
  /** The run folder or file as given. */
  readonly source: string;
  /** The k6 output files read. */
  readonly files: readonly string[];
  readonly format: 'ndjson' | 'csv';
  /**
   * The analysed window: samples with `startMs <= time <= endMs`; `durationMs` is the
   * denominator of counter rates. Null when the run holds no sample at all.
   */
  readonly window: { readonly startMs: number; readonly endMs: number; readonly durationMs: number } | null;
  readonly quality: {
    /** Lines read, including blank and skipped ones. */
    readonly lines: number;
    /** Samples read (before trimming). */
    readonly points: number;
    /** True when k6 was cut off mid-write (the last line or the gzip stream is incomplete). */
    readonly truncated: boolean;
    /** Skipped lines, all counted. */
    readonly issueCount: number;
    /** The first skipped lines with their 1-based line numbers (capped; see `issueCount`). */
    readonly issues: readonly { readonly line: number; readonly reason: string }[];
    /** Everything that makes this run's numbers less trustworthy. */
    readonly flags: readonly QualityFlag[];
  };
  /** Sum of `dropped_iterations` over the whole run (before trimming); 0 when k6 dropped none. */
  readonly droppedIterations: number;
  readonly k6: {
    /** From the run manifest; null for bare files. */
    readonly exitCode: number | null;
    readonly outcome: string | null;
    /**
     * From the run's summary export; null when there is none. For a distributed run: the
     * verdicts over the merged samples of all instances (each instance's own are in `distributed`).
     */
    readonly thresholds: readonly ThresholdResult[] | null;
  };
  /** Only for a run split across k6 instances (execution segments). */
  readonly distributed?: SummaryDistributed;
}

/**
 * How complete one instance's share is: `ok`; `missing` (no sample of it); `failed` /
 * `interrupted` (its k6 process, from the manifest); `cut-off` (its samples hold fewer of a
 * counter than its own k6 summary counts).
 */
export type InstanceStatus = 'ok' | 'missing' | 'failed' | 'interrupted' | 'cut-off';

/** One k6 instance of a distributed run. */
export interface SummaryInstance {
  /** Its `instance_id` tag: `1` … `N`. */
  readonly instanceId: string;
  /** Its `--execution-segment`; null for loose files (the k6-operator or the user chose it). */
  readonly segment: string | null;
  /** Its k6 exit code and outcome from the manifest; null for loose files. */
  readonly exitCode: number | null;
  readonly outcome: string | null;
  /** Its samples in the merged run; null when the samples carry no `instance_id` tag. */
  readonly samples: number | null;
  /** True when its own k6 summary was found (its own verdicts, its test run duration). */
  readonly summary: boolean;
  readonly status: InstanceStatus;
}

/** A distributed run: its instances and every threshold judged over all of them. */
export interface SummaryDistributed {
  /** `run-folder`: of `stagecraft run --instances N` (manifest); `files`: loose files merged by their `instance_id` tags. */
  readonly source: 'run-folder' | 'files';
  readonly instances: number;
  /** `--execution-segment-sequence`; null for loose files. */
  readonly sequence: string | null;
  /** False when an instance is missing, failed, was interrupted or cut off, or the segments do not tile the test. */
  readonly complete: boolean;
  readonly members: readonly SummaryInstance[];
  /** Each threshold over all samples beside each instance's own k6 verdict; null when the script's thresholds are unknown. */
  readonly thresholds: readonly ThresholdVerdictRecord[] | null;
  /** Where the thresholds came from: the manifest (`k6 inspect` when the run started) or `--thresholds-from`. */
  readonly thresholdsFrom: { readonly source: 'manifest' | 'script'; readonly script: string } | null;
  /** What counter `rate` thresholds were divided by; null when no threshold was judged. */
  readonly rateDuration: RateDuration | null;
}

interface SeriesBase {
  /** Id of the run ({@link SummaryRun.id}). */
  readonly run: string;
  readonly metric: string;
  /** `time` (values in ms), `data` (bytes), `default`; null when the file did not declare it. */
  readonly contains: string | null;
  /** The grouping values of this series, one per `groupBy` key; null = the samples lack that tag. */
  readonly tags: Readonly<Record<string, string | null>>;
}

/** One series: a metric with one combination of grouping values in one run. */
export type SummarySeries =
  | (SeriesBase & { readonly kind: 'trend'; readonly stats: TrendStats })
  | (SeriesBase & { readonly kind: 'rate'; readonly stats: RateStats })
  | (SeriesBase & { readonly kind: 'counter'; readonly stats: CounterStats })
  | (SeriesBase & { readonly kind: 'gauge'; readonly stats: GaugeStats });

/** The whole `summarize --format json` document. */
export interface Summary {
  readonly schemaVersion: typeof SUMMARY_SCHEMA_VERSION;
  /** The grouping keys, in order: the keys of every series' `tags`. */
  readonly groupBy: readonly string[];
  readonly trim: TrimRule;
  readonly runs: readonly SummaryRun[];
  /** Per run (in run order), ordered by metric, then grouping values. */
  readonly series: readonly SummarySeries[];
}
