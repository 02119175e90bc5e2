import type { RawRun, RawSeries } from '../model/raw-run.js';
import { HostCache, endpointKey, isGrpcSuccess, isHttpSuccess, isSetupOrTeardown } from './endpoint-key.js';
import { seriesInWindow, type Series } from './series.js';
import {
  KEPT_METRICS,
  type EndpointSamples,
  type K6Samples,
  type KeptMetric,
  type MetricDeclaration,
  type Protocol,
  type SteadyWindow,
  type TimeSpan,
} from './types.js';

/**
 * The comparison's endpoint view of a {@link RawRun}: per (service, endpoint) the successful and
 * failed request durations, `http_reqs` and `http_req_failed` points, plus run-level
 * `iterations`, `dropped_iterations` and `checks`, inside the steady window. Works on any
 * RawRun, whatever format it was read from.
 */

/** What the view needs besides the run. All numbers are already validated. */
export interface EndpointViewOptions {
  readonly trimStartMs: number;
  readonly trimEndMs: number;
  readonly serviceNames?: Readonly<Record<string, string>> | undefined;
}

const KEPT = new Set<string>(KEPT_METRICS);
const REQUEST_METRICS = new Set<string>(['http_req_duration', 'grpc_req_duration', 'http_reqs', 'http_req_failed']);

interface EndpointParts {
  readonly service: string;
  readonly endpoint: string;
  protocol: Protocol | null;
  readonly ok: RawSeries[];
  readonly failed: RawSeries[];
  readonly requests: RawSeries[];
  readonly failureFlags: RawSeries[];
}

interface TagFacts {
  readonly setupOrTeardown: boolean;
  readonly key: string;
  readonly service: string;
  readonly endpoint: string;
  readonly httpSuccess: boolean;
  readonly grpcSuccess: boolean;
}

/** Code-point order: deterministic, independent of the locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}


function spanOf(series: readonly RawSeries[]): TimeSpan | null {
  let firstMs = Number.POSITIVE_INFINITY;
  let lastMs = Number.NEGATIVE_INFINITY;
  for (const { time } of series) {
    for (const t of time) {
      if (t < firstMs) firstMs = t;
      if (t > lastMs) lastMs = t;
    }
  }
  return firstMs <= lastMs ? { firstMs, lastMs } : null;
}

/** The run's `vus` gauge points inside the window, when it has any (outside the kept metrics, so not in the span). */
function vusOf(run: RawRun, start: number, end: number): { vus?: Series } {
  const parts = run.series.filter((series) => series.metric === 'vus' && series.time.length > 0);
  return parts.length === 0 ? {} : { vus: seriesInWindow(parts, start, end) };
}

/**
 * Builds the comparison's {@link K6Samples} from a raw run. Request samples are grouped by
 * `endpointKey` (with `serviceNames` applied), durations split into successes and failures,
 * samples of `setup()`/`teardown()` left out and counted, and every series cut to the steady
 * window: the span of the kept metrics' samples minus `trimStartMs` / `trimEndMs`. Within an
 * endpoint, samples are in tag-set order (first appearance in the file), then file order.
 */
export function endpointView(run: RawRun, file: string, options: EndpointViewOptions): K6Samples {
  const kept = run.series.filter((series) => KEPT.has(series.metric));
  const pointCounts = Object.fromEntries(KEPT_METRICS.map((name) => [name, 0])) as Record<KeptMetric, number>;
  for (const series of kept) pointCounts[series.metric as KeptMetric] += series.time.length;

  const span = spanOf(kept);
  const window: SteadyWindow | null =
    span === null ? null : { startMs: span.firstMs + options.trimStartMs, endMs: span.lastMs - options.trimEndMs, trimStartMs: options.trimStartMs, trimEndMs: options.trimEndMs };
  const start = window?.startMs ?? Number.NEGATIVE_INFINITY;
  const end = window?.endMs ?? Number.POSITIVE_INFINITY;

  const hosts = new HostCache();
  const tagFacts = new Map<number, TagFacts>();
  const factsOf = (tagSet: number): TagFacts => {
    let facts = tagFacts.get(tagSet);
    if (facts === undefined) {
      const tags = run.tagSets[tagSet] ?? null;
      const { service, endpoint } = endpointKey(tags, hosts, options.serviceNames);
      facts = {
        setupOrTeardown: isSetupOrTeardown(tags),
        key: `${service}\u0000${endpoint}`,
        service,
        endpoint,
        httpSuccess: isHttpSuccess(tags),
        grpcSuccess: isGrpcSuccess(tags),
      };
      tagFacts.set(tagSet, facts);
    }
    return facts;
  };

  const endpoints = new Map<string, EndpointParts>();
  const iterations: RawSeries[] = [];
  const dropped: RawSeries[] = [];
  const checks: RawSeries[] = [];
  let setupTeardownSamples = 0;
  for (const series of kept) {
    const metric = series.metric as KeptMetric;
    if (metric === 'iterations') iterations.push(series);
    else if (metric === 'dropped_iterations') dropped.push(series);
    else if (metric === 'checks') checks.push(series);
    if (!REQUEST_METRICS.has(metric) || series.time.length === 0) continue;
    const facts = factsOf(series.tagSet);
    if (facts.setupOrTeardown) {
      setupTeardownSamples += series.time.length;
      continue;
    }
    let parts = endpoints.get(facts.key);
    if (parts === undefined) {
      parts = { service: facts.service, endpoint: facts.endpoint, protocol: null, ok: [], failed: [], requests: [], failureFlags: [] };
      endpoints.set(facts.key, parts);
    }
    const grpc = metric === 'grpc_req_duration';
    // An endpoint with any HTTP sample is HTTP.
    parts.protocol = grpc ? (parts.protocol ?? 'grpc') : 'http';
    if (metric === 'http_req_duration') (facts.httpSuccess ? parts.ok : parts.failed).push(series);
    else if (grpc) (facts.grpcSuccess ? parts.ok : parts.failed).push(series);
    else if (metric === 'http_reqs') parts.requests.push(series);
    else parts.failureFlags.push(series);
  }

  const endpointSamples: EndpointSamples[] = [...endpoints.values()]
    .sort((a, b) => compareText(a.service, b.service) || compareText(a.endpoint, b.endpoint))
    .map((parts) => ({
      service: parts.service,
      endpoint: parts.endpoint,
      protocol: parts.protocol ?? 'http',
      ok: seriesInWindow(parts.ok, start, end),
      failed: seriesInWindow(parts.failed, start, end),
      requests: seriesInWindow(parts.requests, start, end),
      failureFlags: seriesInWindow(parts.failureFlags, start, end),
    }));

  const metrics: Record<string, MetricDeclaration> = Object.fromEntries(
    [...run.metrics].map(([name, info]) => [name, { type: info.kind ?? '', contains: info.contains ?? '' }]),
  );

  return {
    file,
    compressed: run.facts.compressed,
    layout: run.facts.layout ?? 'unknown',
    lines: run.facts.lines,
    points: run.facts.points,
    pointCounts,
    metrics,
    truncated: run.facts.truncated,
    issues: run.facts.issues,
    issueCount: run.facts.issueCount,
    setupTeardownSamples,
    span,
    window,
    endpoints: endpointSamples,
    iterations: seriesInWindow(iterations, start, end),
    droppedIterations: seriesInWindow(dropped, start, end),
    checks: seriesInWindow(checks, start, end),
    ...vusOf(run, start, end),
  };
}
