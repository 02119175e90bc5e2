/** Loading one run folder written by `stagecraft run`: its manifest and its samples files. */

import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { StagecraftError } from '../../core/errors.js';
import { RunFiles, type DistributedRunRecord, type RunManifest } from '../../core/run-manifest.js';
import { SCRIPT_HASH_TAG, scriptHashesOf, shortHash } from '../../core/script-hash.js';
import { checkSegments, parseSegment, parseSequence, type Segment } from '../../core/execution-segments.js';
import type { RawRun } from '../model/raw-run.js';
import { detectFormat } from './detect-format.js';
import { statOrNull } from './load-common.js';
import { readManifest } from './load-manifest.js';
import type { SampleFile } from './load-part.js';
import { loadSampleRun } from './load-samples.js';
import { summaryQuality } from './load-summary.js';
import type { LoadedSampleRun } from './load-types.js';
import { compareText } from './ndjson.js';
import type { DataQualityFlag, ReadOptions } from './types.js';

/** The samples files of a run folder: the manifest's list, `samples-*` files, or the one samples file. */
async function runFolderSamples(folder: string, manifest: RunManifest): Promise<string[]> {
  if (manifest.distributed !== undefined) return manifest.distributed.members.map((member) => join(folder, member.files.samples));
  const listed: unknown = manifest.files?.samples;
  if (Array.isArray(listed) && listed.every((name): name is string => typeof name === 'string')) return listed.map((name) => join(folder, name));
  const names = (await readdir(folder)).sort(compareText);
  const segments = names.filter((name) => /^samples-.+\.(json|ndjson|csv)(\.gz)?$/i.test(name));
  const single = typeof listed === 'string' ? listed : RunFiles.samples;
  if (segments.length > 0 && !names.includes(single)) return segments.map((name) => join(folder, name));
  return [join(folder, single)];
}

/** Which of `paths` do not exist (as given). */
async function missingFiles(paths: readonly string[]): Promise<Set<string>> {
  const missing = new Set<string>();
  for (const path of paths) if ((await statOrNull(path))?.isFile() !== true) missing.add(path);
  return missing;
}

/**
 * Why a distributed run is not the whole test: an instance that crashed or was interrupted, an
 * instance without samples, or segments that overlap or leave a gap. A cut-off samples file is
 * flagged from the data (`truncated`) and named here through its instance's outcome.
 */
function distributedProblems(folder: string, record: DistributedRunRecord, missing: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const member of record.members) {
    if (member.outcome === 'failed' || member.outcome === 'interrupted') problems.push(`instance ${member.instanceId} (segment ${member.segment}) ${member.outcome === 'failed' ? `failed with k6 exit code ${String(member.exitCode)}` : 'was interrupted'}`);
    if (missing.has(join(folder, member.files.samples))) problems.push(`instance ${member.instanceId} (segment ${member.segment}) wrote no ${member.files.samples}: its share of the load is missing`);
  }
  const sequence = parseSequence(record.sequence) ?? undefined;
  const segments = record.members.map((member) => ({ label: `instance ${member.instanceId}`, segment: parseSegment(member.segment) }));
  const parsed = segments.filter((entry): entry is { label: string; segment: Segment } => entry.segment !== null);
  for (const entry of segments) if (entry.segment === null) problems.push(`${entry.label} has no valid execution segment`);
  problems.push(...checkSegments(parsed, sequence).map((problem) => problem.message));
  return problems;
}

/** Instances tagged with another script's hash (`script_hash`) than the manifest's are refused. */
function checkScriptHashes(folder: string, manifest: RunManifest, raw: RawRun | null): void {
  const expected = shortHash(manifest.scenario.contentHash);
  const other = [...scriptHashesOf(raw?.tagSets ?? [])].find((value) => value !== expected);
  if (other !== undefined) {
    throw new StagecraftError({
      code: 'invalid-input',
      message: `run folder ${folder} merges outputs of different scripts: samples tagged ${SCRIPT_HASH_TAG}=${other}, but the manifest's script is ${expected}`,
      fix: 'run every instance with the same compiled script, or analyse the outputs of each script separately',
      location: { file: join(folder, RunFiles.manifest) },
    });
  }
}

export async function loadRunFolder(folder: string, options: ReadOptions, keepRaw: boolean): Promise<{ run: LoadedSampleRun; raw: RawRun | null }> {
  const manifest = await readManifest(join(folder, RunFiles.manifest));
  const paths = await runFolderSamples(folder, manifest);
  const files: SampleFile[] = [];
  const distributed = manifest.distributed;
  const missing = distributed === undefined ? new Set<string>() : await missingFiles(paths);
  const incomplete = distributed === undefined ? [] : distributedProblems(folder, distributed, missing);
  for (const path of paths) {
    // A distributed run's instance without samples is flagged `incomplete-run` (above) and left out.
    if (missing.has(path) && paths.length > 1) continue;
    if ((await statOrNull(path))?.isFile() !== true) {
      throw new StagecraftError({
        code: 'file-not-found',
        message: `run folder ${folder} has ${RunFiles.manifest} but no ${basename(path)}`,
        fix: 'the run did not write its k6 samples: re-run it with `stagecraft run`, or leave this folder out',
        location: { file: path },
      });
    }
    const detected = await detectFormat(path);
    if (detected.format === 'summary') {
      throw new StagecraftError({
        code: 'malformed-k6-output',
        message: `${path} is a k6 end-of-test summary, not the run's samples`,
        fix: 'the run folder is damaged: re-run it with `stagecraft run`, or leave this folder out',
        location: { file: path },
      });
    }
    files.push({ path, format: detected.format, instance: detected.instance });
  }
  const instanceIds = new Set(files.map((file) => file.instance?.instanceId).filter((id) => id !== undefined));
  const instances = distributed?.instances ?? Math.max(files.length, instanceIds.size);
  // A distributed run's script hashes are checked on its raw samples, whether or not the caller keeps them
  // (its several files are read raw anyway to be merged).
  const loaded = await loadSampleRun(files, { id: manifest.runId, label: manifest.label, source: folder, manifest, instances }, options, keepRaw || distributed !== undefined);
  if (distributed !== undefined) checkScriptHashes(folder, manifest, loaded.raw);
  const { run } = loaded;
  const raw = keepRaw ? loaded.raw : null;
  const quality: DataQualityFlag[] = incomplete.map((message) => ({ code: 'incomplete-run' as const, message: `run ${manifest.runId} is incomplete: ${message}` }));
  const outcome = manifest.k6.outcome;
  if (outcome === 'failed') {
    quality.push({
      code: 'run-failed',
      message: `k6 failed in run ${manifest.runId} (exit code ${String(manifest.k6.exitCode)}): its data may be incomplete`,
    });
  } else if (outcome === 'interrupted') {
    quality.push({
      code: 'run-interrupted',
      message: `run ${manifest.runId} was interrupted (signal ${manifest.k6.signal ?? 'unknown'}): its data cover only part of the test`,
    });
  }
  quality.push(...run.quality);
  // k6's own summary covers one k6 process: it can only cross-check a single-file run.
  if (files.length === 1 && distributed === undefined) {
    const summaryName = typeof manifest.files?.summary === 'string' ? manifest.files.summary : RunFiles.summary;
    quality.push(...(await summaryQuality(join(folder, summaryName), run.samples)));
  }
  return { run: { ...run, quality }, raw };
}
