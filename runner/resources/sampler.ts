import { closeSync, openSync, writeSync } from 'node:fs';
import {
  summarizeResourceSamples,
  type ResourceSample,
  type ResourceWarning,
  type ResourceWarningCode,
  type RunResources,
} from '../../core/resource-samples.js';
import { selfAndAncestors } from './proc.js';
import { createReader, type TargetReader } from './readers.js';
import type { ResourceTarget } from './targets.js';

/** Options of {@link startResourceSampler}. */
export interface ResourceSamplerOptions {
  readonly targets: readonly ResourceTarget[];
  /** The NDJSON file to write (created; never appended to). */
  readonly file: string;
  /** Name of `file` as recorded in the summary (default: the path as given). */
  readonly fileName?: string;
  /** Sampling interval, ms (default 1000). */
  readonly intervalMs?: number;
  /** More pids a pattern must never match (e.g. k6). */
  readonly exclude?: readonly number[];
}

/** A running sampler. */
export interface ResourceSampler {
  /** Adds pids a pattern must not match (k6, once it has started). */
  exclude(pid: number): void;
  /** Takes a last sample, closes the file and returns the summary for the manifest; idempotent. */
  stop(): Promise<RunResources>;
}

/** Sampler CPU above this share of one core is recorded as a warning. */
export const OVERHEAD_LIMIT_PERCENT = 1;

/**
 * Samples every target now and then every `intervalMs` (aligned to the start, so the interval
 * does not drift) until `stop()`: local processes through `/proc` (CPU from tick deltas, RSS,
 * threads, open files), Prometheus endpoints by scraping. Each sampling instant writes one
 * line per target to `file` (see `ResourceSample`). A process that is missing or exits, or an
 * endpoint that is down or malformed, is recorded as a warning and as `up: false` lines;
 * nothing here throws once started. The sampler measures its own CPU time (the synchronous
 * work of each instant, plus parsing scrapes) and reports it as `overhead`.
 *
 * @throws the file-system error when `file` cannot be created
 */
export function startResourceSampler(options: ResourceSamplerOptions): ResourceSampler {
  const intervalMs = options.intervalMs ?? 1000;
  const fd = openSync(options.file, 'wx');
  const exclude = selfAndAncestors();
  for (const pid of options.exclude ?? []) exclude.add(pid);
  const warnings: ResourceWarning[] = [];
  const samples = new Map<ResourceTarget, ResourceSample[]>();
  let cpuMicros = 0;
  let ticks = 0;
  const readers = new Map<ResourceTarget, TargetReader>();
  for (const target of options.targets) {
    samples.set(target, []);
    const warn = (code: ResourceWarningCode, message: string): void => {
      if (warnings.some((w) => w.code === code && w.service === target.service && w.target === target.spec)) return;
      warnings.push({ code, service: target.service, target: target.spec, message, t: Date.now() });
    };
    readers.set(target, createReader(target, { warn, exclude, timeoutMs: Math.min(Math.max(intervalMs * 0.8, 200), 5000), onCpu: (micros) => (cpuMicros += micros) }));
  }

  const startedMono = performance.now();
  let written = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopped: Promise<RunResources> | undefined;

  let lastTickMono = startedMono;
  const tick = (): void => {
    const cpuBefore = process.cpuUsage();
    const instant = { t: Date.now(), mono: performance.now() };
    lastTickMono = instant.mono;
    ticks += 1;
    const results = options.targets.map((target) => (readers.get(target) as TargetReader).read(instant));
    const used = process.cpuUsage(cpuBefore);
    cpuMicros += used.user + used.system;
    written = written
      .then(() => Promise.all(results.map((result) => Promise.resolve(result))))
      .then((lines) => {
        const before = process.cpuUsage();
        lines.forEach((line, i) => samples.get(options.targets[i] as ResourceTarget)?.push(line));
        writeSync(fd, lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
        const cost = process.cpuUsage(before);
        cpuMicros += cost.user + cost.system;
      });
  };
  const schedule = (): void => {
    const next = startedMono + ticks * intervalMs;
    timer = setTimeout(() => {
      tick();
      schedule();
    }, Math.max(0, next - performance.now()));
    timer.unref();
  };
  tick();
  schedule();

  return {
    exclude(pid) {
      exclude.add(pid);
    },
    stop() {
      stopped ??= (async () => {
        clearTimeout(timer);
        // A last sample for the tail of the run, unless the previous one was just taken (a
        // CPU delta over a few ms is all quantization: /proc counts in 10 ms ticks).
        if (performance.now() - lastTickMono >= intervalMs / 2) tick();
        await written;
        closeSync(fd);
        const wallSeconds = (performance.now() - startedMono) / 1000;
        const cpuSeconds = cpuMicros / 1e6;
        const percentOfCore = wallSeconds > 0 ? (cpuSeconds / wallSeconds) * 100 : 0;
        if (percentOfCore >= OVERHEAD_LIMIT_PERCENT && wallSeconds >= 5) {
          warnings.push({ code: 'sampler-overhead', service: '', target: '', message: `the sampler used ${percentOfCore.toFixed(2)}% of a core (goal < ${OVERHEAD_LIMIT_PERCENT}%)`, t: Date.now() });
        }
        return {
          file: options.fileName ?? options.file,
          intervalMs,
          targets: options.targets.map((target) => summarizeResourceSamples({ service: target.service, target: target.spec, source: target.kind === 'prometheus' ? 'prometheus' : 'proc' }, samples.get(target) ?? [])),
          warnings,
          overhead: { cpuSeconds: round(cpuSeconds, 6), wallSeconds: round(wallSeconds, 3), percentOfCore: round(percentOfCore, 4), ticks },
        };
      })();
      return stopped;
    },
  };
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
