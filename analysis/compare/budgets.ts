import type { NoiseCalibration } from './calibration.js';
import type { EndpointId } from './draft.js';
import type { Budget, BudgetOverrides, ErrorRateBudget, LatencyMetric, ResolvedCompareOptions } from './types.js';

/** A ratio metric with a budget. */
export type BudgetedMetric = LatencyMetric | 'throughput';

/** The override scopes that apply to an endpoint, from the widest to the narrowest. */
function scopes(options: ResolvedCompareOptions, id: EndpointId): BudgetOverrides[] {
  // Own properties only: a service named `constructor` must not find Object's prototype.
  const service = Object.hasOwn(options.services, id.service) ? options.services[id.service] : undefined;
  if (service === undefined) return [];
  const endpoints = service.endpoints;
  const endpoint = endpoints !== undefined && Object.hasOwn(endpoints, id.endpoint) ? endpoints[id.endpoint] : undefined;
  return endpoint === undefined ? [service] : [service, endpoint];
}

/** Applies overrides field by field: a narrower scope setting only `fail` keeps the wider `warn`. */
export function mergeBudget(base: Budget, overrides: readonly (Partial<Budget> | undefined)[]): Budget {
  let { fail, warn } = base;
  for (const override of overrides) {
    if (override?.fail !== undefined) fail = override.fail;
    if (override?.warn !== undefined) warn = override.warn;
  }
  return { fail, warn };
}

/**
 * The budget of one row: global → service → endpoint overrides, then the A/A-calibrated noise
 * (stats-methods §3.10: δ_warn = max(configured, calibrated 95th percentile of |log ratio|),
 * never above the FAIL budget).
 */
export function rowBudget(options: ResolvedCompareOptions, calibration: NoiseCalibration | undefined, id: EndpointId, metric: BudgetedMetric): Budget {
  const merged = mergeBudget(options.budgets[metric], scopes(options, id).map((scope) => scope[metric]));
  const noise = calibration?.noise[metric];
  if (noise === undefined || noise <= merged.warn) return merged;
  return { fail: merged.fail, warn: merged.fail === null ? noise : Math.min(noise, merged.fail) };
}

/** The error-rate budget of one endpoint: global → service → endpoint overrides. */
export function rowErrorRateBudget(options: ResolvedCompareOptions, id: EndpointId): ErrorRateBudget {
  let { minIncrease, minRatio } = options.errorRate;
  for (const scope of scopes(options, id)) {
    if (scope.errorRate?.minIncrease !== undefined) minIncrease = scope.errorRate.minIncrease;
    if (scope.errorRate?.minRatio !== undefined) minRatio = scope.errorRate.minRatio;
  }
  return { minIncrease, minRatio };
}
