import type { BudgetOverrides, CompareOptions, LatencyMetric, ResourceBudgetOverrides, ServiceBudgetOverrides } from '../compare/types.js';

/** Ratio metrics that take a `Budget`: the latency statistics and throughput. */
export type BudgetMetric = LatencyMetric | 'throughput';

/** Ratio metrics with a budget, in report order. */
export const BUDGET_METRICS = ['p50', 'p95', 'p99', 'mean', 'throughput'] as const satisfies readonly BudgetMetric[];

/** The `compare` section of a stagecraft config: defaults for `stagecraft compare`. */
export interface CompareConfig {
  /** Significance level (two-sided), in (0, 1). Default 0.05. */
  readonly alpha?: number;
  /** Confidence level of the CIs, in (0, 1). Default 0.95. */
  readonly confidence?: number;
  /** Power for the minimum detectable change, in (0, 1). Default 0.8. */
  readonly power?: number;
  /**
   * Global budget overrides, merged field by field over the defaults of stats-methods §3.10.
   * Values are fractions (0.05 = 5%); `fail: null` makes a metric informational.
   */
  readonly budgets?: BudgetOverrides;
  /** Sample floors per latency metric (merged over the defaults). */
  readonly minSamples?: NonNullable<CompareOptions['minSamples']>;
  /**
   * Resource budgets (server-side CPU and memory of runs made with `--resource`): `cpu` gates
   * mean CPU, `memory` peak RSS; default FAIL +10%, noise threshold 2%. Per service under
   * `services.<name>.resources`.
   */
  readonly resources?: ResourceBudgetOverrides;
  /** Budget overrides per service name (as in the report), and per endpoint within it. */
  readonly services?: Readonly<Record<string, ServiceBudgetOverrides>>;
  /** Treat WARN `inconclusive-more-runs-needed` rows as failures of the command. */
  readonly failOnInconclusive?: boolean;
  /**
   * Path of an A/A calibration file. Written relative to the config file; `loadConfig`
   * returns it resolved to an absolute path.
   */
  readonly calibration?: string;
}

/** A stagecraft config file's default export (or JSON document). */
export interface StagecraftConfig {
  /** Settings of `stagecraft compare`. */
  readonly compare?: CompareConfig;
}

/** The result of `loadConfig`. */
export interface LoadedConfig {
  /** The validated config (empty when no file was found); `compare.calibration` is absolute. */
  readonly config: StagecraftConfig;
  /** Absolute path of the file it came from, or null when there was none. */
  readonly file: string | null;
}
