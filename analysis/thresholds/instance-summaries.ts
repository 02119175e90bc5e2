/**
 * What each instance of a distributed run says about itself in its own k6 summary: its
 * threshold verdicts (over its share only), its test run duration and its counters' totals.
 */

import type { ThresholdVerdictRecord } from '../../core/run-manifest.js';
import type { RawRun } from '../model/raw-run.js';
import { readK6SummaryOrNull, summaryThresholdResults } from '../summarize/thresholds.js';
import { isCounterRate } from './evaluate.js';
import { rateDuration, summaryTestRunDurationMs, type RateDuration } from './test-duration.js';
import { judgeOverall, type InstanceThresholds } from './verdicts.js';

/** One instance's k6 summary, as far as it was found. */
export interface InstanceSummary extends InstanceThresholds {
  /** True when its summary file was found and read. */
  readonly found: boolean;
  /** Its k6 test run duration in ms (see `summaryTestRunDurationMs`); null when unknown. */
  readonly testRunDurationMs: number | null;
  /** Totals of its whole counters (`iterations`, `http_reqs`, ...) as k6 counted them. */
  readonly counters: Readonly<Record<string, number>>;
}

/** Reads each instance's summary (`summary` null: the instance has none to read). */
export async function readInstanceSummaries(files: readonly { readonly instanceId: string; readonly summary: string | null }[]): Promise<InstanceSummary[]> {
  const out: InstanceSummary[] = [];
  for (const { instanceId, summary: path } of files) {
    const summary = path === null ? null : await readK6SummaryOrNull(path);
    const counters: Record<string, number> = {};
    for (const metric of Object.values(summary?.metrics ?? {})) {
      const count = metric.values.count;
      if (metric.kind === 'counter' && metric.filter === null && count !== undefined) counters[metric.name] = count;
    }
    out.push({ instanceId, found: summary !== null, results: summaryThresholdResults(summary), testRunDurationMs: summary === null ? null : summaryTestRunDurationMs(summary), counters });
  }
  return out;
}

/**
 * Judges `definitions` over the merged samples in `raw`, counter rates over the longest k6 test
 * run duration of the instances (else the span of the samples), each instance's own verdict
 * beside. `duration` is what counter rates were divided by; null when no threshold is one.
 */
export function judgeWithSummaries(definitions: Readonly<Record<string, readonly string[]>>, raw: RawRun, summaries: readonly InstanceSummary[]): { verdicts: ThresholdVerdictRecord[]; duration: RateDuration | null } {
  const duration = rateDuration(raw, summaries.map((summary) => summary.testRunDurationMs));
  const verdicts = judgeOverall(definitions, { raw, duration }, summaries.map(({ instanceId, results }) => ({ instanceId, results })));
  return { verdicts, duration: verdicts.some((verdict) => isCounterRate(verdict.metric, verdict.expression, raw)) ? duration : null };
}
