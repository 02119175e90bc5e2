import { stat } from 'node:fs/promises';
import { isStagecraftError } from '../../core/errors.js';
import { readK6Summary, type K6Summary } from '../ingest/summary.js';
import type { ThresholdResult } from './types.js';

/**
 * A run's k6 end-of-test summary (`--summary-export`, `handleSummary` data or the
 * machine-readable summary), read by `readK6Summary`.
 *
 * @returns the summary; null when the file is missing or is no readable k6 summary
 */
export async function readK6SummaryOrNull(path: string): Promise<K6Summary | null> {
  if ((await stat(path).catch(() => null))?.isFile() !== true) return null;
  try {
    return await readK6Summary(path);
  } catch (error) {
    if (isStagecraftError(error)) return null;
    throw error;
  }
}

/**
 * Threshold results of a summary (`--summary-export`, where `true` means FAILED, or
 * `handleSummary` data with `ok`), ordered by metric then expression; `[]` for a summary
 * without thresholds; null for none or the machine-readable summary (which has no threshold results).
 */
export function summaryThresholdResults(summary: K6Summary | null): ThresholdResult[] | null {
  return summary === null || summary.kind === 'machine-readable' ? null : thresholdResults(summary.thresholds);
}

/**
 * Threshold results of a run from its k6 end-of-test summary file (see {@link summaryThresholdResults}).
 *
 * @returns null when the file is missing, unreadable, or the machine-readable summary
 */
export async function readThresholdResults(path: string): Promise<ThresholdResult[] | null> {
  return summaryThresholdResults(await readK6SummaryOrNull(path));
}

/** The threshold table of a summary as a sorted list. */
export function thresholdResults(thresholds: K6Summary['thresholds']): ThresholdResult[] {
  const results = Object.entries(thresholds).flatMap(([metric, byExpression]) =>
    Object.entries(byExpression).map(([expression, { failed }]) => ({ metric, expression, ok: !failed })),
  );
  const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return results.sort((a, b) => order(a.metric, b.metric) || order(a.expression, b.expression));
}
