/**
 * Plain-text parts of a report that are not about one row (those are in `row-text.ts`): the
 * "How to read this" sentences and the cells of the runs table. Shared by the report formats;
 * run ids are passed through unescaped, so each renderer escapes for its own format.
 */
import { formatPercent, formatPp } from '../compare/format.js';
import type { Comparison, RunSummary } from '../compare/types.js';

/**
 * The method ("How to read this") as sentences: plain text in which reason codes and commands
 * are wrapped in backticks (`single-run`) for the renderer to show as code.
 */
export function methodSentences(comparison: Comparison): string[] {
  const { options, runs } = comparison;
  const b = options.budgets;
  const level = Math.round(options.confidence * 100);
  const failBudgets = [
    b.p95.fail === null ? null : `p95 +${formatPercent(b.p95.fail)}`,
    b.p99.fail === null ? null : `p99 +${formatPercent(b.p99.fail)}`,
    b.throughput.fail === null ? null : `throughput ${formatPercent(b.throughput.fail)} lower (closed model only)`,
    `error rate ${formatPp(options.errorRate.minIncrease)} and ×${options.errorRate.minRatio}`,
  ].filter((text): text is string => text !== null);
  return [
    `${runs.baseline.length} baseline and ${runs.candidate.length} candidate run(s); each run is one observation.`,
    `Latency (successful requests only) and throughput compare per-run values with a Welch t-test on their logarithms; the change is the ratio of geometric means ("gm of N": the geometric mean of N per-run values) with its ${level}% CI; ↑/↓ is the direction of the value (for throughput, ↓ is worse).`,
    'Error rates compare pooled counts (two-proportion z test, or Fisher exact for small counts), allowing for between-run overdispersion.',
    `p is Holm-adjusted across all gating rows (p95, p99, error rate, closed-model throughput); p50, mean and open-model throughput are informational (Benjamini–Hochberg, "BH"), never FAIL.`,
    `FAIL = significant (adjusted p < ${options.alpha}) and beyond the budget (${failBudgets.join('; ')}, unless the config overrides them per service or endpoint); WARN = significant but within budget, or a budget-sized regression not excluded by the CI, or a data problem; PASS otherwise.`,
    '`single-run`: with one run per side the CI comes from 20 time batches within each run, which cannot see run-to-run variance, so such rows WARN unless an A/A calibration (`stagecraft ab --aa`) supplies it, and FAIL only when the whole CI is beyond the budget; with one run on one side only, the other side\'s between-run spread stands in for both. Run at least 2, ideally 5, runs per side.',
    `\`too-few-samples\`: a run has fewer successful requests than the statistic needs (p50 ${options.minSamples.p50.floor}, p95 ${options.minSamples.p95.floor}, p99 ${options.minSamples.p99.floor}), so nothing is tested.`,
  ];
}

/** Header of the runs table; {@link runCells} gives one row per run. */
export const RUN_COLUMNS = ['Side', 'Run', 'Outcome', 'Window', 'Requests', 'Dropped iterations', 'Skipped lines'] as const;

/** Which side a run is on. */
export type RunSide = 'baseline' | 'candidate';

/** Every run of a comparison with its side, baseline runs first. */
export function runsWithSide(comparison: Comparison): { readonly side: RunSide; readonly run: RunSummary }[] {
  return [
    ...comparison.runs.baseline.map((run) => ({ side: 'baseline' as const, run })),
    ...comparison.runs.candidate.map((run) => ({ side: 'candidate' as const, run })),
  ];
}

/** The cells of one run in the runs table, in {@link RUN_COLUMNS} order (plain text, run id unescaped). */
export function runCells(side: RunSide, run: RunSummary): string[] {
  return [
    side,
    run.id,
    `${run.outcome ?? 'unknown'}${run.truncated ? ' (truncated)' : ''}`,
    run.windowSeconds === null ? '—' : `${run.windowSeconds.toFixed(1)} s`,
    String(run.requests),
    String(run.droppedIterations),
    String(run.issueCount),
  ];
}
