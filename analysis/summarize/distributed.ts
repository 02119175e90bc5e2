/**
 * The `distributed` part of a summarized run: the k6 instances whose samples were merged, how
 * complete each one's share is, and the script's thresholds judged over all of them beside
 * each instance's own k6 verdict. For run folders of `stagecraft run --instances N` (the
 * manifest lists the instances and the thresholds) and for loose files of a k6-operator or
 * hand-split run (instances from the `instance_id` tags, thresholds from `--thresholds-from`).
 */

import { basename, dirname, join } from 'node:path';
import { StagecraftError } from '../../core/errors.js';
import type { DistributedRunRecord, RunManifest } from '../../core/run-manifest.js';
import { SCRIPT_HASH_TAG, scriptHashesOf, shortHash } from '../../core/script-hash.js';
import { detectFormat } from '../ingest/detect-format.js';
import { missingInstanceIds } from '../ingest/load-instances.js';
import { compareText } from '../ingest/ndjson-endpoints.js';
import type { RawRun } from '../model/raw-run.js';
import { judgeWithSummaries, readInstanceSummaries, type InstanceSummary } from '../thresholds/instance-summaries.js';
import type { InstanceStatus, QualityFlag, SummaryDistributed, SummaryInstance } from './types.js';

/** The k6-operator's tag (also set by `stagecraft run --instances`) that names each instance. */
const INSTANCE_TAG = 'instance_id';

/** A script's thresholds given by the user (`summarize --thresholds-from`). */
export interface ScriptThresholds {
  /** The script's path, as given. */
  readonly script: string;
  /** Metric or sub-metric key → expressions, as `k6 inspect` prints them. */
  readonly definitions: Readonly<Record<string, readonly string[]>>;
  /** Short hashes (`script_hash` tag values) that identify the script (see `scriptShortHashes`). */
  readonly hashes: readonly string[];
}

/** What one instance is, before its samples and summary are looked at. */
interface Member {
  readonly instanceId: string;
  readonly segment: string | null;
  readonly exitCode: number | null;
  readonly outcome: string | null;
  /** Its summary file; null when there is none to read. */
  readonly summary: string | null;
}

/** The distributed record of a run and the flags it adds (instances whose output is cut off). */
export interface DistributedResult {
  readonly distributed: SummaryDistributed;
  readonly flags: readonly QualityFlag[];
}

/** Per `instance_id`: samples and counter totals in the merged run; null when no sample carries the tag. */
function instanceCounts(raw: RawRun): Map<string, { samples: number; counters: Map<string, number> }> | null {
  const counts = new Map<string, { samples: number; counters: Map<string, number> }>();
  let tagged = false;
  for (const series of raw.series) {
    const id = raw.tagSets[series.tagSet]?.[INSTANCE_TAG];
    if (id === undefined) continue;
    tagged = true;
    const entry = counts.get(id) ?? { samples: 0, counters: new Map<string, number>() };
    counts.set(id, entry);
    entry.samples += series.value.length;
    if (raw.metrics.get(series.metric)?.kind !== 'counter') continue;
    let sum = entry.counters.get(series.metric) ?? 0;
    for (const value of series.value) sum += value;
    entry.counters.set(series.metric, sum);
  }
  return tagged ? counts : null;
}

/** Counters named first in a shortfall message: the ones people know. */
const KNOWN_COUNTERS = ['iterations', 'http_reqs', 'grpc_reqs'];

/** The first counter (known ones first) of which the instance's samples hold less than its own k6 summary counts. */
function shortfall(summary: InstanceSummary, counters: ReadonlyMap<string, number>): { metric: string; samples: number; summary: number } | null {
  const rank = (metric: string): number => (KNOWN_COUNTERS.includes(metric) ? KNOWN_COUNTERS.indexOf(metric) : KNOWN_COUNTERS.length);
  for (const metric of Object.keys(summary.counters).sort((a, b) => rank(a) - rank(b) || compareText(a, b))) {
    const expected = summary.counters[metric] ?? 0;
    const found = counters.get(metric) ?? 0;
    if (found < expected) return { metric, samples: found, summary: expected };
  }
  return null;
}

function statusOf(member: Member, samples: number | null, cutOff: boolean): InstanceStatus {
  if (samples === 0) return 'missing';
  if (member.outcome === 'failed' || member.outcome === 'interrupted') return member.outcome;
  return cutOff ? 'cut-off' : 'ok';
}

/**
 * Refuses to judge a script's thresholds over the outputs of another script: the samples'
 * `script_hash` tags (or the run folder's recorded script hash) must be one of the script's.
 */
function checkScript(given: ScriptThresholds, raw: RawRun, source: string, manifest: RunManifest | null): void {
  const tagged = [...scriptHashesOf(raw.tagSets)];
  const recorded = manifest === null ? [] : [shortHash(manifest.scenario.contentHash)];
  const seen = tagged.length > 0 ? tagged : recorded;
  if (seen.length === 0 || seen.some((hash) => given.hashes.includes(hash))) return;
  throw new StagecraftError({
    code: 'invalid-input',
    message: `${given.script} is not the script that made ${source}: its hash is ${given.hashes.join(' or ')}, the run's ${SCRIPT_HASH_TAG} is ${seen.join(', ')}`,
    fix: 'pass the exact script the instances ran with --thresholds-from (recompiling changes its hash)',
    location: { file: given.script },
  });
}

