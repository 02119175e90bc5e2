/**
 * Groups a service's rows by endpoint and orders the endpoints for reading: FAIL first, then
 * WARN, then PASS, and within a verdict by their most important row (`byImportance`: gating
 * rows and the largest changes first). Large services show the top endpoints and collapse the rest.
 */
import type { SloJudgment } from '../../compare/slo-judgments.js';
import type { ComparedMetric, ComparisonRow, Verdict } from '../../compare/types.js';
import { SEVERITY, byImportance } from '../row-text.js';

/** One endpoint of a service with its rows by metric. */
export interface EndpointView {
  readonly endpoint: string;
  readonly rows: ReadonlyMap<ComparedMetric, ComparisonRow>;
  /** Its most important row (see `byImportance`). */
  readonly lead: ComparisonRow;
  /** Worst verdict of its rows and endpoint SLOs. */
  readonly verdict: Verdict;
}

/** Endpoints always shown before the rest is collapsed (FAIL endpoints are shown even beyond it). */
export const SHOWN_ENDPOINTS = 20;

function worse(a: Verdict, b: Verdict): Verdict {
  return SEVERITY[b] < SEVERITY[a] ? b : a;
}

/** The endpoints of one service's rows, most important first (see the module comment). */
export function endpointViews(rows: readonly ComparisonRow[], slos: readonly SloJudgment[]): EndpointView[] {
  // Insertion order of the map = order of each endpoint's most important row.
  const byEndpoint = new Map<string, { rows: Map<ComparedMetric, ComparisonRow>; lead: ComparisonRow; verdict: Verdict }>();
  for (const row of [...rows].sort(byImportance)) {
    const entry = byEndpoint.get(row.endpoint) ?? { rows: new Map<ComparedMetric, ComparisonRow>(), lead: row, verdict: 'PASS' };
    entry.rows.set(row.metric, row);
    entry.verdict = worse(entry.verdict, row.verdict);
    byEndpoint.set(row.endpoint, entry);
  }
  for (const slo of slos) {
    const entry = slo.endpoint === null ? undefined : byEndpoint.get(slo.endpoint);
    if (entry !== undefined) entry.verdict = worse(entry.verdict, slo.verdict);
  }
  const views = [...byEndpoint].map(([endpoint, entry]): EndpointView => ({ endpoint, rows: entry.rows, lead: entry.lead, verdict: entry.verdict }));
  // Stable: an SLO can make an endpoint worse than its rows; otherwise the row order stands.
  return views.sort((a, b) => SEVERITY[a.verdict] - SEVERITY[b.verdict]);
}

/** Ordered endpoints split into those shown and those collapsed. */
export interface EndpointSplit {
  readonly shown: readonly EndpointView[];
  readonly collapsed: readonly EndpointView[];
}

/** The first `limit` endpoints (and every FAIL endpoint) are shown; the rest is collapsed. */
export function splitEndpoints(views: readonly EndpointView[], limit: number = SHOWN_ENDPOINTS): EndpointSplit {
  const failing = views.filter((view) => view.verdict === 'FAIL').length;
  const cut = Math.max(limit, failing);
  return { shown: views.slice(0, cut), collapsed: views.slice(cut) };
}
