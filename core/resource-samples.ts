/**
 * The resource samples of a run: what `stagecraft run` records about the service under test
 * (CPU, memory, threads, open files) beside k6's client-side metrics. The sampler lives in
 * `runner/resources/`, the comparison in `analysis/resources/`; both share these shapes, which
 * are also the documented file format (docs/resources.md).
 */

/** Where a target's figures come from: `/proc` of local processes, or a Prometheus endpoint. */
export type ResourceSource = 'proc' | 'prometheus';

/**
 * One line of `resources.ndjson`: one target at one sampling instant (once per second).
 * Figures the target cannot give are null; `up: false` means nothing could be read at `t`.
 */
export interface ResourceSample {
  /** Sampling time, ms since the epoch (the same clock as k6's sample times). */
  readonly t: number;
  /** The service the target belongs to (the `service` tag of the scenario's requests). */
  readonly service: string;
  /** The target as given: `pid:1234`, `pattern:node .*catalog`, `prometheus:http://…`. */
  readonly target: string;
  readonly source: ResourceSource;
  /** Whether anything was read at this instant. */
  readonly up: boolean;
  /** Process ids read at this instant (`proc` targets; empty when none was found). */
  readonly pids?: readonly number[];
  /**
   * CPU used since the previous sample, % of one core (100 = one core busy; can exceed 100
   * for multi-threaded processes). Null for the first sample of a process (no delta yet).
   */
  readonly cpuPercent: number | null;
  /** Resident set size, bytes (summed over the target's processes). */
  readonly rssBytes: number | null;
  /** Threads (summed over processes); null when unknown (e.g. Prometheus without a thread metric). */
  readonly threads: number | null;
  /** Open file descriptors (summed); null when unreadable (another user's process) or unknown. */
  readonly fds: number | null;
}

/** Stable codes of sampling problems recorded in the manifest; the run stays valid for latency. */
export type ResourceWarningCode =
  | 'process-not-found'
  | 'process-exited'
  | 'scrape-failed'
  | 'scrape-malformed'
  | 'metric-missing'
  | 'sampler-overhead';

/** A sampling problem: recorded once per target and code (with the first time it happened). */
export interface ResourceWarning {
  readonly code: ResourceWarningCode;
  readonly service: string;
  readonly target: string;
  readonly message: string;
  /** When it first happened, ms since the epoch. */
  readonly t: number;
}

/** Whole-run figures of one target (every sample; the comparison recomputes them on the steady window). */
export interface ResourceTargetSummary {
  readonly service: string;
  readonly target: string;
  readonly source: ResourceSource;
  /** Sampling instants, and how many of them read something. */
  readonly samples: number;
  readonly upSamples: number;
  /** Mean and highest CPU (% of one core); null without any CPU figure. */
  readonly cpuPercent: { readonly mean: number; readonly max: number } | null;
  /** Mean and peak RSS (bytes); null without any memory figure. */
  readonly rssBytes: { readonly mean: number; readonly peak: number } | null;
  readonly threadsMax: number | null;
  readonly fdsMax: number | null;
}

/** What the sampler cost: its own CPU time while the run lasted. */
export interface SamplerOverhead {
  /** CPU time of the sampling work (user + system), s. */
  readonly cpuSeconds: number;
  /** Wall time the sampler ran, s. */
  readonly wallSeconds: number;
  /** `cpuSeconds / wallSeconds × 100`: % of one core (goal < 1). */
  readonly percentOfCore: number;
  /** Sampling instants. */
  readonly ticks: number;
}

/** `manifest.json` → `resources`: the samples file, per-target summaries, warnings and overhead. */
export interface RunResources {
  /** File name inside the run folder (NDJSON of {@link ResourceSample}). */
  readonly file: string;
  /** Sampling interval, ms. */
  readonly intervalMs: number;
  readonly targets: readonly ResourceTargetSummary[];
  readonly warnings: readonly ResourceWarning[];
  readonly overhead: SamplerOverhead;
}

/** File name of the resource samples inside a run folder. */
export const RESOURCE_SAMPLES_FILE = 'resources.ndjson';

/** Mean of a list; null when it is empty. */
export function meanOrNull(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let total = 0;
  for (const value of values) total += value;
  return total / values.length;
}

/** Largest value of a list (a loop: a spread into `Math.max` fails beyond ~10^5 values); null when empty. */
export function maxOrNull(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let largest = Number.NEGATIVE_INFINITY;
  for (const value of values) if (value > largest) largest = value;
  return largest;
}

/**
 * Summarizes one target's samples: mean and highest CPU over the samples that have a CPU
 * figure, mean and peak RSS over those with a memory figure, the most threads and open files.
 * The sampler writes it to the manifest for the whole run; the comparison applies it to the
 * samples inside the steady window.
 */
export function summarizeResourceSamples(
  key: Pick<ResourceTargetSummary, 'service' | 'target' | 'source'>,
  samples: readonly ResourceSample[],
): ResourceTargetSummary {
  const figures = (pick: (sample: ResourceSample) => number | null): number[] =>
    samples.flatMap((sample) => {
      const value = sample.up ? pick(sample) : null;
      return value === null ? [] : [value];
    });
  const cpu = figures((s) => s.cpuPercent);
  const rss = figures((s) => s.rssBytes);
  const threads = figures((s) => s.threads);
  const fds = figures((s) => s.fds);
  return {
    ...key,
    samples: samples.length,
    upSamples: samples.filter((sample) => sample.up).length,
    cpuPercent: cpu.length === 0 ? null : { mean: meanOrNull(cpu) as number, max: maxOrNull(cpu) as number },
    rssBytes: rss.length === 0 ? null : { mean: meanOrNull(rss) as number, peak: maxOrNull(rss) as number },
    threadsMax: maxOrNull(threads),
    fdsMax: maxOrNull(fds),
  };
}
