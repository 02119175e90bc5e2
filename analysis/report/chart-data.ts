import { compareText } from '../ingest/ndjson-endpoints.js';
import type { Series } from '../ingest/series.js';
import { steadyWindowOf } from '../ingest/trim-samples.js';
import type { LoadedRun } from '../ingest/types.js';
import { quantileSorted } from '../stats/index.js';
import type { ChartData, EndpointBucket, EndpointDistribution, EndpointTimeline, LoadBucket, RunTimeline, Side } from './chart-data-types.js';

/**
 * Pre-aggregation of the report's charts: from untrimmed runs to the small {@link ChartData}
 * (quantiles on a fixed probability grid, time buckets), never raw samples.
 */

/**
 * Probability grid of the latency distributions: 0.005 to 0.995 in steps of 0.005 (199
 * points, fine enough for a smooth ECDF) plus 0.999 and 0.9995 for the far tail (201 points).
 * A finer tail would only repeat the largest samples of a typical run.
 */
export const CHART_PROBABILITIES: readonly number[] = Object.freeze([...Array.from({ length: 199 }, (_, k) => ((k + 1) * 5) / 1000), 0.999, 0.9995]);

/**
 * Bucket widths a timeline may use, ms: round numbers of seconds, minutes, hours, days; 100 to
 * 500 ms for runs under a minute (smoke tests, CI), which would otherwise get a handful of
 * points.
 */
export const BUCKET_WIDTHS_MS: readonly number[] = Object.freeze(
  [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400].map((seconds) => Math.round(seconds * 1000)),
);

/** Default of {@link ChartDataOptions.maxBuckets}. */
export const DEFAULT_MAX_BUCKETS = 60;

/** Options of {@link buildChartData}. */
export interface ChartDataOptions {
  /** Most buckets a run's timeline may have; the bucket width is the smallest round width that fits. Default 60. */
  readonly maxBuckets?: number;
  /** Probability grid of the distributions, ascending in (0, 1). Default {@link CHART_PROBABILITIES}. */
  readonly probabilities?: readonly number[];
}

/** Warm-up and ramp-down trims, ms, as the comparison applies them to every run. */
export interface ChartTrims {
  readonly startMs: number;
  readonly endMs: number;
}

/** `value` rounded to 4 significant digits: plenty for a chart, and short in JSON. */
export function chartRound(value: number): number {
  return Number.isFinite(value) && value !== 0 ? Number(value.toPrecision(4)) : value;
}

/**
 * The smallest width of {@link BUCKET_WIDTHS_MS} that cuts `lengthMs` into at most
 * `maxBuckets` buckets (whole days beyond the list).
 *
 * @example
 * bucketWidthMs(120_000); // => 2000 (60 buckets of 2 s)
 */
export function bucketWidthMs(lengthMs: number, maxBuckets = DEFAULT_MAX_BUCKETS): number {
  const max = Math.max(1, Math.floor(maxBuckets));
  for (const width of BUCKET_WIDTHS_MS) if (bucketCount(lengthMs, width) <= max) return width;
  const day = 86_400_000;
  return Math.ceil(lengthMs / max / day) * day;
}

/**
 * Buckets of `width` that cover `[0, lengthMs]`. The last one ends at `lengthMs` (inclusive)
 * and is 0.5 to 1.5 widths wide: a sliver at the end joins the bucket before it rather than
 * showing as a bucket of a few ms with a meaningless rate.
 */
export function bucketCount(lengthMs: number, width: number): number {
  return Math.max(1, Math.round(lengthMs / width));
}

/** Bucket of each sample, and how many samples each bucket got. */
/** The bucket of time `t`: whole `width`s since `firstMs`, clamped to `[0, count − 1]`. */
function bucketOf(t: number, firstMs: number, width: number, count: number): number {
  return Math.min(count - 1, Math.max(0, Math.floor((t - firstMs) / width)));
}

function bucketIndex(time: Float64Array, firstMs: number, width: number, count: number): { index: Int32Array; sizes: Int32Array } {
  const index = new Int32Array(time.length);
  const sizes = new Int32Array(count);
  for (let i = 0; i < time.length; i += 1) {
    const b = bucketOf(time[i] as number, firstMs, width, count);
    index[i] = b;
    sizes[b] = (sizes[b] as number) + 1;
  }
  return { index, sizes };
}

