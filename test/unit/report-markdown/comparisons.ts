/**
 * Deterministic comparisons for the report tests, built with `compareRuns` on synthetic runs
 * (seeded), shared by the Markdown, JUnit and `stagecraft report` tests.
 */
import { compareRuns, type Comparison, type LoadedRun } from '../../../analysis/index.js';
import type { SloMetadata } from '../../../core/scenario-metadata.js';
import { side, type SyntheticEndpoint } from '../analysis/helpers.js';

/** Gives every run the scenario SLOs (the runs need manifests: pass `contentHash`). */
function withSlos(runs: readonly LoadedRun[], slos: readonly SloMetadata[]): LoadedRun[] {
  return runs.map((run) => {
    const manifest = run.manifest;
    const metadata = manifest?.scenario.metadata;
    if (manifest === null || metadata === undefined || metadata === null) throw new Error(`synthetic run ${run.id} has no scenario metadata`);
    return { ...run, manifest: { ...manifest, scenario: { ...manifest.scenario, metadata: { ...metadata, slos } } } };
  });
}

const SHOP: readonly SyntheticEndpoint[] = [
  { service: 'catalog', endpoint: 'GET /items/:id', medianMs: 20, count: 1200 },
  { service: 'catalog', endpoint: 'GET /search', medianMs: 40, count: 1200 },
  { service: 'orders', endpoint: 'POST /orders', medianMs: 60, count: 600, failures: 2 },
  { service: 'users', endpoint: 'GET /me', medianMs: 8, count: 1200 },
];

const SHOP_SLOS: readonly SloMetadata[] = [
  { service: 'catalog', endpoint: 'GET /items/:id', statistic: 'p(95)', target: 35, acceptable: 45, critical: 60, enforced: 'acceptable' },
  { service: 'orders', statistic: 'p(99)', target: 200, acceptable: 300, enforced: 'acceptable' },
];

/**
 * The main case: 3 runs per side of a closed-model scenario with SLOs. catalog GET /items/:id is
 * 30% slower (FAIL), GET /search 18% faster, orders' error rate rises (FAIL) and its latency is
 * inconclusive, users is unchanged.
 */
export function regressionComparison(): Comparison {
  const candidate = SHOP.map((e) => {
    if (e.endpoint === 'GET /items/:id') return { ...e, medianMs: 26 };
    if (e.endpoint === 'GET /search') return { ...e, medianMs: 33 };
    if (e.service === 'orders') return { ...e, failures: 12 };
    return e;
  });
  const extra = { contentHash: 'sha256:shop', model: 'closed' as const };
  return compareRuns(withSlos(side('base', 3, 1, SHOP, extra), SHOP_SLOS), withSlos(side('cand', 3, 11, candidate, extra), SHOP_SLOS));
}

/** A clean pass: 5 runs per side, nothing changed. */
export function passComparison(): Comparison {
  const api: SyntheticEndpoint[] = [
    { service: 'api', endpoint: 'GET /health', medianMs: 2, count: 1500, sigma: 0.2 },
    { service: 'api', endpoint: 'GET /items', medianMs: 15, count: 1500 },
  ];
  return compareRuns(side('base', 5, 100, api, { runSd: 0.01 }), side('cand', 5, 200, api, { runSd: 0.01 }));
}

/** Endpoint and service names an attacker (or a careless tag) could produce. */
export const HOSTILE: readonly SyntheticEndpoint[] = [
  { service: 'svc|evil', endpoint: 'GET /a|b <script>alert("x")</script>', medianMs: 10, count: 500 },
  { service: 'svc|evil', endpoint: "line\nbreak `code` *bold* [link](x) & 'quote'", medianMs: 12, count: 500 },
  { service: 'ctl\u0001\u001b[31mred', endpoint: '</details><!-- x --> ]]> \u0000', medianMs: 5, count: 500 },
];

/** Edge cases in one run per side: hostile names, and an endpoint whose requests all failed. */
export function edgeComparison(): Comparison {
  const endpoints: SyntheticEndpoint[] = [
    ...HOSTILE,
    { service: 'pay', endpoint: 'POST /charge', medianMs: 30, count: 300, failures: 300 },
  ];
  const candidate = endpoints.map((e) => (e.service === 'svc|evil' ? { ...e, medianMs: e.medianMs * 1.4 } : e));
  return compareRuns(side('base', 1, 7, endpoints), side('cand', 1, 8, candidate));
}

/** The hostile names with 3 runs per side and a 30% slowdown, so their rows FAIL. */
export function hostileComparison(): Comparison {
  return compareRuns(side('b', 3, 1, HOSTILE), side('c', 3, 11, HOSTILE.map((e) => ({ ...e, medianMs: e.medianMs * 1.3 }))));
}

/** `endpoints` endpoints over three services, 2 runs per side; every 10th endpoint 50% slower. */
export function wideComparison(endpoints: number): Comparison {
  const all: SyntheticEndpoint[] = Array.from({ length: endpoints }, (_, i) => ({
    service: ['catalog', 'orders', 'users'][i % 3] ?? 'catalog',
    endpoint: `GET /resource-${String(i).padStart(4, '0')}`,
    medianMs: 10 + (i % 7),
    count: 100,
  }));
  const candidate = all.map((e, i) => (i % 10 === 0 ? { ...e, medianMs: e.medianMs * 1.5 } : e));
  return compareRuns(side('b', 2, 1, all, { durationMs: 20_000 }), side('c', 2, 11, candidate, { durationMs: 20_000 }));
}

/** A comparison of runs without a single tagged request: zero services. */
export function emptyComparison(): Comparison {
  return compareRuns(side('b', 2, 1, []), side('c', 2, 2, []));
}

/** The golden cases: file stem → comparison. */
export const GOLDEN_CASES: readonly (readonly [string, () => Comparison])[] = [
  ['regression', regressionComparison],
  ['pass', passComparison],
  ['edge', edgeComparison],
];
