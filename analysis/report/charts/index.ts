import type { Comparison } from '../../compare/types.js';
import type { ChartData, ReportChart } from '../chart-data-types.js';
import { forestPlotChart } from './forest-plot.js';
import { endpointSlos, latencyEcdfChart } from './latency-ecdf.js';
import { latencyTimelineChart } from './latency-timeline.js';
import { loadTimelineChart } from './load-timeline.js';
import { throughputTimelineChart } from './throughput-timeline.js';
import { resourceTimelineChart } from './resource-timeline.js';

/**
 * The charts of a comparison report, as Vega-Lite specs with their data inlined.
 */

export { chartId, slug, VEGA_LITE_SCHEMA, type VegaLiteSpec } from './common.js';
export { forestPlotChart } from './forest-plot.js';
export { endpointSlos, latencyEcdfChart } from './latency-ecdf.js';
export { latencyTimelineChart } from './latency-timeline.js';
export { loadTimelineChart } from './load-timeline.js';
export { throughputTimelineChart } from './throughput-timeline.js';
export { resourceTimelineChart } from './resource-timeline.js';

/**
 * Every chart of a comparison, in report order: the report-wide load over time, then per
 * service (in `comparison.services` order) its forest plot, then per endpoint its latency
 * ECDF (with SLO tiers), latency over time and throughput/errors over time. A chart without
 * data (an endpoint missing from the chart data, a service without ratio CIs) is left out.
 * Ids are unique and file-name safe; titles are plain text.
 *
 * @param comparison - the comparison the report is about (rows, SLOs, services, budgets)
 * @param data - from `buildChartData` on the same runs
 */
export function reportCharts(comparison: Comparison, data: ChartData): ReportChart[] {
  const charts: (ReportChart | null)[] = [loadTimelineChart(data.timelines)];
  for (const { service, endpoints } of comparison.services) {
    charts.push(forestPlotChart(service, comparison.rows, comparison.options));
    charts.push(resourceTimelineChart(service, data.resources ?? [], data.timelines));
    for (const endpoint of endpoints) {
      const distributions = data.distributions.filter((d) => d.service === service && d.endpoint === endpoint);
      charts.push(latencyEcdfChart(service, endpoint, distributions, data.probabilities, endpointSlos(comparison.slos, service, endpoint)));
      charts.push(latencyTimelineChart(service, endpoint, data.timelines, 'side', endpointSlos(comparison.slos, service, endpoint)));
      charts.push(throughputTimelineChart(service, endpoint, data.timelines));
    }
  }
  // Sampled services without request rows: their resource charts are report-wide.
  const known = new Set(comparison.services.map((summary) => summary.service));
  for (const service of new Set((data.resources ?? []).map((timeline) => timeline.service))) {
    if (!known.has(service)) charts.push(resourceTimelineChart(service, data.resources ?? [], data.timelines));
  }
  return uniqueCharts(charts);
}

/** The charts that exist, each id once: the same (service, endpoint) listed twice gives the same id, so the first chart is kept. */
export function uniqueCharts(charts: readonly (ReportChart | null)[]): ReportChart[] {
  const seen = new Set<string>();
  return charts.filter((chart): chart is ReportChart => {
    if (chart === null || seen.has(chart.id)) return false;
    seen.add(chart.id);
    return true;
  });
}
