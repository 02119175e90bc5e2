import type { Verdict, VerdictCounts } from './types.js';

/** How bad a verdict is: PASS < WARN < FAIL. */
export const VERDICT_SEVERITY: Readonly<Record<Verdict, number>> = { PASS: 0, WARN: 1, FAIL: 2 };

/** PASS, WARN and FAIL counts of rows, SLO judgments or anything else with a verdict. */
export function countVerdicts(items: readonly { readonly verdict: Verdict }[]): VerdictCounts {
  const counts = { PASS: 0, WARN: 0, FAIL: 0 };
  for (const item of items) counts[item.verdict] += 1;
  return counts;
}

/** The worst item (first in order among the worst); undefined for none. */
export function worstOf<T extends { readonly verdict: Verdict }>(items: readonly T[]): T | undefined {
  let worst: T | undefined;
  for (const item of items) if (worst === undefined || VERDICT_SEVERITY[item.verdict] > VERDICT_SEVERITY[worst.verdict]) worst = item;
  return worst;
}
