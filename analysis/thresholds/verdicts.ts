/** Verdicts of a distributed run: each threshold over all instances next to each instance's own k6 verdict. */

import type { ThresholdVerdictRecord } from '../../core/run-manifest.js';
import type { ThresholdResult } from '../summarize/types.js';
import { evaluateThresholds, type ThresholdData } from './evaluate.js';

/** One instance's own k6 threshold results (from its summary export); null when unknown. */
export interface InstanceThresholds {
  readonly instanceId: string;
  readonly results: readonly ThresholdResult[] | null;
}

const compact = (text: string): string => text.replace(/\s+/g, '');

/**
 * Judges every threshold of `definitions` over the merged samples in `data` and puts each
 * instance's own verdict beside it (k6 judges every instance alone, over its share only).
 */
export function judgeOverall(definitions: Readonly<Record<string, readonly string[]>>, data: ThresholdData, instances: readonly InstanceThresholds[]): ThresholdVerdictRecord[] {
  return evaluateThresholds(definitions, data).map((outcome) => ({
    ...outcome,
    instances: instances.map(({ instanceId, results }) => {
      const own = results?.find((result) => compact(result.metric) === compact(outcome.metric) && compact(result.expression) === compact(outcome.expression));
      return { instanceId, ok: own?.ok ?? null };
    }),
  }));
}

/** True when a threshold's verdict over the whole differs from some instance's own verdict. */
export function verdictDiffers(verdict: ThresholdVerdictRecord): boolean {
  return verdict.instances.some((instance) => instance.ok !== null && verdict.ok !== null && instance.ok !== verdict.ok);
}

/** A verdict as a word: `PASS`, `FAIL`, or `unknown` when it could not be judged. */
export function verdictWord(ok: boolean | null): 'PASS' | 'FAIL' | 'unknown' {
  return ok === null ? 'unknown' : ok ? 'PASS' : 'FAIL';
}

/** The compared value for people: integers as they are, others to 4 significant digits. */
export function formatThresholdValue(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}

/**
 * The sentence that says how the verdict over all instances differs from the instances' own
 * ("each instance failed it alone; over all instances it passes"); null when none differs.
 */
export function verdictDifference(verdict: ThresholdVerdictRecord): string | null {
  if (!verdictDiffers(verdict) || verdict.ok === null) return null;
  const judged = verdict.instances.filter((instance) => instance.ok !== null);
  const differing = judged.filter((instance) => instance.ok !== verdict.ok);
  const alone = verdict.ok ? 'failed' : 'passed';
  const who = differing.length === judged.length ? (judged.length === 1 ? 'the instance' : 'each instance') : `instance${differing.length === 1 ? '' : 's'} ${differing.map((instance) => instance.instanceId).join(', ')}`;
  return `${who} ${alone} it alone; over all instances it ${verdict.ok ? 'passes' : 'fails'}`;
}

/**
 * One line per threshold: `http_reqs count>30: PASS over all instances (value 41); k6 per
 * instance: 1 FAIL, 2 FAIL (each instance failed it alone; over all instances it passes)`.
 */
export function describeVerdict(verdict: ThresholdVerdictRecord): string {
  const value = verdict.value === null ? '' : ` (value ${formatThresholdValue(verdict.value)})`;
  const reason = verdict.reason === undefined ? '' : ` [${verdict.reason}]`;
  const own = verdict.instances.map((instance) => `${instance.instanceId} ${verdictWord(instance.ok)}`).join(', ');
  const difference = verdictDifference(verdict);
  return `${verdict.metric} ${verdict.expression}: ${verdictWord(verdict.ok)} over all instances${value}${reason}; k6 per instance: ${own || 'none'}${difference === null ? '' : ` (${difference})`}`;
}
