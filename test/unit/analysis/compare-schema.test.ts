/**
 * The JSON contract of `stagecraft compare --format json` / `report.json`: real `compareRuns`
 * outputs built from synthetic runs (every kind of row, SLOs, a calibration, service budget
 * overrides) validate against schemas/compare.schema.json (ajv, draft 2020-12), the schema
 * rejects documents that break the contract, and its enums list every code of the TypeScript
 * unions.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SloMetadata } from '../../../core/scenario-metadata.js';
import {
  calibrationFrom,
  compareRuns,
  writeReport,
  compareScenarioRuns,
  type ComparedMetric,
  type CompareOptions,
  type Comparison,
  type Inference,
  type LoadedRun,
  type ReasonCode,
  type ResourceMetric,
  type ResourceUnit,
  type RowUnit,
  type SummaryReason,
  type TestMethod,
  type Verdict,
} from '../../../analysis/index.js';
import { FIXTURES, REPO_ROOT, side, type SyntheticEndpoint } from './helpers.js';

type Json = Record<string, unknown>;

const addFormats = addFormatsModule.default;

let schema: Json;
let validate: ReturnType<Ajv2020['compile']>;

beforeAll(async () => {
  schema = JSON.parse(await readFile(join(REPO_ROOT, 'schemas/compare.schema.json'), 'utf8')) as Json;
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
  addFormats(ajv);
  validate = ajv.compile(schema);
});

function errors(): string {
  return JSON.stringify(validate.errors, null, 2);
}

/** The document as a JSON reader sees it. */
function asJson(comparison: Comparison): Json {
  return JSON.parse(JSON.stringify(comparison)) as Json;
}

