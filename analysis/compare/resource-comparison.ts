import type { SteadyWindow } from '../ingest/types.js';
import type { RunResourceData } from '../resources/load.js';
import { runResourceSummary } from '../resources/run-figures.js';
import { resolveResourceBudgets, resourceRows } from './resource-rows.js';
import {
  INCONCLUSIVE_REASONS,
  type CompareOptions,
  type Comparison,
  type ResolvedCompareOptions,
  type ResourceComparison,
  type RunResourceSummary,
} from './types.js';
import { VERDICT_SEVERITY as SEVERITY, countVerdicts, worstOf } from './verdict-tally.js';

/** One side's runs: resource data (null for runs without) and the steady window of each. */
export interface ResourceSide {
  readonly data: readonly (RunResourceData | null)[];
  readonly windows: readonly (SteadyWindow | null)[];
}

function summaries(side: ResourceSide): RunResourceSummary[] {
  return side.data.flatMap((data, i) => (data === null ? [] : [runResourceSummary(data, side.windows[i] ?? null)]));
}

function resourceNotes(baseline: readonly RunResourceSummary[], candidate: readonly RunResourceSummary[], runsWithout: number): string[] {
  const notes: string[] = [];
  if (runsWithout > 0) notes.push(`${runsWithout} run(s) have no resource samples (made without --resource): resource rows use the other runs.`);
  for (const run of [...baseline, ...candidate]) for (const warning of run.warnings) notes.push(`Run ${run.id} resources: ${warning}`);
  const overheads = [...baseline, ...candidate].map((run) => run.samplerPercentOfCore).filter((value): value is number => value !== null);
  if (overheads.length > 0) notes.push(`The resource sampler used at most ${Math.max(...overheads).toFixed(3)}% of one core per run (goal < 1%).`);
  return notes;
}

/**
 * The resource section of a comparison from the runs' samples (each run's steady window);
 * null when no run on either side recorded resource samples.
 */
export function compareResources(baseline: ResourceSide, candidate: ResourceSide, options: CompareOptions, resolved: ResolvedCompareOptions): ResourceComparison | null {
  const runsWith = [...baseline.data, ...candidate.data].filter((data) => data !== null).length;
  if (runsWith === 0) return null;
  const base = summaries(baseline);
  const cand = summaries(candidate);
  const budgets = resolveResourceBudgets(options);
  return {
    budgets,
    rows: resourceRows(base, cand, resolved, budgets),
    runs: { baseline: base, candidate: cand },
    notes: resourceNotes(base, cand, baseline.data.length + candidate.data.length - runsWith),
  };
}

/**
 * A comparison with its resource section: the resource rows count in the overall verdict
 * (and in their service's, when the service has request rows) like any other row, so a memory
 * regression beyond its budget FAILs the comparison. Unchanged when `resources` is null.
 */
export function withResources(comparison: Comparison, resources: ResourceComparison | null): Comparison {
  if (resources === null) return comparison;
  const { overall } = comparison;
  const tally = countVerdicts(resources.rows);
  const tallyText = `resources: ${tally.FAIL} FAIL, ${tally.WARN} WARN, ${tally.PASS} PASS rows`;
  const top = worstOf(resources.rows);
  const anyFail = overall.verdict === 'FAIL' || tally.FAIL > 0;
  const inconclusive = !anyFail && (overall.inconclusive || resources.rows.some((row) => row.verdict === 'WARN' && INCONCLUSIVE_REASONS.includes(row.reason)));
  const worse = top !== undefined && SEVERITY[top.verdict] > SEVERITY[overall.verdict];
  const lead = top?.verdict === 'FAIL' ? 'Resource use beyond budget' : 'Not a clean pass';
  const message = worse && top !== undefined ? `${lead} (first: ${top.service} ${top.metric}: ${top.reason}); ${tallyText}. ${overall.message}` : `${overall.message.replace(/\.$/, '')}; ${tallyText}.`;
  const services = comparison.services.map((summary) => {
    const own = resources.rows.filter((row) => row.service === summary.service);
    const ownWorst = worstOf(own);
    const ownCounts = countVerdicts(own);
    const merged = { PASS: summary.counts.PASS + ownCounts.PASS, WARN: summary.counts.WARN + ownCounts.WARN, FAIL: summary.counts.FAIL + ownCounts.FAIL };
    if (ownWorst === undefined || SEVERITY[ownWorst.verdict] <= SEVERITY[summary.verdict]) return own.length === 0 ? summary : { ...summary, counts: merged };
    return { ...summary, verdict: ownWorst.verdict, reason: ownWorst.reason, counts: merged };
  });
  return {
    ...comparison,
    overall: {
      ...overall,
      ...(worse && top !== undefined ? { verdict: top.verdict, reason: top.reason } : {}),
      inconclusive,
      message,
      resources: tally,
    },
    services,
    resources,
  };
}
