import type { LoadedRun } from '../ingest/types.js';
import { endpointSamplesOf, noTest, type Draft, type EndpointId } from './draft.js';

const DURATION_METRIC = { http: 'http_req_duration', grpc: 'grpc_req_duration' } as const;

/** How one run measured an endpoint's latency: the metric and its declared unit. */
function measuredWith(run: LoadedRun, id: EndpointId): string | null {
  const samples = endpointSamplesOf(run, id);
  if (samples === undefined) return null;
  const metric = DURATION_METRIC[samples.protocol];
  const contains = run.samples.metrics[metric]?.contains;
  return contains === undefined ? metric : `${metric} (contains: ${contains})`;
}

/**
 * Why an endpoint's latencies are not comparable across the two sides, or null: the sides
 * measured it with different metrics (HTTP vs gRPC) or under different declared units
 * (a duration metric declared `contains: time` on one side and something else on the other).
 */
export function unitMismatch(id: EndpointId, baseline: readonly LoadedRun[], candidate: readonly LoadedRun[]): string | null {
  const side = (runs: readonly LoadedRun[]): Set<string> => new Set(runs.flatMap((run) => measuredWith(run, id) ?? []));
  const base = side(baseline);
  const cand = side(candidate);
  const all = new Set([...base, ...cand]);
  if (all.size <= 1) return null;
  return `the runs measured this endpoint differently (baseline: ${[...base].join(', ') || 'nothing'}; candidate: ${[...cand].join(', ') || 'nothing'}), so its latencies are not in the same unit`;
}

/** Replaces a latency draft's test with WARN `mismatched-units`. */
export function mismatchedUnits(draft: Draft, why: string): Draft {
  const { service, endpoint, metric, unit, baseline, candidate, gating } = draft;
  return noTest({ service, endpoint, metric, unit, baseline, candidate, gating }, null, null, {
    verdict: 'WARN',
    reason: 'mismatched-units',
    message: `Not compared: ${why}.`,
  });
}