async function describeInstances(members: readonly Member[], raw: RawRun, base: Pick<SummaryDistributed, 'source' | 'sequence' | 'thresholdsFrom'>, definitions: Readonly<Record<string, readonly string[]>> | null, runId: string): Promise<DistributedResult & { complete: boolean }> {
  const summaries = await readInstanceSummaries(members);
  const counts = instanceCounts(raw);
  const flags: QualityFlag[] = [];
  const instances = members.map((member, i): SummaryInstance => {
    const summary = summaries[i] as InstanceSummary;
    const own = counts?.get(member.instanceId);
    const samples = counts === null ? null : (own?.samples ?? 0);
    const short = own === undefined ? null : shortfall(summary, own.counters);
    if (short !== null && samples !== 0) {
      flags.push({ code: 'incomplete-run', message: `run ${runId} is incomplete: the samples of instance ${member.instanceId} hold ${short.samples} ${short.metric}, its own k6 summary counts ${short.summary}: its output is cut off` });
    }
    return { instanceId: member.instanceId, segment: member.segment, exitCode: member.exitCode, outcome: member.outcome, samples, summary: summary.found, status: statusOf(member, samples, short !== null) };
  });
  const judged = definitions === null ? null : judgeWithSummaries(definitions, raw, summaries);
  const complete = instances.every((instance) => instance.status === 'ok');
  const distributed: SummaryDistributed = {
    ...base,
    instances: members.length,
    complete,
    members: instances,
    thresholds: judged?.verdicts ?? null,
    rateDuration: judged?.duration ?? null,
  };
  return { distributed, flags, complete };
}

/** Flags that make a run incomplete whatever its instances say. */
const INCOMPLETE = new Set(['incomplete-run', 'truncated']);

/**
 * A run folder of `stagecraft run --instances N`: its instances from the manifest, each one's
 * summary file from the folder, the thresholds recorded at run time (or `given`).
 */
export async function folderDistributed(folder: string, manifest: RunManifest, record: DistributedRunRecord, raw: RawRun, flags: readonly QualityFlag[], given: ScriptThresholds | null): Promise<DistributedResult> {
  if (given !== null) checkScript(given, raw, folder, manifest);
  const members = record.members.map(({ instanceId, segment, exitCode, outcome, files }): Member => ({ instanceId, segment, exitCode, outcome, summary: join(folder, files.summary) }));
  const definitions = given?.definitions ?? record.thresholdDefinitions;
  const thresholdsFrom = given !== null ? { source: 'script' as const, script: given.script } : record.thresholdDefinitions === null ? null : { source: 'manifest' as const, script: manifest.scenario.script };
  const result = await describeInstances(members, raw, { source: 'run-folder', sequence: record.sequence, thresholdsFrom }, definitions, manifest.runId);
  const complete = result.complete && record.complete && !flags.some((flag) => INCOMPLETE.has(flag.code));
  return { distributed: { ...result.distributed, complete }, flags: result.flags };
}

/** The k6 summary next to a samples file, named as stagecraft names them: `samples[-i].json[.gz]` → `summary[-i].json`. */
export function siblingSummary(samplesPath: string): string | null {
  const name = basename(samplesPath);
  const match = /^samples(.*?)\.(?:json|ndjson|jsonl|csv)(?:\.gz)?$/.exec(name);
  return match === null ? null : join(dirname(samplesPath), `summary${match[1] ?? ''}.json`);
}

/**
 * Loose files of one distributed run (k6-operator pods, hand-split hosts), merged by the
 * loader: instances from their `instance_id` tags (ids 1..N missing in between count as
 * missing instances), each one's k6 summary from next to its samples file, the thresholds
 * from `given` (the files do not carry them).
 *
 * @returns null when the files carry no `instance_id` tag (not a distributed run)
 */
export async function filesDistributed(files: readonly string[], raw: RawRun, id: string, flags: readonly QualityFlag[], given: ScriptThresholds | null): Promise<DistributedResult | null> {
  const byInstance = new Map<string, string>();
  for (const file of files) {
    const instance = (await detectFormat(file)).instance;
    if (instance !== null && !byInstance.has(instance.instanceId)) byInstance.set(instance.instanceId, file);
  }
  if (byInstance.size === 0) return null;
  if (given !== null) checkScript(given, raw, files.join(', '), null);
  const ids = [...byInstance.keys(), ...missingInstanceIds(byInstance.keys())].sort((a, b) => Number(a) - Number(b) || compareText(a, b));
  const members = ids.map((instanceId): Member => {
    const file = byInstance.get(instanceId);
    return { instanceId, segment: null, exitCode: null, outcome: null, summary: file === undefined ? null : siblingSummary(file) };
  });
  const thresholdsFrom = given === null ? null : { source: 'script' as const, script: given.script };
  const result = await describeInstances(members, raw, { source: 'files', sequence: null, thresholdsFrom }, given?.definitions ?? null, id);
  const complete = result.complete && !flags.some((flag) => INCOMPLETE.has(flag.code));
  return { distributed: { ...result.distributed, complete }, flags: result.flags };
}
