import type { Series } from '../ingest/series.js';
import type { SteadyWindow } from '../ingest/types.js';

/**
 * A run's statistic on the log scale, for the whole steady window and for contiguous time
 * batches of it: the input of single-run inference (stats-methods §3.3, batch quantiles /
 * batch means from steady-state simulation output analysis).
 */
export interface BatchedLog {
  /** ln of the statistic over the whole window: the point estimate. */
  readonly whole: number;
  /** ln of the statistic in each batch, in time order. */
  readonly batches: readonly number[];
  /** Lag-1 autocorrelation of `batches` (0 when undefined). */
  readonly lag1: number;
  /** True when the batch count was halved because the batch values were autocorrelated. */
  readonly halved: boolean;
}

/** Batch counts of single-run inference (stats-methods §3.10). */
export const BATCHES = {
  /** Latency statistics: 20 batches of requests. */
  latency: 20,
  /** Throughput: about 30 batches of per-second counts. */
  throughput: 30,
  /** Never fewer: with fewer batches the batch SD is too unstable to be a standard error. */
  minimum: 8,
  /** Halve the batch count once when the lag-1 autocorrelation of batch values exceeds this. */
  maxLag1: 0.2,
} as const;

/**
 * Lag-1 autocorrelation `Σ(xᵢ−x̄)(xᵢ₊₁−x̄) / Σ(xᵢ−x̄)²`; 0 for fewer than 3 values or no spread.
 *
 * @example
 * lag1Autocorrelation([1, 2, 3, 4, 5]); // => 0.4
 */
export function lag1Autocorrelation(values: readonly number[]): number {
  if (values.length < 3) return 0;
  let total = 0;
  for (const value of values) total += value;
  const center = total / values.length;
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < values.length; i += 1) {
    const deviation = (values[i] as number) - center;
    denominator += deviation * deviation;
    if (i + 1 < values.length) numerator += deviation * ((values[i + 1] as number) - center);
  }
  return denominator > 0 ? numerator / denominator : 0;
}

/** Values of `series` in time order (a stable sort of indices by time). */
function valuesInTimeOrder(series: Series): Float64Array {
  const order = Array.from({ length: series.time.length }, (_, i) => i);
  order.sort((a, b) => (series.time[a] as number) - (series.time[b] as number) || a - b);
  return Float64Array.from(order, (i) => series.value[i] as number);
}

/**
 * Splits `count` consecutive items into `batches` contiguous groups of (almost) equal size
 * and returns the group boundaries (`batches + 1` indices).
 */
function boundaries(count: number, batches: number): number[] {
  return Array.from({ length: batches + 1 }, (_, k) => Math.floor((k * count) / batches));
}

/** Builds the batched result, halving the batch count once if the batch values are autocorrelated. */
function batchWithLagCheck(whole: number, initial: number, batchLogs: (batches: number) => number[] | null): BatchedLog | null {
  const first = batchLogs(initial);
  if (first === null) return null;
  const lag1 = lag1Autocorrelation(first);
  const halvedCount = Math.floor(initial / 2);
  if (lag1 > BATCHES.maxLag1 && halvedCount >= BATCHES.minimum) {
    const second = batchLogs(halvedCount);
    if (second !== null) return { whole, batches: second, lag1: lag1Autocorrelation(second), halved: true };
  }
  return { whole, batches: first, lag1, halved: false };
}

/**
 * Batches a run's successful durations in time order into up to 20 contiguous batches of at
 * least `minPerBatch` requests (never fewer than 8 batches), and takes ln of `statistic` on the
 * whole window and on each batch. Halves the batch count once when the batch values have a
 * lag-1 autocorrelation above 0.2.
 *
 * @param series - successful durations (ms) inside the steady window.
 * @param statistic - e.g. a type-7 quantile or the mean of a sorted array.
 * @param minPerBatch - requests a batch needs for the statistic (10/(1−q) for a quantile q).
 * @returns null when fewer than 8 batches fit, or when a value is not positive (no logarithm).
 */
export function batchLatencyStatistic(series: Series, statistic: (sorted: Float64Array) => number, minPerBatch: number): BatchedLog | null {
  const values = valuesInTimeOrder(series);
  const initial = Math.min(BATCHES.latency, Math.floor(values.length / Math.max(1, minPerBatch)));
  if (initial < BATCHES.minimum) return null;
  const logOf = (slice: Float64Array): number => Math.log(statistic(slice.sort()));
  const whole = logOf(Float64Array.from(values));
  if (!Number.isFinite(whole)) return null;
  return batchWithLagCheck(whole, initial, (batches) => {
    const edges = boundaries(values.length, batches);
    const logs = edges.slice(1).map((end, k) => logOf(values.slice(edges[k], end)));
    return logs.every(Number.isFinite) ? logs : null;
  });
}

/**
 * Batches a run's request completions into per-second counts over the steady window, groups
 * the seconds into up to 30 contiguous batches (at least 8) and takes ln of the request rate
 * of the whole window and of each batch. Same autocorrelation check as
 * {@link batchLatencyStatistic}.
 *
 * @param times - completion times (ms since epoch) of the endpoint's requests.
 * @param window - the run's steady window.
 * @returns null when the window is shorter than 8 s or a batch has no request.
 */
export function batchRate(times: Float64Array, window: SteadyWindow): BatchedLog | null {
  const seconds = Math.floor((window.endMs - window.startMs) / 1000);
  const initial = Math.min(BATCHES.throughput, seconds);
  if (initial < BATCHES.minimum || times.length === 0) return null;
  const perSecond = new Float64Array(seconds);
  for (const time of times) {
    const second = Math.floor((time - window.startMs) / 1000);
    if (second >= 0 && second < seconds) perSecond[second] = (perSecond[second] as number) + 1;
  }
  const whole = Math.log(times.length / ((window.endMs - window.startMs) / 1000));
  if (!Number.isFinite(whole)) return null;
  return batchWithLagCheck(whole, initial, (batches) => {
    const edges = boundaries(seconds, batches);
    const logs = edges.slice(1).map((end, k) => {
      const start = edges[k] as number;
      let count = 0;
      for (let s = start; s < end; s += 1) count += perSecond[s] as number;
      return Math.log(count / (end - start));
    });
    return logs.every(Number.isFinite) ? logs : null;
  });
}
