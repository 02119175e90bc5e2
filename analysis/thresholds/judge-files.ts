/** Judging thresholds over the sample files of every instance of a distributed run. */

import { stat } from 'node:fs/promises';
import type { ThresholdVerdictRecord } from '../../core/run-manifest.js';
import { detectFormat } from '../ingest/detect-format.js';
import { readPart } from '../ingest/load-part.js';
import { mergeRawRuns } from '../model/merge-raw-runs.js';
import type { RawRun } from '../model/raw-run.js';
import { judgeWithSummaries, readInstanceSummaries } from './instance-summaries.js';
import type { RateDuration } from './test-duration.js';

/** One instance's files. */
export interface InstanceFiles {
  readonly instanceId: string;
  readonly samples: string;
  /** Its `--summary-export` (its own k6 threshold verdicts and test run duration). */
  readonly summary: string;
}

/**
 * Reads every instance's samples, merges them by raw samples and judges `definitions` over the
 * whole, beside each instance's own verdicts; counter rates over k6's test run duration from
 * the instances' summaries. `complete` is false when an instance's samples are missing or cut
 * off (the verdicts then cover only the instances that wrote data).
 */
export async function judgeInstanceFiles(
  definitions: Readonly<Record<string, readonly string[]>>,
  files: readonly InstanceFiles[],
): Promise<{ verdicts: ThresholdVerdictRecord[]; complete: boolean; raw: RawRun | null; duration: RateDuration | null }> {
  const parts: RawRun[] = [];
  let complete = true;
  for (const file of files) {
    if ((await stat(file.samples).catch(() => null))?.isFile() !== true) {
      complete = false;
      continue;
    }
    const detected = await detectFormat(file.samples);
    if (detected.format === 'summary') {
      complete = false;
      continue;
    }
    const part = await readPart({ path: file.samples, format: detected.format, instance: detected.instance }, {});
    if (part.raw.facts.truncated) complete = false;
    parts.push(part.raw);
  }
  const raw = parts.length === 0 ? null : parts.length === 1 ? (parts[0] as RawRun) : mergeRawRuns(parts);
  if (raw === null) return { verdicts: [], complete, raw, duration: null };
  const summaries = await readInstanceSummaries(files.map(({ instanceId, summary }) => ({ instanceId, summary })));
  return { ...judgeWithSummaries(definitions, raw, summaries), complete, raw };
}
