import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { StagecraftError } from '../../core/errors.js';
import { quantile, sampleVariance } from '../stats/index.js';
import type { Comparison, ComparisonRow, LatencyMetric, VerdictCounts } from './types.js';

/** Ratio metrics an A/A calibration measures noise for. */
export type CalibratedMetric = LatencyMetric | 'throughput';

const CALIBRATED: readonly CalibratedMetric[] = ['p50', 'p95', 'p99', 'mean', 'throughput'];

/** File name of the calibration `stagecraft ab --aa` stores beside a scenario's run folders. */
export const CALIBRATION_FILE = 'aa-calibration.json';

/** Noise of one (service, endpoint, metric) in an A/A comparison. */
export interface CalibrationRow {
  readonly service: string;
  readonly endpoint: string;
  readonly metric: CalibratedMetric;
  /** |ln(candidate / baseline)| of the aggregates: how far two identical sides landed apart. */
  readonly absLogRatio: number;
  /** Pooled between-run SD of the log per-run values (both sides), null with < 2 runs on each. */
  readonly runSd: number | null;
}

/**
 * The empirical noise of a scenario on one machine, from comparing the baseline with itself
 * (stats-methods §3.1 "A/A calibration"). `compare` uses `noise` as the per-metric noise
 * threshold (δ_warn = max(default, noise)) and `runSd` as the between-run variance that
 * single-run comparisons cannot see.
 */
export interface NoiseCalibration {
  readonly kind: 'stagecraft-aa-calibration';
  readonly schemaVersion: 1;
  readonly scenario: string | null;
  readonly contentHash: string | null;
  readonly runsPerSide: { readonly baseline: number; readonly candidate: number };
  readonly rows: readonly CalibrationRow[];
  /** Per metric: the 95th percentile (type 7) of |log ratio| over endpoints, as a relative change (e^x − 1). */
  readonly noise: Readonly<Partial<Record<CalibratedMetric, number>>>;
  /** Per metric: the median between-run SD of log values over endpoints. */
  readonly runSd: Readonly<Partial<Record<CalibratedMetric, number>>>;
  /** Verdicts of the A/A comparison itself. */
  readonly verdicts: VerdictCounts;
  /** Share of gating rows that were not PASS in the A/A comparison: the pipeline's observed false-alarm rate. */
  readonly falseAlarmRate: number;
}

function pooledRunSd(row: ComparisonRow): number | null {
  const base = row.baseline.runs.filter((v) => v > 0).map(Math.log);
  const cand = row.candidate.runs.filter((v) => v > 0).map(Math.log);
  if (base.length < 2 || cand.length < 2) return null;
  const pooled = ((base.length - 1) * sampleVariance(base) + (cand.length - 1) * sampleVariance(cand)) / (base.length + cand.length - 2);
  return Number.isFinite(pooled) ? Math.sqrt(pooled) : null;
}

function isCalibrated(metric: string): metric is CalibratedMetric {
  return (CALIBRATED as readonly string[]).includes(metric);
}

function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/**
 * Builds the calibration from an A/A comparison (both sides ran the same build).
 *
 * @param comparison - `compareRuns` of baseline runs against other baseline runs.
 * @param scenario - the scenario name and content hash to store with it.
 */
export function calibrationFrom(comparison: Comparison, scenario: { readonly name: string | null; readonly contentHash: string | null }): NoiseCalibration {
  const rows: CalibrationRow[] = [];
  for (const row of comparison.rows) {
    const { metric } = row;
    if (!isCalibrated(metric)) continue;
    const base = row.baseline.aggregate;
    const cand = row.candidate.aggregate;
    if (base === null || cand === null || !(base > 0) || !(cand > 0)) continue;
    rows.push({ service: row.service, endpoint: row.endpoint, metric, absLogRatio: Math.abs(Math.log(cand / base)), runSd: pooledRunSd(row) });
  }
  const noise: Partial<Record<CalibratedMetric, number>> = {};
  const runSd: Partial<Record<CalibratedMetric, number>> = {};
  for (const metric of CALIBRATED) {
    const own = rows.filter((row) => row.metric === metric);
    if (own.length === 0) continue;
    noise[metric] = Math.exp(quantile(own.map((row) => row.absLogRatio), 0.95)) - 1;
    const sds = own.flatMap((row) => (row.runSd === null ? [] : [row.runSd]));
    if (sds.length > 0) runSd[metric] = median(sds);
  }
  const gating = comparison.rows.filter((row) => row.gating);
  const alarms = gating.filter((row) => row.verdict !== 'PASS').length;
  return {
    kind: 'stagecraft-aa-calibration',
    schemaVersion: 1,
    scenario: scenario.name,
    contentHash: scenario.contentHash,
    runsPerSide: { baseline: comparison.runs.baseline.length, candidate: comparison.runs.candidate.length },
    rows,
    noise,
    runSd,
    verdicts: comparison.overall.counts,
    falseAlarmRate: gating.length === 0 ? 0 : alarms / gating.length,
  };
}

