/** Loose files: distributed runs (k6-operator pods, tagged execution segments) merged by instance tags. */

import { basename, dirname, sep } from 'node:path';
import { StagecraftError } from '../../core/errors.js';
import { SCRIPT_HASH_TAG, scriptHashesOf } from '../../core/script-hash.js';
import { mergeRawRuns } from '../model/merge-raw-runs.js';
import type { RawRun } from '../model/raw-run.js';
import { fileId } from './load-common.js';
import { readPart, type ReadPart } from './load-part.js';
import type { Entry, FileEntry } from './load-paths.js';
import { formatQuality, sampleQuality } from './load-quality.js';
import { viewOf } from './load-samples.js';
import type { LoadedSampleRun, SampleFormat } from './load-types.js';
import type { ReadOptions } from './types.js';

/** Files of one k6-operator / tagged execution-segment run: same `testrun_name`, overlapping in time. */
function distributedGroups(parts: readonly ReadPart[]): ReadPart[][] {
  const byRun = new Map<string, ReadPart[]>();
  for (const part of parts) {
    const key = part.file.instance?.testRun ?? '';
    byRun.set(key, [...(byRun.get(key) ?? []), part]);
  }
  const groups: ReadPart[][] = [];
  for (const members of byRun.values()) {
    const sorted = [...members].sort((a, b) => (a.raw.span?.firstMs ?? 0) - (b.raw.span?.firstMs ?? 0));
    let current: ReadPart[] = [];
    let end = Number.NEGATIVE_INFINITY;
    for (const part of sorted) {
      const span = part.raw.span;
      if (current.length > 0 && (span === null || span.firstMs > end)) {
        groups.push(current);
        current = [];
        end = Number.NEGATIVE_INFINITY;
      }
      current.push(part);
      end = Math.max(end, span?.lastMs ?? end);
    }
    if (current.length > 0) groups.push(current);
  }
  for (const group of groups) {
    const seen = new Map<string, string>();
    for (const part of group) {
      const id = part.file.instance?.instanceId ?? '';
      const other = seen.get(id);
      if (other !== undefined) {
        throw new StagecraftError({
          code: 'invalid-input',
          message: `${other} and ${part.file.path} both hold instance_id ${JSON.stringify(id)} of the same distributed run at overlapping times`,
          fix: 'pass each instance\'s output file once (one file per k6-operator pod or execution segment)',
          location: { file: part.file.path },
        });
      }
      seen.set(id, part.file.path);
    }
    checkSameScript(group);
  }
  return groups;
}

/** The instances of one run must have run one script: their `script_hash` tags (when present) agree. */
function checkSameScript(group: readonly ReadPart[]): void {
  const hashes = new Map<string, string>();
  for (const part of group) for (const hash of scriptHashesOf(part.raw.tagSets)) hashes.set(hash, part.file.path);
  if (hashes.size > 1) {
    const list = [...hashes].map(([hash, path]) => `${path} (${SCRIPT_HASH_TAG}=${hash})`).join(', ');
    throw new StagecraftError({
      code: 'invalid-input',
      message: `the instances of one distributed run ran different scripts: ${list}`,
      fix: 'give every instance the same compiled script, or analyse the outputs of each script separately',
      location: { file: group[0]?.file.path ?? '' },
    });
  }
}

/**
 * Instance ids 1..N (N the highest numeric id among `ids`) that none of `ids` is: instances
 * missing in between, crashed or lost.
 */
export function missingInstanceIds(ids: Iterable<string | undefined>): string[] {
  const present = new Set([...ids].map(Number).filter((id) => Number.isInteger(id) && id > 0));
  const top = Math.max(0, ...present);
  return Array.from({ length: top }, (_, i) => i + 1).filter((id) => !present.has(id)).map(String);
}

function loadDistributed(parts: readonly ReadPart[], options: ReadOptions, keepRaw: boolean): { run: LoadedSampleRun; raw: RawRun | null } {
  const first = parts[0] as ReadPart;
  const instances = new Set(parts.map((part) => part.file.instance?.instanceId)).size;
  const testRun = first.file.instance?.testRun ?? null;
  const source = parts.length === 1 ? first.file.path : `${dirname(first.file.path)}${sep}{${parts.map((part) => basename(part.file.path)).join(',')}}`;
  const raw = parts.length === 1 ? first.raw : mergeRawRuns(parts.map((part) => part.raw), options.maxIssues ?? 20);
  const samples = viewOf(raw, source, options, options.serviceNames);
  const run: LoadedSampleRun = {
    id: testRun ?? fileId(first.file.path),
    label: null,
    source,
    manifest: null,
    samples,
    quality: [
      ...missingInstanceIds(parts.map((part) => part.file.instance?.instanceId)).map((id) => ({ code: 'incomplete-run' as const, message: `distributed run ${testRun ?? source} has no output of instance_id ${id}: its share of the load is missing` })),
      ...sampleQuality(samples),
      ...formatQuality(source, parts),
    ],
    input: { files: parts.map((part) => part.file.path), formats: parts.map((part) => part.file.format), instances },
  };
  return { run, raw: keepRaw ? raw : null };
}

/**
 * Reads the tagged sample files among `entries` and merges each distributed run, keyed by the
 * path of whichever of its files came first in the arguments.
 */
export async function loadTagged(entries: readonly Entry[], options: ReadOptions, keepRaw: boolean): Promise<Map<string, { run: LoadedSampleRun; raw: RawRun | null }>> {
  const tagged = entries.filter((entry): entry is FileEntry => entry.kind === 'file' && entry.detected.format !== 'summary' && entry.detected.instance !== null);
  const distributed = new Map<string, { run: LoadedSampleRun; raw: RawRun | null }>();
  if (tagged.length > 0) {
    const parts: ReadPart[] = [];
    for (const entry of tagged) {
      parts.push(await readPart({ path: entry.path, format: entry.detected.format as SampleFormat, instance: entry.detected.instance }, options));
    }
    // A merged run takes the place of whichever of its files came first in the arguments.
    const order = new Map(entries.map((entry, index) => [entry.path, index]));
    for (const group of distributedGroups(parts)) {
      const loaded = loadDistributed(group, options, keepRaw);
      const first = group.reduce((a, b) => ((order.get(a.file.path) ?? 0) <= (order.get(b.file.path) ?? 0) ? a : b));
      distributed.set(first.file.path, loaded);
    }
  }
  return distributed;
}
