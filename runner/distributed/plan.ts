/**
 * The plan of a test split across N k6 instances: one execution segment per instance, the
 * shared segment sequence, and each instance's k6 command line with its own output files and
 * `instance_id` / `testrun_name` tags (the k6-operator's tag names, so the analyser treats a
 * local split, N hosts and a k6-operator run alike).
 */

import { parseDuration } from '../../core/duration.js';
import type { K6ScenarioMetadata } from '../../core/scenario-metadata.js';
import { evenSegments, formatSegment, formatSequence, segmentShare } from '../../core/execution-segments.js';

/** File names of instance `id` inside a run folder (the loader picks up `samples-*`). */
export function instanceFiles(instanceId: string): { readonly samples: string; readonly summary: string; readonly log: string } {
  return { samples: `samples-${instanceId}.json.gz`, summary: `summary-${instanceId}.json`, log: `k6-${instanceId}.log` };
}

/** One instance of the plan. */
export interface InstancePlan {
  /** `1` … `N`: the value of its `instance_id` tag. */
  readonly instanceId: string;
  /** `--execution-segment`, e.g. `0:1/2`. */
  readonly segment: string;
  /** Its share of the load (segment length). */
  readonly share: number;
  readonly files: { readonly samples: string; readonly summary: string; readonly log: string };
  /** The arguments of `k6` (after the binary), script last. */
  readonly argv: readonly string[];
}

/** The planned open-model load of one k6 scenario, in total and per instance. */
export interface PlannedRate {
  readonly scenario: string;
  readonly executor: string;
  /** Iterations per second of the whole test (peak for ramping executors). */
  readonly totalPerSecond: number;
  /** Iterations per second of each instance, in instance order. */
  readonly perInstance: readonly number[];
}

/** How a test is split across instances. */
export interface DistributedPlan {
  readonly instances: number;
  /** `--execution-segment-sequence`, e.g. `0,1/2,1`. */
  readonly sequence: string;
  readonly testRunName: string;
  readonly members: readonly InstancePlan[];
  readonly rates: readonly PlannedRate[];
}

/** Options of {@link planInstances}. */
export interface PlanOptions {
  /** The script as the instances see it (a path, or a file name on each host). */
  readonly script: string;
  readonly instances: number;
  /** Value of the `testrun_name` tag; names the run. */
  readonly testRunName: string;
  /** Folder prefix for the output files in the command lines (default: none, the working directory). */
  readonly outputDir?: string;
  /** Extra tags on every sample. */
  readonly tags?: Readonly<Record<string, string>>;
  /** The scenarios of the compiled test, for the planned rates. */
  readonly scenarios?: readonly K6ScenarioMetadata[];
}

function join(dir: string | undefined, name: string): string {
  return dir === undefined || dir === '' ? name : `${dir.replace(/\/+$/, '')}/${name}`;
}

/** Peak iterations per second of an arrival-rate scenario's options; null for VU executors. */
export function peakRatePerSecond(scenario: K6ScenarioMetadata): number | null {
  const { options } = scenario;
  const unit = parseDuration(typeof options['timeUnit'] === 'string' ? options['timeUnit'] : '1s');
  const perUnitMs = unit.ok && unit.ms > 0 ? unit.ms : 1000;
  if (scenario.executor === 'constant-arrival-rate' && typeof options['rate'] === 'number') return (options['rate'] * 1000) / perUnitMs;
  if (scenario.executor === 'ramping-arrival-rate') {
    const stages = Array.isArray(options['stages']) ? (options['stages'] as { target?: unknown }[]) : [];
    const targets = stages.map((stage) => (typeof stage.target === 'number' ? stage.target : 0));
    const start = typeof options['startRate'] === 'number' ? options['startRate'] : 0;
    return (Math.max(start, ...targets) * 1000) / perUnitMs;
  }
  return null;
}

/**
 * Splits a test evenly across `instances` k6 processes: segments `0:1/N`, `1/N:2/N`, … with the
 * sequence `0,1/N,…,1`, so the instances together run exactly the planned load (k6 scales
 * arrival rates by the segment length and stripes VUs and iterations across segments).
 */
export function planInstances(options: PlanOptions): DistributedPlan {
  const { sequence, segments } = evenSegments(options.instances);
  const sequenceText = formatSequence(sequence);
  const members = segments.map((segment, index): InstancePlan => {
    const instanceId = String(index + 1);
    const files = instanceFiles(instanceId);
    const argv = [
      'run',
      '--execution-segment', formatSegment(segment),
      '--execution-segment-sequence', sequenceText,
      '--out', `json=${join(options.outputDir, files.samples)}`,
      '--summary-export', join(options.outputDir, files.summary),
      '--tag', `instance_id=${instanceId}`,
      '--tag', `testrun_name=${options.testRunName}`,
      ...Object.entries(options.tags ?? {}).flatMap(([key, value]) => ['--tag', `${key}=${value}`]),
      options.script,
    ];
    return { instanceId, segment: formatSegment(segment), share: segmentShare(segment), files, argv };
  });
  const rates = (options.scenarios ?? []).flatMap((scenario): PlannedRate[] => {
    const total = peakRatePerSecond(scenario);
    return total === null ? [] : [{ scenario: scenario.name, executor: scenario.executor, totalPerSecond: total, perInstance: members.map((member) => total * member.share) }];
  });
  return { instances: options.instances, sequence: sequenceText, testRunName: options.testRunName, members, rates };
}

/** Quotes one argument for a POSIX shell when it needs it. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./:=,@%+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The plan as text for people: the sequence, planned rates, and one `k6 …` line per instance. */
export function renderPlan(plan: DistributedPlan, k6 = 'k6'): string {
  const lines = [`${plan.instances} k6 instance(s), execution-segment sequence ${plan.sequence}, testrun_name=${plan.testRunName}`];
  for (const rate of plan.rates) {
    const each = rate.perInstance.map((value, i) => `#${i + 1} ${+value.toFixed(4)}/s`).join(', ');
    lines.push(`  ${rate.scenario} (${rate.executor}): ${+rate.totalPerSecond.toFixed(4)} iterations/s in total = ${each}`);
  }
  lines.push('', 'Run one line per host (or per local process), all with the same script; start them together:');
  for (const member of plan.members) lines.push(`K6_NO_USAGE_REPORT=true ${[k6, ...member.argv].map(shellQuote).join(' ')}`);
  lines.push('', 'Then put every samples-*.json.gz into one folder and analyse it as one run: stagecraft summarize <folder>/samples-*.json.gz');
  return lines.join('\n');
}
