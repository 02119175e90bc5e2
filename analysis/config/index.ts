/**
 * Public API of the stagecraft config file (`stagecraft.config.{ts,js,json}`): types,
 * `defineConfig`, loading with run-time validation, and per-endpoint budget merging.
 */
export { defineConfig } from './define-config.js';
export { CONFIG_FILE_NAMES, loadConfig, type LoadConfigOptions } from './load-config.js';
export { formatKeyPath, validateConfig, type ConfigKeyPath, type ConfigRule, type ConfigValidation } from './validate.js';
export { compareBudgetsOf, compareOptionsFrom } from './budgets.js';
export { BUDGET_METRICS } from './types.js';
export type { BudgetMetric, CompareConfig, LoadedConfig, StagecraftConfig } from './types.js';
