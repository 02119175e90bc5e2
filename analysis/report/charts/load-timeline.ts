import type { ReportChart, RunTimeline } from '../chart-data-types.js';
import { bucketMeta, bucketTransforms, chartId, runName, specBase, type ChartSeries, type VegaLiteSpec } from './common.js';
import { ratePanels } from './throughput-timeline.js';

/**
 * The load every run achieved over time (report-wide): iterations completed per second and
 * iterations k6 dropped per second (an open model that could not keep up), trimmed regions
 * shaded; the dropped panel only when some run dropped iterations. VUs are not shown: the
 * ingest does not keep the `vus` gauge.
 */

/** The load chart of all runs (`series: 'run'` colors each run instead of each side); null when there is no run. */
export function loadTimelineChart(timelines: readonly RunTimeline[], series: ChartSeries = 'side'): ReportChart | null {
  const values: VegaLiteSpec[] = timelines
    .map((timeline, run) => ({
      run,
      name: runName(timeline),
      side: timeline.side,
      ...bucketMeta(timeline, timeline.load.length),
      it: timeline.load.map((bucket) => bucket.iterations),
      dr: timeline.load.map((bucket) => bucket.droppedIterations),
    }))
    .filter((row) => row.n > 0);
  if (values.length === 0) return null;
  const dropped = timelines.some((timeline) => timeline.load.some((bucket) => bucket.droppedIterations > 0));
  const title = 'Load over time: achieved and dropped iterations';
  return {
    id: chartId('load-timeline'),
    title,
    service: null,
    endpoint: null,
    spec: {
      ...specBase(title, dropped ? 'iterations completed and dropped per second, every run; gray = trimmed' : 'iterations completed per second, every run (none dropped); gray = trimmed'),
      data: { values },
      transform: [
        ...bucketTransforms(['it', 'dr']),
        { calculate: 'datum.it / datum.width', as: 'ips' },
        { calculate: 'datum.dr / datum.width', as: 'dps' },
      ],
      vconcat: ratePanels(timelines, [
        { field: 'ips', title: 'iterations/s', percent: false },
        ...(dropped ? [{ field: 'dps', title: 'dropped iterations/s', percent: false }] : []),
      ], series),
      resolve: { scale: { x: 'shared' } },
    },
  };
}
