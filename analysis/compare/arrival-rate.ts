import { parseDuration } from '../../core/duration.js';
import type { LoadedRun } from '../ingest/types.js';
import type { RunStats } from '../model/run-stats.js';

/**
 * The planned iteration rate (iterations/s) of an open-model test: the sum of its
 * `constant-arrival-rate` scenarios' `rate / timeUnit`. Null when the plan has any other
 * executor (a ramping rate has no single target) or no metadata.
 */
export function targetRate(run: LoadedRun): number | null {
  const scenarios = run.manifest?.scenario.metadata?.scenarios;
  if (scenarios === undefined || scenarios.length === 0) return null;
  let total = 0;
  for (const scenario of scenarios) {
    if (scenario.executor !== 'constant-arrival-rate') return null;
    const rate = scenario.options['rate'];
    const unit = parseDuration(typeof scenario.options['timeUnit'] === 'string' ? scenario.options['timeUnit'] : '1s');
    if (typeof rate !== 'number' || !unit.ok || unit.ms <= 0) return null;
    total += rate / (unit.ms / 1000);
  }
  return total;
}

/** Iterations per second k6 completed in the steady window; null without a window or iterations. */
export function achievedRate(stats: RunStats): number | null {
  return stats.windowSeconds === null || stats.iterations === 0 ? null : stats.iterations / stats.windowSeconds;
}

/** How far a side fell short of its target rate: 1 − mean(achieved / target) over runs; null when unknown. */
export function rateShortfall(runs: readonly LoadedRun[], stats: readonly RunStats[]): number | null {
  const fractions: number[] = [];
  runs.forEach((run, i) => {
    const target = targetRate(run);
    const achieved = stats[i] === undefined ? null : achievedRate(stats[i]);
    if (target !== null && target > 0 && achieved !== null) fractions.push(achieved / target);
  });
  if (fractions.length === 0) return null;
  return 1 - fractions.reduce((a, b) => a + b, 0) / fractions.length;
}
