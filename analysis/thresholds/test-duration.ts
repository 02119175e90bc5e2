/**
 * The denominator of a counter's `rate`: k6 divides a counter's count by the test run's
 * duration (`grafana/k6:metrics/sink.go` `CounterSink.Format(t)`, with `t` the running time of
 * the test), not by the time between its first and last sample. This module finds that
 * duration in k6's own end-of-test summaries, and falls back to the span of the samples.
 */

import type { K6Summary } from '../ingest/summary.js';
import type { RawRun } from '../model/raw-run.js';

/** Where the duration a counter rate is divided by came from. */
export type RateDurationSource = 'k6-summary' | 'sample-span';

/** The duration a counter's `rate` is divided by. */
export interface RateDuration {
  /** In milliseconds. */
  readonly ms: number;
  /**
   * `k6-summary`: k6's own test run duration (the longest instance's, from their summaries);
   * `sample-span`: first to last sample, because no summary has the duration.
   */
  readonly from: RateDurationSource;
}

/**
 * k6's test run duration as a summary records it: `state.testRunDurationMs` (handleSummary
 * data), `config.duration` (machine-readable summary), or, for a `--summary-export` (which
 * drops `state`, k6-reference §3.3), `count ÷ rate` of its largest counter: k6 computes every
 * counter's rate over exactly that duration (checked on real summaries that have both: equal
 * to the microsecond).
 *
 * @returns the duration in ms, or null when the summary has neither the field nor a counter with a non-zero rate
 */
export function summaryTestRunDurationMs(summary: K6Summary): number | null {
  if (summary.testRunDurationMs !== undefined && summary.testRunDurationMs > 0) return summary.testRunDurationMs;
  let best: { count: number; rate: number } | null = null;
  for (const metric of Object.values(summary.metrics)) {
    const { count, rate } = metric.values;
    if (metric.kind !== 'counter' || metric.filter !== null || count === undefined || rate === undefined || count <= 0 || rate <= 0) continue;
    if (best === null || count > best.count) best = { count, rate };
  }
  return best === null ? null : (best.count / best.rate) * 1000;
}

/** The test duration a run's samples cover: first to last sample, in ms (0 without samples). */
export function sampleSpanMs(raw: RawRun): number {
  return raw.span === null ? 0 : raw.span.lastMs - raw.span.firstMs;
}

/**
 * The duration counter rates of a (possibly merged) run are divided by: the longest of the k6
 * test run durations known (the instances of a split run all run the whole timeline, each
 * with its share of the load), else the span of the samples.
 *
 * @param k6DurationsMs - each instance's test run duration from its summary; null where unknown
 */
export function rateDuration(raw: RawRun, k6DurationsMs: readonly (number | null)[]): RateDuration {
  const known = k6DurationsMs.filter((ms): ms is number => ms !== null && Number.isFinite(ms) && ms > 0);
  return known.length === 0 ? { ms: sampleSpanMs(raw), from: 'sample-span' } : { ms: Math.max(...known), from: 'k6-summary' };
}
