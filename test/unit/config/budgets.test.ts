import { describe, expect, it } from 'vitest';
import { resolveCompareOptions } from '../../../analysis/compare/options.js';
import { compareOptionsFrom, defineConfig, type CompareConfig } from '../../../analysis/config/index.js';
import { rowBudget, rowErrorRateBudget } from '../../../analysis/compare/budgets.js';
import type { Budget } from '../../../analysis/compare/types.js';

const compare: CompareConfig = {
  alpha: 0.01,
  confidence: 0.99,
  budgets: { p95: { fail: 0.05, warn: 0.02 }, p99: { warn: 0.04 }, errorRate: { minIncrease: 0.002 } },
  minSamples: { p99: { floor: 100 } },
  services: {
    catalog: {
      p95: { warn: 0.03 },
      throughput: { fail: null },
      errorRate: { minRatio: 2 },
      endpoints: { 'get-item': { p95: { fail: 0.08 }, p50: { fail: 0.2 } } },
    },
  },
};

describe('per-endpoint budgets (rowBudget over a config)', () => {
  const resolved = resolveCompareOptions(compareOptionsFrom(compare));
  const budget = (service: string, endpoint: string, metric: 'p50' | 'p95' | 'p99' | 'throughput'): Budget => rowBudget(resolved, undefined, { service, endpoint }, metric);

  it('merges global → service → endpoint per metric and per field', () => {
    expect(budget('catalog', 'get-item', 'p50')).toEqual({ fail: 0.2, warn: 0.02 });
    expect(budget('catalog', 'get-item', 'p95')).toEqual({ fail: 0.08, warn: 0.03 });
    expect(budget('catalog', 'get-item', 'p99')).toEqual({ fail: 0.1, warn: 0.04 });
    expect(budget('catalog', 'get-item', 'throughput')).toEqual({ fail: null, warn: 0.02 });
    expect(rowErrorRateBudget(resolved, { service: 'catalog', endpoint: 'get-item' })).toEqual({ minIncrease: 0.002, minRatio: 2 });
  });

  it('uses the service level for its other endpoints and the global level for other services', () => {
    expect(budget('catalog', 'list-items', 'p95')).toEqual({ fail: 0.05, warn: 0.03 });
    expect(budget('orders', 'get-item', 'p95')).toEqual({ fail: 0.05, warn: 0.02 });
    expect(budget('orders', 'get-item', 'throughput')).toEqual({ fail: 0.05, warn: 0.02 });
  });

  it('ignores inherited object properties as names', () => {
    expect(budget('constructor', 'toString', 'p95')).toEqual({ fail: 0.05, warn: 0.02 });
    expect(budget('catalog', 'constructor', 'p95')).toEqual({ fail: 0.05, warn: 0.03 });
  });
});

describe('compareOptionsFrom', () => {
  it('maps a config onto compareRuns options, leaving out what it does not set', () => {
    expect(compareOptionsFrom(compare)).toEqual({
      alpha: 0.01,
      confidence: 0.99,
      minSamples: { p99: { floor: 100 } },
      budgets: { p95: { fail: 0.05, warn: 0.02 }, p99: { warn: 0.04 } },
      errorRate: { minIncrease: 0.002 },
      services: compare.services,
    });
    expect(compareOptionsFrom(undefined)).toEqual({});
    expect(compareOptionsFrom({ failOnInconclusive: true, calibration: '/tmp/aa.json' })).toEqual({});
  });

  it('gives options resolveCompareOptions accepts, also for one endpoint’s merged budgets', () => {
    const global = resolveCompareOptions(compareOptionsFrom(compare));
    expect(global.budgets.p95).toEqual({ fail: 0.05, warn: 0.02 });
    expect(global.budgets.p99).toEqual({ fail: 0.1, warn: 0.04 });
    expect(global.errorRate).toEqual({ minIncrease: 0.002, minRatio: 1.5 });
  });
});

describe('defineConfig', () => {
  it('returns its argument unchanged', () => {
    const config = { compare };
    expect(defineConfig(config)).toBe(config);
  });
});
