import type { EndpointSamples, LoadedRun } from '../ingest/types.js';
import type { ComparisonRow, ReasonCode, Verdict } from './types.js';

/** A (service, endpoint) pair. */
export interface EndpointId {
  readonly service: string;
  readonly endpoint: string;
}

/** The samples of one endpoint in one run, if the run has it. */
export function endpointSamplesOf(run: LoadedRun, id: EndpointId): EndpointSamples | undefined {
  return run.samples.endpoints.find((e) => e.service === id.service && e.endpoint === id.endpoint);
}

/** Verdict, reason and message of a row. */
export interface Outcome {
  readonly verdict: Verdict;
  readonly reason: ReasonCode;
  readonly message: string;
}

/**
 * A row before multiplicity adjustment: either already `decided` (no test was possible) or
 * with an `evaluate` step that turns the adjusted p-value into the outcome.
 */
export interface Draft extends Omit<ComparisonRow, 'pAdjusted' | 'verdict' | 'reason' | 'message'> {
  readonly decided?: Outcome;
  readonly evaluate?: (pAdjusted: number | null) => Outcome;
}

type Common = Pick<Draft, 'service' | 'endpoint' | 'metric' | 'unit' | 'baseline' | 'candidate' | 'gating'>;

/** A draft without a test: the outcome is known now. */
export function noTest(common: Common, ratio: number | null, difference: number | null, outcome: Outcome): Draft {
  return {
    ...common,
    ratio,
    ci: null,
    absoluteDifference: difference,
    p: null,
    test: null,
    inference: null,
    minDetectableChange: null,
    decided: outcome,
  };
}

/** Turns a draft into a row with its adjusted p-value. */
export function finishRow(draft: Draft, pAdjusted: number | null): ComparisonRow {
  const outcome = draft.decided ?? draft.evaluate?.(pAdjusted);
  if (outcome === undefined) throw new Error(`row ${draft.service}/${draft.endpoint}/${draft.metric} has no outcome`);
  return {
    service: draft.service,
    endpoint: draft.endpoint,
    metric: draft.metric,
    unit: draft.unit,
    baseline: draft.baseline,
    candidate: draft.candidate,
    ratio: draft.ratio,
    ci: draft.ci,
    absoluteDifference: draft.absoluteDifference,
    p: draft.p,
    pAdjusted: draft.p === null ? null : pAdjusted,
    test: draft.test,
    inference: draft.inference,
    gating: draft.gating,
    verdict: outcome.verdict,
    reason: outcome.reason,
    message: outcome.message,
    minDetectableChange: draft.minDetectableChange,
  };
}

/** Geometric mean of positive values (0 if any value is 0). */
export function geometricMean(values: readonly number[]): number {
  if (values.some((v) => v === 0)) return 0;
  let total = 0;
  for (const value of values) total += Math.log(value);
  return Math.exp(total / values.length);
}
