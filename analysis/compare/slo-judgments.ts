import type { SloMetadata } from '../../core/scenario-metadata.js';
import type { LoadedRun } from '../ingest/types.js';
import { mean, quantileSorted } from '../stats/index.js';
import { geometricMean } from './draft.js';
import type { ReasonCode, Verdict } from './types.js';

/** Where a value stands against an SLO's tiers, best first. */
export type SloStatus = 'meets-target' | 'acceptable' | 'breach' | 'critical-breach';

/** One side's value of an SLO statistic and its tier. */
export interface SloSide {
  /** Geometric mean of the per-run values (ms). */
  readonly value: number;
  /** Per-run values (ms), in run order. */
  readonly runs: readonly number[];
  readonly status: SloStatus;
  /** Runs whose own value is a `breach` or `critical-breach`. */
  readonly runsBreaching: number;
}

/**
 * The verdict of one SLO of the scenario (a performance-targets table row) on both sides.
 * A candidate in `critical-breach` FAILs (reason `slo-critical-breach`), one in `breach` (worse
 * than the acceptable tier) WARNs (`slo-breach`); `meets-target` and `acceptable` PASS
 * (`slo-met`). The baseline's status is context: a breach that already existed is said so.
 */
export interface SloJudgment {
  readonly service: string;
  /** Null for a service-wide SLO (all its endpoints pooled per run). */
  readonly endpoint: string | null;
  /** k6 statistic: `p(95)`, `p(99)`, `avg`, `med`, ... */
  readonly statistic: string;
  readonly tiers: { readonly target: number | null; readonly acceptable: number | null; readonly critical: number | null };
  /** The tier the k6 thresholds of the script enforce. */
  readonly enforced: SloMetadata['enforced'];
  readonly baseline: SloSide | null;
  readonly candidate: SloSide | null;
  readonly verdict: Verdict;
  readonly reason: ReasonCode;
  readonly message: string;
}

/** The statistic of an SLO as a function of sorted values; null when we cannot compute it. */
function statisticOf(statistic: string): ((sorted: Float64Array) => number) | null {
  if (statistic === 'avg') return (sorted) => mean(sorted);
  if (statistic === 'med') return (sorted) => quantileSorted(sorted, 0.5);
  if (statistic === 'min') return (sorted) => sorted[0] as number;
  if (statistic === 'max') return (sorted) => sorted[sorted.length - 1] as number;
  const match = /^p\((\d+(?:\.\d+)?)\)$/.exec(statistic);
  if (match === null) return null;
  const q = Number(match[1]) / 100;
  return (sorted) => quantileSorted(sorted, q);
}

/**
 * The tier of a value: the first of target, acceptable, critical whose limit it does not
 * exceed; beyond every tier it is a `critical-breach` when a critical tier exists.
 */
export function sloStatus(value: number, tiers: SloJudgment['tiers']): SloStatus {
  if (tiers.target !== null && value <= tiers.target) return 'meets-target';
  if (tiers.acceptable !== null && value <= tiers.acceptable) return 'acceptable';
  if (tiers.critical === null) return 'breach';
  return value <= tiers.critical ? 'breach' : 'critical-breach';
}

/** Per-run values of an SLO's statistic over successful requests of its scope. */
function perRunValues(runs: readonly LoadedRun[], slo: SloMetadata, statistic: (sorted: Float64Array) => number): number[] {
  const values: number[] = [];
  for (const run of runs) {
    const parts = run.samples.endpoints.filter((e) => e.service === slo.service && (slo.endpoint === undefined || e.endpoint === slo.endpoint));
    const size = parts.reduce((total, part) => total + part.ok.value.length, 0);
    if (size === 0) continue;
    const pooled = new Float64Array(size);
    let offset = 0;
    for (const part of parts) {
      pooled.set(part.ok.value, offset);
      offset += part.ok.value.length;
    }
    values.push(statistic(pooled.sort()));
  }
  return values;
}

function sideOf(runs: readonly LoadedRun[], slo: SloMetadata, statistic: (sorted: Float64Array) => number, tiers: SloJudgment['tiers']): SloSide | null {
  const values = perRunValues(runs, slo, statistic);
  if (values.length === 0) return null;
  const value = geometricMean(values);
  const breaching = values.filter((v) => sloStatus(v, tiers) === 'breach' || sloStatus(v, tiers) === 'critical-breach').length;
  return { value, runs: values, status: sloStatus(value, tiers), runsBreaching: breaching };
}

const STATUS_TEXT: Readonly<Record<SloStatus, string>> = {
  'meets-target': 'meets target',
  acceptable: 'acceptable',
  breach: 'breach (worse than acceptable)',
  'critical-breach': 'critical breach',
};

function describe(side: SloSide): string {
  return `${side.value.toFixed(1)} ms, ${STATUS_TEXT[side.status]}`;
}

function judge(slo: SloMetadata, baseline: readonly LoadedRun[], candidate: readonly LoadedRun[]): SloJudgment {
  const tiers = { target: slo.target ?? null, acceptable: slo.acceptable ?? null, critical: slo.critical ?? null };
  const scope = { service: slo.service, endpoint: slo.endpoint ?? null, statistic: slo.statistic, tiers, enforced: slo.enforced };
  const statistic = statisticOf(slo.statistic);
  const where = `${slo.service}${slo.endpoint === undefined ? '' : ` ${slo.endpoint}`} ${slo.statistic}`;
  if (statistic === null) {
    return { ...scope, baseline: null, candidate: null, verdict: 'WARN', reason: 'no-samples', message: `SLO ${where}: the statistic cannot be computed from samples.` };
  }
  const base = sideOf(baseline, slo, statistic, tiers);
  const cand = sideOf(candidate, slo, statistic, tiers);
  if (cand === null) {
    return { ...scope, baseline: base, candidate: null, verdict: 'WARN', reason: 'no-samples', message: `SLO ${where}: no successful request in the candidate runs, so the SLO cannot be judged.` };
  }
  const before = base === null ? '' : ` (baseline: ${describe(base)})`;
  const already = base !== null && (base.status === 'breach' || base.status === 'critical-breach') ? ' The baseline already breached it.' : '';
  const runs = cand.runsBreaching > 0 ? ` ${cand.runsBreaching} of ${cand.runs.length} candidate run(s) breach on their own.` : '';
  const text = `SLO ${where}: candidate ${describe(cand)}${before}.${already}${runs}`;
  if (cand.status === 'critical-breach') return { ...scope, baseline: base, candidate: cand, verdict: 'FAIL', reason: 'slo-critical-breach', message: text };
  if (cand.status === 'breach') return { ...scope, baseline: base, candidate: cand, verdict: 'WARN', reason: 'slo-breach', message: text };
  return { ...scope, baseline: base, candidate: cand, verdict: 'PASS', reason: 'slo-met', message: text };
}

/**
 * Judges every SLO declared in the scenario (from the compiler metadata in the run manifests)
 * on both sides. Values are per-run statistics of successful requests in the steady window,
 * combined by geometric mean like the comparison rows.
 */
export function judgeSlos(slos: readonly SloMetadata[], baseline: readonly LoadedRun[], candidate: readonly LoadedRun[]): SloJudgment[] {
  return slos.map((slo) => judge(slo, baseline, candidate));
}
