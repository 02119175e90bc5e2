import { createHash } from 'node:crypto';
import type { RunTimeline } from '../chart-data-types.js';

/**
 * Shared pieces of the chart spec builders: ids, colors, the spec skeleton and the shaded
 * regions that mark what the warm-up and ramp-down trims cut away.
 */

/** A Vega-Lite spec as plain JSON (validated against the Vega-Lite schema in the tests). */
export type VegaLiteSpec = Record<string, unknown>;

/** The `$schema` of every spec. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Plot width of every chart, px. */
export const CHART_WIDTH = 640;

/** Baseline blue, candidate orange (Tableau 10; readable for the common color-vision deficiencies). */
export const SIDE_SCALE = { domain: ['baseline', 'candidate'], range: ['#4c78a8', '#f58518'] } as const;

/** Verdict colors: green, amber, red. */
export const VERDICT_SCALE = { domain: ['PASS', 'WARN', 'FAIL'], range: ['#54a24b', '#e6a700', '#d62728'] } as const;

/** Fonts and sizes: the generic `sans-serif` family only (no web fonts), white background. */
export const CHART_CONFIG = {
  font: 'sans-serif',
  background: 'white',
  padding: 8,
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#e6e6e6' },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  title: { fontSize: 14, anchor: 'start', subtitleFontSize: 11, subtitleColor: '#555555' },
} as const;

/** Lower-case ASCII letters, digits and single hyphens, at most `max` characters. */
export function slug(text: string, max = 40): string {
  const ascii = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  return ascii.replace(/[^a-z0-9]+/g, '-').slice(0, max).replace(/^-+|-+$/g, '');
}

/**
 * A file-name-safe chart id: the kind, slugs of the parts and 8 hex digits of a SHA-256 of the
 * exact parts, so names that slug alike (`a/b`, `a b`, `<script>`) still get distinct ids.
 *
 * @example
 * chartId('latency-ecdf', 'catalog', 'get-item'); // => 'latency-ecdf-catalog-get-item-…'
 */
export function chartId(kind: string, ...parts: readonly string[]): string {
  const hash = createHash('sha256').update(JSON.stringify([kind, ...parts])).digest('hex').slice(0, 8);
  return [kind, ...parts.map((part) => slug(part)).filter((part) => part !== ''), hash].join('-');
}

/** The top-level part every spec shares. */
export function specBase(title: string, subtitle?: string): VegaLiteSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: subtitle === undefined ? { text: title } : { text: title, subtitle },
    config: CHART_CONFIG,
  };
}

/** Seconds, rounded to ms. */
export function seconds(ms: number): number {
  return Math.round(ms) / 1000;
}

/**
 * What the client needs to place a run's buckets in time: bucket width `w` and run length
 * `len` (s) and the bucket count `n`. Sending these instead of a time per bucket keeps the
 * inlined data small; {@link bucketTransforms} computes `t` (bucket mid-point, s) and `width`
 * (s) in Vega.
 */
export function bucketMeta(timeline: RunTimeline, count: number): { w: number; len: number; n: number } {
  return { w: seconds(timeline.bucketMs), len: seconds(timeline.lengthMs), n: count };
}

/**
 * Transforms that expand per-run column data (`fields`, one array entry per bucket) into one
 * row per bucket with its index `b`, mid-point `t` and `width` (s; the last bucket ends at the
 * run's length, see `EndpointTimeline`).
 */
export function bucketTransforms(fields: readonly string[]): VegaLiteSpec[] {
  return [
    { flatten: [...fields] },
    { window: [{ op: 'row_number', as: 'i' }], groupby: ['run'] },
    { calculate: 'datum.i - 1', as: 'b' },
    { calculate: 'datum.b == datum.n - 1 ? (datum.b * datum.w + max(datum.len, datum.b * datum.w)) / 2 : (datum.b + 0.5) * datum.w', as: 't' },
    { calculate: 'datum.b == datum.n - 1 ? max(datum.len - datum.b * datum.w, 0.001) : datum.w', as: 'width' },
  ];
}