/** Per-bucket sums of the values of a counter series (`iterations`, `dropped_iterations`). */
function bucketSums(series: Series, firstMs: number, width: number, count: number): number[] {
  const sums = new Array<number>(count).fill(0);
  const { time, value } = series;
  for (let i = 0; i < time.length; i += 1) {
    const b = bucketOf(time[i] as number, firstMs, width, count);
    sums[b] = (sums[b] as number) + (value[i] as number);
  }
  return sums;
}

/** The largest value per bucket (a gauge such as `vus`); null for buckets without a point. */
function bucketMaxima(series: Series, firstMs: number, width: number, count: number): (number | null)[] {
  const maxima = new Array<number | null>(count).fill(null);
  const { time, value } = series;
  for (let i = 0; i < time.length; i += 1) {
    const b = bucketOf(time[i] as number, firstMs, width, count);
    const v = value[i] as number;
    const current = maxima[b] ?? null;
    if (current === null || v > current) maxima[b] = v;
  }
  return maxima;
}

/** p50/p95/p99 of each bucket's values: the values are grouped by bucket (counting sort), then each group sorted. */
function bucketQuantiles(series: Series, firstMs: number, width: number, count: number): Pick<EndpointTimeline, 'p50' | 'p95' | 'p99'> & { sizes: Int32Array } {
  const { index, sizes } = bucketIndex(series.time, firstMs, width, count);
  const starts = new Int32Array(count + 1);
  for (let b = 0; b < count; b += 1) starts[b + 1] = (starts[b] as number) + (sizes[b] as number);
  const fill = starts.slice(0, count);
  const grouped = new Float64Array(series.value.length);
  for (let i = 0; i < index.length; i += 1) {
    const b = index[i] as number;
    grouped[fill[b] as number] = series.value[i] as number;
    fill[b] = (fill[b] as number) + 1;
  }
  const p50: (number | null)[] = [];
  const p95: (number | null)[] = [];
  const p99: (number | null)[] = [];
  for (let b = 0; b < count; b += 1) {
    const sorted = grouped.subarray(starts[b], starts[b + 1]).sort();
    const some = sorted.length > 0;
    p50.push(some ? chartRound(quantileSorted(sorted, 0.5)) : null);
    p95.push(some ? chartRound(quantileSorted(sorted, 0.95)) : null);
    p99.push(some ? chartRound(quantileSorted(sorted, 0.99)) : null);
  }
  return { p50, p95, p99, sizes };
}

/**
 * The timeline of one untrimmed run: buckets of a round width (at most `maxBuckets`) from its
 * first to its last kept point, with per endpoint the requests, errors and p50/p95/p99 of
 * successful durations, and per bucket the iterations, dropped iterations and the highest `vus`
 * gauge value (null where the output has no `vus` point in the bucket).
 */
export function runTimeline(run: LoadedRun, side: Side, trims: ChartTrims, maxBuckets = DEFAULT_MAX_BUCKETS): RunTimeline {
  const { span } = run.samples;
  const firstMs = span?.firstMs ?? 0;
  const lengthMs = span === null ? 0 : span.lastMs - span.firstMs;
  const bucketMs = bucketWidthMs(lengthMs, maxBuckets);
  const count = span === null ? 0 : bucketCount(lengthMs, bucketMs);
  const endpoints: EndpointTimeline[] = run.samples.endpoints.map((endpoint) => {
    const ok = bucketQuantiles(endpoint.ok, firstMs, bucketMs, count);
    const failed = bucketIndex(endpoint.failed.time, firstMs, bucketMs, count).sizes;
    return {
      service: endpoint.service,
      endpoint: endpoint.endpoint,
      requests: Array.from(ok.sizes, (size, b) => size + (failed[b] as number)),
      errors: Array.from(failed),
      p50: ok.p50,
      p95: ok.p95,
      p99: ok.p99,
    };
  });
  const iterations = bucketSums(run.samples.iterations, firstMs, bucketMs, count);
  const dropped = bucketSums(run.samples.droppedIterations, firstMs, bucketMs, count);
  const vus = run.samples.vus === undefined ? null : bucketMaxima(run.samples.vus, firstMs, bucketMs, count);
  const load: LoadBucket[] = iterations.map((value, b) => ({ t: b * bucketMs, iterations: value, droppedIterations: dropped[b] as number, vus: vus?.[b] ?? null }));
  return {
    side,
    runId: run.id,
    label: run.label,
    bucketMs,
    lengthMs,
    window: { startMs: trims.startMs, endMs: lengthMs - trims.endMs },
    endpoints,
    load,
  };
}

