import type * as Durations from '../duration.js';
import type { CompoundDuration } from '../duration.js';
import type { ConstantVus, LoadProfile, RampingArrivalRate } from '../load.js';
import type * as Shapes from '../shapes/index.js';
import type * as Thresholds from '../thresholds.js';
import type { LatencyComparisons, LatencyThreshold, RateThreshold, ThresholdRule } from '../thresholds.js';

/**
 * What generated k6 scripts bundle instead of the DSL modules only the compiler needs
 * (`dsl/thresholds.ts`, `dsl/shapes/index.ts`, `dsl/duration.ts`; see `COMPILE_ONLY_MODULES` in
 * `dsl/compiler/bundle.ts`).
 *
 * Every k6 VU evaluates the whole scenario file, including its `thresholds`, `slos` and load
 * shapes, although the compiler has already turned them into the literal `options` of the
 * script and validated them. The real builders parse durations with k6's grammar (Unicode
 * regular expressions, slow to compile in k6's JavaScript engine), which made initialising
 * each VU cost about twice as much as a hand-written script's. These stand-ins accept the same
 * calls and return placeholders at once; the k6 runtime never reads thresholds, SLOs or loads.
 */

export { GRPC_FAILED_METRIC, scopeNames, scopeTags, serviceTagValue } from '../scope.js';
export { SHAPE_DEFAULTS } from '../shapes/defaults.js';

/** The rule every threshold builder returns in k6: the real thresholds are in the script's `options`. */
const COMPILED_RULE: ThresholdRule = { kind: 'threshold', metric: '(compiled into options)', tags: {}, expression: '' };

const ruleOf = (): ThresholdRule => COMPILED_RULE;
const comparisons: LatencyComparisons = { below: ruleOf, atMost: ruleOf };
const latencyThreshold: LatencyThreshold = { p: () => comparisons, avg: comparisons, med: comparisons, min: comparisons, max: comparisons };
const rateThreshold: RateThreshold = { below: ruleOf, above: ruleOf };
const counterThreshold: Thresholds.CounterThreshold = { count: ruleOf, rate: ruleOf };
const gaugeThreshold: Thresholds.GaugeThreshold = { value: ruleOf };

/** Stand-in for {@link Thresholds.trend}. */
export const trend: typeof Thresholds.trend = () => latencyThreshold;
/** Stand-in for {@link Thresholds.latency}. */
export const latency: typeof Thresholds.latency = () => latencyThreshold;
/** Stand-in for {@link Thresholds.rate}. */
export const rate: typeof Thresholds.rate = () => rateThreshold;
/** Stand-in for {@link Thresholds.errorRate}. */
export const errorRate: typeof Thresholds.errorRate = () => rateThreshold;
/** Stand-in for {@link Thresholds.counter}. */
export const counter: typeof Thresholds.counter = () => counterThreshold;
/** Stand-in for {@link Thresholds.gauge}. */
export const gauge: typeof Thresholds.gauge = () => gaugeThreshold;
/** Stand-in for {@link Thresholds.slo}: keeps the declared values, enforces nothing (k6 enforces `options.thresholds`). */
export const slo: typeof Thresholds.slo = (scope, statistic, tiers, options = {}) => ({ kind: 'slo', scope, statistic, tiers, enforce: options.enforce ?? 'critical', threshold: COMPILED_RULE });

/** Stand-in for {@link Durations.duration}: the compiler has validated every duration already. */
export const duration: typeof Durations.duration = (text) => text as CompoundDuration;

const CLOSED_PLACEHOLDER: ConstantVus = { executor: 'constant-vus', vus: 0, duration: '0s' };
const OPEN_PLACEHOLDER: RampingArrivalRate = { executor: 'ramping-arrival-rate', stages: [], preAllocatedVUs: 0 };

/** Stand-in for {@link Shapes.shapes}: the scenarios' executors are in the script's `options`. */
export const shapes: { readonly [Name in keyof typeof Shapes.shapes]: () => LoadProfile } = {
  smoke: () => CLOSED_PLACEHOLDER,
  averageLoad: () => CLOSED_PLACEHOLDER,
  stress: () => CLOSED_PLACEHOLDER,
  spike: () => OPEN_PLACEHOLDER,
  soak: () => CLOSED_PLACEHOLDER,
  breakpoint: () => OPEN_PLACEHOLDER,
  peak: () => CLOSED_PLACEHOLDER,
};
