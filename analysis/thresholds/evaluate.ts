/**
 * Judging k6 thresholds from raw samples, the way k6 judges them at the end of a test
 * (`grafana/k6:metrics/thresholds.go` `Run`), but over any set of samples: in particular over
 * the merged samples of every instance of a distributed run, which no single k6 instance sees.
 */

import type { ThresholdVerdictRecord } from '../../core/run-manifest.js';
import type { MetricKind, RawRun } from '../model/raw-run.js';
import { quantileSorted } from '../stats/quantile-sorted.js';
import { applyOperator, parseThresholdExpression, parseThresholdKey, type ThresholdAggregation, type ThresholdKey } from './parse.js';
import type { RateDuration } from './test-duration.js';

/** A threshold's verdict over one set of samples. */
export type ThresholdOutcome = Omit<ThresholdVerdictRecord, 'instances'>;

/** What a threshold is evaluated over. */
export interface ThresholdData {
  readonly raw: RawRun;
  /** The denominator of a counter's `rate` (k6: the test run duration; see `rateDuration`). */
  readonly duration: RateDuration;
}

function aggregationKinds(aggregation: ThresholdAggregation): readonly MetricKind[] {
  switch (aggregation.kind) {
    case 'count':
      return ['counter'];
    case 'rate':
      return ['counter', 'rate'];
    case 'value':
      return ['gauge'];
    default:
      return ['trend'];
  }
}

function matches(tags: Readonly<Record<string, string>>, filter: Readonly<Record<string, string>>): boolean {
  for (const [key, value] of Object.entries(filter)) if (tags[key] !== value) return false;
  return true;
}

/** Every sample of the key's metric whose tags include the key's tag filter. */
function selected(raw: RawRun, key: ThresholdKey): { values: number[]; last: { time: number; value: number } | null } {
  const values: number[] = [];
  let last: { time: number; value: number } | null = null;
  for (const series of raw.series) {
    if (series.metric !== key.metric || !matches(raw.tagSets[series.tagSet] ?? {}, key.tags)) continue;
    for (let i = 0; i < series.value.length; i += 1) {
      const value = series.value[i] as number;
      const time = series.time[i] as number;
      values.push(value);
      if (last === null || time >= last.time) last = { time, value };
    }
  }
  return { values, last };
}

/** The aggregated value as k6 computes it; null when k6 computes none (a rate of no samples). */
function aggregate(kind: MetricKind, aggregation: ThresholdAggregation, values: number[], last: { value: number } | null, durationMs: number): number | null {
  if (kind === 'counter') {
    const count = values.reduce((sum, value) => sum + value, 0);
    return aggregation.kind === 'count' ? count : durationMs > 0 ? count / (durationMs / 1000) : null;
  }
  if (kind === 'rate') return values.length === 0 ? null : values.filter((value) => value !== 0).length / values.length;
  if (kind === 'gauge') return last?.value ?? 0;
  // An empty trend reads 0 for every statistic in k6.
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  switch (aggregation.kind) {
    case 'min':
      return sorted[0] as number;
    case 'max':
      return sorted[sorted.length - 1] as number;
    case 'avg':
      return values.reduce((sum, value) => sum + value, 0) / values.length;
    case 'med':
      return quantileSorted(sorted, 0.5);
    case 'percentile':
      return quantileSorted(sorted, aggregation.percent / 100);
    default:
      return null;
  }
}

/** Why a counter's rate was divided by the span of the samples, not k6's test run duration. */
function spanNote(duration: RateDuration): string {
  return `per second over the span of the samples (${(duration.ms / 1000).toFixed(3)} s), not k6's test run duration: no k6 summary of the run has it`;
}

/**
 * Judges one threshold over `data`. Mirrors k6: counters give `count` and `rate`
 * (count ÷ the test run duration in s; divided by the span of the samples when that is
 * unknown, which `reason` then says), rates the share of non-zero samples (no samples: no value, and k6
 * does not fail the threshold), gauges their last value, trends avg/min/max/med/p(N) by
 * type-7 quantiles (an empty trend reads 0). The metric type comes from the output's metric
 * declarations, else from the aggregation.
 */
export function evaluateThreshold(metric: string, expression: string, data: ThresholdData): ThresholdOutcome {
  const key = parseThresholdKey(metric);
  const parsed = parseThresholdExpression(expression);
  if ('error' in key) return { metric, expression, ok: null, value: null, reason: key.error };
  if ('error' in parsed) return { metric, expression, ok: null, value: null, reason: parsed.error };
  const allowed = aggregationKinds(parsed.aggregation);
  const declared = data.raw.metrics.get(key.metric)?.kind;
  if (declared !== undefined && !allowed.includes(declared)) {
    return { metric, expression, ok: null, value: null, reason: `${key.metric} is a ${declared}, which has no "${parsed.aggregation.kind}" aggregation` };
  }
  if (declared === undefined && !data.raw.series.some((series) => series.metric === key.metric) && parsed.aggregation.kind !== 'count') {
    return { metric, expression, ok: null, value: null, reason: `no sample of metric ${key.metric} in the output` };
  }
  const kind: MetricKind = declared ?? allowed[0] ?? 'trend';
  const { values, last } = selected(data.raw, key);
  const value = aggregate(kind, parsed.aggregation, values, last, data.duration.ms);
  const counterRate = kind === 'counter' && parsed.aggregation.kind === 'rate';
  if (value === null && counterRate) return { metric, expression, ok: null, value: null, reason: 'the run has no duration to divide the count by' };
  if (value === null) return { metric, expression, ok: true, value: null, reason: 'no samples: k6 computes no rate and does not fail the threshold' };
  const ok = applyOperator(value, parsed.operator, parsed.value);
  return counterRate && data.duration.from === 'sample-span' ? { metric, expression, ok, value, reason: spanNote(data.duration) } : { metric, expression, ok, value };
}

/** True when the threshold is a counter's `rate`, the one aggregation that depends on the test's duration. */
export function isCounterRate(metric: string, expression: string, raw: RawRun): boolean {
  const key = parseThresholdKey(metric);
  const parsed = parseThresholdExpression(expression);
  if ('error' in key || 'error' in parsed || parsed.aggregation.kind !== 'rate') return false;
  // As in evaluateThreshold: an undeclared metric with a `rate` aggregation is read as a counter.
  return (raw.metrics.get(key.metric)?.kind ?? 'counter') === 'counter';
}

/** Judges every threshold of `definitions` (key → expressions) over `data`, in key order. */
export function evaluateThresholds(definitions: Readonly<Record<string, readonly string[]>>, data: ThresholdData): ThresholdOutcome[] {
  const keys = Object.keys(definitions).sort();
  return keys.flatMap((metric) => (definitions[metric] ?? []).map((expression) => evaluateThreshold(metric, expression, data)));
}
