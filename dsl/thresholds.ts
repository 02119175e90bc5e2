import { durationToMs } from '../core/duration.js';
import type { Duration } from './duration.js';
import { GRPC_FAILED_METRIC, scopeNames, scopeTags, type Scope } from './scope.js';

export { GRPC_FAILED_METRIC, scopeNames, scopeTags, serviceTagValue, type Scope } from './scope.js';

/** A k6 comparison operator. */
export type Operator = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** One compiled threshold: k6 metric, tag filter and expression (`p(95)<300`). */
export interface ThresholdRule {
  readonly kind: 'threshold';
  readonly metric: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly expression: string;
  readonly abortOnFail?: boolean;
  /** Minimum test time before an abort may happen. */
  readonly delayAbortEval?: Duration;
}

/** Options that turn a threshold into an abort condition. */
export interface AbortOptions {
  readonly abortOnFail?: boolean;
  readonly delayAbortEval?: Duration;
}

/** Latency aggregations k6 allows on a Trend: `avg`, `min`, `max`, `med`, `p(N)`. */
export type TrendStatistic = 'avg' | 'min' | 'max' | 'med' | `p(${number})`;

/** Comparisons on a latency statistic; values are durations with units. */
export interface LatencyComparisons {
  below(limit: Duration, options?: AbortOptions): ThresholdRule;
  atMost(limit: Duration, options?: AbortOptions): ThresholdRule;
}

/** Latency thresholds: pick the statistic, then the limit. A Rate metric has no `.p()`. */
export interface LatencyThreshold {
  p(percentile: number): LatencyComparisons;
  readonly avg: LatencyComparisons;
  readonly med: LatencyComparisons;
  readonly min: LatencyComparisons;
  readonly max: LatencyComparisons;
}

/** Comparisons on a rate (0..1). */
export interface RateThreshold {
  below(fraction: number, options?: AbortOptions): ThresholdRule;
  above(fraction: number, options?: AbortOptions): ThresholdRule;
}

/** Comparisons on a counter: total `count` or per-second `rate`. */
export interface CounterThreshold {
  count(operator: Operator, value: number, options?: AbortOptions): ThresholdRule;
  rate(operator: Operator, perSecond: number, options?: AbortOptions): ThresholdRule;
}

function scopeProtocol(scope: Scope): 'http' | 'grpc' {
  return scope.kind === 'http-service' || scope.kind === 'http-endpoint' ? 'http' : 'grpc';
}

function rule(metric: string, tags: Record<string, string>, expression: string, options: AbortOptions | undefined): ThresholdRule {
  return { kind: 'threshold', metric, tags, expression, ...options };
}

function checkPercentile(percentile: number): void {
  if (!Number.isFinite(percentile) || percentile < 0 || percentile > 100) {
    throw new RangeError(`p(${percentile}): a percentile must be between 0 and 100`);
  }
}

function trendComparisons(metric: string, tags: Record<string, string>, statistic: TrendStatistic): LatencyComparisons {
  const compare = (operator: Operator, limit: Duration, options?: AbortOptions): ThresholdRule =>
    rule(metric, tags, `${statistic}${operator}${durationToMs(limit)}`, options);
  return {
    below: (limit, options) => compare('<', limit, options),
    atMost: (limit, options) => compare('<=', limit, options),
  };
}

/** Latency threshold on any Trend metric that holds times (ms), with a tag filter. */
export function trend(metric: string, tags: Readonly<Record<string, string>> = {}): LatencyThreshold {
  const filter = { ...tags };
  return {
    p: (percentile) => {
      checkPercentile(percentile);
      return trendComparisons(metric, filter, `p(${percentile})`);
    },
    avg: trendComparisons(metric, filter, 'avg'),
    med: trendComparisons(metric, filter, 'med'),
    min: trendComparisons(metric, filter, 'min'),
    max: trendComparisons(metric, filter, 'max'),
  };
}

