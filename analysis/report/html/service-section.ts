/**
 * One service's section: verdict and conclusion, latency and throughput/error tables per
 * endpoint (top endpoints first, the rest collapsed), SLOs, charts and effect sizes.
 */
import type { SloJudgment } from '../../compare/slo-judgments.js';
import type { Comparison, ComparisonRow, ServiceSummary, Verdict } from '../../compare/types.js';
import type { EffectSize } from '../../compare/effect-sizes.js';
import { byImportance } from '../row-text.js';
import { chartGallery, orderCharts, type PlacedChart } from './charts.js';
import { endpointViews, splitEndpoints, type EndpointView } from './endpoint-views.js';
import { html, type Html } from './html.js';
import { reasonList, type ListLimits } from './lists.js';
import { LATENCY_TABLE, THROUGHPUT_TABLE, effectSizeTable, metricTable, sloTable } from './tables.js';
import { changeMatrix } from './change-matrix.js';
import { VERDICT_LABEL, verdictBadge } from './verdict.js';

/** Reasons in a service's conclusion: shown, and kept in the page at all. */
export const SERVICE_REASONS: ListLimits = { shown: 10, kept: 100 };

/** Effect-size rows per service (largest |Cliff's delta| first). */
export const EFFECT_SIZE_ROWS = 200;

/** Everything one service section shows. */
export interface ServiceSectionInput {
  readonly comparison: Comparison;
  readonly summary: ServiceSummary;
  readonly anchor: string;
  readonly charts: readonly PlacedChart[];
}

function countsText(summary: ServiceSummary): string {
  const { FAIL, WARN, PASS } = summary.counts;
  return `${FAIL} FAIL, ${WARN} WARN, ${PASS} PASS across ${summary.endpoints.length} endpoint(s)`;
}

function verdictTally(views: readonly EndpointView[]): string {
  const count = (verdict: Verdict): number => views.filter((view) => view.verdict === verdict).length;
  return (['FAIL', 'WARN', 'PASS'] as const)
    .filter((verdict) => count(verdict) > 0)
    .map((verdict) => `${count(verdict)} ${verdict}`)
    .join(', ');
}

/** The collapsed endpoints of a large service, as one compact table. */
function collapsedEndpoints(collapsed: readonly EndpointView[]): Html | null {
  if (collapsed.length === 0) return null;
  return html`<details class="more"><summary>${collapsed.length} more endpoint(s) (${verdictTally(collapsed)}), largest changes first</summary><p class="hint">Change of each metric (hover for the CI); the verdict of each endpoint's most important row (hover for its message). Every row is in report.json.</p>${changeMatrix(collapsed)}</details>`;
}

/** Service conclusion: the messages of its FAIL and WARN rows and SLOs, largest changes first. */
function conclusion(summary: ServiceSummary, rows: readonly ComparisonRow[], slos: readonly SloJudgment[]): Html {
  const flaggedSlos = slos.filter((slo) => slo.verdict !== 'PASS');
  const flaggedRows = rows.filter((row) => row.verdict !== 'PASS').sort(byImportance);
  const items = [
    ...flaggedSlos.map((slo) => html`${verdictBadge(slo.verdict)} ${slo.message}`),
    ...flaggedRows.map((row) => html`${verdictBadge(row.verdict)} <span class="endpoint-name">${row.endpoint}</span> · ${row.metric}: ${row.message}`),
  ];
  const body = items.length === 0 ? html`<p>Every row and SLO of this service passed.</p>` : reasonList(items, SERVICE_REASONS);
  return html`<div class="conclusion conclusion-${summary.verdict.toLowerCase()}"><h3>Conclusion: ${VERDICT_LABEL[summary.verdict]}</h3>${body}</div>`;
}

function effectSizes(sizes: readonly EffectSize[]): Html | null {
  if (sizes.length === 0) return null;
  const kept = [...sizes].sort((a, b) => Math.abs(b.cliffsDelta) - Math.abs(a.cliffsDelta)).slice(0, EFFECT_SIZE_ROWS);
  const dropped = sizes.length - kept.length;
  return html`<details class="more"><summary>Effect sizes (descriptive, request level; never used for verdicts)</summary>${effectSizeTable(kept)}${dropped === 0 ? null : html`<p class="muted">… ${dropped} more endpoints (smaller effects) in report.json.</p>`}</details>`;
}

/** Renders the section of one service. */
export function serviceSection({ comparison, summary, anchor, charts }: ServiceSectionInput): Html {
  const { service } = summary;
  const rows = comparison.rows.filter((row) => row.service === service);
  const slos = comparison.slos.filter((slo) => slo.service === service);
  const views = endpointViews(rows, slos);
  const { shown, collapsed } = splitEndpoints(views);
  const level = Math.round(comparison.options.confidence * 100);
  const gallery = chartGallery(orderCharts(charts, views.map((view) => view.endpoint)));
  const noRows = rows.length === 0 ? html`<p class="muted">No request rows for this service (only SLOs).</p>` : null;
  return html`<section class="service verdict-${summary.verdict.toLowerCase()}" id="${anchor}">
<h2>${verdictBadge(summary.verdict, { long: true })} <span class="service-name">${service}</span></h2>
<p class="counts">${countsText(summary)}; reason: <code>${summary.reason}</code></p>
${conclusion(summary, rows, slos)}
${noRows}
${rows.length === 0 ? null : html`<h3>Latency</h3><p class="hint">Successful requests only. Hover a value for the per-run values, a change for the smallest detectable change, a verdict for its explanation.</p>${metricTable(LATENCY_TABLE, shown, slos, level)}
<h3>Throughput and errors</h3>${metricTable(THROUGHPUT_TABLE, shown, slos, level)}${collapsedEndpoints(collapsed)}`}
${slos.length === 0 ? null : html`<h3>SLOs</h3>${sloTable(slos)}`}
${gallery === null ? null : html`<h3>Charts</h3>${gallery}`}
${effectSizes(comparison.effectSizes.filter((size) => size.service === service))}
</section>`;
}
