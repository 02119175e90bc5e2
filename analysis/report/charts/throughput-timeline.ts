import type { ReportChart, RunTimeline } from '../chart-data-types.js';
import { CHART_WIDTH, bucketMeta, bucketTransforms, chartId, runName, seriesColor, sideTooltip, specBase, type ChartSeries, timelineMark, trimmedLayer, type VegaLiteSpec } from './common.js';
import { TIME_AXIS } from './latency-timeline.js';

/**
 * Throughput (requests/s) and error rate of one endpoint over time, every run of both sides,
 * two panels on one time axis, trimmed regions shaded.
 */

/**
 * Stacked panels of per-run rates over time: shared data (`t`, `run`, `name`, `side` and one
 * field per panel), trimmed regions shaded, colored by `series`.
 */
export function ratePanels(
  timelines: readonly RunTimeline[],
  panels: readonly { readonly field: string; readonly title: string; readonly percent: boolean }[],
  series: ChartSeries = 'side',
): VegaLiteSpec[] {
  return panels.map((panel) => ({
    width: CHART_WIDTH,
    height: 150,
    layer: [
      ...trimmedLayer(timelines),
      {
        mark: timelineMark(timelines.length),
        transform: [{ filter: `isValid(datum.${panel.field})` }],
        encoding: {
          x: TIME_AXIS,
          y: { field: panel.field, type: 'quantitative', title: panel.title, axis: { format: panel.percent ? '.1~%' : ',~r' } },
          color: seriesColor(series),
          detail: { field: 'run', type: 'nominal' },
          tooltip: [
            { field: 'name', type: 'nominal', title: 'run' },
            ...sideTooltip(series),
            { field: 't', type: 'quantitative', title: 'time (s)' },
            { field: panel.field, type: 'quantitative', title: panel.title, format: panel.percent ? '.3~%' : '.4~r' },
          ],
        },
      },
    ],
  }));
}

/**
 * The throughput and error-rate chart of one endpoint: per run and bucket, completed requests
 * per second (successful + failed) and the failed fraction (none where a bucket has no
 * request). Null when no run has the endpoint. `series: 'run'` colors each run instead of each side.
 */
export function throughputTimelineChart(service: string, endpoint: string, timelines: readonly RunTimeline[], series: ChartSeries = 'side'): ReportChart | null {
  const values: VegaLiteSpec[] = [];
  timelines.forEach((timeline, run) => {
    const data = timeline.endpoints.find((e) => e.service === service && e.endpoint === endpoint);
    if (data === undefined) return;
    values.push({ run, name: runName(timeline), side: timeline.side, ...bucketMeta(timeline, data.requests.length), q: data.requests, e: data.errors });
  });
  if (values.length === 0) return null;
  const title = `${service} · ${endpoint}: throughput and errors over time`;
  return {
    id: chartId('throughput-timeline', service, endpoint),
    title,
    service,
    endpoint,
    spec: {
      ...specBase(title, 'completed requests per second and error rate per time bucket; gray = trimmed'),
      data: { values },
      transform: [
        ...bucketTransforms(['q', 'e']),
        { calculate: 'datum.q / datum.width', as: 'rps' },
        { calculate: 'datum.q > 0 ? datum.e / datum.q : null', as: 'err' },
      ],
      vconcat: ratePanels(timelines, [
        { field: 'rps', title: 'requests/s', percent: false },
        { field: 'err', title: 'error rate', percent: true },
      ], series),
      resolve: { scale: { x: 'shared' } },
    },
  };
}
