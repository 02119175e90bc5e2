/**
 * The tables of a service section: latency and throughput/errors per endpoint (one `<tbody>`
 * per endpoint), SLOs and effect sizes. Cell text comes from the shared report formatting.
 */
import { formatChange, formatMs } from '../../compare/format.js';
import type { SloJudgment, SloSide } from '../../compare/slo-judgments.js';
import type { ComparedMetric, ComparisonRow } from '../../compare/types.js';
import type { EffectSize } from '../../compare/effect-sizes.js';
import { formatDetectable, formatRowChange, formatRowP, formatSide, formatValue, isChange } from '../row-text.js';
import type { EndpointView } from './endpoint-views.js';
import { html, type Html, type HtmlValue } from './html.js';
import { verdictBadge } from './verdict.js';

/** A column: its header and whether it holds numbers (right-aligned). */
export type Column = readonly [label: string, kind: 'text' | 'num'];

/** A table in a horizontally scrolling wrapper (wide tables never widen the page). */
export function table(className: string, columns: readonly Column[], body: HtmlValue): Html {
  const head = columns.map(([label, kind]) => (kind === 'num' ? html`<th class="num">${label}</th>` : html`<th>${label}</th>`));
  return html`<div class="table-wrap"><table class="${className}"><thead><tr>${head}</tr></thead>${body}</table></div>`;
}

