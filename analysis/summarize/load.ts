import { join } from 'node:path';
import { StagecraftError } from '../../core/errors.js';
import { RunFiles, type RunManifest } from '../../core/run-manifest.js';
import { loadInputs, type LoadedInput, type SampleInput } from '../ingest/load-runs.js';
import type { RawRun } from '../model/raw-run.js';
import { filesDistributed, folderDistributed, type DistributedResult, type ScriptThresholds } from './distributed.js';
import { readThresholdResults } from './thresholds.js';
import type { QualityFlag, SummaryDistributed, ThresholdResult } from './types.js';

/** One run as `summarize` needs it: its raw samples plus what the run folder says about it. */
export interface SummarizeInput {
  readonly id: string;
  readonly label: string | null;
  readonly source: string;
  readonly manifest: RunManifest | null;
  readonly raw: RawRun;
  /** Data-quality flags found while loading (failed or interrupted k6, summary mismatches, CSV caveats, ...). */
  readonly flags: readonly QualityFlag[];
  /** Threshold results from the run's summary export (distributed: over all instances); null without one. */
  readonly thresholds: readonly ThresholdResult[] | null;
  /** Only for a run folder split across k6 instances. */
  readonly distributed?: SummaryDistributed;
}

/** The distributed record of a run folder split across instances, or of loose files of one; null for one k6 process. */
async function distributedOf(input: SampleInput, given: ScriptThresholds | null): Promise<DistributedResult | null> {
  const { run, raw } = input;
  const record = run.manifest?.distributed;
  if (run.manifest !== null && record !== undefined) return folderDistributed(run.source, run.manifest, record, raw, run.quality, given);
  if (run.manifest !== null) return null;
  return filesDistributed(run.input.files, raw, run.id, run.quality, given);
}

/** The verdicts over the whole run as threshold results (those that could be judged). */
function overallResults(distributed: SummaryDistributed): ThresholdResult[] | null {
  return distributed.thresholds?.flatMap((verdict) => (verdict.ok === null ? [] : [{ metric: verdict.metric, expression: verdict.expression, ok: verdict.ok }])) ?? null;
}

/** How {@link loadSummarizeInputs} reads. */
export interface SummarizeReadOptions {
  /** Stop at the first malformed line. */
  readonly strict: boolean;
  /** The script's thresholds, judged over every distributed run (loose files carry none). */
  readonly thresholds?: ScriptThresholds;
}

/** Flags recomputed by `summarize` from the raw run's facts and its own window. */
const RECOMPUTED = new Set(['truncated', 'malformed-lines', 'empty-window']);

/**
 * Loads run folders, folders of runs or k6 output files of any sample format (NDJSON, CSV;
 * via `loadInputs`, which owns the `file-not-found` and `no-runs-found` errors) with their raw
 * samples (`strict`: the first malformed line is an error naming its file and line). A k6
 * summary found in a folder next to sample files is left out (it aggregates those
 * samples); a summary passed by name is refused, because every statistic here needs samples.
 *
 * @throws StagecraftError `file-not-found`, `no-runs-found`, `invalid-input`, `malformed-k6-output`
 */
export async function loadSummarizeInputs(paths: readonly string[], read: SummarizeReadOptions = { strict: false }): Promise<SummarizeInput[]> {
  const loaded = await loadInputs(paths, { strict: read.strict });
  const named = loaded.find((input): input is Extract<LoadedInput, { kind: 'summary' }> => input.kind === 'summary' && paths.includes(input.source));
  if (named !== undefined) {
    throw new StagecraftError({
      code: 'invalid-input',
      message: `${named.source} is a k6 end-of-test summary: it holds aggregates only, and summarize computes every statistic from raw samples`,
      fix: 'pass the file k6 wrote with --out json=FILE or --out csv=FILE (or a run folder of `stagecraft run`)',
      location: { file: named.source },
    });
  }
  const inputs: SummarizeInput[] = [];
  for (const input of loaded) {
    if (input.kind !== 'samples') continue;
    const { run } = input;
    const summaryName = run.manifest === null ? null : (run.manifest.files?.summary ?? RunFiles.summary);
    const split = await distributedOf(input, read.thresholds ?? null);
    const distributed = split?.distributed ?? null;
    inputs.push({
      id: run.id,
      label: run.label,
      source: run.source,
      manifest: run.manifest,
      raw: input.raw,
      flags: [...run.quality.filter((flag) => !RECOMPUTED.has(flag.code)), ...(split?.flags ?? [])],
      thresholds: distributed !== null ? overallResults(distributed) : summaryName === null ? null : await readThresholdResults(join(run.source, summaryName)),
      ...(distributed === null ? {} : { distributed }),
    });
  }
  if (inputs.length === 0) {
    throw new StagecraftError({
      code: 'no-runs-found',
      message: `no k6 samples found in ${paths.join(', ')}`,
      fix: 'pass run folders written by `stagecraft run`, folders of them, or k6 --out json / --out csv files',
    });
  }
  return inputs;
}
