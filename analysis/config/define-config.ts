import type { StagecraftConfig } from './types.js';

/**
 * Types a stagecraft config file; returns its argument unchanged. Budgets are fractions
 * (0.05 = 5%) and merge field by field: defaults (stats-methods §3.10) → `compare.budgets` →
 * `compare.services[service]` → `compare.services[service].endpoints[endpoint]`.
 *
 * @example
 * ```ts
 * // stagecraft.config.ts
 * import { defineConfig } from 'stagecraft/analysis';
 *
 * export default defineConfig({
 *   compare: {
 *     alpha: 0.05,
 *     budgets: { p95: { fail: 0.05, warn: 0.02 }, p50: { fail: null } },
 *     services: {
 *       catalog: {
 *         p99: { fail: 0.15 },
 *         endpoints: { 'get-item': { p95: { fail: 0.08 } } }, // keeps warn 0.02
 *       },
 *     },
 *     failOnInconclusive: false,
 *     calibration: 'calibration/aa.json', // relative to this file
 *   },
 * });
 * ```
 */
export function defineConfig(config: StagecraftConfig): StagecraftConfig {
  return config;
}
