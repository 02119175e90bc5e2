/**
 * The per-endpoint statistics of the summary report, per run: requests, error rate,
 * throughput and latency quantiles, read from a {@link Summary} grouped by service and
 * endpoint (the numbers `stagecraft summarize --group-by service,endpoint` prints). The cell
 * texts are shared by the HTML page and `summary.md`.
 */
import { formatMs, formatRate, formatRps } from '../../compare/format.js';
import { compareText } from '../../ingest/ndjson-endpoints.js';
import type { TrendStats } from '../../model/series-stats.js';
import type { Summary, SummarySeries } from '../../summarize/types.js';

/** The request-duration metrics, HTTP first. */
const DURATIONS = ['http_req_duration', 'grpc_req_duration'];

/** What the report's per-endpoint statistics need from summarize. */
export const ENDPOINT_METRICS: readonly string[] = [...DURATIONS, 'http_req_failed'];

/** One run's statistics of one endpoint. */
export interface RunRow {
  readonly run: string;
  /** Requests completed in the analysed window (successful and failed). */
  readonly requests: number;
  /** Share of failed requests (`http_req_failed`); null when the output has none (gRPC). */
  readonly errorRate: number | null;
  /** Requests per second of the run's analysed window; null when the window has no length. */
  readonly throughput: number | null;
  /** Duration statistics of every request (k6's `http_req_duration` / `grpc_req_duration`). */
  readonly latency: Pick<TrendStats, 'p50' | 'p90' | 'p95' | 'p99' | 'max'>;
}

/** One endpoint with a row per run that has it. */
export interface EndpointRows {
  readonly endpoint: string;
  readonly runs: readonly RunRow[];
}

/** One service with its endpoints (sorted by name). */
export interface ServiceRows {
  readonly service: string;
  readonly endpoints: readonly EndpointRows[];
}

type Trend = Extract<SummarySeries, { kind: 'trend' }>;

function key(series: SummarySeries): string {
  return JSON.stringify([series.run, series.tags['service'] ?? null, series.tags['endpoint'] ?? null]);
}

function runRow(summary: Summary, duration: Trend, failed: SummarySeries | undefined): RunRow {
  const window = summary.runs.find((run) => run.id === duration.run)?.window ?? null;
  const seconds = window === null ? 0 : window.durationMs / 1000;
  const { p50, p90, p95, p99, max, count } = duration.stats;
  return {
    run: duration.run,
    requests: count,
    errorRate: failed?.kind === 'rate' ? failed.stats.rate : null,
    throughput: seconds > 0 ? count / seconds : null,
    latency: { p50, p90, p95, p99, max },
  };
}

/**
 * The services and endpoints of `summary` (grouped by at least `service` and `endpoint`) with
 * a row per run, in run order. Series without a service or endpoint (not requests) are left out.
 */
export function serviceRows(summary: Summary): ServiceRows[] {
  const failed = new Map(summary.series.filter((s) => s.metric === 'http_req_failed').map((s) => [key(s), s]));
  const services = new Map<string, Map<string, RunRow[]>>();
  const durations = summary.series.filter((s): s is Trend => s.kind === 'trend' && DURATIONS.includes(s.metric));
  for (const duration of durations) {
    const service = duration.tags['service'];
    const endpoint = duration.tags['endpoint'];
    if (service === null || service === undefined || endpoint === null || endpoint === undefined) continue;
    const endpoints = services.get(service) ?? new Map<string, RunRow[]>();
    services.set(service, endpoints);
    const rows = endpoints.get(endpoint) ?? [];
    endpoints.set(endpoint, rows);
    rows.push(runRow(summary, duration, failed.get(key(duration))));
  }
  return [...services]
    .sort(([a], [b]) => compareText(a, b))
    .map(([service, endpoints]) => ({
      service,
      endpoints: [...endpoints].sort(([a], [b]) => compareText(a, b)).map(([endpoint, runs]) => ({ endpoint, runs })),
    }));
}

/** Columns of a per-endpoint table after the run: header and whether it holds numbers. */
export const ROW_COLUMNS: readonly (readonly [label: string, numeric: boolean])[] = [
  ['Run', false],
  ['Requests', true],
  ['Errors', true],
  ['Throughput', true],
  ['p50', true],
  ['p90', true],
  ['p95', true],
  ['p99', true],
  ['max', true],
];

/** The cells of one row, in {@link ROW_COLUMNS} order, as plain text (not escaped). */
export function rowCells(row: RunRow): string[] {
  const { p50, p90, p95, p99, max } = row.latency;
  return [
    row.run,
    String(row.requests),
    row.errorRate === null ? '—' : formatRate(row.errorRate),
    row.throughput === null ? '—' : formatRps(row.throughput),
    ...[p50, p90, p95, p99, max].map(formatMs),
  ];
}