/** The between-run SD for a row: its own A/A value, else the metric's median, else null. */
export function calibratedRunSd(calibration: NoiseCalibration | undefined, service: string, endpoint: string, metric: CalibratedMetric): number | null {
  if (calibration === undefined) return null;
  const own = calibration.rows.find((row) => row.service === service && row.endpoint === endpoint && row.metric === metric);
  return own?.runSd ?? calibration.runSd[metric] ?? null;
}

/**
 * Reads a calibration file written by `stagecraft ab --aa`.
 *
 * @throws StagecraftError `missing-file` when it does not exist, `invalid-input` when it is not a calibration
 */
export async function readCalibration(file: string): Promise<NoiseCalibration> {
  if (!existsSync(file)) {
    throw new StagecraftError({
      code: 'file-not-found',
      message: `calibration file ${file} does not exist`,
      fix: 'run "stagecraft ab <scenario> --aa ..." first, or leave out --calibration',
      location: { file },
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new StagecraftError({
      code: 'invalid-input',
      message: `calibration file ${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      fix: 're-create it with "stagecraft ab <scenario> --aa"',
      location: { file },
    });
  }
  if (typeof parsed !== 'object' || parsed === null || (parsed as { kind?: unknown }).kind !== 'stagecraft-aa-calibration' || !Array.isArray((parsed as { rows?: unknown }).rows)) {
    throw new StagecraftError({
      code: 'invalid-input',
      message: `${file} is not an A/A calibration (expected "kind": "stagecraft-aa-calibration")`,
      fix: 'pass the aa-calibration.json written by "stagecraft ab <scenario> --aa"',
      location: { file },
    });
  }
  return sanitized(parsed as NoiseCalibration);
}

function finite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** Keeps only what a calibration may hold (known metrics, finite values): a hand-edited file cannot smuggle other keys into a report. */
function sanitized(file: NoiseCalibration): NoiseCalibration {
  const perMetric = (source: unknown): Partial<Record<CalibratedMetric, number>> => {
    const result: Partial<Record<CalibratedMetric, number>> = {};
    if (typeof source !== 'object' || source === null) return result;
    for (const metric of CALIBRATED) {
      const value: unknown = (source as Record<string, unknown>)[metric];
      if (finite(value)) result[metric] = value;
    }
    return result;
  };
  const rows = file.rows.filter(
    (row) => typeof row.service === 'string' && typeof row.endpoint === 'string' && isCalibrated(row.metric) && finite(row.absLogRatio) && (row.runSd === null || finite(row.runSd)),
  );
  const count = (value: unknown): number => (finite(value) ? value : 0);
  const sides = file.runsPerSide as Partial<NoiseCalibration['runsPerSide']> | undefined;
  const verdicts = file.verdicts as Partial<VerdictCounts> | undefined;
  return {
    kind: 'stagecraft-aa-calibration',
    schemaVersion: 1,
    scenario: typeof file.scenario === 'string' ? file.scenario : null,
    contentHash: typeof file.contentHash === 'string' ? file.contentHash : null,
    runsPerSide: { baseline: count(sides?.baseline), candidate: count(sides?.candidate) },
    rows: rows.map((row) => ({ service: row.service, endpoint: row.endpoint, metric: row.metric, absLogRatio: row.absLogRatio, runSd: row.runSd })),
    noise: perMetric(file.noise),
    runSd: perMetric(file.runSd),
    verdicts: { PASS: count(verdicts?.PASS), WARN: count(verdicts?.WARN), FAIL: count(verdicts?.FAIL) },
    falseAlarmRate: Math.min(1, count(file.falseAlarmRate)),
  };
}
