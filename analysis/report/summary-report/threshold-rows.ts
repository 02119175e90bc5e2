/**
 * The thresholds of the summary report, per run, as plain-text cells shared by `summary.md`
 * and the HTML page (each escapes them its own way). A run split across k6 instances shows
 * each threshold judged over the merged samples of all instances beside each instance's own
 * k6 verdict, which covers only its share; a run of one k6 process shows k6's own verdicts.
 */

import { formatThresholdValue, verdictDifference, verdictWord } from '../../thresholds/verdicts.js';
import { distributedHeadline, instanceStatusText, rateDurationText, thresholdsSourceText, thresholdsUnknownText } from '../../summarize/distributed-text.js';
import type { QualityFlag, Summary, SummaryRun } from '../../summarize/types.js';

/** One threshold of one run. */
export interface ThresholdRow {
  /** `metric{tags} expression`. */
  readonly threshold: string;
  /** The verdict shown first: over all instances (split run) or k6's own (one process). */
  readonly verdict: 'PASS' | 'FAIL' | 'unknown';
  /** The compared value; `—` when there is none. */
  readonly value: string;
  /** Each instance's own k6 verdict (`1 FAIL, 2 FAIL`); null for a run of one k6 process. */
  readonly instances: string | null;
  /** How the instances' verdicts differ from the whole, or why the threshold could not be judged; null when nothing to say. */
  readonly note: string | null;
  /** True when some instance's own verdict differs from the verdict over all instances. */
  readonly differs: boolean;
}

/** One instance's row of a split run. */
export interface InstanceRow {
  readonly instanceId: string;
  readonly segment: string;
  readonly exit: string;
  readonly samples: string;
  readonly summary: string;
  readonly status: string;
  readonly ok: boolean;
}

/** The thresholds of one run. */
export interface RunThresholds {
  readonly run: string;
  /** `2 k6 instances (sequence 0,1/2,1), complete`; null for a run of one k6 process. */
  readonly headline: string | null;
  /** Where the thresholds came from, what counter rates were divided by, or why nothing was judged. */
  readonly notes: readonly string[];
  readonly rows: readonly ThresholdRow[];
  /** The instances of a split run; empty for one k6 process. */
  readonly instances: readonly InstanceRow[];
}

/** Columns of a split run's threshold table: header and whether it holds numbers. */
export const SPLIT_COLUMNS: readonly (readonly [label: string, numeric: boolean])[] = [
  ['Threshold', false],
  ['Over all instances', false],
  ['Value', true],
  ['k6 per instance (own share only)', false],
  ['Note', false],
];

/** Columns of a one-process run's threshold table. */
export const SINGLE_COLUMNS: readonly (readonly [label: string, numeric: boolean])[] = [
  ['Threshold', false],
  ['k6 verdict', false],
];

/** Columns of a split run's instance table. */
export const INSTANCE_COLUMNS: readonly (readonly [label: string, numeric: boolean])[] = [
  ['Instance', false],
  ['Segment', false],
  ['k6 exit', false],
  ['Samples', true],
  ['Own k6 summary', false],
  ['Status', false],
];

/** A phrase as a sentence: capital first letter, final period. */
function sentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function splitRun(run: SummaryRun): RunThresholds | null {
  const { distributed } = run;
  if (distributed === undefined) return null;
  const rows = (distributed.thresholds ?? []).map((verdict): ThresholdRow => {
    const difference = verdictDifference(verdict);
    return {
      threshold: `${verdict.metric} ${verdict.expression}`,
      verdict: verdictWord(verdict.ok),
      value: verdict.value === null ? '—' : formatThresholdValue(verdict.value),
      instances: verdict.instances.map((instance) => `${instance.instanceId} ${verdictWord(instance.ok)}`).join(', ') || '—',
      note: difference ?? verdict.reason ?? null,
      differs: difference !== null,
    };
  });
  const source = thresholdsSourceText(distributed);
  const notes = [
    ...(distributed.thresholds === null ? [sentence(thresholdsUnknownText(distributed))] : []),
    ...(source === null ? [] : [`Judged over the merged samples of all instances: ${source}. Each k6 instance judged only its own share.`]),
    ...(distributed.rateDuration === null ? [] : [sentence(rateDurationText(distributed.rateDuration))]),
  ];
  const instances = distributed.members.map((member): InstanceRow => ({
    instanceId: member.instanceId,
    segment: member.segment ?? '—',
    exit: member.exitCode === null ? '—' : `${member.exitCode}${member.outcome === null ? '' : ` (${member.outcome})`}`,
    samples: member.samples === null ? '—' : String(member.samples),
    summary: member.summary ? 'yes' : 'no',
    status: instanceStatusText(member),
    ok: member.status === 'ok',
  }));
  return { run: run.id, headline: distributedHeadline(distributed), notes, rows, instances };
}

function singleRun(run: SummaryRun): RunThresholds | null {
  const results = run.k6.thresholds;
  if (results === null || results.length === 0) return null;
  const rows = results.map((result): ThresholdRow => ({ threshold: `${result.metric} ${result.expression}`, verdict: result.ok ? 'PASS' : 'FAIL', value: '—', instances: null, note: null, differs: false }));
  return { run: run.id, headline: null, notes: ["k6's own verdicts, from the run's end-of-test summary."], rows, instances: [] };
}

/** The runs that have thresholds to show (split runs always), in run order. */
export function thresholdRuns(summary: Summary): RunThresholds[] {
  return summary.runs.flatMap((run) => splitRun(run) ?? singleRun(run) ?? []);
}

/** A split run whose data is not the whole test, with why (the flags that say so). */
export interface IncompleteRun {
  readonly run: string;
  /** The instances whose share is missing or damaged: `instance 2 (segment 1/2:1) MISSING: no samples of this instance`. */
  readonly instances: readonly string[];
  /** The run's `incomplete-run` and `truncated` flags. */
  readonly reasons: readonly QualityFlag[];
}

/** Every split run that is not complete. */
export function incompleteRuns(summary: Summary): IncompleteRun[] {
  return summary.runs.flatMap((run) => {
    const { distributed } = run;
    if (distributed === undefined || distributed.complete) return [];
    const instances = distributed.members.filter((member) => member.status !== 'ok').map((member) => `instance ${member.instanceId}${member.segment === null ? '' : ` (segment ${member.segment})`} ${instanceStatusText(member)}`);
    return [{ run: run.id, instances, reasons: run.quality.flags.filter((flag) => flag.code === 'incomplete-run' || flag.code === 'truncated') }];
  });
}

/** The sentence under an incomplete run's heading. */
export const INCOMPLETE_WARNING = 'Its statistics and threshold verdicts cover only the instances with data: do not read them as the whole test.';
