import type { SloJudgment } from '../../compare/slo-judgments.js';
import type { ReportChart, RunTimeline } from '../chart-data-types.js';
import { sloRuleLayers } from './latency-ecdf.js';
import { CHART_WIDTH, bucketMeta, bucketTransforms, chartId, runName, seriesColor, sideTooltip, specBase, type ChartSeries, timelineMark, trimmedLayer, type VegaLiteSpec } from './common.js';

/**
 * p50 / p95 / p99 of one endpoint over time, every run of both sides on one time axis (s since
 * each run's start), with the trimmed warm-up and ramp-down shaded.
 */

/** Dash of each quantile's line: p50 solid, p95 dashed, p99 dotted. */
const QUANTILE_DASH = { domain: ['p50', 'p95', 'p99'], range: [[1, 0], [6, 3], [2, 2]] };

/** The time axis shared by the timeline charts. */
export const TIME_AXIS = { field: 't', type: 'quantitative', title: 'time since run start (s)' } as const;

/**
 * The latency-over-time chart of one endpoint: per run and bucket the p50, p95 and p99 of
 * successful durations (log axis), color = side, dash = quantile, one line per run and
 * quantile. Data is inlined as columns per run and expanded in Vega (`flatten`, `fold`). Null when
 * no run has the endpoint. `series: 'run'` colors each run instead of each side. `slos` (this
 * endpoint's, see `endpointSlos`) draw their tier limits as labelled rules.
 */
export function latencyTimelineChart(
  service: string,
  endpoint: string,
  timelines: readonly RunTimeline[],
  series: ChartSeries = 'side',
  slos: readonly SloJudgment[] = [],
): ReportChart | null {
  const values: VegaLiteSpec[] = [];
  timelines.forEach((timeline, run) => {
    const data = timeline.endpoints.find((e) => e.service === service && e.endpoint === endpoint);
    if (data === undefined || data.p50.every((v) => v === null)) return;
    values.push({ run, name: runName(timeline), side: timeline.side, ...bucketMeta(timeline, data.p50.length), p50: data.p50, p95: data.p95, p99: data.p99 });
  });
  if (values.length === 0) return null;
  const title = `${service} · ${endpoint}: latency over time`;
  const subtitle = `p50 (solid), p95 (dashed), p99 (dotted) of successful requests per time bucket; gray = trimmed${slos.length > 0 ? '; SLO tiers as rules' : ''}`;
  const lines: VegaLiteSpec = {
    transform: [...bucketTransforms(['p50', 'p95', 'p99']), { fold: ['p50', 'p95', 'p99'], as: ['quantile', 'ms'] }, { filter: 'isValid(datum.ms) && datum.ms > 0' }],
    mark: timelineMark(timelines.length),
    encoding: {
      x: TIME_AXIS,
      y: { field: 'ms', type: 'quantitative', title: 'latency (ms, log scale)', scale: { type: 'log' } },
      color: seriesColor(series),
      strokeDash: { field: 'quantile', type: 'nominal', title: 'quantile', scale: QUANTILE_DASH, legend: { symbolType: 'stroke', symbolStrokeColor: '#555555' } },
      detail: { field: 'run', type: 'nominal' },
      tooltip: [
        { field: 'name', type: 'nominal', title: 'run' },
        ...sideTooltip(series),
        { field: 'quantile', type: 'nominal', title: 'quantile' },
        { field: 't', type: 'quantitative', title: 'time (s)' },
        { field: 'ms', type: 'quantitative', title: 'latency (ms)', format: '.4~r' },
      ],
    },
  };
  return {
    id: chartId('latency-timeline', service, endpoint),
    title,
    service,
    endpoint,
    spec: { ...specBase(title, subtitle), width: CHART_WIDTH, height: 260, data: { values }, layer: [...trimmedLayer(timelines), lines, ...sloRuleLayers(slos, 'y')], resolve: { scale: { color: 'independent' } } },
  };
}