/** Threshold on any Rate metric (`rate<0.01`). */
export function rate(metric: string, tags: Readonly<Record<string, string>> = {}): RateThreshold {
  const check = (fraction: number): void => {
    if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`rate threshold on ${metric}: ${fraction} is not a fraction between 0 and 1`);
  };
  return {
    below: (fraction, options) => (check(fraction), rule(metric, { ...tags }, `rate<${fraction}`, options)),
    above: (fraction, options) => (check(fraction), rule(metric, { ...tags }, `rate>${fraction}`, options)),
  };
}

/** Threshold on any Counter metric (`count>100`, `rate<50`). */
export function counter(metric: string, tags: Readonly<Record<string, string>> = {}): CounterThreshold {
  return {
    count: (operator, value, options) => rule(metric, { ...tags }, `count${operator}${value}`, options),
    rate: (operator, perSecond, options) => rule(metric, { ...tags }, `rate${operator}${perSecond}`, options),
  };
}

/** Comparisons on a gauge's last value. */
export interface GaugeThreshold {
  value(operator: Operator, limit: number, options?: AbortOptions): ThresholdRule;
}

/** Threshold on any Gauge metric (`value<100`). */
export function gauge(metric: string, tags: Readonly<Record<string, string>> = {}): GaugeThreshold {
  return { value: (operator, limit, options) => rule(metric, { ...tags }, `value${operator}${limit}`, options) };
}

/**
 * Request latency of a service or endpoint (`http_req_duration` or `grpc_req_duration`).
 *
 * @example latency(getItem).p(95).below('300ms') // 'http_req_duration{service:catalog,endpoint:get-item}': ['p(95)<300']
 */
export function latency(scope: Scope): LatencyThreshold {
  return trend(scopeProtocol(scope) === 'http' ? 'http_req_duration' : 'grpc_req_duration', scopeTags(scope));
}

/**
 * Share of failed requests of a service or endpoint: `http_req_failed` for HTTP, and for gRPC
 * stagecraft's own Rate of non-OK statuses (k6 has no built-in gRPC failure metric).
 */
export function errorRate(scope: Scope): RateThreshold {
  return rate(scopeProtocol(scope) === 'http' ? 'http_req_failed' : GRPC_FAILED_METRIC, scopeTags(scope));
}

/** SLO tiers for one latency statistic, from a performance-targets table. */
export interface SloTiers {
  readonly target?: Duration;
  readonly acceptable?: Duration;
  readonly critical?: Duration;
}

/** An SLO: all tiers go to the analyser; the enforced tier becomes a k6 threshold. */
export interface Slo {
  readonly kind: 'slo';
  readonly scope: Scope;
  readonly statistic: TrendStatistic;
  readonly tiers: SloTiers;
  readonly enforce: keyof SloTiers;
  readonly threshold: ThresholdRule;
}

/**
 * Declares latency SLO tiers for a scope. The generated script enforces the `enforce` tier
 * (default `critical`: a run only fails k6 thresholds on a critical breach); the report judges
 * every tier.
 *
 * @example slo(getItem, 'p(95)', { target: '150ms', acceptable: '250ms', critical: '400ms' })
 */
export function slo(scope: Scope, statistic: TrendStatistic, tiers: SloTiers, options: { readonly enforce?: keyof SloTiers } = {}): Slo {
  const enforce = options.enforce ?? 'critical';
  const limit = tiers[enforce];
  if (limit === undefined) throw new RangeError(`slo(${scopeNames(scope).endpoint ?? scopeNames(scope).service}): the enforced tier "${enforce}" has no value`);
  const latencyThreshold = latency(scope);
  const percentile = /^p\((.+)\)$/.exec(statistic)?.[1];
  const comparisons = percentile === undefined ? latencyThreshold[statistic as 'avg' | 'med' | 'min' | 'max'] : latencyThreshold.p(Number(percentile));
  return { kind: 'slo', scope, statistic, tiers, enforce, threshold: comparisons.below(limit) };
}
