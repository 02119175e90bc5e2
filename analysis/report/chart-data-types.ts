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
  /** Type-7 quantiles in ms, one per entry of `ChartData.probabilities`. */
  readonly latenciesMs: readonly number[];
  /** Successful requests behind it. */
  readonly samples: number;
}

/** One time bucket of one endpoint in one run. `t` is ms since the run's first sample. */
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

/** Load in one time bucket of a run. */
export interface LoadBucket {
  readonly t: number;
  /** Iterations completed in the bucket (per second: divide by `RunTimeline.bucketMs / 1000`). */
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
  /** Width of every bucket, ms. */
  readonly bucketMs: number;
  /** Length of the run (first to last sample), ms. */
  readonly lengthMs: number;
  /** The steady window analysed, as offsets from the run's first sample (ms). */
  readonly window: { readonly startMs: number; readonly endMs: number };
  readonly endpoints: readonly { readonly service: string; readonly endpoint: string; readonly buckets: readonly EndpointBucket[] }[];
  readonly load: readonly LoadBucket[];
}

/** Everything the charts of one comparison (or one summarized run set) need. */
export interface ChartData {
  readonly schemaVersion: 1;
  /** Probability grid of every `EndpointDistribution` (ascending, in (0, 1)). */
  readonly probabilities: readonly number[];
  readonly distributions: readonly EndpointDistribution[];
  readonly timelines: readonly RunTimeline[];
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
