/** Shared inputs of the report-chart tests: the real fixture runs (untrimmed) and their comparison. */
import { join } from 'node:path';
import { compareRuns, loadRuns, type Comparison, type LoadedRun, type SloJudgment } from '../../../analysis/index.js';
import { trimRun } from '../../../analysis/ingest/trim-samples.js';
import { FIXTURES } from '../analysis/helpers.js';

/** Trims used with the 2-s fixture runs, ms. */
export const TRIMS = { startMs: 300, endMs: 200 } as const;

/** An SLO on catalog/get-item with all three tiers, so the ECDF shows bands. */
export const SLO: SloJudgment = {
  service: 'catalog',
  endpoint: 'get-item',
  statistic: 'p(95)',
  tiers: { target: 20, acceptable: 40, critical: 80 },
  enforced: 'acceptable',
  baseline: null,
  candidate: null,
  verdict: 'PASS',
  reason: 'slo-met',
  message: 'test SLO',
};

/** The fixture runs loaded untrimmed, and the comparison of their trimmed versions (with {@link SLO}). */
export async function fixtureInputs(): Promise<{ baseline: LoadedRun[]; candidate: LoadedRun[]; comparison: Comparison }> {
  const runs = join(FIXTURES, 'runs');
  const baseline = await loadRuns([join(runs, 'baseline-1'), join(runs, 'baseline-2')]);
  const candidate = await loadRuns([join(runs, 'candidate-1'), join(runs, 'candidate-2')]);
  const trim = (run: LoadedRun): LoadedRun => trimRun(run, TRIMS.startMs, TRIMS.endMs);
  const comparison = compareRuns(baseline.map(trim), candidate.map(trim));
  return { baseline, candidate, comparison: { ...comparison, slos: [SLO] } };
}
