import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ResourceSample, RunResources } from '../../core/resource-samples.js';
import { forEachLine } from '../ingest/lines.js';
import type { LoadedRun } from '../ingest/types.js';

/** A run's resource samples and what its manifest says about them. */
export interface RunResourceData {
  readonly runId: string;
  readonly label: string | null;
  readonly summary: RunResources;
  /** Every line of the samples file, in file order (malformed lines are skipped and counted). */
  readonly samples: readonly ResourceSample[];
  readonly malformedLines: number;
}

function isSample(value: unknown): value is ResourceSample {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record['t'] === 'number' && typeof record['service'] === 'string' && typeof record['target'] === 'string' && typeof record['up'] === 'boolean';
}

/**
 * Reads the resource samples of a run folder whose manifest has `resources` (streamed line by
 * line like every other NDJSON input, plain or gzip); null for runs
 * without them (plain k6 files, runs made without `--resource`). A missing or unreadable
 * samples file gives the manifest's summary with no samples (the comparison says so).
 */
export async function loadRunResources(run: LoadedRun): Promise<RunResourceData | null> {
  const summary = run.manifest?.resources;
  if (summary === undefined) return null;
  const base = { runId: run.id, label: run.label, summary };
  const file = join(run.source, summary.file);
  if (!existsSync(run.source) || !statSync(run.source).isDirectory() || !existsSync(file)) return { ...base, samples: [], malformedLines: 0 };
  const samples: ResourceSample[] = [];
  let malformedLines = 0;
  await forEachLine(file, (line) => {
    if (line.trim() === '') return;
    try {
      const parsed: unknown = JSON.parse(line);
      if (isSample(parsed)) samples.push(parsed);
      else malformedLines += 1;
    } catch {
      malformedLines += 1;
    }
  });
  return { ...base, samples, malformedLines };
}

/** Resource data of each run, in run order (null entries for runs without). */
export function loadAllRunResources(runs: readonly LoadedRun[]): Promise<(RunResourceData | null)[]> {
  return Promise.all(runs.map(loadRunResources));
}
