import { bhAdjust, holmAdjust } from '../stats/index.js';

/** What a row needs for the multiple-comparison adjustment. */
export interface TestedDraft {
  /** Gating rows form the Holm family; informational rows the Benjamini–Hochberg one. */
  readonly gating: boolean;
  /** Unadjusted p-value; null for a row without a test (it is left out of both families). */
  readonly p: number | null;
}

/**
 * Adjusted p-values of a set of rows: Holm over the gating rows (the familywise error rate of
 * the verdicts), Benjamini–Hochberg over the informational ones. Rows without a test have no
 * entry.
 */
export function adjustFamilies<D extends TestedDraft>(drafts: readonly D[]): Map<D, number> {
  const adjusted = new Map<D, number>();
  for (const gating of [true, false]) {
    const family = drafts.filter((draft) => draft.gating === gating && draft.p !== null);
    const ps = family.map((draft) => draft.p as number);
    const values = gating ? holmAdjust(ps) : bhAdjust(ps);
    family.forEach((draft, i) => adjusted.set(draft, values[i] as number));
  }
  return adjusted;
}
