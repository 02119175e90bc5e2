import type { Problem, SourceLocation } from '../../core/errors.js';
import { DEFAULT_COMPARE_OPTIONS } from '../compare/options.js';
import { DEFAULT_RESOURCE_BUDGETS } from '../compare/resource-rows.js';
import type { LatencyMetric } from '../compare/types.js';
import { closestNames, orList } from './suggest.js';
import { BUDGET_METRICS, type BudgetMetric, type StagecraftConfig } from './types.js';

/** A path of keys into the config object: `['compare', 'services', 'catalog', 'p95', 'fail']`. */
export type ConfigKeyPath = readonly string[];

/** Stable rules of config problems (`Problem.rule`). */
export type ConfigRule = 'unknown-key' | 'wrong-type' | 'out-of-range' | 'fail-below-warn' | 'recommended-below-floor';

/** The outcome of {@link validateConfig}: the typed config, or every problem found. */
export type ConfigValidation = { readonly ok: true; readonly config: StagecraftConfig } | { readonly ok: false; readonly problems: readonly Problem[] };

const ROOT_KEYS = ['compare'] as const;
const COMPARE_KEYS = ['alpha', 'confidence', 'power', 'budgets', 'minSamples', 'services', 'failOnInconclusive', 'calibration', 'resources'] as const;
const OVERRIDE_KEYS = [...BUDGET_METRICS, 'errorRate'] as const;
const SERVICE_KEYS = [...OVERRIDE_KEYS, 'endpoints', 'resources'] as const;
const RESOURCE_KEYS = ['cpu', 'memory'] as const;
const BUDGET_FIELDS = ['fail', 'warn'] as const;
const ERROR_RATE_FIELDS = ['minIncrease', 'minRatio'] as const;
const SAMPLE_METRICS = ['p50', 'p95', 'p99', 'mean'] as const satisfies readonly LatencyMetric[];
const SAMPLE_FIELDS = ['floor', 'recommended'] as const;
/** JSON configs may name their schema for editors; it is accepted at the top level and dropped. */
const SCHEMA_KEY = '$schema';

/**
 * `compare.services.catalog.endpoints.get-item.p95.fail`; keys that are not plain names
 * (dots, spaces, slashes, …) are written `["127.0.0.1:8080"]`.
 */
export function formatKeyPath(path: ConfigKeyPath): string {
  let text = '';
  for (const key of path) {
    if (/^[A-Za-z0-9_$-]+$/.test(key)) text += text === '' ? key : `.${key}`;
    else text += `[${JSON.stringify(key)}]`;
  }
  return text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function has(record: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key) && record[key] !== undefined;
}

/** How a wrong value reads in a message: `a string ("5%")`, `an array`, `null`. */
function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
    case 'number':
      return `the number ${String(value)}`;
    case 'boolean':
      return `the boolean ${String(value)}`;
    case 'object':
      return 'an object';
    case 'undefined':
      return 'undefined';
    default:
      return `a ${typeof value}`;
  }
}

