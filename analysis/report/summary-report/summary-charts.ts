/**
 * The charts of the summary report, from the runs summarize loaded: each run's untrimmed
 * comparison view (built from the raw samples summarize already holds, so nothing is read
 * twice), pre-aggregated with `buildChartData` one run at a time, and drawn by the
 * comparison's chart builders with one color per run.
 */
import { endpointView } from '../../ingest/ndjson-endpoints.js';
import { serviceNamesOf } from '../../ingest/load-samples.js';
import type { LoadedRun } from '../../ingest/types.js';
import type { SummarizeInput } from '../../summarize/load.js';
import type { TrimRule } from '../../summarize/types.js';
import type { ChartData, EndpointDistribution, ReportChart } from '../chart-data-types.js';
import { buildChartData } from '../chart-data.js';
import { latencyEcdfChart, latencyTimelineChart, loadTimelineChart, throughputTimelineChart, uniqueCharts } from '../charts/index.js';
import { runName } from '../charts/common.js';
import type { ServiceRows } from './endpoint-rows.js';

/** The untrimmed comparison view of a summarize input (the run's own id, which may carry `#2`). */
export function loadedRunOf(input: SummarizeInput, id: string): LoadedRun {
  const serviceNames = input.manifest === null ? undefined : serviceNamesOf(input.manifest);
  const samples = endpointView(input.raw, input.raw.facts.files.join(', '), { trimStartMs: 0, trimEndMs: 0, serviceNames });
  return { id, label: input.label, source: input.source, manifest: input.manifest, samples, quality: [] };
}

/** Chart data of every run, each distribution named after its run. */
export interface SummaryChartData {
  readonly probabilities: ChartData['probabilities'];
  readonly distributions: readonly (EndpointDistribution & { readonly name: string })[];
  readonly timelines: ChartData['timelines'];
}

/**
 * Pre-aggregates the runs one at a time (so each run gets its own latency distribution) with
 * the trims of the summary; `ids` are the summary's run ids, in input order.
 */
export function summaryChartData(inputs: readonly SummarizeInput[], ids: readonly string[], trim: Pick<TrimRule, 'startMs' | 'endMs'>): SummaryChartData {
  const parts = inputs.map((input, i) => buildChartData([loadedRunOf(input, ids[i] ?? input.id)], [], { startMs: trim.startMs, endMs: trim.endMs }));
  const timelines = parts.flatMap((part) => part.timelines);
  const distributions = parts.flatMap((part, i) => {
    const timeline = part.timelines[0];
    const name = timeline === undefined ? (ids[i] ?? '') : runName(timeline);
    return part.distributions.map((distribution) => ({ ...distribution, name }));
  });
  return { probabilities: parts[0]?.probabilities ?? [], distributions, timelines };
}

/**
 * Every chart of the summary report, in page order: the load over time, then per service and
 * endpoint (the order of `services`) its latency ECDF per run, its p50/p95/p99 over time and
 * its throughput and errors over time. Charts without data are left out; ids are unique.
 */
export function summaryCharts(data: SummaryChartData, services: readonly ServiceRows[]): ReportChart[] {
  const charts: (ReportChart | null)[] = [loadTimelineChart(data.timelines, 'run')];
  for (const { service, endpoints } of services) {
    for (const { endpoint } of endpoints) {
      const distributions = data.distributions.filter((d) => d.service === service && d.endpoint === endpoint);
      charts.push(latencyEcdfChart(service, endpoint, distributions, data.probabilities, [], 'run'));
      charts.push(latencyTimelineChart(service, endpoint, data.timelines, 'run'));
      charts.push(throughputTimelineChart(service, endpoint, data.timelines, 'run'));
    }
  }
  return uniqueCharts(charts);
}
