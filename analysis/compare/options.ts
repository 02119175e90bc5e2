import { StagecraftError } from '../../core/errors.js';
import { mergeBudget, type BudgetedMetric } from './budgets.js';
import type {
  Budget,
  BudgetOverrides,
  CalibrationSummary,
  CompareOptions,
  LatencyMetric,
  ResolvedCompareOptions,
  SampleFloor,
  ServiceBudgetOverrides,
} from './types.js';

const BUDGETED: readonly BudgetedMetric[] = ['p50', 'p95', 'p99', 'mean', 'throughput'];

/**
 * Defaults from stats-methods §3.10: α 0.05, 95% CIs; FAIL budgets p95 +5%, p99 +10%,
 * throughput −5% (badness ratio baseline/candidate ≥ 1.05); noise threshold 2%; error rate
 * +0.1 pp and ×1.5; sample floors p50 6/20, p95 72/200, p99 368/1000 (mean uses p50's).
 * p50 and mean are informational (`fail: null`).
 */
export const DEFAULT_COMPARE_OPTIONS: ResolvedCompareOptions = {
  alpha: 0.05,
  confidence: 0.95,
  power: 0.8,
  budgets: {
    p50: { fail: null, warn: 0.02 },
    p95: { fail: 0.05, warn: 0.02 },
    p99: { fail: 0.1, warn: 0.02 },
    mean: { fail: null, warn: 0.02 },
    throughput: { fail: 0.05, warn: 0.02 },
  },
  errorRate: { minIncrease: 0.001, minRatio: 1.5 },
  minSamples: {
    p50: { floor: 6, recommended: 20 },
    p95: { floor: 72, recommended: 200 },
    p99: { floor: 368, recommended: 1000 },
    mean: { floor: 6, recommended: 20 },
  },
  services: {},
  calibration: null,
  allowDifferentScenarios: false,
};

function invalid(message: string, fix: string): never {
  throw new StagecraftError({ code: 'invalid-input', message, fix });
}

function probability(name: string, value: number): number {
  if (!(value > 0 && value < 1)) invalid(`${name} must be strictly between 0 and 1, got ${String(value)}`, `pass ${name} as e.g. 0.05`);
  return value;
}

function nonNegative(name: string, value: number): number {
  if (!(Number.isFinite(value) && value >= 0)) invalid(`${name} must be a finite number >= 0, got ${String(value)}`, `pass ${name} as a number such as 0.05`);
  return value;
}

/** Fills in defaults and checks ranges. @throws StagecraftError `invalid-input` */
export function resolveCompareOptions(options: CompareOptions = {}): ResolvedCompareOptions {
  const d = DEFAULT_COMPARE_OPTIONS;
  const budget = (metric: LatencyMetric | 'throughput'): Budget => {
    const given = options.budgets?.[metric];
    const fail = given?.fail === undefined ? d.budgets[metric].fail : given.fail;
    const warn = given?.warn ?? d.budgets[metric].warn;
    nonNegative(`budgets.${metric}.warn`, warn);
    if (fail !== null) {
      nonNegative(`budgets.${metric}.fail`, fail);
      if (fail < warn) invalid(`budgets.${metric}.fail (${fail}) is below its warn threshold (${warn})`, 'make fail >= warn');
    }
    return { fail, warn };
  };
  const floor = (metric: LatencyMetric): SampleFloor => {
    const given = options.minSamples?.[metric];
    const result = {
      floor: nonNegative(`minSamples.${metric}.floor`, given?.floor ?? d.minSamples[metric].floor),
      recommended: nonNegative(`minSamples.${metric}.recommended`, given?.recommended ?? d.minSamples[metric].recommended),
    };
    if (result.recommended < result.floor) {
      invalid(`minSamples.${metric}.recommended is below its floor`, 'make recommended >= floor');
    }
    return result;
  };
  return {
    alpha: probability('alpha', options.alpha ?? d.alpha),
    confidence: probability('confidence', options.confidence ?? d.confidence),
    power: probability('power', options.power ?? d.power),
    budgets: { p50: budget('p50'), p95: budget('p95'), p99: budget('p99'), mean: budget('mean'), throughput: budget('throughput') },
    errorRate: {
      minIncrease: nonNegative('errorRate.minIncrease', options.errorRate?.minIncrease ?? d.errorRate.minIncrease),
      minRatio: nonNegative('errorRate.minRatio', options.errorRate?.minRatio ?? d.errorRate.minRatio),
    },
    minSamples: { p50: floor('p50'), p95: floor('p95'), p99: floor('p99'), mean: floor('mean') },
    services: checkServices(options.services ?? {}, { p50: budget('p50'), p95: budget('p95'), p99: budget('p99'), mean: budget('mean'), throughput: budget('throughput') }),
    calibration: calibrationSummary(options),
    allowDifferentScenarios: options.allowDifferentScenarios ?? d.allowDifferentScenarios,
  };
}

/** Checks every service and endpoint override against the global budgets it lands on. */
function checkServices(
  services: Readonly<Record<string, ServiceBudgetOverrides>>,
  global: Readonly<Record<BudgetedMetric, Budget>>,
): Readonly<Record<string, ServiceBudgetOverrides>> {
  const check = (path: string, chain: readonly BudgetOverrides[]): void => {
    for (const metric of BUDGETED) {
      const { fail, warn } = mergeBudget(global[metric], chain.map((scope) => scope[metric]));
      nonNegative(`${path}.${metric}.warn`, warn);
      if (fail !== null) {
        nonNegative(`${path}.${metric}.fail`, fail);
        if (fail < warn) invalid(`${path}.${metric}: fail (${fail}) is below warn (${warn})`, 'make fail >= warn');
      }
    }
    const last = chain[chain.length - 1];
    if (last?.errorRate?.minIncrease !== undefined) nonNegative(`${path}.errorRate.minIncrease`, last.errorRate.minIncrease);
    if (last?.errorRate?.minRatio !== undefined) nonNegative(`${path}.errorRate.minRatio`, last.errorRate.minRatio);
  };
  for (const [name, service] of Object.entries(services)) {
    check(`services.${name}`, [service]);
    for (const [endpoint, overrides] of Object.entries(service.endpoints ?? {})) check(`services.${name}.endpoints.${endpoint}`, [service, overrides]);
  }
  return services;
}

function calibrationSummary(options: CompareOptions): CalibrationSummary | null {
  const calibration = options.calibration;
  if (calibration === undefined) return null;
  return {
    source: options.calibrationSource ?? null,
    scenario: calibration.scenario,
    runsPerSide: calibration.runsPerSide,
    noise: calibration.noise,
    runSd: calibration.runSd,
    falseAlarmRate: calibration.falseAlarmRate,
  };
}