function lineAndColumn(file: string, text: string, index: number): SourceLocation {
  const before = text.slice(0, index);
  return { file, line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
}

/**
 * Best-effort location of a key path in the config's source text (TS, JS or JSON): each key is
 * searched as `key:` / `"key":` / `'key':` after the previous one. Falls back to the file alone.
 */
export function locateKeyPath(file: string, text: string | undefined, path: ConfigKeyPath): SourceLocation {
  if (text === undefined) return { file };
  let from = 0;
  let found = -1;
  for (const key of path) {
    const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const match = new RegExp(`(^|[\\s{,'"\`])${escaped}['"\`]?\\s*:`, 'm').exec(text.slice(from));
    if (!match) continue;
    found = from + match.index + (match[1]?.length ?? 0);
    from = found;
  }
  return found >= 0 ? lineAndColumn(file, text, found) : { file };
}

/** Where a budget field's effective value came from, for messages. */
interface Sourced<T> {
  readonly value: T;
  readonly from: string;
}

interface EffectiveBudget {
  readonly fail: Sourced<number | null>;
  readonly warn: Sourced<number>;
}

class ConfigValidator {
  readonly problems: Problem[] = [];

  constructor(
    private readonly file: string,
    private readonly text: string | undefined,
  ) {}

  private report(path: ConfigKeyPath, rule: ConfigRule, message: string, fix: string): void {
    this.problems.push({
      code: 'invalid-input',
      rule,
      message: path.length === 0 ? message : `${formatKeyPath(path)}: ${message}`,
      fix,
      location: locateKeyPath(this.file, this.text, path),
    });
  }

  private wrongType(path: ConfigKeyPath, expected: string, value: unknown, fix: string): void {
    this.report(path, 'wrong-type', `expected ${expected}, got ${describeValue(value)}`, fix);
  }

  /** Checks that `value` is an object with only `keys`; returns it, or undefined after a problem. */
  private object(path: ConfigKeyPath, value: unknown, keys: readonly string[], what: string, hint?: (key: string, value: unknown) => string | undefined): Record<string, unknown> | undefined {
    if (!isRecord(value)) {
      this.wrongType(path, `an object (${what})`, value, `write ${path.length === 0 ? 'the config' : formatKeyPath(path)} as an object with keys among ${keys.join(', ')}`);
      return undefined;
    }
    for (const key of Object.keys(value)) {
      if (keys.includes(key) || value[key] === undefined) continue;
      const special = hint?.(key, value[key]);
      const close = closestNames(key, keys);
      const didYouMean = special ?? (close.length > 0 ? `did you mean ${orList(close.map((name) => `"${name}"`))}?` : undefined);
      this.report(
        [...path, key],
        'unknown-key',
        `unknown key "${key}"${didYouMean === undefined ? '' : `; ${didYouMean}`}`,
        `use one of ${keys.join(', ')} in ${formatKeyPath(path) || 'the top level'}`,
      );
    }
    return value;
  }

  /** An object whose keys are free names (services, endpoints). */
  private map(path: ConfigKeyPath, value: unknown, what: string): Record<string, unknown> | undefined {
    if (isRecord(value)) return value;
    this.wrongType(path, `an object of ${what}`, value, `write ${formatKeyPath(path)} as { "<name>": { ... } }`);
    return undefined;
  }

  private number(path: ConfigKeyPath, value: unknown, expected: string, example: string): number | undefined {
    if (typeof value === 'number') return value;
    const percent = typeof value === 'string' ? /^\s*(-?\d+(?:\.\d+)?)\s*%\s*$/.exec(value) : null;
    const fix = percent ? `write ${Number(percent[1]) / 100} for ${percent[0].trim()} (budgets are fractions)` : `write ${formatKeyPath(path)} as a number such as ${example}`;
    this.wrongType(path, expected, value, fix);
    return undefined;
  }

  /** A finite number ≥ 0 (budget fractions, error-rate ratio). */
  private nonNegative(path: ConfigKeyPath, value: unknown, expected: string, example: string): number | undefined {
    const number = this.number(path, value, expected, example);
    if (number === undefined) return undefined;
    if (!(Number.isFinite(number) && number >= 0)) {
      this.report(path, 'out-of-range', `must be a finite number >= 0, got ${String(number)}`, `use a value such as ${example}`);
      return undefined;
    }
    return number;
  }

  private probability(path: ConfigKeyPath, value: unknown, example: string): number | undefined {
    const number = this.number(path, value, 'a number strictly between 0 and 1', example);
    if (number === undefined) return undefined;
    if (!(number > 0 && number < 1)) {
      this.report(path, 'out-of-range', `must be strictly between 0 and 1, got ${String(number)}`, `use a value such as ${example}`);
      return undefined;
    }
    return number;
  }

  private count(path: ConfigKeyPath, value: unknown, example: string): number | undefined {
    const number = this.number(path, value, 'a whole number of samples', example);
    if (number === undefined) return undefined;
    if (!(Number.isInteger(number) && number >= 0)) {
      this.report(path, 'out-of-range', `must be a whole number >= 0, got ${String(number)}`, `use a sample count such as ${example}`);
      return undefined;
    }
    return number;
  }

  /** `{ fail?, warn? }`; returns the fields set, or undefined when one is invalid. */
  private budget(path: ConfigKeyPath, value: unknown): { fail?: number | null; warn?: number } | undefined {
    const record = this.object(path, value, BUDGET_FIELDS, 'a budget { fail?, warn? } as fractions, 0.05 = 5%');
    if (record === undefined) return undefined;
    const result: { fail?: number | null; warn?: number } = {};
    if (has(record, 'fail')) {
      if (record['fail'] === null) result.fail = null;
      else {
        const fail = this.nonNegative([...path, 'fail'], record['fail'], 'a fraction (0.05 = 5%) or null (informational)', '0.05');
        if (fail !== undefined) result.fail = fail;
      }
    }
    if (has(record, 'warn')) {
      const warn = this.nonNegative([...path, 'warn'], record['warn'], 'a fraction (0.02 = 2%)', '0.02');
      if (warn !== undefined) result.warn = warn;
    }
    // With an invalid field, fail-versus-warn would be judged on a value the user did not mean.
    const broken = (has(record, 'fail') && result.fail === undefined) || (has(record, 'warn') && result.warn === undefined);
    return broken ? undefined : result;
  }

  /** Budget overrides at one level; returns the valid budgets per metric for the effective check. */
  private overrides(path: ConfigKeyPath, record: Record<string, unknown>): Partial<Record<BudgetMetric, { fail?: number | null; warn?: number }>> {
    const budgets: Partial<Record<BudgetMetric, { fail?: number | null; warn?: number }>> = {};
    for (const metric of BUDGET_METRICS) {
      if (!has(record, metric)) continue;
      const budget = this.budget([...path, metric], record[metric]);
      if (budget !== undefined) budgets[metric] = budget;
    }
    if (has(record, 'errorRate')) {
      const errorRate = this.object([...path, 'errorRate'], record['errorRate'], ERROR_RATE_FIELDS, 'the error-rate budget { minIncrease?, minRatio? }');
      if (errorRate !== undefined) {
        if (has(errorRate, 'minIncrease')) this.nonNegative([...path, 'errorRate', 'minIncrease'], errorRate['minIncrease'], 'a fraction (0.001 = 0.1 pp)', '0.001');
        if (has(errorRate, 'minRatio')) this.nonNegative([...path, 'errorRate', 'minRatio'], errorRate['minRatio'], 'a ratio (1.5 = ×1.5)', '1.5');
      }
    }
    return budgets;
  }

  /**
   * Checks fail ≥ warn for the budgets in effect at one level (defaults → global → service →
   * endpoint), reporting at the field this level sets. Returns the effective budgets below it.
   */
  private effective(
    path: ConfigKeyPath,
    above: Readonly<Record<BudgetMetric, EffectiveBudget>>,
    own: Partial<Record<BudgetMetric, { fail?: number | null; warn?: number }>>,
  ): Record<BudgetMetric, EffectiveBudget> {
    const result = { ...above };
    const from = formatKeyPath(path);
    for (const metric of BUDGET_METRICS) {
      const set = own[metric];
      if (set === undefined) continue;
      const fail: Sourced<number | null> = set.fail === undefined ? above[metric].fail : { value: set.fail, from };
      const warn: Sourced<number> = set.warn === undefined ? above[metric].warn : { value: set.warn, from };
      result[metric] = { fail, warn };
      if (fail.value === null || fail.value >= warn.value || (set.fail === undefined && set.warn === undefined)) continue;
      if (set.fail !== undefined && set.warn !== undefined) {
        this.report([...path, metric, 'fail'], 'fail-below-warn', `the fail budget ${fail.value} is below the warn threshold ${warn.value}`, 'make fail >= warn (or set fail: null to make the metric informational)');
      } else if (set.fail !== undefined) {
        this.report(
          [...path, metric, 'fail'],
          'fail-below-warn',
          `the fail budget ${fail.value} is below the warn threshold ${warn.value} it inherits from ${warn.from}`,
          `raise fail to at least ${warn.value}, or also set warn here`,
        );
      } else {
        this.report(
          [...path, metric, 'warn'],
          'fail-below-warn',
          `the warn threshold ${warn.value} is above the fail budget ${String(fail.value)} it inherits from ${fail.from}`,
          `lower warn to at most ${String(fail.value)}, or also set fail here`,
        );
      }
    }
    return result;
  }

  /**
   * Resource budgets `{ cpu?, memory? }` at one level; checks fail ≥ warn against what the
   * level above leaves in effect and returns the budgets in effect below it.
   */
  private resources(path: ConfigKeyPath, value: unknown, above: Readonly<Record<'cpu' | 'memory', { fail: number | null; warn: number }>>): Record<'cpu' | 'memory', { fail: number | null; warn: number }> {
    const result = { ...above };
    const record = this.object(path, value, RESOURCE_KEYS, 'resource budgets { cpu?, memory? } as fractions, 0.1 = 10%');
    if (record === undefined) return result;
    for (const kind of RESOURCE_KEYS) {
      if (!has(record, kind)) continue;
      const set = this.budget([...path, kind], record[kind]);
      if (set === undefined) continue;
      const fail = set.fail === undefined ? above[kind].fail : set.fail;
      const warn = set.warn ?? above[kind].warn;
      result[kind] = { fail, warn };
      if (fail !== null && fail < warn) {
        this.report([...path, kind, set.fail === undefined ? 'warn' : 'fail'], 'fail-below-warn', `the fail budget ${fail} is below the warn threshold ${warn}`, 'make fail >= warn (or set fail: null to make it informational)');
      }
    }
    return result;
  }

  private minSamples(path: ConfigKeyPath, value: unknown): void {
    const record = this.object(path, value, SAMPLE_METRICS, 'sample floors per latency metric');
    if (record === undefined) return;
    for (const metric of SAMPLE_METRICS) {
      if (!has(record, metric)) continue;
      const floors = this.object([...path, metric], record[metric], SAMPLE_FIELDS, 'a sample floor { floor?, recommended? }');
      if (floors === undefined) continue;
      const defaults = DEFAULT_COMPARE_OPTIONS.minSamples[metric];
      const floor = has(floors, 'floor') ? this.count([...path, metric, 'floor'], floors['floor'], String(defaults.floor)) : undefined;
      const recommended = has(floors, 'recommended') ? this.count([...path, metric, 'recommended'], floors['recommended'], String(defaults.recommended)) : undefined;
      if (floor === undefined && recommended === undefined) continue;
      const effectiveFloor = floor ?? defaults.floor;
      const effectiveRecommended = recommended ?? defaults.recommended;
      if (effectiveRecommended >= effectiveFloor) continue;
      const inherited = floor === undefined ? ` (the default floor is ${defaults.floor})` : recommended === undefined ? ` (the default recommended is ${defaults.recommended})` : '';
      this.report(
        [...path, metric, recommended === undefined ? 'floor' : 'recommended'],
        'recommended-below-floor',
        `recommended (${effectiveRecommended}) is below floor (${effectiveFloor})${inherited}`,
        'make recommended >= floor',
      );
    }
  }

  private compare(path: ConfigKeyPath, value: unknown): void {
    const record = this.object(path, value, COMPARE_KEYS, 'settings of stagecraft compare');
    if (record === undefined) return;
    if (has(record, 'alpha')) this.probability([...path, 'alpha'], record['alpha'], '0.05');
    if (has(record, 'confidence')) this.probability([...path, 'confidence'], record['confidence'], '0.95');
    if (has(record, 'power')) this.probability([...path, 'power'], record['power'], '0.8');
    if (has(record, 'failOnInconclusive') && typeof record['failOnInconclusive'] !== 'boolean') {
      this.wrongType([...path, 'failOnInconclusive'], 'a boolean', record['failOnInconclusive'], 'write true or false');
    }
    if (has(record, 'calibration') && (typeof record['calibration'] !== 'string' || record['calibration'].trim() === '')) {
      this.wrongType([...path, 'calibration'], 'a non-empty path (relative to the config file)', record['calibration'], 'write the path of the A/A calibration file, e.g. "calibration/aa.json"');
    }
    if (has(record, 'minSamples')) this.minSamples([...path, 'minSamples'], record['minSamples']);

    const defaults = {} as Record<BudgetMetric, EffectiveBudget>;
    for (const metric of BUDGET_METRICS) {
      const budget = DEFAULT_COMPARE_OPTIONS.budgets[metric];
      defaults[metric] = { fail: { value: budget.fail, from: 'the defaults' }, warn: { value: budget.warn, from: 'the defaults' } };
    }
    let global = defaults;
    if (has(record, 'budgets')) {
      const budgets = this.object([...path, 'budgets'], record['budgets'], OVERRIDE_KEYS, 'budget overrides per metric');
      if (budgets !== undefined) global = this.effective([...path, 'budgets'], defaults, this.overrides([...path, 'budgets'], budgets));
    }
    const resources = has(record, 'resources') ? this.resources([...path, 'resources'], record['resources'], DEFAULT_RESOURCE_BUDGETS) : DEFAULT_RESOURCE_BUDGETS;
    if (has(record, 'services')) this.services([...path, 'services'], record['services'], global, resources);
  }

  private services(path: ConfigKeyPath, value: unknown, global: Readonly<Record<BudgetMetric, EffectiveBudget>>, resources: Readonly<Record<'cpu' | 'memory', { fail: number | null; warn: number }>>): void {
    const services = this.map(path, value, 'services by name');
    if (services === undefined) return;
    for (const [name, serviceValue] of Object.entries(services)) {
      if (serviceValue === undefined) continue;
      const servicePath = [...path, name];
      // An endpoint written directly under its service is the likeliest mistake here.
      const endpointHint = (key: string, keyValue: unknown): string | undefined =>
        isRecord(keyValue) && Object.keys(keyValue).some((inner) => (SERVICE_KEYS as readonly string[]).includes(inner)) && closestNames(key, SERVICE_KEYS).length === 0
          ? `endpoint budgets go under "endpoints": did you mean ${formatKeyPath([...servicePath, 'endpoints', key])}?`
          : undefined;
      const service = this.object(servicePath, serviceValue, SERVICE_KEYS, 'budget overrides of this service', endpointHint);
      if (service === undefined) continue;
      const serviceBudgets = this.effective(servicePath, global, this.overrides(servicePath, service));
      if (has(service, 'resources')) this.resources([...servicePath, 'resources'], service['resources'], resources);
      if (!has(service, 'endpoints')) continue;
      const endpoints = this.map([...servicePath, 'endpoints'], service['endpoints'], 'endpoints by name');
      if (endpoints === undefined) continue;
      for (const [endpoint, endpointValue] of Object.entries(endpoints)) {
        if (endpointValue === undefined) continue;
        const endpointPath = [...servicePath, 'endpoints', endpoint];
        const overrides = this.object(endpointPath, endpointValue, OVERRIDE_KEYS, 'budget overrides of this endpoint');
        if (overrides !== undefined) this.effective(endpointPath, serviceBudgets, this.overrides(endpointPath, overrides));
      }
    }
  }

  root(value: unknown): void {
    const record = this.object([], value, [...ROOT_KEYS, SCHEMA_KEY], 'the stagecraft config');
    if (record === undefined) return;
    if (has(record, SCHEMA_KEY) && typeof record[SCHEMA_KEY] !== 'string') this.wrongType([SCHEMA_KEY], 'a string', record[SCHEMA_KEY], 'write the schema URL as a string, or leave it out');
    if (has(record, 'compare')) this.compare(['compare'], record['compare']);
  }
}

/**
 * Checks a config value at run time (config files may be plain JS or JSON): unknown keys (with
 * "did you mean"), wrong types, out-of-range values (fractions finite ≥ 0; alpha, confidence,
 * power in (0, 1); sample counts whole ≥ 0) and budgets whose fail is below their warn once
 * defaults, global, service and endpoint settings are merged. Collects every problem, each an
 * `invalid-input` {@link Problem} with a `rule`, the key path in its message and, when `text`
 * (the file's source) is given, the line of the key. A top-level `$schema` string is accepted
 * and dropped.
 */
export function validateConfig(value: unknown, options: { readonly file: string; readonly text?: string }): ConfigValidation {
  const validator = new ConfigValidator(options.file, options.text);
  validator.root(value);
  if (validator.problems.length > 0 || !isRecord(value)) return { ok: false, problems: validator.problems };
  // Every key and value has been checked above, so the record is a StagecraftConfig.
  const config: Record<string, unknown> = { ...value };
  delete config[SCHEMA_KEY];
  const typed: StagecraftConfig = config;
  return { ok: true, config: typed };
}
