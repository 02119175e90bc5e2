/**
 * Type-level tests: a stagecraft config written with `defineConfig` only accepts the known keys,
 * the budgeted metric names and numeric (fraction) budgets; `fail: null` is allowed.
 */
import { describe, expectTypeOf, test } from 'vitest';
import { compareOptionsFrom, defineConfig, loadConfig, type LoadedConfig, type StagecraftConfig } from '../../analysis/config/index.js';
import type { CompareOptions } from '../../analysis/compare/types.js';

describe('defineConfig', () => {
  test('a full config compiles and keeps its type', () => {
    const config = defineConfig({
      compare: {
        alpha: 0.05,
        confidence: 0.95,
        power: 0.8,
        budgets: { p50: { fail: null }, p95: { fail: 0.05, warn: 0.02 }, throughput: { fail: 0.05 }, errorRate: { minIncrease: 0.001, minRatio: 1.5 } },
        minSamples: { p99: { floor: 368, recommended: 1000 } },
        services: { catalog: { p99: { fail: 0.15 }, endpoints: { 'get-item': { p95: { fail: 0.08 } } } } },
        failOnInconclusive: true,
        calibration: 'calibration/aa.json',
      },
    });
    expectTypeOf(config).toEqualTypeOf<StagecraftConfig>();
    expectTypeOf(defineConfig({})).toEqualTypeOf<StagecraftConfig>();
  });

  test('a wrong metric name does not compile', () => {
    // @ts-expect-error -- there is no p90 budget: p50, p95, p99, mean, throughput or errorRate
    defineConfig({ compare: { budgets: { p90: { fail: 0.05 } } } });
    // @ts-expect-error -- the error-rate budget is `errorRate`, not the row metric name
    defineConfig({ compare: { services: { catalog: { 'error-rate': { minRatio: 2 } } } } });
    // @ts-expect-error -- nor inside an endpoint
    defineConfig({ compare: { services: { catalog: { endpoints: { 'get-item': { p999: { fail: 0.1 } } } } } } });
  });

  test('a string budget does not compile', () => {
    // @ts-expect-error -- budgets are fractions: write 0.05, not '5%'
    defineConfig({ compare: { budgets: { p95: { fail: '5%' } } } });
    // @ts-expect-error -- warn cannot be null (only fail can, to make a metric informational)
    defineConfig({ compare: { budgets: { p95: { warn: null } } } });
    // @ts-expect-error -- alpha is a number
    defineConfig({ compare: { alpha: '0.05' } });
  });

  test('an unknown key does not compile', () => {
    // @ts-expect-error -- `budget` is not a key (did you mean `budgets`?)
    defineConfig({ compare: { budget: { p95: { fail: 0.05 } } } });
    // @ts-expect-error -- a budget has only fail and warn
    defineConfig({ compare: { budgets: { p95: { failure: 0.05 } } } });
    // @ts-expect-error -- the top level has only `compare`
    defineConfig({ comapre: {} });
    // @ts-expect-error -- endpoint overrides go under `endpoints`, which has no nested services
    defineConfig({ compare: { services: { catalog: { endpoints: { 'get-item': { endpoints: {} } } } } } });
  });
});

describe('loading and merging', () => {
  test('signatures', () => {
    expectTypeOf(loadConfig).parameter(0).toEqualTypeOf<{ readonly file?: string; readonly cwd: string }>();
    expectTypeOf(loadConfig).returns.toEqualTypeOf<Promise<LoadedConfig>>();
    expectTypeOf(compareOptionsFrom).returns.toEqualTypeOf<CompareOptions>();
  });
});
