/**
 * Text of comparison rows shared by the Markdown and JUnit reports: values, changes with
 * arrows and CIs, adjusted p-values, budgets and the order of importance. Plain text: callers
 * escape for their format.
 */
import { rowBudget, rowErrorRateBudget } from '../compare/budgets.js';
import { formatChange, formatChangeCi, formatMs, formatP, formatPercent, formatPp, formatRate, formatRps } from '../compare/format.js';
import type { Comparison, ComparisonRow, RowUnit, SideValues, Verdict } from '../compare/types.js';

/** Sort key of a verdict: FAIL first. */
export const SEVERITY: Readonly<Record<Verdict, number>> = { FAIL: 0, WARN: 1, PASS: 2 };

/** A value in its row unit: "12.3 ms", "0.50%", "95.2 req/s"; "—" for none. */
export function formatValue(value: number | null, unit: RowUnit): string {
  if (value === null) return '—';
  switch (unit) {
    case 'ms':
      return formatMs(value);
    case 'fraction':
      return formatRate(value);
    case 'req/s':
      return formatRps(value);
    default:
      return unit satisfies never;
  }
}

/** One side of a row: its aggregate, with "(gm of N)" when it is a geometric mean of N runs. */
export function formatSide(side: SideValues, unit: RowUnit): string {
  const value = formatValue(side.aggregate, unit);
  return side.runs.length > 1 && unit !== 'fraction' ? `${value} (gm of ${side.runs.length})` : value;
}

/** Direction of the change of the value itself (not of its goodness): ↑, ↓, or "" for none. */
export function arrowOf(row: ComparisonRow): '↑' | '↓' | '' {
  const change = row.metric === 'error-rate' ? row.absoluteDifference : row.ratio === null ? null : row.ratio - 1;
  // No arrow for a change that prints as zero ("+0.0%").
  const shown = row.metric === 'error-rate' ? change : row.ratio === null ? null : /^\+0(\.0)?%$/.test(formatChange(row.ratio)) ? 0 : change;
  if (shown === null || shown === 0) return '';
  return shown > 0 ? '↑' : '↓';
}

/**
 * The change of a row with its arrow and CI: "↑ +28.1% [+22.3% to +34.3%]"; error rates in
 * percentage points with the ratio and its CI: "↑ +1.67 pp ×6.00 [×2.53, ×14.20]".
 */
export function formatRowChange(row: ComparisonRow): string {
  const arrow = arrowOf(row);
  const prefix = arrow === '' ? '' : `${arrow} `;
  if (row.metric === 'error-rate') {
    if (row.absoluteDifference === null) return '—';
    const ratio = row.ratio === null ? '' : ` ×${row.ratio.toFixed(2)}`;
    const ci = row.ci === null ? '' : ` [×${row.ci[0].toFixed(2)}, ×${row.ci[1].toFixed(2)}]`;
    return `${prefix}${formatPp(row.absoluteDifference)}${ratio}${ci}`;
  }
  if (row.ratio === null) return '—';
  return row.ci === null ? `${prefix}${formatChange(row.ratio)} (no CI)` : `${prefix}${formatChange(row.ratio)} [${formatChangeCi(row.ci)}]`;
}

/** The adjusted p-value; informational rows are marked "(BH)". */
export function formatRowP(row: ComparisonRow): string {
  if (row.pAdjusted === null) return '—';
  return row.gating ? formatP(row.pAdjusted) : `${formatP(row.pAdjusted)} (BH)`;
}

/**
 * The budget a row is judged against, as a number in the row's own terms: a relative change
 * for ratio metrics (the FAIL budget, or the noise threshold of informational rows), an
 * absolute increase (fraction) for error rates. Per-service and per-endpoint overrides apply.
 */
export function budgetOf(comparison: Comparison, row: ComparisonRow): number {
  const id = { service: row.service, endpoint: row.endpoint };
  if (row.metric === 'error-rate') return rowErrorRateBudget(comparison.options, id).minIncrease;
  const budget = rowBudget(comparison.options, undefined, id, row.metric);
  return budget.fail ?? budget.warn;
}

/** The budget in words: "+5.0%", "-5.0% (throughput)", "+0.10 pp and ×1.5". */
export function formatBudget(comparison: Comparison, row: ComparisonRow): string {
  const id = { service: row.service, endpoint: row.endpoint };
  if (row.metric === 'error-rate') {
    const budget = rowErrorRateBudget(comparison.options, id);
    return `${formatPp(budget.minIncrease)} and ×${budget.minRatio}`;
  }
  const budget = rowBudget(comparison.options, undefined, id, row.metric);
  const amount = formatPercent(budget.fail ?? budget.warn);
  const kind = budget.fail === null ? ' (noise threshold; informational)' : '';
  return `${row.metric === 'throughput' ? '-' : '+'}${amount}${kind}`;
}

/** A minimum detectable change in the row's terms: "±8.6%" or "+1.00 pp". */
export function formatDetectable(row: ComparisonRow): string {
  if (row.minDetectableChange === null) return '—';
  return row.metric === 'error-rate' ? formatPp(row.minDetectableChange) : `±${formatPercent(row.minDetectableChange)}`;
}

/** Whether the row found a change (significant, beyond noise), good or bad. */
export function isChange(row: ComparisonRow): boolean {
  return row.verdict === 'FAIL' || ['small-regression', 'informational-regression', 'improved', 'error-rate-up', 'errors-appeared'].includes(row.reason);
}

/** Size of a row's change for ranking: |log ratio|, 0 when unknown. */
function magnitude(row: ComparisonRow): number {
  return row.ratio === null || row.ratio <= 0 ? 0 : Math.abs(Math.log(row.ratio));
}

/** Most important first: FAIL, then WARN, then PASS; gating rows first; bigger changes first. Stable. */
export function byImportance(a: ComparisonRow, b: ComparisonRow): number {
  return SEVERITY[a.verdict] - SEVERITY[b.verdict] || Number(b.gating) - Number(a.gating) || magnitude(b) - magnitude(a);
}

/** The rows of each service, grouped once. */
export function rowsByService(comparison: Comparison): Map<string, ComparisonRow[]> {
  const groups = new Map<string, ComparisonRow[]>();
  for (const row of comparison.rows) {
    const group = groups.get(row.service);
    if (group === undefined) groups.set(row.service, [row]);
    else group.push(row);
  }
  return groups;
}
