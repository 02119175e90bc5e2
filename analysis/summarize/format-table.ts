import { formatDuration } from '../../core/duration.js';
import { formatRate } from '../compare/format.js';
import { describeVerdict } from '../thresholds/verdicts.js';
import { distributedHeadline, instancePhrase, rateDurationText, thresholdsUnknownText } from './distributed-text.js';
import type { Summary, SummaryRun, SummarySeries } from './types.js';

/**
 * `summarize --format table`: for people. One block per run: a header with the window, k6's
 * outcome and the data-quality facts, then aligned tables with the key metrics first:
 * request durations per service/endpoint, error rates, throughput, then other trends and gauges.
 * Grouping columns that are empty for a whole table are left out.
 */

type Align = 'left' | 'right';
interface Column {
  readonly title: string;
  readonly align: Align;
}

const REQUEST_DURATIONS = ['http_req_duration', 'grpc_req_duration'];
const RATE_ORDER = ['http_req_failed', 'checks'];
const COUNTER_ORDER = ['http_reqs', 'iterations', 'dropped_iterations', 'grpc_streams'];

/** A number with 3–4 significant digits for reading, never in exponent form. */
export function formatNumber(value: number): string {
  const size = Math.abs(value);
  if (Number.isInteger(value)) return String(value);
  const digits = size < 1 ? 3 : size < 100 ? 2 : size < 10_000 ? 1 : 0;
  return value.toFixed(digits);
}

