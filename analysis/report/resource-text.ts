/** Text of resource rows shared by the Markdown and HTML reports. */
import { formatChange, formatChangeCi, formatP, formatPercent } from '../compare/format.js';
import { resourceBudget } from '../compare/resource-rows.js';
import type { Comparison, ResourceMetric, ResourceRow, SideValues } from '../compare/types.js';
import { maxOrNull } from '../../core/resource-samples.js';

/** Column names of the resource table. */
export const RESOURCE_METRIC_LABEL: Readonly<Record<ResourceMetric, string>> = { cpu: 'CPU (mean)', 'rss-peak': 'memory RSS (peak)', 'rss-mean': 'memory RSS (mean)' };

/** A value in the row's unit: "23.4% of a core", "142.3 MiB". */
export function formatResourceValue(row: Pick<ResourceRow, 'unit'>, value: number): string {
  if (row.unit === 'percent-core') return `${value.toFixed(value >= 100 ? 0 : 1)}% of a core`;
  const mib = value / (1024 * 1024);
  return mib >= 1024 ? `${(mib / 1024).toFixed(2)} GiB` : `${mib.toFixed(1)} MiB`;
}

/** One side: the geometric mean over runs and the run count, or "—". */
export function formatResourceSide(row: ResourceRow, side: SideValues): string {
  if (side.aggregate === null) return '—';
  const runs = side.runs.length;
  return `${formatResourceValue(row, side.aggregate)}${runs > 1 ? ` (gm of ${runs})` : ''}`;
}

/** The change with its CI: "↑ +62.0% [+55.1% to +69.3%]", "+3.0% (no CI)", or "—". */
export function formatResourceChange(row: ResourceRow): string {
  if (row.ratio === null) return '—';
  const changed = row.reason === 'improved' || row.reason === 'regressed' || row.reason === 'small-regression' || row.reason === 'informational-regression';
  const arrow = changed ? (row.ratio >= 1 ? '↑ ' : '↓ ') : '';
  return row.ci === null ? `${arrow}${formatChange(row.ratio)} (no CI)` : `${arrow}${formatChange(row.ratio)} [${formatChangeCi(row.ci)}]`;
}

/** The adjusted p ("(BH)" for the informational mean-RSS row), or "—". */
export function formatResourceP(row: ResourceRow): string {
  if (row.pAdjusted === null) return '—';
  return row.gating ? formatP(row.pAdjusted) : `${formatP(row.pAdjusted)} (BH)`;
}

/** The FAIL budget of a row ("+10.0%"), or "informational". */
export function formatResourceBudget(comparison: Comparison, row: ResourceRow): string {
  const resources = comparison.resources;
  if (resources === undefined) return '—';
  const budget = resourceBudget(resources.budgets, comparison.options.services, row.service, row.metric);
  return !row.gating || budget.fail === null ? 'informational' : `+${formatPercent(budget.fail)}`;
}

/** The sampler's highest cost over the runs, % of one core; null when unknown. */
export function samplerOverhead(comparison: Comparison): number | null {
  const runs = [...(comparison.resources?.runs.baseline ?? []), ...(comparison.resources?.runs.candidate ?? [])];
  const values = runs.map((run) => run.samplerPercentOfCore).filter((value): value is number => value !== null);
  return maxOrNull(values);
}