/** Splits "12.3 ms (gm of 3)" or "↑ +5.0% [+1.0% to +9.0%]" into the value and its qualifier. */
export function splitQualifier(text: string): readonly [value: string, qualifier: string] {
  const cut = text.search(/ [[(]/);
  return cut < 0 ? [text, ''] : [text.slice(0, cut), text.slice(cut + 1)];
}

/** Which metrics a per-endpoint table shows, and whether it has an SLO column. */
export interface MetricTableKind {
  readonly className: string;
  readonly metrics: readonly ComparedMetric[];
  readonly sloColumn: boolean;
}

/** Latency of successful requests, with the endpoint's SLO target. */
export const LATENCY_TABLE: MetricTableKind = { className: 'metrics latency', metrics: ['p50', 'p95', 'p99', 'mean'], sloColumn: true };
/** Throughput and error rate. */
export const THROUGHPUT_TABLE: MetricTableKind = { className: 'metrics throughput', metrics: ['throughput', 'error-rate'], sloColumn: false };

/** The SLO statistics (k6 names) a compared metric answers. */
const SLO_STATISTICS: Readonly<Partial<Record<ComparedMetric, readonly string[]>>> = {
  p50: ['med', 'p(50)'],
  p95: ['p(95)'],
  p99: ['p(99)'],
  mean: ['avg'],
};

/** Class of a change: `worse` or `better` when the row found a change beyond noise. */
export function changeClass(row: ComparisonRow): string {
  if (!isChange(row)) return 'change';
  return row.reason === 'improved' ? 'change better' : 'change worse';
}

/** The change (arrow and estimate, colored by goodness) and its CI (muted), from the shared text. */
function changeCell(row: ComparisonRow): Html {
  const [change, ci] = splitQualifier(formatRowChange(row));
  return html`<td class="num" title="smallest change detectable with this spread: ${formatDetectable(row)}"><span class="${changeClass(row)}">${change}</span> <span class="qualifier">${ci}</span></td>`;
}

/** One side's value with "(gm of N)" muted; the per-run values on hover. */
function sideCell(row: ComparisonRow, which: 'baseline' | 'candidate'): Html {
  const [value, qualifier] = splitQualifier(formatSide(row[which], row.unit));
  return html`<td class="num" title="${perRun(row, which)}">${value} <span class="qualifier">${qualifier}</span></td>`;
}

function perRun(row: ComparisonRow, which: 'baseline' | 'candidate'): string {
  const runs = row[which].runs;
  return runs.length === 0 ? 'no per-run values' : `per run: ${runs.map((value) => formatValue(value, row.unit)).join(', ')}`;
}

function sloCell(row: ComparisonRow, slos: readonly SloJudgment[]): Html {
  const statistics = SLO_STATISTICS[row.metric] ?? [];
  const slo = slos.find((s) => s.endpoint === row.endpoint && statistics.includes(s.statistic));
  if (slo === undefined) return html`<td class="muted">—</td>`;
  const limit = slo.tiers.target ?? slo.tiers.acceptable ?? slo.tiers.critical;
  const status = slo.candidate?.status ?? 'not judged';
  return html`<td class="slo" title="${slo.message}">${limit === null ? '—' : `≤ ${formatMs(limit)}`} <span class="status status-${slo.candidate?.status ?? 'none'}">${status}</span></td>`;
}

/** A verdict badge with its reason code; the message on hover. */
export function verdictCell(verdict: ComparisonRow['verdict'], reason: string, message: string): Html {
  return html`<td class="verdict" title="${message}">${verdictBadge(verdict)} <span class="reason">${reason}</span></td>`;
}

function metricRow(row: ComparisonRow, kind: MetricTableKind, slos: readonly SloJudgment[]): Html {
  const metric = row.gating ? row.metric : html`${row.metric} <span class="muted" title="informational: never FAILs">info</span>`;
  return html`<tr class="row-${row.verdict.toLowerCase()}"><td class="metric">${metric}</td>${sideCell(row, 'baseline')}${sideCell(row, 'candidate')}${changeCell(row)}<td class="num">${formatRowP(row)}</td>${kind.sloColumn ? sloCell(row, slos) : null}${verdictCell(row.verdict, row.reason, row.message)}</tr>`;
}

function endpointBody(view: EndpointView, kind: MetricTableKind, slos: readonly SloJudgment[], columns: number): Html | null {
  const rows = kind.metrics.map((metric) => view.rows.get(metric)).filter((row): row is ComparisonRow => row !== undefined);
  if (rows.length === 0) return null;
  return html`<tbody><tr class="endpoint-head"><th colspan="${columns}" scope="rowgroup">${verdictBadge(view.verdict)} <span class="endpoint-name">${view.endpoint}</span></th></tr>${rows.map((row) => metricRow(row, kind, slos))}</tbody>`;
}

/** A per-endpoint metric table of the given endpoints; `level` is the CI's confidence in percent. */
export function metricTable(kind: MetricTableKind, views: readonly EndpointView[], slos: readonly SloJudgment[], level: number): Html {
  const head: Column[] = [
    ['Metric', 'text'], ['Baseline', 'num'], ['Candidate', 'num'], [`Change [${level}% CI]`, 'num'], ['p (adj.)', 'num'],
    ...(kind.sloColumn ? [['SLO', 'text'] as const] : []), ['Verdict', 'text'],
  ];
  return table(kind.className, head, views.map((view) => endpointBody(view, kind, slos, head.length)));
}

function sloSide(side: SloSide | null): Html {
  if (side === null) return html`<span class="muted">—</span>`;
  return html`${formatMs(side.value)} <span class="status status-${side.status}">${side.status}</span>`;
}

function tier(value: number | null): string {
  return value === null ? '—' : formatMs(value);
}

/** The SLOs of one service: tiers, both sides' values and status, verdict. */
export function sloTable(slos: readonly SloJudgment[]): Html {
  const head: Column[] = [
    ['Endpoint', 'text'], ['Statistic', 'text'], ['Target', 'num'], ['Acceptable', 'num'], ['Critical', 'num'], ['Baseline', 'num'], ['Candidate', 'num'], ['Verdict', 'text'],
  ];
  const rows = slos.map(
    (slo) =>
      html`<tr class="row-${slo.verdict.toLowerCase()}"><td>${slo.endpoint ?? html`<span class="muted">(all endpoints)</span>`}</td><td>${slo.statistic}</td><td class="num">${tier(slo.tiers.target)}</td><td class="num">${tier(slo.tiers.acceptable)}</td><td class="num">${tier(slo.tiers.critical)}</td><td class="num">${sloSide(slo.baseline)}</td><td class="num">${sloSide(slo.candidate)}</td>${verdictCell(slo.verdict, slo.reason, slo.message)}</tr>`,
  );
  return table('slos', head, html`<tbody>${rows}</tbody>`);
}

/** Request-level effect sizes of one service (descriptive). */
export function effectSizeTable(sizes: readonly EffectSize[]): Html {
  const head: Column[] = [['Endpoint', 'text'], ["Cliff's delta", 'num'], ['Hodges–Lehmann ratio', 'num'], ['Requests sampled (baseline / candidate)', 'num']];
  const rows = sizes.map(
    (size) =>
      html`<tr><td>${size.endpoint}</td><td class="num">${size.cliffsDelta.toFixed(3)} (${size.magnitude})</td><td class="num">${formatChange(size.hodgesLehmannRatio)}</td><td class="num">${size.sampled.baseline} / ${size.sampled.candidate}</td></tr>`,
  );
  return table('effect-sizes', head, html`<tbody>${rows}</tbody>`);
}