/** Renders rows as aligned text columns separated by two spaces. */
export function alignColumns(columns: readonly Column[], rows: readonly (readonly string[])[]): string[] {
  const widths = columns.map((column, i) => Math.max(column.title.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((text, i) => (columns[i]?.align === 'right' ? text.padStart(widths[i] ?? 0) : text.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((column) => column.title)), ...rows.map(line)];
}

function orderBy(names: readonly string[]) {
  const rank = (metric: string): number => {
    const index = names.indexOf(metric);
    return index === -1 ? names.length : index;
  };
  return (a: SummarySeries, b: SummarySeries): number => rank(a.metric) - rank(b.metric);
}

/**
 * Rates and counters are additive, so the table shows them per endpoint over all status
 * classes (an error rate split by status class would read 0% or 100%). The first series of a
 * merged row keeps its first/last times; only the summed fields are shown.
 */
export function mergeStatusClasses(list: readonly SummarySeries[], groupBy: readonly string[]): SummarySeries[] {
  if (!groupBy.includes('status_class')) return [...list];
  const merged = new Map<string, SummarySeries>();
  for (const series of list) {
    const tags: Readonly<Record<string, string | null>> = { ...series.tags, status_class: null };
    const key = JSON.stringify([series.metric, ...groupBy.map((name) => tags[name] ?? null)]);
    const known = merged.get(key);
    if (known === undefined) merged.set(key, { ...series, tags });
    else if (known.kind === 'rate' && series.kind === 'rate') {
      const count = known.stats.count + series.stats.count;
      const matches = known.stats.matches + series.stats.matches;
      merged.set(key, { ...known, stats: { ...known.stats, count, matches, rate: matches / count, samples: known.stats.samples + series.stats.samples } });
    } else if (known.kind === 'counter' && series.kind === 'counter') {
      const ratePerSec = known.stats.ratePerSec === null || series.stats.ratePerSec === null ? null : known.stats.ratePerSec + series.stats.ratePerSec;
      merged.set(key, { ...known, stats: { ...known.stats, count: known.stats.count + series.stats.count, ratePerSec, samples: known.stats.samples + series.stats.samples } });
    }
  }
  return [...merged.values()];
}

function unitOf(series: SummarySeries): string {
  return series.contains === 'time' ? 'ms' : series.contains === 'data' ? 'B' : '';
}

/** One titled table; the grouping columns that have a value in some row are shown. */
function section(title: string, list: readonly SummarySeries[], groupBy: readonly string[], stats: readonly [Column, (series: SummarySeries) => string][]): string[] {
  if (list.length === 0) return [];
  const keys = groupBy.filter((key) => list.some((series) => series.tags[key] !== null && series.tags[key] !== undefined));
  const columns: Column[] = [
    { title: 'metric', align: 'left' },
    ...keys.map((key): Column => ({ title: key, align: 'left' })),
    ...stats.map(([column]) => column),
  ];
  const rows = list.map((series) => [series.metric, ...keys.map((key) => series.tags[key] ?? '-'), ...stats.map(([, value]) => value(series))]);
  return ['', `  ${title}`, ...alignColumns(columns, rows).map((text) => `  ${text}`)];
}

const right = (title: string): Column => ({ title, align: 'right' });

function trendColumns(withUnit: boolean): [Column, (series: SummarySeries) => string][] {
  const stat = (name: 'count' | 'mean' | 'p50' | 'p90' | 'p95' | 'p99' | 'p999' | 'max' | 'min') => (series: SummarySeries) =>
    series.kind === 'trend' ? formatNumber(series.stats[name]) : '';
  return [
    ...(withUnit ? [[{ title: 'unit', align: 'left' }, unitOf] as [Column, (series: SummarySeries) => string]] : []),
    [right('count'), stat('count')],
    [right('min'), stat('min')],
    [right('mean'), stat('mean')],
    [right('p50'), stat('p50')],
    [right('p90'), stat('p90')],
    [right('p95'), stat('p95')],
    [right('p99'), stat('p99')],
    [right('p99.9'), stat('p999')],
    [right('max'), stat('max')],
  ];
}

function header(run: SummaryRun, summary: Summary): string[] {
  const label = run.label === null ? '' : ` (${run.label})`;
  const lines = [`Run ${run.id}${label}: ${run.source}`];
  const window = run.window === null ? 'no samples' : `analysed ${(run.window.durationMs / 1000).toFixed(1)} s, after cutting ${formatDuration(summary.trim.startMs)} warm-up (${summary.trim.startFrom}) and ${formatDuration(summary.trim.endMs)} ramp-down (${summary.trim.endFrom})`;
  lines.push(`  window: ${window}`);
  const { k6 } = run;
  const exit = k6.exitCode === null ? 'unknown (no manifest)' : `${k6.exitCode}${k6.outcome === null ? '' : ` (${k6.outcome})`}`;
  const split = run.distributed !== undefined;
  const thresholds =
    k6.thresholds === null
      ? split ? 'not judged over all instances' : 'unknown (no summary)'
      : k6.thresholds.length === 0 ? 'none' : `${k6.thresholds.filter((t) => t.ok).length}/${k6.thresholds.length} passed${split ? ' (over all instances)' : ''}`;
  lines.push(`  k6: exit ${exit}; thresholds ${thresholds}; dropped iterations ${run.droppedIterations}`);
  if (run.distributed !== undefined) {
    const { distributed } = run;
    lines.push(`  distributed: ${distributedHeadline(distributed)}: ${distributed.members.map(instancePhrase).join(', ')}`);
    if (distributed.thresholds === null) lines.push(`  ${thresholdsUnknownText(distributed)}`);
    for (const verdict of distributed.thresholds ?? []) lines.push(`  threshold ${describeVerdict(verdict)}`);
    if (distributed.rateDuration !== null) lines.push(`  note: ${rateDurationText(distributed.rateDuration)}`);
  }
  const q = run.quality;
  lines.push(`  data: ${q.lines} lines, ${q.points} samples, ${q.issueCount} skipped${q.truncated ? ', TRUNCATED' : ''} (${run.files.join(', ')})`);
  for (const flag of q.flags) lines.push(`  warning[${flag.code}]: ${flag.message}`);
  return lines;
}

function runBlock(run: SummaryRun, summary: Summary): string[] {
  const own = summary.series.filter((series) => series.run === run.id);
  const { groupBy } = summary;
  const durations = own.filter((series) => series.kind === 'trend' && REQUEST_DURATIONS.includes(series.metric)).sort(orderBy(REQUEST_DURATIONS));
  const rates = mergeStatusClasses(own.filter((series) => series.kind === 'rate'), groupBy).sort(orderBy(RATE_ORDER));
  const counters = mergeStatusClasses(own.filter((series) => series.kind === 'counter'), groupBy).sort(orderBy(COUNTER_ORDER));
  const trends = own.filter((series) => series.kind === 'trend' && !REQUEST_DURATIONS.includes(series.metric));
  const gauges = own.filter((series) => series.kind === 'gauge');
  const lines = header(run, summary);
  if (own.length === 0) return [...lines, '', '  (no samples in the analysed window)'];
  return [
    ...lines,
    ...section('Request durations (ms)', durations, groupBy, trendColumns(false)),
    ...section('Error rates (share of non-zero samples, all status classes; http_req_failed: failed requests)', rates, groupBy, [
      [right('count'), (s) => (s.kind === 'rate' ? String(s.stats.count) : '')],
      [right('non-zero'), (s) => (s.kind === 'rate' ? String(s.stats.matches) : '')],
      [right('rate'), (s) => (s.kind === 'rate' ? formatRate(s.stats.rate) : '')],
    ]),
    ...section('Throughput (counters over the analysed window, all status classes)', counters, groupBy, [
      [{ title: 'unit', align: 'left' }, unitOf],
      [right('total'), (s) => (s.kind === 'counter' ? formatNumber(s.stats.count) : '')],
      [right('per second'), (s) => (s.kind === 'counter' && s.stats.ratePerSec !== null ? formatNumber(s.stats.ratePerSec) : '-')],
    ]),
    ...section('Other trends', trends, groupBy, trendColumns(true)),
    ...section('Gauges', gauges, groupBy, [
      [right('last'), (s) => (s.kind === 'gauge' ? formatNumber(s.stats.value) : '')],
      [right('min'), (s) => (s.kind === 'gauge' ? formatNumber(s.stats.min) : '')],
      [right('max'), (s) => (s.kind === 'gauge' ? formatNumber(s.stats.max) : '')],
    ]),
  ];
}

/** Renders a summary as text tables, one block per run, blocks separated by a blank line. */
export function formatTable(summary: Summary): string {
  return summary.runs.map((run) => runBlock(run, summary).join('\n')).join('\n\n');
}
