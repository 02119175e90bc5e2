/** The per-service sections of `report.md`: important rows visible, the rest collapsed. */
import type { Comparison, ComparisonRow, ServiceSummary } from '../compare/types.js';
import { MAX_MESSAGE_LENGTH, VERDICT_ICON, cells, details, html, md, moreLine, tableHead, verdictCell } from './markdown-blocks.js';
import { SEVERITY, byImportance, formatRowChange, formatRowP, formatSide, isChange } from './row-text.js';

/** How much of the service sections to show. */
export interface ServiceLayout {
  /** Important rows (FAIL, WARN, improvements) shown in each service's visible table; the rest are collapsed. */
  readonly visibleRows: number;
  /** Rows inside the collapsed blocks, across all services in report order; beyond it "… N more rows". */
  readonly collapsedRows: number;
}

const ROW_COLUMNS = [
  ['Endpoint', 'left'], ['Metric', 'left'], ['Baseline', 'right'], ['Candidate', 'right'],
  ['Change [95% CI]', 'right'], ['p (adj.)', 'right'], ['Verdict', 'left'],
] as const;

/** Renders rows as table lines, memoised: a report may try several layouts of the same rows. */
export class RowLines {
  readonly #cache = new Map<ComparisonRow, string>();

  /** The table row of `row` (Endpoint, Metric, Baseline, Candidate, Change, p, Verdict). */
  line(row: ComparisonRow): string {
    let line = this.#cache.get(row);
    if (line === undefined) {
      line = cells([
        md(row.endpoint), row.metric, formatSide(row.baseline, row.unit), formatSide(row.candidate, row.unit),
        formatRowChange(row), formatRowP(row), verdictCell(row.verdict, row.reason),
      ]);
      this.#cache.set(row, line);
    }
    return line;
  }
}

/** Whether a row belongs in a service's visible table. */
function important(row: ComparisonRow): boolean {
  return row.verdict !== 'PASS' || isChange(row);
}

/** Services in report order: FAIL first, otherwise as the comparison lists them. */
export function servicesInOrder(comparison: Comparison): ServiceSummary[] {
  return [...comparison.services].sort((a, b) => SEVERITY[a.verdict] - SEVERITY[b.verdict]);
}

/** A service's rows, split and ordered once for every layout tried. */
export interface ServiceRows {
  readonly summary: ServiceSummary;
  /** Important rows, most important first. */
  readonly flagged: readonly ComparisonRow[];
  /** The other rows, in the comparison's order. */
  readonly others: readonly ComparisonRow[];
}

/** Every service in report order with its rows split into important and other rows. */
export function serviceRows(comparison: Comparison, groups: ReadonlyMap<string, readonly ComparisonRow[]>): ServiceRows[] {
  return servicesInOrder(comparison).map((summary) => {
    const rows = groups.get(summary.service) ?? [];
    return { summary, flagged: rows.filter(important).sort(byImportance), others: rows.filter((row) => !important(row)) };
  });
}

function serviceSection({ summary, flagged, others }: ServiceRows, layout: ServiceLayout, budget: { left: number }, lines: RowLines): string[] {
  const visible = flagged.slice(0, layout.visibleRows);
  const rest = [...flagged.slice(visible.length), ...others];
  const total = flagged.length + others.length;
  const { FAIL, WARN, PASS } = summary.counts;
  const out = [`## ${md(summary.service)}: ${summary.verdict} ${VERDICT_ICON[summary.verdict]} (${FAIL} FAIL, ${WARN} WARN, ${PASS} PASS)`, ''];
  if (visible.length > 0) {
    out.push(...tableHead(ROW_COLUMNS), ...visible.map((row) => lines.line(row)), '');
    const why = visible.filter((row) => row.verdict !== 'PASS');
    if (why.length > 0) {
      out.push(...details(`Why (${why.length} row${why.length === 1 ? '' : 's'})`, why.map((row) => `- **${row.verdict}** ${md(row.endpoint)} ${row.metric}: ${md(row.message, MAX_MESSAGE_LENGTH)}`)));
    }
  } else if (total === 0) {
    out.push('No rows: the service has no compared endpoint.', '');
  } else if (flagged.length === 0) {
    out.push(`No change beyond noise: all ${total} rows PASS.`, '');
  }
  if (rest.length === 0) return out;
  const shown = rest.slice(0, Math.max(0, budget.left));
  budget.left -= shown.length;
  const body = shown.length === 0 ? [] : [...tableHead(ROW_COLUMNS), ...shown.map((row) => lines.line(row))];
  if (shown.length < rest.length) body.push(...(body.length > 0 ? [''] : []), moreLine(rest.length - shown.length, 'rows'));
  const endpoints = new Set(rest.map((row) => row.endpoint)).size;
  const label = rest.length === total ? `all ${total} rows` : `${rest.length} more row${rest.length === 1 ? '' : 's'}`;
  out.push(...details(`${html(summary.service)}: ${label} (${endpoints} endpoint${endpoints === 1 ? '' : 's'})`, body));
  return out;
}

/** Every service section, in report order, sharing one budget of collapsed rows. */
export function serviceSections(services: readonly ServiceRows[], layout: ServiceLayout, lines: RowLines): string[] {
  const budget = { left: layout.collapsedRows };
  return services.flatMap((service) => serviceSection(service, layout, budget, lines));
}