/** Paths of values JSON cannot carry faithfully: NaN and ±Infinity become null, undefined disappears. */
function nonJsonValues(value: unknown, path = '$'): string[] {
  if (value === undefined) return [`${path}: undefined`];
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path}: ${String(value)}`];
  if (Array.isArray(value)) return value.flatMap((item, i) => nonJsonValues(item as unknown, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, item]) => nonJsonValues(item, `${path}.${key}`));
  return [];
}

const ENDPOINTS: readonly SyntheticEndpoint[] = [
  { service: 'catalog', endpoint: 'list-items', medianMs: 20, count: 4000 },
  { service: 'catalog', endpoint: 'get-item', medianMs: 8, count: 4000, failures: 12 },
  { service: 'orders', endpoint: 'create-order', medianMs: 35, count: 4000 },
];

function scaled(endpoint: string, factor: number): SyntheticEndpoint[] {
  return ENDPOINTS.map((e) => (e.endpoint === endpoint ? { ...e, medianMs: e.medianMs * factor } : e));
}

/** Puts SLOs and executor options into the scenario metadata of synthetic runs (which need a contentHash to have a manifest). */
function withMetadata(runs: readonly LoadedRun[], change: { readonly slos?: readonly SloMetadata[]; readonly executorOptions?: Record<string, unknown> }): LoadedRun[] {
  return runs.map((run) => {
    const manifest = run.manifest;
    const metadata = manifest?.scenario.metadata;
    if (manifest === null || metadata === null || metadata === undefined) throw new Error(`synthetic run ${run.id} has no scenario metadata`);
    const slos = change.slos ?? metadata.slos;
    const scenarios = metadata.scenarios.map((scenario) => ({ ...scenario, options: change.executorOptions ?? scenario.options }));
    return { ...run, manifest: { ...manifest, scenario: { ...manifest.scenario, metadata: { ...metadata, slos, scenarios } } } };
  });
}

const HASHED = { contentHash: 'sha256:schema' };

const SLOS: readonly SloMetadata[] = [
  // get-item p95 ≈ 8·e^(1.645·0.4) ≈ 15.5 ms in the baseline, ≈ 20 ms at ×1.3: a critical breach.
  { service: 'catalog', endpoint: 'get-item', statistic: 'p(95)', target: 12, acceptable: 18, critical: 19, enforced: 'critical' },
  { service: 'catalog', endpoint: 'list-items', statistic: 'p(95)', target: 20, acceptable: 60, critical: 100, enforced: 'acceptable' },
  { service: 'catalog', statistic: 'med', target: 100, enforced: 'target' },
  { service: 'orders', endpoint: 'create-order', statistic: 'p(99)', acceptable: 60, enforced: 'acceptable' },
  // a statistic that cannot be computed from samples: WARN no-samples, both sides null
  { service: 'orders', statistic: 'count', target: 1, enforced: 'target' },
];

/** Rarer row reasons in one comparison: improved, errors-appeared, too-few/few-samples, missing-in-some-runs. */
function mixedBag(): Comparison {
  const clean = ENDPOINTS.map((e) => ({ ...e, failures: 0 }));
  const small: SyntheticEndpoint = { service: 'search', endpoint: 'query', medianMs: 15, count: 15 };
  const sometimes: SyntheticEndpoint = { service: 'orders', endpoint: 'refund', medianMs: 30, count: 3000 };
  const baseline = side('a', 3, 1, [...clean, small, sometimes]);
  const better = clean.map((e) => (e.endpoint === 'list-items' ? { ...e, medianMs: e.medianMs * 0.7 } : e.endpoint === 'get-item' ? { ...e, failures: 1 } : e));
  const candidate = [...side('b', 2, 101, [...better, small, sometimes]), ...side('c', 1, 111, [...better, small])];
  const [first, ...rest] = candidate;
  if (first === undefined) throw new Error('no candidate run');
  const flagged: LoadedRun = { ...first, quality: [{ code: 'truncated', message: `${first.samples.file} ends mid-line` }] };
  return compareRuns(baseline, [flagged, ...rest]);
}

/** Builds every comparison the schema must accept, by name. */
function comparisons(): [string, Comparison][] {
  const aa = compareRuns(side('aa', 3, 100, ENDPOINTS), side('ab', 3, 200, ENDPOINTS));
  const calibration = calibrationFrom(aa, { name: 'synthetic', contentHash: null });
  const services: CompareOptions['services'] = {
    catalog: { p95: { fail: 0.5, warn: 0.1 }, errorRate: { minIncrease: 0.01 }, endpoints: { 'get-item': { p99: { fail: null }, throughput: { warn: 0.05 } } } },
    orders: { mean: { fail: 0.2 } },
  };
  const allFailed = ENDPOINTS.map((e) => (e.endpoint === 'create-order' ? { ...e, failures: e.count } : e));
  const withExtra: SyntheticEndpoint[] = [...ENDPOINTS, { service: 'orders', endpoint: 'cancel-order', medianMs: 12, count: 3000 }];
  const open = { ...HASHED, model: 'open' as const };
  const rate = { rate: 200, timeUnit: '1s', duration: '1m', preAllocatedVUs: 20 };
  const rare = ENDPOINTS.map((e) => (e.endpoint === 'get-item' ? { ...e, failures: 1 } : e));
  return [
    ['3 runs per side, a +30% regression (FAIL)', compareRuns(side('a', 3, 1, ENDPOINTS), side('b', 3, 11, scaled('get-item', 1.3)))],
    ['a single run per side (batch inference)', compareRuns(side('a', 1, 1, ENDPOINTS), side('b', 1, 2, scaled('list-items', 1.2)))],
    ['one side with a single run (pooled SD)', compareRuns(side('a', 3, 1, ENDPOINTS), side('b', 1, 21, ENDPOINTS))],
    ['an endpoint on one side only', compareRuns(side('a', 2, 1, ENDPOINTS), side('b', 2, 31, withExtra))],
    ['every request of an endpoint failed on one side', compareRuns(side('a', 2, 1, ENDPOINTS), side('b', 2, 41, allFailed))],
    ['rare errors (Fisher exact test)', compareRuns(side('a', 2, 1, rare), side('b', 2, 45, rare))],
    ['improvements, errors appearing, small samples, an endpoint missing in some runs, a data-quality flag', mixedBag()],
    [
      'open model with dropped iterations',
      compareRuns(
        withMetadata(side('a', 2, 1, ENDPOINTS, open), { executorOptions: rate }),
        withMetadata(side('b', 2, 51, ENDPOINTS, { ...open, droppedIterations: 40 }), { executorOptions: rate }),
      ),
    ],
    ['closed model with manifests', compareRuns(side('a', 2, 1, ENDPOINTS, HASHED), side('b', 2, 61, ENDPOINTS, HASHED), { generatedAt: '2026-01-01T00:00:00Z' })],
    ['SLOs in the manifests', compareRuns(withMetadata(side('a', 2, 1, ENDPOINTS, HASHED), { slos: SLOS }), withMetadata(side('b', 2, 71, scaled('get-item', 1.3), HASHED), { slos: SLOS }))],
    [
      'calibration and per-service budget overrides',
      compareRuns(side('a', 1, 1, ENDPOINTS), side('b', 1, 81, scaled('get-item', 1.3)), { calibration, calibrationSource: 'aa-calibration.json', services }),
    ],
    ['calibration with several runs per side', compareRuns(side('a', 3, 1, ENDPOINTS), side('b', 3, 91, ENDPOINTS), { calibration, services })],
  ];
}

describe('schemas/compare.schema.json', () => {
  const cases = comparisons();

  it('the cases cover every test, inference and verdict, and most reasons', () => {
    const all = cases.map(([, comparison]) => comparison);
    const rows = all.flatMap((comparison) => comparison.rows);
    const seen = (values: readonly unknown[]): Set<unknown> => new Set(values);
    expect(seen(rows.map((row) => row.test))).toEqual(seen(['welch-log', 'welch-log-pooled-sd', 'batch-log', 'two-proportion-z', 'fisher-exact', null]));
    expect(seen(rows.map((row) => row.inference))).toEqual(seen(['between-runs', 'one-side-single-run', 'within-run-batches', 'counts', null]));
    expect(seen(rows.map((row) => row.verdict))).toEqual(seen(['PASS', 'WARN', 'FAIL']));
    const reasons = seen(rows.map((row) => row.reason));
    for (const reason of [
      'regressed', 'small-regression', 'inconclusive-more-runs-needed', 'informational-regression', 'improved', 'unchanged', 'errors-appeared',
      'single-run', 'too-few-samples', 'few-samples', 'missing-on-one-side', 'missing-in-some-runs', 'no-samples', 'dropped-iterations',
    ] as const) {
      expect(reasons.has(reason), reason).toBe(true);
    }
    expect(rows.some((row) => row.ci === null) && rows.some((row) => row.ci !== null)).toBe(true);
    expect(rows.some((row) => row.ratio === null) && rows.some((row) => row.baseline.aggregate === null)).toBe(true);
    const slos = all.flatMap((comparison) => comparison.slos);
    expect(seen(slos.map((slo) => slo.reason))).toEqual(seen(['slo-critical-breach', 'slo-breach', 'slo-met', 'no-samples']));
    expect(slos.some((slo) => slo.endpoint === null)).toBe(true);
    expect(all.some((comparison) => comparison.options.calibration !== null && Object.keys(comparison.options.services).length > 0)).toBe(true);
    expect(all.some((comparison) => comparison.runs.candidate.some((run) => run.droppedIterations > 0 && run.loadModel === 'open' && run.targetRate !== null))).toBe(true);
  });

  it.each(cases)('validates the real output: %s', (_name, comparison) => {
    expect(nonJsonValues(comparison)).toEqual([]);
    expect(validate(asJson(comparison)), errors()).toBe(true);
  });

  describe('report.json written by writeReport', () => {
    let folder: string;
    beforeAll(async () => {
      folder = await mkdtemp(join(tmpdir(), 'stagecraft-compare-schema-'));
    });
    afterAll(async () => {
      await rm(folder, { recursive: true, force: true });
    });

    it('validates after the round trip through the file', async () => {
      const comparison = compareRuns(withMetadata(side('a', 2, 1, ENDPOINTS, HASHED), { slos: SLOS }), withMetadata(side('b', 2, 71, scaled('get-item', 1.3), HASHED), { slos: SLOS }), {
        generatedAt: '2026-05-04T03:02:01.000Z',
      });
      const paths = await writeReport(comparison, folder);
      const written = JSON.parse(await readFile(paths.json, 'utf8')) as Json;
      expect(validate(written), errors()).toBe(true);
      expect(written).toEqual(asJson(comparison));
      expect(written['slos']).not.toEqual([]);
    });

    it('validates with the chart data compare adds (real k6 runs)', async () => {
      const runs = join(FIXTURES, 'runs');
      const result = await compareScenarioRuns({
        baseline: [join(runs, 'baseline-1'), join(runs, 'baseline-2')],
        candidate: [join(runs, 'candidate-1'), join(runs, 'candidate-2')],
        outDir: join(folder, 'with-charts'),
        images: 'none',
      });
      const written = JSON.parse(await readFile(result.jsonFile, 'utf8')) as Json;
      expect(written['charts']).toBeDefined();
      expect(validate(written), errors()).toBe(true);
    });
  });

  it('rejects documents that break the contract', () => {
    const [, base] = cases[0] as [string, Comparison];
    const good = asJson(base);
    expect(validate(good), errors()).toBe(true);
    type Doc = Json & { rows: Json[]; overall: Json; runs: { baseline: Json[] }; options: Json };
    const mutate = (change: (document: Doc) => void): Json => {
      const copy = structuredClone(good) as Doc;
      change(copy);
      return copy;
    };
    const tested = (document: Doc): Json => document.rows.find((row) => Array.isArray(row['ci']))!;
    const bad: [string, Json][] = [
      ['unknown top-level property', mutate((d) => (d['extra'] = true))],
      ['unknown row property', mutate((d) => (d.rows[0]!['note'] = 'x'))],
      ['unknown run property', mutate((d) => (d.runs.baseline[0]!['host'] = 'x'))],
      ['wrong row verdict', mutate((d) => (d.rows[0]!['verdict'] = 'OK'))],
      ['lower-case verdict', mutate((d) => (d.overall['verdict'] = 'fail'))],
      ['unknown reason', mutate((d) => (d.rows[0]!['reason'] = 'slower'))],
      ['summary reason on a row', mutate((d) => (d.rows[0]!['reason'] = 'no-regression'))],
      ['ci with one element', mutate((d) => (tested(d)['ci'] = [(tested(d)['ci'] as number[])[0]]))],
      ['ci with three elements', mutate((d) => (tested(d)['ci'] = [0.9, 1, 1.1]))],
      ['ci as an object', mutate((d) => (tested(d)['ci'] = { low: 0.9, high: 1.1 }))],
      ['missing rows', mutate((d) => delete (d as Json)['rows'])],
      ['row without minDetectableChange', mutate((d) => delete d.rows[0]!['minDetectableChange'])],
      ['p above 1', mutate((d) => (tested(d)['p'] = 1.5))],
      ['p as text', mutate((d) => (tested(d)['p'] = '0.01'))],
      ['unknown test method', mutate((d) => (tested(d)['test'] = 'mann-whitney'))],
      ['unknown metric', mutate((d) => (d.rows[0]!['metric'] = 'p90'))],
      ['latency row in req/s', mutate((d) => (d.rows.find((row) => row['metric'] === 'p95')!['unit'] = 'req/s'))],
      ['error-rate row with a latency test', mutate((d) => (d.rows.find((row) => row['metric'] === 'error-rate')!['test'] = 'welch-log'))],
      ['NaN turned into null in a required number', mutate((d) => ((d.rows[0]!['baseline'] as Json)['samples'] = null))],
      ['wrong schemaVersion', mutate((d) => (d['schemaVersion'] = 2))],
      ['generatedAt not a timestamp', mutate((d) => (d['generatedAt'] = 'yesterday'))],
      ['no baseline runs', mutate((d) => (d.runs.baseline = []))],
      ['unknown budget metric', mutate((d) => ((d.options['budgets'] as Json)['p90'] = { fail: 0.1, warn: 0.02 }))],
    ];
    for (const [name, document] of bad) expect(validate(document), name).toBe(false);
  });
});

describe('the schema enums match the TypeScript unions', () => {
  // `satisfies` makes a missing or unknown code a type error; the test then catches a schema that lags behind.
  const REASON_CODES = {
    regressed: true,
    'small-regression': true,
    'inconclusive-more-runs-needed': true,
    'informational-regression': true,
    improved: true,
    unchanged: true,
    'error-rate-up': true,
    'errors-appeared': true,
    'single-run': true,
    'too-few-samples': true,
    'few-samples': true,
    'missing-on-one-side': true,
    'missing-in-some-runs': true,
    'no-samples': true,
    'dropped-iterations': true,
    'non-positive-values': true,
    'degenerate-test': true,
    'mismatched-units': true,
    'slo-met': true,
    'slo-breach': true,
    'slo-critical-breach': true,
  } as const satisfies Record<ReasonCode, true>;
  const SUMMARY_ONLY = { 'no-regression': true, 'data-quality': true } as const satisfies Record<Exclude<SummaryReason, ReasonCode>, true>;
  const VERDICTS = { PASS: true, WARN: true, FAIL: true } as const satisfies Record<Verdict, true>;
  const TEST_METHODS = { 'welch-log': true, 'welch-log-pooled-sd': true, 'batch-log': true, 'two-proportion-z': true, 'fisher-exact': true } as const satisfies Record<TestMethod, true>;
  const INFERENCES = { 'between-runs': true, 'one-side-single-run': true, 'within-run-batches': true, counts: true } as const satisfies Record<Inference, true>;
  const UNITS = { ms: true, fraction: true, 'req/s': true } as const satisfies Record<RowUnit, true>;
  const METRICS = { p50: true, p95: true, p99: true, mean: true, 'error-rate': true, throughput: true } as const satisfies Record<ComparedMetric, true>;
  const RESOURCE_METRICS = { cpu: true, 'rss-peak': true, 'rss-mean': true } as const satisfies Record<ResourceMetric, true>;
  const RESOURCE_UNITS = { 'percent-core': true, bytes: true } as const satisfies Record<ResourceUnit, true>;

  const sorted = (values: readonly unknown[]): string[] => values.map(String).sort();
  const defEnum = (name: string): string[] => {
    const defs = schema['$defs'] as Record<string, Json | undefined>;
    const values = defs[name]?.['enum'];
    if (!Array.isArray(values)) throw new Error(`$defs.${name} has no enum`);
    return sorted(values);
  };

  it('every ReasonCode is in $defs.reasonCode and nothing else', () => {
    expect(defEnum('reasonCode')).toEqual(sorted(Object.keys(REASON_CODES)));
  });

  it('summaryReason is reasonCode plus the summary-only codes', () => {
    const summary = (schema['$defs'] as Record<string, Json>)['summaryReason'];
    const extra = (summary?.['anyOf'] as Json[] | undefined)?.find((branch) => Array.isArray(branch['enum']));
    expect(sorted((extra?.['enum'] as unknown[] | undefined) ?? [])).toEqual(sorted(Object.keys(SUMMARY_ONLY)));
  });

  it('verdicts, test methods, inference kinds, units and metrics', () => {
    expect(defEnum('verdict')).toEqual(sorted(Object.keys(VERDICTS)));
    expect(defEnum('testMethod')).toEqual(sorted(Object.keys(TEST_METHODS)));
    expect(defEnum('inference')).toEqual(sorted(Object.keys(INFERENCES)));
    expect(defEnum('unit')).toEqual(sorted(Object.keys(UNITS)));
    expect(defEnum('metric')).toEqual(sorted(Object.keys(METRICS)));
  });

  it('resource metrics and units', () => {
    expect(defEnum('resourceMetric')).toEqual(sorted(Object.keys(RESOURCE_METRICS)));
    expect(defEnum('resourceUnit')).toEqual(sorted(Object.keys(RESOURCE_UNITS)));
  });
});
