/**
 * Comparisons and charts for the HTML report tests, built with `compareRuns` on synthetic runs
 * (never hand-written JSON), and minimal but real Vega-Lite specs of realistic size standing in
 * for the chart builders.
 */
import type { SloMetadata } from '../../../core/scenario-metadata.js';
import { compareRuns, type Comparison, type ComparisonRow, type LoadedRun } from '../../../analysis/index.js';
import type { ReportChart } from '../../../analysis/report/chart-data-types.js';
import { side, type SyntheticEndpoint } from '../analysis/helpers.js';

/** A k6 tag value that would run script if it were inserted unescaped. */
export const SCRIPT_TAG = '<script>window.__pwned=1</script>';
/** A tag value that would break out of an attribute and run an event handler. */
export const ATTRIBUTE_BREAKOUT = '"><img src=x onerror=window.__pwned=2>';
/** Closes a `<script>` block if JSON were inserted unescaped. */
export const SCRIPT_CLOSE = '</script><script>window.__pwned=3</script>';

const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Gives the runs a manifest whose scenario metadata declares `slos`. */
export function withSlos(runs: readonly LoadedRun[], slos: readonly SloMetadata[]): LoadedRun[] {
  return runs.map((run) => {
    if (run.manifest === null || run.manifest.scenario.metadata === null) throw new Error('withSlos needs runs made with a contentHash');
    const { manifest } = run;
    const metadata = manifest.scenario.metadata;
    if (metadata === null) throw new Error('unreachable');
    return { ...run, manifest: { ...manifest, scenario: { ...manifest.scenario, metadata: { ...metadata, slos } } } };
  });
}

/** Endpoints whose service, endpoint and run names are hostile. */
export const HOSTILE_ENDPOINTS: readonly SyntheticEndpoint[] = [
  { service: `svc|${SCRIPT_TAG}`, endpoint: `GET /a|b ${ATTRIBUTE_BREAKOUT}`, medianMs: 10, count: 600 },
  { service: `svc|${SCRIPT_TAG}`, endpoint: "it's `code` *bold* | \"quoted\" & <b>", medianMs: 12, count: 600 },
  { service: ATTRIBUTE_BREAKOUT, endpoint: SCRIPT_CLOSE, medianMs: 8, count: 600 },
];

/** Healthy services, a slower one with an SLO, and one whose requests all fail. */
export const MIXED_ENDPOINTS: readonly SyntheticEndpoint[] = [
  { service: 'catalog', endpoint: 'GET /items', medianMs: 20, count: 800 },
  { service: 'catalog', endpoint: 'GET /items/{id}', medianMs: 8, count: 800 },
  { service: 'orders', endpoint: 'POST /orders', medianMs: 45, count: 600, failures: 6 },
  { service: 'orders', endpoint: 'GET /orders/{id}', medianMs: 15, count: 600 },
  { service: 'payments', endpoint: 'POST /charge', medianMs: 60, count: 300, failures: 300 },
];

const SLOS: readonly SloMetadata[] = [
  { service: 'orders', endpoint: 'POST /orders', statistic: 'p(95)', target: 60, acceptable: 80, critical: 120, enforced: 'acceptable' },
  { service: 'catalog', statistic: 'p(99)', target: 200, acceptable: 300, enforced: 'target' },
];

/** Candidate endpoints: `orders POST /orders` 40% slower, the hostile ones 30% slower, the rest unchanged. */
function slower(endpoints: readonly SyntheticEndpoint[]): SyntheticEndpoint[] {
  return endpoints.map((e) => ({ ...e, medianMs: e.endpoint === 'POST /orders' ? e.medianMs * 1.4 : e.service.includes('<') || e.service.includes('"') ? e.medianMs * 1.3 : e.medianMs }));
}

/** The comparison of the browser test: hostile names, an SLO breach, a service with only failed requests. */
export function mixedComparison(): Comparison {
  const endpoints = [...MIXED_ENDPOINTS, ...HOSTILE_ENDPOINTS];
  const extra = { contentHash: 'sha256:mixed', model: 'closed' as const };
  return compareRuns(
    withSlos(side(`base${SCRIPT_TAG}`, 3, 1, endpoints, extra), SLOS),
    withSlos(side(`cand${ATTRIBUTE_BREAKOUT}`, 3, 21, slower(endpoints), extra), SLOS),
  );
}

/** A comparison in which no run has a request: zero services. */
export function emptyComparison(): Comparison {
  return compareRuns(side('b', 2, 1, []), side('c', 2, 5, []));
}

/**
 * `services` services of `endpoints` endpoints each, 3 runs per side; every `slowEvery`-th
 * endpoint (the first of each service by default) is `factor` times slower in the candidate.
 */
