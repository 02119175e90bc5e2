import type { Budget, BudgetOverrides, CompareOptions } from '../compare/types.js';
import { BUDGET_METRICS, type BudgetMetric, type CompareConfig } from './types.js';

/**
 * Budget overrides as `compareRuns` options: the ratio metrics under `budgets`, the error rate
 * under `errorRate` (fields left out when not overridden).
 */
export function compareBudgetsOf(overrides: BudgetOverrides | undefined): Pick<CompareOptions, 'budgets' | 'errorRate'> {
  const budgets: Partial<Record<BudgetMetric, Partial<Budget>>> = {};
  for (const metric of BUDGET_METRICS) {
    const budget = overrides?.[metric];
    if (budget !== undefined) budgets[metric] = budget;
  }
  return {
    ...(Object.keys(budgets).length > 0 ? { budgets } : {}),
    ...(overrides?.errorRate === undefined ? {} : { errorRate: overrides.errorRate }),
  };
}

/**
 * The `compareRuns` options a config sets: `alpha`, `confidence`, `power`, `minSamples`, the
 * global `budgets`/`errorRate`, and `services` (per-service and per-endpoint overrides, which
 * `compareRuns` merges itself: see `rowBudget` in analysis/compare/budgets.ts).
 * Fields the config leaves out are left out (defaults apply). `calibration` is a path here and
 * is not included: read the file and pass it as `calibration`/`calibrationSource`.
 */
export function compareOptionsFrom(config: CompareConfig | undefined): CompareOptions {
  if (config === undefined) return {};
  return {
    ...(config.alpha === undefined ? {} : { alpha: config.alpha }),
    ...(config.confidence === undefined ? {} : { confidence: config.confidence }),
    ...(config.power === undefined ? {} : { power: config.power }),
    ...(config.minSamples === undefined ? {} : { minSamples: config.minSamples }),
    ...compareBudgetsOf(config.budgets),
    ...(config.services === undefined ? {} : { services: config.services }),
    ...(config.resources === undefined ? {} : { resources: config.resources }),
  };
}
