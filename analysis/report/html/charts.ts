/**
 * Chart containers: a figure per `ReportChart` with its Vega-Lite spec in a JSON script block
 * next to it; the page's bootstrap script draws them (see `bootstrap.ts`).
 */
import type { ReportChart } from '../chart-data-types.js';
import { html, type Html } from './html.js';
import { jsonScript } from './script-blocks.js';

/** A chart and its position in the page (ids are derived from it, so they are unique). */
export interface PlacedChart {
  readonly chart: ReportChart;
  readonly index: number;
}

/** Charts shown before the rest of a gallery is collapsed. */
export const SHOWN_CHARTS = 8;

function figure({ chart, index }: PlacedChart): Html {
  const specId = `chart-spec-${index}`;
  // The spec draws its own title and subtitle, so the figure has no visible caption (the
  // title stays the accessible name).
  return html`<figure class="chart"><div class="chart-mount" id="chart-${index}" data-chart-id="${chart.id}" data-spec="${specId}" data-state="pending" role="img" aria-label="${chart.title}"></div>${jsonScript(specId, chart.spec)}</figure>`;
}

/**
 * A grid of charts (`wide`: one per row, for report-wide charts that list every endpoint);
 * beyond {@link SHOWN_CHARTS} the rest is in a collapsed `<details>`.
 */
export function chartGallery(charts: readonly PlacedChart[], layout: 'grid' | 'wide' = 'grid'): Html | null {
  if (charts.length === 0) return null;
  const shown = charts.slice(0, SHOWN_CHARTS);
  const rest = charts.slice(SHOWN_CHARTS);
  const grid = (list: readonly PlacedChart[]): Html => html`<div class="charts charts-${layout}">${list.map(figure)}</div>`;
  const more = rest.length === 0 ? null : html`<details class="more"><summary>${rest.length} more chart(s)</summary>${grid(rest)}</details>`;
  return html`${grid(shown)}${more}`;
}

/**
 * The charts of one section ordered by the section's endpoint order: charts without an
 * endpoint first, then by the rank of their endpoint (unknown endpoints last), keeping the
 * builders' order otherwise.
 */
export function orderCharts(charts: readonly PlacedChart[], endpointOrder: readonly string[]): PlacedChart[] {
  const rank = new Map(endpointOrder.map((endpoint, i) => [endpoint, i + 1]));
  const rankOf = (placed: PlacedChart): number => (placed.chart.endpoint === null ? 0 : (rank.get(placed.chart.endpoint) ?? rank.size + 1));
  return [...charts].sort((a, b) => rankOf(a) - rankOf(b));
}
