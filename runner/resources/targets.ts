import { StagecraftError } from '../../core/errors.js';

/** Prometheus metric names a scrape target reads; `threads`/`fds` may be left out (null). */
export interface PrometheusMetricNames {
  /** A counter of CPU seconds; its rate is the CPU use. */
  readonly cpu: string;
  /** A gauge of resident memory, bytes. */
  readonly rss: string;
  readonly fds: string | null;
  readonly threads: string | null;
}

/** The metric names of the standard Prometheus process collector (Go, Node prom-client, Python, Java simpleclient). */
export const DEFAULT_PROMETHEUS_METRICS: PrometheusMetricNames = {
  cpu: 'process_cpu_seconds_total',
  rss: 'process_resident_memory_bytes',
  fds: 'process_open_fds',
  threads: null,
};

/**
 * What to sample for one service: fixed process ids, processes whose command line matches a
 * pattern (looked up again while the run lasts), or a Prometheus text endpoint.
 */
export type ResourceTarget =
  | { readonly service: string; readonly spec: string; readonly kind: 'pid'; readonly pids: readonly number[] }
  | { readonly service: string; readonly spec: string; readonly kind: 'pattern'; readonly pattern: string }
  | { readonly service: string; readonly spec: string; readonly kind: 'prometheus'; readonly url: string; readonly metrics: PrometheusMetricNames };

const SYNTAX = 'SERVICE=pid:PID[,PID...] | SERVICE=pattern:REGEX | SERVICE=prometheus:URL[|cpu=NAME][|rss=NAME][|fds=NAME][|threads=NAME]';
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

function usage(text: string, problem: string, fix: string): never {
  throw new StagecraftError({ code: 'usage', message: `--resource "${text}": ${problem}`, fix: `${fix} (syntax: ${SYNTAX})` });
}

function prometheusTarget(text: string, service: string, spec: string, value: string): ResourceTarget {
  const [url = '', ...overrides] = value.split('|');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return usage(text, `"${url}" is not a URL`, 'give the full address of the metrics endpoint, e.g. prometheus:http://127.0.0.1:9100/metrics');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') usage(text, `only http and https endpoints can be scraped, got ${parsed.protocol}`, 'use an http:// URL');
  const metrics: { -readonly [K in keyof PrometheusMetricNames]: PrometheusMetricNames[K] } = { ...DEFAULT_PROMETHEUS_METRICS };
  for (const override of overrides) {
    const [key = '', name = ''] = override.split('=', 2);
    if (!(key === 'cpu' || key === 'rss' || key === 'fds' || key === 'threads')) usage(text, `unknown metric key "${key}"`, 'use cpu=, rss=, fds= or threads=');
    if (!METRIC_NAME.test(name)) usage(text, `"${name}" is not a Prometheus metric name`, 'write a metric name such as process_cpu_seconds_total');
    metrics[key] = name;
  }
  return { service, spec, kind: 'prometheus', url, metrics };
}

/**
 * Parses one `--resource` value: `catalog=pid:1234`, `catalog=pid:1234,1240`,
 * `catalog=pattern:node .*catalog` (a JavaScript regular expression matched against each
 * process's command line, arguments joined by spaces), or
 * `catalog=prometheus:http://127.0.0.1:9100/metrics` with optional `|cpu=NAME|rss=NAME|fds=NAME|threads=NAME`.
 *
 * @throws StagecraftError `usage` naming the problem and the syntax
 */
export function parseResourceTarget(text: string): ResourceTarget {
  const equals = text.indexOf('=');
  const service = equals < 0 ? '' : text.slice(0, equals).trim();
  if (service === '' || /\s/.test(service)) usage(text, 'it must start with the service name and "="', 'write e.g. catalog=pid:1234 (the service name as in the scenario\'s `service` tag)');
  const spec = text.slice(equals + 1).trim();
  const colon = spec.indexOf(':');
  const kind = colon < 0 ? spec : spec.slice(0, colon);
  const value = colon < 0 ? '' : spec.slice(colon + 1);
  switch (kind) {
    case 'pid': {
      const pids = value.split(',').map((part) => part.trim());
      if (value === '' || !pids.every((pid) => /^[1-9]\d*$/.test(pid))) usage(text, `"${value}" is not a list of process ids`, 'write pid:1234 or pid:1234,1240');
      return { service, spec, kind: 'pid', pids: pids.map(Number) };
    }
    case 'pattern': {
      if (value === '') usage(text, 'the pattern is empty', 'write a regular expression matching the command line, e.g. pattern:node .*catalog');
      try {
        new RegExp(value);
      } catch (error) {
        usage(text, `"${value}" is not a valid regular expression (${(error as Error).message})`, 'fix the pattern');
      }
      return { service, spec, kind: 'pattern', pattern: value };
    }
    case 'prometheus':
      return prometheusTarget(text, service, spec, value);
    default:
      return usage(text, `unknown target kind "${kind}"`, 'use pid:, pattern: or prometheus:');
  }
}

/** Commander collector of repeatable `--resource` flags. */
export function collectResourceTarget(value: string, previous: readonly ResourceTarget[] = []): ResourceTarget[] {
  return [...previous, parseResourceTarget(value)];
}
