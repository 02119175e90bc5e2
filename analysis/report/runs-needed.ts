import type { Comparison, ComparisonRow } from '../compare/types.js';
import { budgetOf } from './row-text.js';

/** Largest runs-per-side estimate the report states exactly; beyond it, "≥ MAX_RUNS_ESTIMATE". */
export const MAX_RUNS_ESTIMATE = 30;

/** How an undecided row could be settled. */
export type Settle =
  /** Run this many runs per side (`capped`: at least that many). */
  | { readonly kind: 'runs'; readonly runs: number; readonly capped: boolean }
  /** More runs alone will not do; the text says what will. */
  | { readonly kind: 'advice'; readonly text: string };

/**
 * Estimates the runs per side that would make a row's minimum detectable change (MDC) no
 * larger than its budget, assuming the between-run spread stays as observed: the standard
 * error scales with √(1/n_b + 1/n_c), so with N runs on each side the MDC becomes
 * MDC · √((2/N) / (1/n_b + 1/n_c)). Ratio metrics scale on the log scale (MDC is a relative
 * change), error rates linearly. It is a rough guide: with few runs the t quantile shrinks too,
 * which this leaves out, and the point estimate may move.
 *
 * @param runsPerSide - current runs of each side (from `comparison.runs`)
 * @returns at least one run more than the larger side has now, at most {@link MAX_RUNS_ESTIMATE} (then `capped`)
 */
export function runsForDetectable(mdc: number, budget: number, runsPerSide: { baseline: number; candidate: number }, logScale: boolean): Settle {
  const now = 1 / Math.max(1, runsPerSide.baseline) + 1 / Math.max(1, runsPerSide.candidate);
  const shrink = logScale ? Math.log1p(budget) / Math.log1p(mdc) : budget / mdc;
  const exact = 2 / (shrink * shrink * now);
  const floor = Math.max(runsPerSide.baseline, runsPerSide.candidate) + 1;
  const runs = Math.max(floor, Math.ceil(exact - 1e-9));
  if (!Number.isFinite(runs) || runs > MAX_RUNS_ESTIMATE) return { kind: 'runs', runs: MAX_RUNS_ESTIMATE, capped: true };
  return { kind: 'runs', runs, capped: false };
}

/** What would settle an undecided row (a reason in `INCONCLUSIVE_REASONS`, or any WARN row). */
export function settle(comparison: Comparison, row: ComparisonRow): Settle {
  const runsPerSide = { baseline: comparison.runs.baseline.length, candidate: comparison.runs.candidate.length };
  switch (row.reason) {
    case 'single-run':
      return { kind: 'advice', text: '≥ 2 per side (5 recommended), or an A/A calibration' };
    case 'too-few-samples':
      return { kind: 'advice', text: 'longer runs (more requests per run)' };
    case 'no-samples':
      return { kind: 'advice', text: 'no usable samples (e.g. every request failed)' };
    case 'missing-in-some-runs':
      return { kind: 'advice', text: 'the endpoint is missing from some runs' };
    case 'degenerate-test':
      return { kind: 'advice', text: 'no test possible (e.g. zero variance)' };
    default:
      break;
  }
  const budget = budgetOf(comparison, row);
  if (row.minDetectableChange === null || !(budget > 0)) return { kind: 'advice', text: 'more runs per side (5 recommended)' };
  return runsForDetectable(row.minDetectableChange, budget, runsPerSide, row.metric !== 'error-rate');
}

/** A settle estimate in words: "12", "≥ 30", or the advice. */
export function formatSettle(value: Settle): string {
  if (value.kind === 'advice') return value.text;
  return value.capped ? `≥ ${value.runs}` : String(value.runs);
}
