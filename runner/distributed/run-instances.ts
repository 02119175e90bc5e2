/**
 * `stagecraft run --instances N`: N real local k6 processes, one execution segment each, into
 * one run folder (the local stand-in for N load-generator hosts). When they have all ended,
 * the script's thresholds are judged over the merged samples of every instance, because each
 * k6 process judged only its own share.
 */

import { join } from 'node:path';
import type { DistributedRunRecord, RunOutcome, ThresholdVerdictRecord } from '../../core/run-manifest.js';
import type { ScenarioMetadata } from '../../core/scenario-metadata.js';
import { judgeInstanceFiles } from '../../analysis/thresholds/judge-files.js';
import { describeVerdict } from '../../analysis/thresholds/verdicts.js';
import type { K6Binary } from '../k6-binary.js';
import { inspectThresholds } from './inspect-thresholds.js';
import { planInstances } from './plan.js';

/** Starts one k6 process with `argv`, logging to `logFile`, and resolves when it exits. */
export type LaunchK6 = (argv: readonly string[], logFile: string) => Promise<{ exitCode: number | null; signal: string | null }>;

/** Options of {@link runInstances}. */
export interface RunInstancesOptions {
  readonly k6: K6Binary;
  readonly script: string;
  /** The new, empty run folder. */
  readonly folder: string;
  /** Names the run: the `testrun_name` tag. */
  readonly runId: string;
  readonly instances: number;
  readonly env: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
  readonly metadata: ScenarioMetadata | null;
  /** How to start one k6 process (the caller's, so single and split runs start k6 alike). */
  readonly launch: LaunchK6;
  readonly outcomeOf: (exitCode: number | null, signal: string | null) => RunOutcome;
  readonly log?: (line: string) => void;
}

/** What a split run produced: the whole run's exit and the manifest's `distributed` record. */
export interface InstancesResult {
  /** The whole run's exit: an instance's failure code, else 99 when a threshold fails over all samples, else 0. */
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** The first instance's command line (each instance's is in `record.members`). */
  readonly argv: readonly string[];
  readonly record: DistributedRunRecord;
}

function wholeExit(members: readonly { exitCode: number | null; signal: string | null; outcome: RunOutcome }[], verdicts: readonly ThresholdVerdictRecord[] | null): { exitCode: number | null; signal: string | null } {
  const broken = members.find((member) => member.outcome === 'interrupted') ?? members.find((member) => member.outcome === 'failed');
  if (broken !== undefined) return { exitCode: broken.exitCode, signal: broken.signal };
  if (verdicts === null) return { exitCode: members.some((member) => member.exitCode === 99) ? 99 : 0, signal: null };
  return { exitCode: verdicts.some((verdict) => verdict.ok === false) ? 99 : 0, signal: null };
}

/**
 * Runs the script as `instances` concurrent k6 processes (segments `0:1/N` … `(N-1)/N:1`), each
 * writing `samples-<i>.json.gz`, `summary-<i>.json` and `k6-<i>.log` into `folder`, then judges
 * the thresholds over all instances' samples.
 */
export async function runInstances(options: RunInstancesOptions): Promise<InstancesResult> {
  const plan = planInstances({
    script: options.script,
    instances: options.instances,
    testRunName: options.runId,
    outputDir: options.folder,
    tags: options.tags,
    ...(options.metadata === null ? {} : { scenarios: options.metadata.scenarios }),
  });
  const definitions = await inspectThresholds(options.k6, options.script, options.env);
  options.log?.(`  ${plan.instances} k6 instances, execution-segment sequence ${plan.sequence}`);
  const exits = await Promise.all(plan.members.map((member) => options.launch(member.argv, join(options.folder, member.files.log))));
  const members = plan.members.map((member, i) => {
    const { exitCode, signal } = exits[i] ?? { exitCode: null, signal: null };
    return { instanceId: member.instanceId, segment: member.segment, argv: member.argv, files: member.files, exitCode, signal, outcome: options.outcomeOf(exitCode, signal) };
  });
  const ended = members.every((member) => member.outcome === 'passed' || member.outcome === 'thresholds-failed');
  const judged = await judgeInstanceFiles(
    definitions ?? {},
    members.map((member) => ({ instanceId: member.instanceId, samples: join(options.folder, member.files.samples), summary: join(options.folder, member.files.summary) })),
  );
  const thresholds = definitions === null ? null : judged.verdicts;
  for (const verdict of thresholds ?? []) options.log?.(`  threshold ${describeVerdict(verdict)}`);
  const record: DistributedRunRecord = {
    instances: plan.instances,
    sequence: plan.sequence,
    testRunName: plan.testRunName,
    members,
    thresholdDefinitions: definitions,
    thresholds,
    complete: ended && judged.complete,
  };
  return { ...wholeExit(members, thresholds), argv: plan.members[0]?.argv ?? [], record };
}