export function wideComparison(services: number, endpoints: number, count = 300, slowEvery = endpoints, factor = 1.35): Comparison {
  const list: SyntheticEndpoint[] = [];
  for (let s = 0; s < services; s += 1) {
    for (let e = 0; e < endpoints; e += 1) list.push({ service: `service-${s + 1}`, endpoint: `GET /resource-${e + 1}`, medianMs: 5 + ((s * 7 + e * 3) % 40), count });
  }
  const candidate = list.map((e, i) => (i % slowEvery === 0 ? { ...e, medianMs: e.medianMs * factor } : e));
  return compareRuns(side('b', 3, 1, list), side('c', 3, 101, candidate));
}

/** An ECDF of both sides (`points` quantiles each), like the real latency-distribution chart. */
export function ecdfChart(service: string, endpoint: string, id: string, points = 200): ReportChart {
  const values = (['baseline', 'candidate'] as const).flatMap((sideName, s) =>
    Array.from({ length: points }, (_, i) => {
      const p = (i + 0.5) / points;
      return { side: sideName, p: Number(p.toFixed(4)), latencyMs: Number((10 * (1 + 0.3 * s) * Math.exp(0.4 * Math.log(p / (1 - p)))).toPrecision(4)) };
    }),
  );
  return {
    id,
    title: `Latency distribution: ${service} ${endpoint}`,
    service,
    endpoint,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: `${endpoint}`,
      width: 360,
      height: 200,
      data: { values },
      mark: { type: 'line', interpolate: 'step-after' },
      encoding: {
        x: { field: 'latencyMs', type: 'quantitative', scale: { type: 'log' }, title: 'latency (ms)' },
        y: { field: 'p', type: 'quantitative', title: 'fraction of requests' },
        color: { field: 'side', type: 'nominal', title: null },
        tooltip: [{ field: 'side' }, { field: 'latencyMs' }, { field: 'p' }],
      },
    },
  };
}

/** p95 over time for `runs` runs of `buckets` buckets, like the real timeline chart. */
export function timelineChart(service: string, id: string, runs = 6, buckets = 60): ReportChart {
  const values = Array.from({ length: runs * buckets }, (_, i) => {
    const run = Math.floor(i / buckets);
    return { run: `${run < runs / 2 ? 'b' : 'c'}-${run + 1}`, t: (i % buckets) * 1000, p95: Number((30 + 5 * Math.sin(i / 7) + run).toFixed(2)) };
  });
  return {
    id,
    title: `p95 over time: ${service}`,
    service,
    endpoint: null,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      width: 360,
      height: 180,
      data: { values },
      mark: 'line',
      encoding: {
        x: { field: 't', type: 'quantitative', title: 'ms since start' },
        y: { field: 'p95', type: 'quantitative', title: 'p95 (ms)' },
        color: { field: 'run', type: 'nominal' },
      },
    },
  };
}

/** Change and CI of every p95 row (a forest plot), report-wide. */
export function forestChart(comparison: Comparison, id = 'p95-changes'): ReportChart {
  const values = comparison.rows
    .filter((row): row is ComparisonRow & { ratio: number } => row.metric === 'p95' && row.ratio !== null)
    .map((row) => ({ label: `${row.service} ${row.endpoint}`, change: row.ratio - 1, low: (row.ci?.[0] ?? row.ratio) - 1, high: (row.ci?.[1] ?? row.ratio) - 1, verdict: row.verdict }));
  return {
    id,
    title: 'p95 change with CI, every endpoint',
    service: null,
    endpoint: null,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      width: 420,
      data: { values },
      layer: [
        { mark: 'rule', encoding: { y: { field: 'label', type: 'nominal', title: null }, x: { field: 'low', type: 'quantitative', axis: { format: '+%' }, title: 'p95 change' }, x2: { field: 'high' } } },
        { mark: 'point', encoding: { y: { field: 'label', type: 'nominal' }, x: { field: 'change', type: 'quantitative' }, color: { field: 'verdict', type: 'nominal' } } },
      ],
    },
  };
}

/** Realistic charts of a comparison: an ECDF per endpoint, a timeline per service, one forest plot. */
export function chartsFor(comparison: Comparison, points = 200): ReportChart[] {
  const charts: ReportChart[] = [forestChart(comparison)];
  comparison.services.forEach((summary, s) => {
    charts.push(timelineChart(summary.service, `timeline-${s}`));
    summary.endpoints.forEach((endpoint, e) => charts.push(ecdfChart(summary.service, endpoint, `ecdf-${s}-${e}`, points)));
  });
  return charts;
}
