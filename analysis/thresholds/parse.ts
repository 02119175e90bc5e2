/**
 * k6's threshold grammar (`grafana/k6:metrics/thresholds_parser.go`, `metrics/metric.go`):
 * keys `metric` or `metric{tag:value,...}`, expressions `<aggregation> <operator> <number>`.
 */

/** A k6 comparison operator (`===` is k6's alias of `==`). */
export type ThresholdOperator = '<=' | '<' | '>=' | '>' | '===' | '==' | '!=';

/** What a threshold aggregates: a named statistic or a percentile `p(N)` (N in 0..100). */
export type ThresholdAggregation =
  | { readonly kind: 'avg' | 'min' | 'max' | 'med' | 'count' | 'rate' | 'value' }
  | { readonly kind: 'percentile'; readonly percent: number };

/** A parsed expression such as `p(95)<300`. */
export interface ThresholdExpression {
  readonly aggregation: ThresholdAggregation;
  readonly operator: ThresholdOperator;
  readonly value: number;
}

/** A parsed key: the metric and the tag filter of a sub-metric (empty for the metric itself). */
export interface ThresholdKey {
  readonly metric: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** k6 looks for operators in this order; the first one found splits the expression. */
const OPERATORS: readonly ThresholdOperator[] = ['<=', '<', '>=', '>', '===', '==', '!='];
const NAMED = new Set(['avg', 'min', 'max', 'med', 'count', 'rate', 'value']);

/** Trims spaces and one pair of surrounding quotes, as k6 does for sub-metric tags. */
function unquote(text: string): string {
  return text.trim().replace(/^(["'])(.*)\1$/, '$2').trim();
}

/**
 * Parses a threshold key. Each `k:v` pair is split on its first `:` (so `group:::x` is the tag
 * `group` with value `::x`).
 *
 * @returns the key, or a reason why it is not one k6 would accept
 */
export function parseThresholdKey(key: string): ThresholdKey | { readonly error: string } {
  const open = key.indexOf('{');
  if (open === -1) return /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(key.trim()) ? { metric: key.trim(), tags: {} } : { error: `"${key}" is not a metric name` };
  if (!key.trimEnd().endsWith('}')) return { error: `"${key}" opens "{" but does not end with "}"` };
  const metric = key.slice(0, open).trim();
  const inner = key.trimEnd().slice(open + 1, -1);
  const tags: Record<string, string> = {};
  for (const pair of inner.split(',')) {
    const colon = pair.indexOf(':');
    if (colon === -1) return { error: `"${pair.trim()}" in "${key}" is not tag:value` };
    tags[unquote(pair.slice(0, colon))] = unquote(pair.slice(colon + 1));
  }
  return { metric, tags };
}

/**
 * Parses a threshold expression (`p(95)<300`, `rate < 0.01`, `count>=100`).
 *
 * @returns the expression, or a reason why k6 would reject it
 */
export function parseThresholdExpression(text: string): ThresholdExpression | { readonly error: string } {
  const operator = OPERATORS.find((candidate) => text.includes(candidate));
  if (operator === undefined) return { error: `"${text}" has no comparison operator (<, <=, >, >=, ==, ===, !=)` };
  const at = text.indexOf(operator);
  const left = text.slice(0, at).trim();
  const right = text.slice(at + operator.length).trim();
  const value = Number(right);
  if (right === '' || !Number.isFinite(value)) return { error: `"${right}" in "${text}" is not a number` };
  if (NAMED.has(left)) return { aggregation: { kind: left as 'avg' }, operator, value };
  const percentile = /^p\(\s*([0-9]*\.?[0-9]+)\s*\)$/.exec(left);
  if (percentile) {
    const percent = Number(percentile[1]);
    if (percent < 0 || percent > 100) return { error: `percentile ${percent} in "${text}" is outside 0..100` };
    return { aggregation: { kind: 'percentile', percent }, operator, value };
  }
  return { error: `"${left}" in "${text}" is not a k6 aggregation (avg, min, max, med, p(N), count, rate, value)` };
}

/** Applies a k6 operator (float comparison, as k6 does). */
export function applyOperator(left: number, operator: ThresholdOperator, right: number): boolean {
  switch (operator) {
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '==':
    case '===':
      return left === right;
    case '!=':
      return left !== right;
    default:
      return operator satisfies never;
  }
}

/**
 * The expressions of k6's `options.thresholds` (as `k6 inspect` prints them): plain strings or
 * `{ threshold, abortOnFail, delayAbortEval }` objects, keyed by metric or sub-metric.
 */
export function thresholdDefinitions(thresholds: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (typeof thresholds !== 'object' || thresholds === null) return out;
  for (const [key, list] of Object.entries(thresholds)) {
    if (!Array.isArray(list)) continue;
    out[key] = list
      .map((item: unknown) => (typeof item === 'string' ? item : typeof item === 'object' && item !== null && typeof (item as { threshold?: unknown }).threshold === 'string' ? (item as { threshold: string }).threshold : null))
      .filter((item): item is string => item !== null);
  }
  return out;
}
