import { maxOrNull, meanOrNull, type ResourceSample } from '../../core/resource-samples.js';
import type { SteadyWindow } from '../ingest/types.js';
import type { RunResourceSummary } from '../compare/types.js';
import type { RunResourceData } from './load.js';

/** One sampling instant of a service: its targets' figures added up (null when none had the figure). */
export interface ServiceInstant {
  readonly t: number;
  readonly up: boolean;
  readonly cpuPercent: number | null;
  readonly rssBytes: number | null;
  readonly threads: number | null;
  readonly fds: number | null;
}

function sumOf(values: readonly (number | null)[]): number | null {
  const present = values.filter((value): value is number => value !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0);
}

/**
 * A service's figures per sampling instant, in time order: the samples of its targets at the
 * same instant (the sampler stamps every target of an instant with one `t`) are added up, so
 * a service sampled as two processes counts both.
 */
export function serviceInstants(samples: readonly ResourceSample[], service: string): ServiceInstant[] {
  const byTime = new Map<number, ResourceSample[]>();
  for (const sample of samples) {
    if (sample.service !== service) continue;
    const list = byTime.get(sample.t);
    if (list === undefined) byTime.set(sample.t, [sample]);
    else list.push(sample);
  }
  return [...byTime.entries()]
    .sort(([a], [b]) => a - b)
    .map(([t, list]) => {
      const up = list.filter((sample) => sample.up);
      return {
        t,
        up: up.length > 0,
        cpuPercent: sumOf(up.map((s) => s.cpuPercent)),
        rssBytes: sumOf(up.map((s) => s.rssBytes)),
        threads: sumOf(up.map((s) => s.threads)),
        fds: sumOf(up.map((s) => s.fds)),
      };
    });
}

/** The services a run sampled, in first-seen order. */
export function sampledServices(data: RunResourceData): string[] {
  return [...new Set([...data.summary.targets.map((target) => target.service), ...data.samples.map((sample) => sample.service)])];
}

/**
 * What one run's samples give per service inside the steady window (all samples when the run
 * has no window): mean CPU, peak and mean RSS, most threads and open files.
 */
export function runResourceSummary(data: RunResourceData, window: SteadyWindow | null): RunResourceSummary {
  const inWindow = (t: number): boolean => window === null || (t >= window.startMs && t <= window.endMs);
  const services = sampledServices(data).map((service) => {
    const instants = serviceInstants(data.samples, service).filter((instant) => inWindow(instant.t));
    const up = instants.filter((instant) => instant.up);
    const figures = (pick: (instant: ServiceInstant) => number | null): number[] =>
      up.flatMap((instant) => {
        const value = pick(instant);
        return value === null ? [] : [value];
      });
    const rss = figures((i) => i.rssBytes);
    const threads = figures((i) => i.threads);
    const fds = figures((i) => i.fds);
    return {
      service,
      targets: [...new Set(data.samples.filter((s) => s.service === service).map((s) => s.target))],
      samples: instants.length,
      upSamples: up.length,
      cpuPercent: meanOrNull(figures((i) => i.cpuPercent)),
      rssPeakBytes: maxOrNull(rss),
      rssMeanBytes: meanOrNull(rss),
      threadsMax: maxOrNull(threads),
      fdsMax: maxOrNull(fds),
    };
  });
  const warnings = data.summary.warnings.map((warning) => `${warning.code}: ${warning.message}`);
  if (data.malformedLines > 0) warnings.push(`malformed-samples: ${data.malformedLines} line(s) of ${data.summary.file} could not be read`);
  return { id: data.runId, label: data.label, services, warnings, samplerPercentOfCore: data.summary.overhead.percentOfCore };
}
