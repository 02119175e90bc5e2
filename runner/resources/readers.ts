/**
 * One reader per resource target: each call reads the target once and returns its sample line.
 * Readers keep what they need between calls (the previous CPU counters) and report problems
 * through `warn`; they never throw for a missing process or a broken endpoint.
 */
import type { ResourceSample, ResourceWarningCode } from '../../core/resource-samples.js';
import { findProcesses, openFileCount, readProcStat, type ProcStat } from './proc.js';
import { fetchExposition, metricTotal, parsePrometheusText } from './prometheus.js';
import type { ResourceTarget } from './targets.js';

/** Records a problem of a target (the sampler keeps the first of each code). */
export type WarnFn = (code: ResourceWarningCode, message: string) => void;

/** What a reader is told at each sampling instant. */
export interface Instant {
  /** Wall clock, ms since the epoch (written as `t`). */
  readonly t: number;
  /** Monotonic clock, ms (for rates). */
  readonly mono: number;
}

/** Reads one target; the async part (HTTP) reports the CPU it spent parsing through `onCpu`. */
export interface TargetReader {
  read(instant: Instant): ResourceSample | Promise<ResourceSample>;
}

/** Pattern targets look their processes up again this often (and whenever none is alive). */
const RESCAN_EVERY = 10;

function procReader(target: Extract<ResourceTarget, { kind: 'pid' | 'pattern' }>, warn: WarnFn, exclude: ReadonlySet<number>): TargetReader {
  const pattern = target.kind === 'pattern' ? new RegExp(target.pattern) : null;
  let previous = new Map<number, number>();
  let previousMono: number | null = null;
  const seen = new Set<number>();
  let pids: readonly number[] = target.kind === 'pid' ? target.pids : [];
  let ticks = 0;
  return {
    read({ t, mono }) {
      if (pattern !== null && (ticks % RESCAN_EVERY === 0 || pids.length === 0 || pids.some((pid) => !previous.has(pid)))) pids = findProcesses(pattern, exclude);
      ticks += 1;
      const alive: [number, ProcStat][] = [];
      for (const pid of pids) {
        try {
          alive.push([pid, readProcStat(pid)]);
        } catch {
          if (seen.has(pid)) warn('process-exited', `process ${pid} of ${target.service} exited during the run; its later samples are missing`);
        }
      }
      if (pattern !== null && pids.length > 0) pids = alive.map(([pid]) => pid);
      if (alive.length === 0) {
        const what = target.kind === 'pid' ? `process ${target.pids.join(', ')}` : `a process matching /${target.pattern}/`;
        if (seen.size === 0) warn('process-not-found', `${what} of ${target.service} was not found`);
        previous = new Map();
        previousMono = mono;
        return { t, service: target.service, target: target.spec, source: 'proc', up: false, pids: [], cpuPercent: null, rssBytes: null, threads: null, fds: null };
      }
      let cpuDelta = 0;
      let measured = false;
      for (const [pid, stat] of alive) {
        seen.add(pid);
        const before = previous.get(pid);
        if (before !== undefined) {
          cpuDelta += Math.max(0, stat.cpuSeconds - before);
          measured = true;
        }
      }
      const elapsed = previousMono === null ? 0 : (mono - previousMono) / 1000;
      previous = new Map(alive.map(([pid, stat]) => [pid, stat.cpuSeconds]));
      previousMono = mono;
      const fdCounts = alive.map(([pid]) => openFileCount(pid));
      return {
        t,
        service: target.service,
        target: target.spec,
        source: 'proc',
        up: true,
        pids: alive.map(([pid]) => pid),
        cpuPercent: measured && elapsed > 0 ? round((cpuDelta / elapsed) * 100) : null,
        rssBytes: alive.reduce((total, [, stat]) => total + stat.rssBytes, 0),
        threads: alive.reduce((total, [, stat]) => total + stat.threads, 0),
        fds: fdCounts.every((count) => count !== null) ? fdCounts.reduce<number>((a, b) => a + (b ?? 0), 0) : null,
      };
    },
  };
}

function prometheusReader(target: Extract<ResourceTarget, { kind: 'prometheus' }>, warn: WarnFn, timeoutMs: number, onCpu: (micros: number) => void): TargetReader {
  let previous: { cpu: number; mono: number } | null = null;
  const down = (t: number): ResourceSample => ({ t, service: target.service, target: target.spec, source: 'prometheus', up: false, cpuPercent: null, rssBytes: null, threads: null, fds: null });
  return {
    async read({ t, mono }) {
      const response = await fetchExposition(target.url, timeoutMs);
      if (!response.ok) {
        warn('scrape-failed', `cannot scrape ${target.url} for ${target.service}: ${response.error}`);
        previous = null;
        return down(t);
      }
      const started = process.cpuUsage();
      const { values, malformed } = parsePrometheusText(response.body);
      const { metrics } = target;
      const cpuTotal = metricTotal(values, metrics.cpu);
      const rss = metricTotal(values, metrics.rss);
      const fds = metrics.fds === null ? null : metricTotal(values, metrics.fds);
      const threads = metrics.threads === null ? null : metricTotal(values, metrics.threads);
      const used = process.cpuUsage(started);
      onCpu(used.user + used.system);
      if (malformed.length > 0) {
        const first = malformed[0];
        warn('scrape-malformed', `${target.url} (${target.service}) answered ${malformed.length} line(s) that are not Prometheus text format, first at line ${first?.line}: ${JSON.stringify(first?.text)}`);
      }
      const missing = [cpuTotal === null ? metrics.cpu : null, rss === null ? metrics.rss : null].filter((name) => name !== null);
      if (missing.length > 0 && values.size > 0) warn('metric-missing', `${target.url} (${target.service}) has no ${missing.join(' or ')}; name the metrics with |cpu=NAME|rss=NAME`);
      if (cpuTotal === null && rss === null) {
        previous = null;
        return down(t);
      }
      let cpuPercent: number | null = null;
      if (cpuTotal !== null) {
        // A counter that went down was reset (the service restarted): no rate for this interval.
        if (previous !== null && cpuTotal >= previous.cpu && mono > previous.mono) cpuPercent = round(((cpuTotal - previous.cpu) / ((mono - previous.mono) / 1000)) * 100);
        previous = { cpu: cpuTotal, mono };
      }
      return { t, service: target.service, target: target.spec, source: 'prometheus', up: true, cpuPercent, rssBytes: rss, threads, fds };
    },
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Options of {@link createReader}. */
export interface ReaderOptions {
  readonly warn: WarnFn;
  /** Pids never matched by a pattern (the sampler's process and its ancestors, k6). */
  readonly exclude: ReadonlySet<number>;
  /** Scrape timeout, ms. */
  readonly timeoutMs: number;
  /** Adds CPU time (µs) spent outside the sampler's synchronous tick (parsing scrapes). */
  readonly onCpu: (micros: number) => void;
}

/** The reader of a target. */
export function createReader(target: ResourceTarget, options: ReaderOptions): TargetReader {
  return target.kind === 'prometheus' ? prometheusReader(target, options.warn, options.timeoutMs, options.onCpu) : procReader(target, options.warn, options.exclude);
}
