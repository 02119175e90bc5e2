import type { RunManifest } from '../../core/run-manifest.js';
import type { Series } from './series.js';

/** The k6 metrics the analyser keeps; every other metric is read and ignored. */
export const KEPT_METRICS = [
  'http_req_duration',
  'http_req_failed',
  'http_reqs',
  'grpc_req_duration',
  'iterations',
  'dropped_iterations',
  'checks',
] as const;

/** One of {@link KEPT_METRICS}. */
export type KeptMetric = (typeof KEPT_METRICS)[number];

/** A line of a k6 NDJSON file that was skipped, and why. `line` is 1-based. */
export interface IngestIssue {
  readonly line: number;
  readonly reason: string;
}

/** A `"type":"Metric"` declaration line. */
export interface MetricDeclaration {
  /** `counter` | `gauge` | `trend` | `rate`. */
  readonly type: string;
  /** `default` | `time` | `data`. */
  readonly contains: string;
}

/** First and last sample time (ms since epoch). */
export interface TimeSpan {
  readonly firstMs: number;
  readonly lastMs: number;
}

/** The part of a run that is analysed, after trimming warm-up and ramp-down. */
export interface SteadyWindow {
  readonly startMs: number;
  readonly endMs: number;
  /** What was cut from the start of the run's span, in ms. */
  readonly trimStartMs: number;
  /** What was cut from the end of the run's span, in ms. */
  readonly trimEndMs: number;
}

/** Protocol of an endpoint, from the metric its durations came from. */
export type Protocol = 'http' | 'grpc';

/**
 * Samples of one (service, endpoint) in one run, inside the steady window. Grouping follows
 * the `service`/`endpoint` tags stagecraft sets, with fallbacks for plain k6 scripts (see
 * `endpointKey`).
 */
export interface EndpointSamples {
  readonly service: string;
  readonly endpoint: string;
  readonly protocol: Protocol;
  /** Durations (ms) of successful requests: the only input of latency statistics. */
  readonly ok: Series;
  /** Durations (ms) of failed requests, kept apart so a fast failure never looks like a speed-up. */
  readonly failed: Series;
  /** `http_reqs` points (HTTP only; empty for gRPC and for files without that metric). */
  readonly requests: Series;
  /** `http_req_failed` points, value 1 = failed (HTTP only; empty before k6 v0.31). */
  readonly failureFlags: Series;
}

/** How a k6 NDJSON file lays out its lines. `metric-first` is k6 ≥ v0.41, `type-first` older. */
export type NdjsonLayout = 'metric-first' | 'type-first' | 'mixed' | 'unknown';

/** What {@link readK6Ndjson} keeps from one k6 `--out json` file. */
export interface K6Samples {
  /** The file as given. */
  readonly file: string;
  /** True when the file is gzip (detected from its first bytes, not its name). */
  readonly compressed: boolean;
  readonly layout: NdjsonLayout;
  /** Lines read (including blank and malformed ones). */
  readonly lines: number;
  /** Point lines of any metric. */
  readonly points: number;
  /** Points of each kept metric before trimming (for cross-checks with the summary export). */
  readonly pointCounts: Readonly<Record<KeptMetric, number>>;
  /** Metric declarations seen, by metric name. */
  readonly metrics: Readonly<Record<string, MetricDeclaration>>;
  /** True when the last line had no newline and did not parse: k6 was cut off mid-write. */
  readonly truncated: boolean;
  /** The first skipped lines (at most `maxIssues`). */
  readonly issues: readonly IngestIssue[];
  /** All skipped lines, including those not kept in {@link issues}. */
  readonly issueCount: number;
  /** Request samples from k6's `setup()`/`teardown()` (group `::setup`/`::teardown`), left out. */
  readonly setupTeardownSamples: number;
  /** Span of the kept metrics' points before trimming; null when there were none. */
  readonly span: TimeSpan | null;
  /** The analysed window; null when there were no kept points. */
  readonly window: SteadyWindow | null;
  /** Per endpoint, sorted by service then endpoint. */
  readonly endpoints: readonly EndpointSamples[];
  readonly iterations: Series;
  readonly droppedIterations: Series;
  /** `checks` points (value 1 = passed). */
  readonly checks: Series;
  /**
   * `vus` gauge points (active VUs, which k6 emits about once a second), inside the window.
   * Absent when the input has none. Not part of `span`, so they never move the window.
   */
  readonly vus?: Series;
}

/** Options of {@link readK6Ndjson} and `loadRuns`. */
export interface ReadOptions {
  /** Drop samples in the first `trimStartMs` ms of each run (warm-up). Default 0. */
  readonly trimStartMs?: number;
  /** Drop samples in the last `trimEndMs` ms of each run (ramp-down). Default 0. */
  readonly trimEndMs?: number;
  /** How many skipped lines to keep in `issues` (all are counted). Default 20. */
  readonly maxIssues?: number;
  /**
   * Display names by `service` tag value, from the scenario metadata: gRPC samples carry the
   * proto service (`demo.inventory.v1.Inventory`), which is shown as the DSL name (`inventory`).
   */
  readonly serviceNames?: Readonly<Record<string, string>>;
  /**
   * Stop at the first malformed line with `malformed-k6-output` naming file and line, instead of
   * skipping it with an issue (`--strict`). A file cut off mid-line is still only flagged truncated.
   */
  readonly strict?: boolean;
}

/** A problem with one run's data that makes its numbers less trustworthy. */
export interface DataQualityFlag {
  readonly code:
    | 'run-failed'
    | 'run-interrupted'
    | 'truncated'
    | 'malformed-lines'
    | 'summary-mismatch'
    | 'summary-unreadable'
    | 'empty-window'
    /** CSV timestamps in whole seconds (k6's default `timeFormat=unix`): sub-second order is lost. */
    | 'coarse-timestamps'
    /** A CSV file re-saved by a spreadsheet (TRUE/FALSE booleans, possibly rounded values). */
    | 'spreadsheet-edited'
    /** One run's samples come from different k6 versions or output formats. */
    | 'mixed-k6-versions'
    /** A distributed run lacks an instance's data (crashed, missing or cut-off output, or segments that do not tile the test). */
    | 'incomplete-run';
  readonly message: string;
}

/** One k6 run, loaded: from a `stagecraft run` folder or a bare k6 NDJSON file. */
export interface LoadedRun {
  /** `runId` from the manifest, else the file name without extensions. */
  readonly id: string;
  /** Side label from the manifest (`baseline`, `refactor`, ...); null for bare files. */
  readonly label: string | null;
  /** The run folder or file this run was loaded from. */
  readonly source: string;
  readonly manifest: RunManifest | null;
  readonly samples: K6Samples;
  readonly quality: readonly DataQualityFlag[];
}