/**
 * The regions the trims cut away, in s since the run start: the warm-up `[0, largest
 * window start]` and the ramp-down `[earliest window end, longest run]` (the runs differ by
 * a few ms in length; one band each keeps the chart readable). Empty regions are left out.
 */
export function trimmedRegions(timelines: readonly RunTimeline[]): { from: number; to: number; region: string }[] {
  if (timelines.length === 0) return [];
  const warmUp = Math.max(...timelines.map((t) => Math.min(t.window.startMs, t.lengthMs)));
  const rampDown = Math.min(...timelines.map((t) => Math.max(t.window.endMs, t.window.startMs, 0)));
  const length = Math.max(...timelines.map((t) => t.lengthMs));
  const regions: { from: number; to: number; region: string }[] = [];
  if (warmUp > 0) regions.push({ from: 0, to: seconds(warmUp), region: 'warm-up (trimmed)' });
  if (rampDown < length) regions.push({ from: seconds(rampDown), to: seconds(length), region: 'ramp-down (trimmed)' });
  return regions;
}

/** A layer of gray bands over the trimmed regions, behind the data (empty when nothing was trimmed). */
export function trimmedLayer(timelines: readonly RunTimeline[]): VegaLiteSpec[] {
  const regions = trimmedRegions(timelines);
  if (regions.length === 0) return [];
  return [
    {
      data: { values: regions },
      mark: { type: 'rect', color: '#999999', opacity: 0.18 },
      encoding: {
        x: { field: 'from', type: 'quantitative' },
        x2: { field: 'to' },
        tooltip: [
          { field: 'region', type: 'nominal', title: 'region' },
          { field: 'from', type: 'quantitative', title: 'from (s)' },
          { field: 'to', type: 'quantitative', title: 'to (s)' },
        ],
      },
    },
  ];
}

/**
 * The line mark of per-run timelines: with few runs, small points carry the tooltips; beyond
 * {@link MAX_RUNS_WITH_POINTS} runs they are left out (thousands of SVG nodes for no reading
 * gain; the lines still have tooltips).
 */
export function timelineMark(runs: number): VegaLiteSpec {
  const line = { type: 'line', strokeWidth: 1.5, opacity: 0.85 };
  return runs <= MAX_RUNS_WITH_POINTS ? { ...line, point: { size: 12, filled: true, aria: false } } : line;
}

/** Most runs for which timeline charts draw a point per bucket. */
export const MAX_RUNS_WITH_POINTS = 6;

/** The `color` encoding of baseline vs candidate. */
export function sideColor(): VegaLiteSpec {
  return { field: 'side', type: 'nominal', title: 'side', scale: { domain: [...SIDE_SCALE.domain], range: [...SIDE_SCALE.range] }, legend: { symbolType: 'stroke' } };
}

/**
 * What the line colors of a chart tell apart: `side` (baseline vs candidate, the comparison)
 * or `run` (every run its own color, by its name: the single-run summary).
 */
export type ChartSeries = 'side' | 'run';

/** The `color` encoding of `series`: {@link sideColor}, or one color per run name (`name` field). */
export function seriesColor(series: ChartSeries): VegaLiteSpec {
  return series === 'side' ? sideColor() : { field: 'name', type: 'nominal', title: 'run', legend: { symbolType: 'stroke', labelLimit: 280 } };
}

/** The tooltip entry of the side; none when the colors are runs (there are no sides). */
export function sideTooltip(series: ChartSeries): VegaLiteSpec[] {
  return series === 'side' ? [{ field: 'side', type: 'nominal', title: 'side' }] : [];
}

/** Runs' label for tooltips: the run id and its manifest label. */
export function runName(timeline: Pick<RunTimeline, 'runId' | 'label'>): string {
  return timeline.label === null ? timeline.runId : `${timeline.runId} (${timeline.label})`;
}
