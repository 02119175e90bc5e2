import type { ReportChart, ResourceTimeline, RunTimeline } from '../chart-data-types.js';
import { chartId, runName, specBase, type ChartSeries, type VegaLiteSpec } from './common.js';
import { ratePanels } from './throughput-timeline.js';

/**
 * CPU and memory of one service over time (server side, from `--resource` sampling): every
 * run of both sides on the latency charts' time axis (s since the run's first k6 sample), two
 * panels, the trimmed warm-up and ramp-down shaded. Null when no run sampled the service.
 */
export function resourceTimelineChart(service: string, resources: readonly ResourceTimeline[], timelines: readonly RunTimeline[], series: ChartSeries = 'side'): ReportChart | null {
  const values: VegaLiteSpec[] = resources
    .filter((timeline) => timeline.service === service && timeline.t.length > 0)
    .map((timeline, run) => ({
      run,
      name: runName(timeline),
      side: timeline.side,
      t: timeline.t,
      cpu: timeline.cpuPercent,
      rss: timeline.rssMiB,
    }));
  if (values.length === 0) return null;
  const title = `${service}: CPU and memory over time (server side)`;
  return {
    id: chartId('resource-timeline', service),
    title,
    service,
    endpoint: null,
    spec: {
      ...specBase(title, 'CPU (% of one core) and resident memory (MiB) of the service under test, sampled once per second; gray = trimmed'),
      data: { values },
      transform: [{ flatten: ['t', 'cpu', 'rss'] }],
      vconcat: ratePanels(
        timelines,
        [
          { field: 'cpu', title: 'CPU (% of a core)', percent: false },
          { field: 'rss', title: 'RSS (MiB)', percent: false },
        ],
        series,
      ),
      resolve: { scale: { x: 'shared' } },
    },
  };
}
