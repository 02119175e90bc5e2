import type { LoadedRun } from '../ingest/types.js';
import type { ChartData, ResourceTimeline, Side } from '../report/chart-data-types.js';
import type { RunResourceData } from './load.js';
import { sampledServices, serviceInstants, type ServiceInstant } from './run-figures.js';

/** Most points per run and service in the chart data; longer series are averaged in groups. */
export const MAX_RESOURCE_POINTS = 600;

const MIB = 1024 * 1024;

function meanOrNull(values: readonly (number | null)[]): number | null {
  const present = values.filter((value): value is number => value !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length;
}

/** Groups of consecutive instants, each averaged (CPU and RSS means; time of the group's middle). */
function downsample(instants: readonly ServiceInstant[], maxPoints: number): { t: number; cpu: number | null; rss: number | null }[] {
  const size = Math.max(1, Math.ceil(instants.length / maxPoints));
  const points: { t: number; cpu: number | null; rss: number | null }[] = [];
  for (let from = 0; from < instants.length; from += size) {
    const group = instants.slice(from, from + size);
    const up = group.filter((instant) => instant.up);
    points.push({
      t: ((group[0]?.t ?? 0) + (group.at(-1)?.t ?? 0)) / 2,
      cpu: meanOrNull(up.map((instant) => instant.cpuPercent)),
      rss: meanOrNull(up.map((instant) => instant.rssBytes)),
    });
  }
  return points;
}

function timelinesOf(run: LoadedRun, data: RunResourceData | null, side: Side, maxPoints: number): ResourceTimeline[] {
  if (data === null) return [];
  const origin = run.samples.span?.firstMs ?? data.samples[0]?.t ?? 0;
  return sampledServices(data).map((service) => {
    const points = downsample(serviceInstants(data.samples, service), maxPoints);
    return {
      side,
      runId: run.id,
      label: run.label,
      service,
      t: points.map((point) => Math.round(point.t - origin) / 1000),
      cpuPercent: points.map((point) => (point.cpu === null ? null : Math.round(point.cpu * 100) / 100)),
      rssMiB: points.map((point) => (point.rss === null ? null : Math.round((point.rss / MIB) * 1000) / 1000)),
    };
  });
}

/**
 * Adds the resource timelines of both sides to chart data (runs before trimming, the same
 * time origin as the latency timelines); the data is returned unchanged when no run has any.
 */
export function withResourceTimelines(
  charts: ChartData,
  runs: { readonly baseline: readonly LoadedRun[]; readonly candidate: readonly LoadedRun[] },
  data: { readonly baseline: readonly (RunResourceData | null)[]; readonly candidate: readonly (RunResourceData | null)[] },
  maxPoints = MAX_RESOURCE_POINTS,
): ChartData {
  const resources = [
    ...runs.baseline.flatMap((run, i) => timelinesOf(run, data.baseline[i] ?? null, 'baseline', maxPoints)),
    ...runs.candidate.flatMap((run, i) => timelinesOf(run, data.candidate[i] ?? null, 'candidate', maxPoints)),
  ];
  return resources.length === 0 ? charts : { ...charts, resources };
}
