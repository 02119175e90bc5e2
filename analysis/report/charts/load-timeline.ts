import type { ReportChart, RunTimeline } from '../chart-data-types.js';
import { bucketMeta, bucketTransforms, chartId, runName, specBase, type ChartSeries, type VegaLiteSpec } from './common.js';
import { ratePanels } from './throughput-timeline.js';

/**
 * The load every run achieved over time (report-wide): iterations completed per second and
 * iterations k6 dropped per second (an open model that could not keep up), trimmed regions
 * shaded; the dropped panel only when some run dropped iterations; active VUs (the highest
 * `vus` gauge value per bucket) when the output has them.
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
      vu: timeline.load.map((bucket) => bucket.vus),
    }))
    .filter((row) => row.n > 0);
  if (values.length === 0) return null;
  const dropped = timelines.some((timeline) => timeline.load.some((bucket) => bucket.droppedIterations > 0));
  const vus = timelines.some((timeline) => timeline.load.some((bucket) => bucket.vus !== null));
  const title = vus ? 'Load over time: iterations and VUs' : 'Load over time: achieved and dropped iterations';
  return {
    id: chartId('load-timeline'),
    title,
    service: null,
    endpoint: null,
    spec: {
      ...specBase(title, `${dropped ? 'iterations completed and dropped per second' : 'iterations completed per second (none dropped)'}${vus ? ', active VUs' : ''}, every run; gray = trimmed`),
      data: { values },
      transform: [
        ...bucketTransforms(vus ? ['it', 'dr', 'vu'] : ['it', 'dr']),
        { calculate: 'datum.it / datum.width', as: 'ips' },
        { calculate: 'datum.dr / datum.width', as: 'dps' },
      ],
      vconcat: ratePanels(timelines, [
        { field: 'ips', title: 'iterations/s', percent: false },
        ...(dropped ? [{ field: 'dps', title: 'dropped iterations/s', percent: false }] : []),
        ...(vus ? [{ field: 'vu', title: 'active VUs', percent: false }] : []),
      ], series),
      resolve: { scale: { x: 'shared' } },
    },
  };
}
