import type { ReportChart, ResourceTimeline, RunTimeline } from '../chart-data-types.js';
import { CHART_WIDTH, chartId, seriesColor, sideTooltip, specBase, timelineMark, trimmedLayer, type ChartSeries, type VegaLiteSpec } from './common.js';
import { TIME_AXIS } from './latency-timeline.js';

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
      name: timeline.label === null ? timeline.runId : `${timeline.runId} (${timeline.label})`,
      side: timeline.side,
      t: timeline.t,
      cpu: timeline.cpuPercent,
      rss: timeline.rssMiB,
    }));
  if (values.length === 0) return null;
  const title = `${service}: CPU and memory over time (server side)`;
  const panel = (field: 'cpu' | 'rss', axisTitle: string): VegaLiteSpec => ({
    width: CHART_WIDTH,
    height: 150,
    layer: [
      ...trimmedLayer(timelines),
      {
        mark: timelineMark(values.length),
        transform: [{ filter: `isValid(datum.${field})` }],
        encoding: {
          x: TIME_AXIS,
          y: { field, type: 'quantitative', title: axisTitle },
          color: seriesColor(series),
          detail: { field: 'run', type: 'nominal' },
          tooltip: [
            { field: 'name', type: 'nominal', title: 'run' },
            ...sideTooltip(series),
            { field: 't', type: 'quantitative', title: 'time (s)' },
            { field, type: 'quantitative', title: axisTitle, format: '.4~r' },
          ],
        },
      },
    ],
  });
  return {
    id: chartId('resource-timeline', service),
    title,
    service,
    endpoint: null,
    spec: {
      ...specBase(title, 'CPU (% of one core) and resident memory (MiB) of the service under test, sampled once per second; gray = trimmed'),
      data: { values },
      transform: [{ flatten: ['t', 'cpu', 'rss'] }],
      vconcat: [panel('cpu', 'CPU (% of a core)'), panel('rss', 'RSS (MiB)')],
      resolve: { scale: { x: 'shared' } },
    },
  };
}
