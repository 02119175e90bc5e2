/**
 * Pre-aggregated data behind the report's charts: small enough to embed in `report.json` and in
 * the HTML page (never millions of raw points), computed once from the runs before trimming so
 * the charts can show what the warm-up trim cut away. Built by `buildChartData`; drawn by the
 * Vega-Lite spec builders in `charts/`.
 */

/** Side of an experiment. */
export type Side = 'baseline' | 'candidate';

/**
 * Latency distribution of one endpoint on one side: quantiles of successful requests pooled
 * over the side's runs (steady window only) at the shared probability grid `ChartData.probabilities`.
 */
export interface EndpointDistribution {
  readonly service: string;
  readonly endpoint: string;
  readonly side: Side;
  /** Type-7 quantiles in ms (4 significant digits), one per entry of `ChartData.probabilities`. */
  readonly latenciesMs: readonly number[];
  /** Successful requests behind it. */
  readonly samples: number;
}

/**
 * One time bucket of one endpoint in one run. `t` is ms since the run's first sample. The
 * timelines store buckets as columns ({@link EndpointTimeline}); `endpointBuckets` gives rows.
 */
export interface EndpointBucket {
  readonly t: number;
  /** Requests that completed in the bucket (successful and failed). */
  readonly requests: number;
  readonly errors: number;
  /** Type-7 quantiles of successful durations in the bucket (ms); null when it has none. */
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
}

/**
 * One endpoint of one run over time, as columns: entry `i` of every array is the bucket
 * `[i·bucketMs, (i+1)·bucketMs)` after the run's first sample, except the last, which ends at
 * `RunTimeline.lengthMs` (inclusive) and is 0.5 to 1.5 `bucketMs` wide. Columns, not an array of {@link EndpointBucket}s, because they are a third of
 * the size in JSON (16 services × 5 endpoints × 20 runs × 60 buckets = 96 000 buckets).
 */
export interface EndpointTimeline {
  readonly service: string;
  readonly endpoint: string;
  /** Requests completed per bucket: successful plus failed durations (HTTP and gRPC alike). */
  readonly requests: readonly number[];
  /** Failed requests per bucket. */
  readonly errors: readonly number[];
  /** Type-7 quantiles of the bucket's successful durations (ms, 4 significant digits); null when it has none. */
  readonly p50: readonly (number | null)[];
  readonly p95: readonly (number | null)[];
  readonly p99: readonly (number | null)[];
}

/** Load in one time bucket of a run. */
export interface LoadBucket {
  readonly t: number;
  /** Iterations completed in the bucket (per second: divide by the bucket's width in s; see `EndpointTimeline` for the last bucket). */
  readonly iterations: number;
  readonly droppedIterations: number;
  /** Highest `vus` gauge value in the bucket; null when the output has no `vus` samples. */
  readonly vus: number | null;
}

/** A run over time, including the trimmed warm-up and ramp-down. */
export interface RunTimeline {
  readonly side: Side;
  readonly runId: string;
  readonly label: string | null;
  /** Width of every bucket but the last (which ends at `lengthMs`, 0.5 to 1.5 widths), ms: 100 ms, 200 ms, 500 ms, 1 s, 2 s, 5 s, 10 s, 15 s, 30 s, 1 min, … */
  readonly bucketMs: number;
  /** Length of the run (first to last sample), ms. */
  readonly lengthMs: number;
  /**
   * The steady window analysed, as offsets from the run's first sample (ms): `startMs` = the
   * warm-up trim, `endMs` = `lengthMs` − the ramp-down trim (below `startMs` when the trims
   * cover the run).
   */
  readonly window: { readonly startMs: number; readonly endMs: number };
  /** Per endpoint of the run (sorted by service, then endpoint), one entry per bucket. */
  readonly endpoints: readonly EndpointTimeline[];
  /** One entry per bucket. */
  readonly load: readonly LoadBucket[];
}

/**
 * One service's resource samples in one run over time (server side, `stagecraft run
 * --resource`), as columns: entry `i` is the sample at `t[i]` s since the run's first k6 sample
 * (the time axis of {@link RunTimeline}). Long runs are averaged down to at most a few hundred points.
 */
export interface ResourceTimeline {
  readonly side: Side;
  readonly runId: string;
  readonly label: string | null;
  readonly service: string;
  /** Seconds since the run's first k6 sample (ms precision). */
  readonly t: readonly number[];
  /** CPU, % of one core; null where the sample had none. */
  readonly cpuPercent: readonly (number | null)[];
  /** Resident memory, MiB (3 decimals); null where the sample had none. */
  readonly rssMiB: readonly (number | null)[];
}

/** Everything the charts of one comparison (or one summarized run set) need. */
export interface ChartData {
  readonly schemaVersion: 1;
  /** Probability grid of every `EndpointDistribution` (ascending, in (0, 1)). */
  readonly probabilities: readonly number[];
  readonly distributions: readonly EndpointDistribution[];
  readonly timelines: readonly RunTimeline[];
  /** Server-side resource samples per run and service; absent when no run recorded any. */
  readonly resources?: readonly ResourceTimeline[];
}

/**
 * One chart of a report: a complete Vega-Lite spec (data inlined) with where it belongs.
 * The HTML page embeds these; `renderCharts` turns them into SVG and PNG files.
 */
export interface ReportChart {
  /** File-name-safe id, unique in the report (`latency-ecdf-catalog-get-item`). */
  readonly id: string;
  readonly title: string;
  /** The service section it belongs to; null for report-wide charts. */
  readonly service: string | null;
  /** The endpoint it is about, if any. */
  readonly endpoint: string | null;
  /** A Vega-Lite top-level spec (`$schema` set), JSON-serializable. */
  readonly spec: Readonly<Record<string, unknown>>;
}