/** Successful durations of every endpoint of `runs`, inside each run's steady window, pooled per endpoint. */
function pooledLatencies(runs: readonly LoadedRun[], trims: ChartTrims): Map<string, { service: string; endpoint: string; parts: Float64Array[] }> {
  const pooled = new Map<string, { service: string; endpoint: string; parts: Float64Array[] }>();
  for (const run of runs) {
    const window = steadyWindowOf(run.samples.span, trims.startMs, trims.endMs);
    const start = window?.startMs ?? Number.NEGATIVE_INFINITY;
    const end = window?.endMs ?? Number.POSITIVE_INFINITY;
    for (const { service, endpoint, ok } of run.samples.endpoints) {
      const key = `${service}\u0000${endpoint}`;
      let entry = pooled.get(key);
      if (entry === undefined) {
        entry = { service, endpoint, parts: [] };
        pooled.set(key, entry);
      }
      let size = 0;
      for (const t of ok.time) if (t >= start && t <= end) size += 1;
      if (size === 0) continue;
      const kept = new Float64Array(size);
      let j = 0;
      for (let i = 0; i < ok.time.length; i += 1) {
        const t = ok.time[i] as number;
        if (t >= start && t <= end) kept[j++] = ok.value[i] as number;
      }
      entry.parts.push(kept);
    }
  }
  return pooled;
}

/** One side's distributions: type-7 quantiles of the pooled steady-window successes on `probabilities`. */
function sideDistributions(runs: readonly LoadedRun[], side: Side, trims: ChartTrims, probabilities: readonly number[]): EndpointDistribution[] {
  const result: EndpointDistribution[] = [];
  for (const { service, endpoint, parts } of pooledLatencies(runs, trims).values()) {
    const size = parts.reduce((total, part) => total + part.length, 0);
    if (size === 0) continue;
    const sorted = new Float64Array(size);
    let offset = 0;
    for (const part of parts) {
      sorted.set(part, offset);
      offset += part.length;
    }
    sorted.sort();
    result.push({ service, endpoint, side, latenciesMs: probabilities.map((p) => chartRound(quantileSorted(sorted, p))), samples: size });
  }
  return result;
}

/**
 * Builds the data behind the report's charts from UNTRIMMED runs (loaded with trims 0):
 *
 * - distributions: per endpoint and side, type-7 quantiles (`quantileSorted`) on the grid
 *   `probabilities` of the successful durations inside each run's steady window (the window
 *   loading with `trims` gives, see `trimSamples`), pooled over the side's runs; an endpoint
 *   with no such sample on a side has no distribution for that side;
 * - timelines: per run (baseline runs first, in order), the whole run in at most `maxBuckets`
 *   round-width buckets (see {@link runTimeline}), with the steady window marked.
 *
 * Quantiles are rounded to 4 significant digits. One pass per series plus a sort per bucket
 * and per pooled endpoint.
 *
 * @param baseline - baseline runs, untrimmed
 * @param candidate - candidate runs, untrimmed
 * @param trims - the warm-up and ramp-down trims the comparison uses, ms
 * @throws RangeError when a probability is outside [0, 1]
 */
export function buildChartData(
  baseline: readonly LoadedRun[],
  candidate: readonly LoadedRun[],
  trims: ChartTrims,
  options: ChartDataOptions = {},
): ChartData {
  const probabilities = options.probabilities ?? CHART_PROBABILITIES;
  const maxBuckets = options.maxBuckets ?? DEFAULT_MAX_BUCKETS;
  const distributions = [...sideDistributions(baseline, 'baseline', trims, probabilities), ...sideDistributions(candidate, 'candidate', trims, probabilities)].sort(
    (a, b) => compareText(a.service, b.service) || compareText(a.endpoint, b.endpoint) || compareText(a.side, b.side),
  );
  const timelines = [
    ...baseline.map((run) => runTimeline(run, 'baseline', trims, maxBuckets)),
    ...candidate.map((run) => runTimeline(run, 'candidate', trims, maxBuckets)),
  ];
  return { schemaVersion: 1, probabilities: [...probabilities], distributions, timelines };
}

/** The buckets of one endpoint's timeline as rows (`t` = bucket start, ms since the run's first sample). */
export function endpointBuckets(timeline: Pick<RunTimeline, 'bucketMs'>, endpoint: EndpointTimeline): EndpointBucket[] {
  return endpoint.requests.map((requests, b) => ({
    t: b * timeline.bucketMs,
    requests,
    errors: endpoint.errors[b] ?? 0,
    p50: endpoint.p50[b] ?? null,
    p95: endpoint.p95[b] ?? null,
    p99: endpoint.p99[b] ?? null,
  }));
}
