/**
 * The compact table of a large service's collapsed endpoints: one row per endpoint with the
 * change of every metric (CI on hover) and the verdict of its most important row. The full
 * rows of these endpoints are in `report.json`.
 */
import { COMPARED_METRICS, type ComparisonRow } from '../../compare/types.js';
import { formatRowChange } from '../row-text.js';
import type { EndpointView } from './endpoint-views.js';
import { html, type Html } from './html.js';
import { changeClass, splitQualifier, table, verdictCell, type Column } from './tables.js';

function changeCell(row: ComparisonRow | undefined): Html {
  if (row === undefined) return html`<td class="num muted">—</td>`;
  const [change, ci] = splitQualifier(formatRowChange(row));
  return html`<td class="num" title="${ci}"><span class="${changeClass(row)}">${change}</span></td>`;
}

/** One row per endpoint: name, verdict (of its most important row), change per metric. */
export function changeMatrix(views: readonly EndpointView[]): Html {
  const head: Column[] = [['Endpoint', 'text'], ['Verdict', 'text'], ...COMPARED_METRICS.map((metric): Column => [metric, 'num'])];
  const rows = views.map(
    (view) =>
      html`<tr class="row-${view.verdict.toLowerCase()}"><td class="endpoint-name">${view.endpoint}</td>${verdictCell(view.verdict, view.lead.reason, `${view.lead.metric}: ${view.lead.message}`)}${COMPARED_METRICS.map((metric) => changeCell(view.rows.get(metric)))}</tr>`,
  );
  return table('matrix', head, html`<tbody>${rows}</tbody>`);
}
