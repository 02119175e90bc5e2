import { existsSync, statSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ExitCode, type ExitCodeValue } from '../../core/exit-codes.js';
import { RunFiles, type RunManifest } from '../../core/run-manifest.js';
import type { ScenarioMetadata } from '../../core/scenario-metadata.js';
import { loadRuns } from '../ingest/load-runs.js';
import { trimRun } from '../ingest/trim-samples.js';
import type { SteadyWindow } from '../ingest/types.js';
import { buildChartData } from '../report/chart-data.js';
import type { ChartImages, ReportPaths } from '../report/write-report.js';
import type { ChartData } from '../report/chart-data-types.js';
import { writeReport } from '../report/write-report.js';
import { CALIBRATION_FILE, readCalibration, type NoiseCalibration } from './calibration.js';
import { compareRuns } from './compare-runs.js';
import { loadAllRunResources } from '../resources/load.js';
import { withResourceTimelines } from '../resources/timelines.js';
import { compareResources, withResources } from './resource-comparison.js';
import type { CompareOptions, Comparison, ComparisonRow } from './types.js';

/** Options of {@link compareScenarioRuns}. */
export interface CompareFoldersOptions {
  /** Name shown in headlines; defaults to the scenario name in the manifests. */
  readonly scenario?: string;
  /** Run folders, folders of run folders, or k6 NDJSON files. */
  readonly baseline: readonly string[];
  readonly candidate: readonly string[];
  /** Where `report.md` and `report.json` go; nothing is written when absent. */
  readonly outDir?: string;
  /** Warm-up to drop from every run (ms); default from the scenario's planned length. */
  readonly trimStartMs?: number;
  /** Ramp-down to drop from the end of every run (ms). */
  readonly trimEndMs?: number;
  readonly allowDifferentScenarios?: boolean;
  /** Stop at the first malformed line of k6 output instead of skipping and counting it. */
  readonly strict?: boolean;
  /** Budgets, levels and other settings (e.g. from `stagecraft.config.ts`); the fields above win. */
  readonly compareOptions?: CompareOptions;
  /**
   * A/A calibration: a file path, `false` for none, or undefined to look for
   * `aa-calibration.json` beside the baseline run folders (as `stagecraft ab --aa` stores it).
   */
  readonly calibration?: string | false;
  /** Exit with {@link ExitCode.inconclusive} when nothing FAILs but some rows are undecided. */
  readonly failOnInconclusive?: boolean;
  /** Which charts become image files (default `auto`). */
  readonly images?: ChartImages;
}

/** A finished comparison, its files and the exit code it implies. */
export interface ScenarioComparison {
  readonly scenario: string;
  readonly comparison: Comparison;
  readonly verdict: Comparison['overall']['verdict'];
  /** One line per FAIL/WARN row and per improvement, most important first. */
  readonly headlines: readonly string[];
  readonly markdownFile: string;
  readonly jsonFile: string;
  /** Every report file written (null without `outDir`). */
  readonly files: ReportPaths | null;
  readonly trim: { readonly startMs: number; readonly endMs: number };
  readonly exitCode: ExitCodeValue;
  /** The A/A calibration file used, or null. */
  readonly calibrationFile: string | null;
  /** Pre-aggregated data for the report's charts (runs before trimming). */
  readonly charts: ChartData;
}

/** Planned test length in ms from compiler metadata (longest scenario end), if known. */
export function plannedLengthMs(metadata: ScenarioMetadata | null): number | undefined {
  if (!metadata || metadata.scenarios.length === 0) return undefined;
  return Math.max(...metadata.scenarios.map((scenario) => scenario.startTimeMs + scenario.durationMs));
}

/**
 * Default trimming (stats-methods §3.2): drop max(30 s, 10%) of warm-up, but never more than
 * 20% of a short run, and min(10 s, 5%) of ramp-down; nothing when the length is unknown.
 */
export function defaultTrim(lengthMs: number | undefined): { startMs: number; endMs: number } {
  if (lengthMs === undefined) return { startMs: 0, endMs: 0 };
  return { startMs: Math.min(Math.max(30_000, 0.1 * lengthMs), 0.2 * lengthMs), endMs: Math.min(10_000, 0.05 * lengthMs) };
}

async function firstManifest(paths: readonly string[]): Promise<RunManifest | null> {
  for (const path of paths) {
    const direct = join(path, RunFiles.manifest);
    if (existsSync(direct)) return JSON.parse(await readFile(direct, 'utf8')) as RunManifest;
    // Any file (NDJSON, CSV, summary, whatever its name) has no manifest; only folders are looked into.
    if (existsSync(path) && statSync(path).isDirectory()) {
      for (const entry of (await readdir(path)).sort()) {
        const nested = join(path, entry, RunFiles.manifest);
        if (existsSync(nested)) return JSON.parse(await readFile(nested, 'utf8')) as RunManifest;
      }
    }
  }
  return null;
}

function percent(ratio: number): string {
  const change = (ratio - 1) * 100;
  return `${change >= 0 ? '+' : ''}${change.toFixed(1)}%`;
}

/** Headline lines: FAIL rows, then WARN rows that are real changes, then improvements. */
export function headlines(comparison: Comparison): string[] {
  const rank = { FAIL: 0, WARN: 1, PASS: 2 } as const;
  return comparison.rows
    .filter((row) => row.verdict !== 'PASS' || row.reason === 'improved')
    .filter((row) => row.gating || row.reason === 'improved')
    .sort((a, b) => rank[a.verdict] - rank[b.verdict] || a.service.localeCompare(b.service) || a.endpoint.localeCompare(b.endpoint))
    .map((row) => `${row.verdict} ${row.reason}: ${row.service} ${row.endpoint} ${row.metric}${changeText(row, comparison.options.confidence)}`)
    .concat(resourceHeadlines(comparison));
}

/** ` +12.0% (95% CI +8.1% to +16.2%)` of a headline, at the comparison's confidence; empty parts are left out. */
function changeText(row: Pick<ComparisonRow, 'ratio' | 'ci'>, confidence: number): string {
  const change = row.ratio === null ? '' : ` ${percent(row.ratio)}`;
  const ci = row.ci === null ? '' : ` (${Math.round(confidence * 100)}% CI ${percent(row.ci[0])} to ${percent(row.ci[1])})`;
  return `${change}${ci}`;
}

/** Headline lines of the resource rows that FAIL, WARN on a change, or improved. */
function resourceHeadlines(comparison: Comparison): string[] {
  return (comparison.resources?.rows ?? [])
    .filter((row) => row.verdict === 'FAIL' || (row.verdict === 'WARN' && row.gating) || row.reason === 'improved')
    .map((row) => `${row.verdict} ${row.reason}: ${row.service} resources ${row.metric}${changeText(row, comparison.options.confidence)}`);
}

/**
 * Loads baseline and candidate runs, compares them and (with `outDir`) writes the report.
 * The exit code is {@link ExitCode.regression} when any row FAILs, else {@link ExitCode.ok}.
 */
export async function compareScenarioRuns(options: CompareFoldersOptions): Promise<ScenarioComparison> {
  const manifest = await firstManifest(options.baseline);
  const fallback = defaultTrim(plannedLengthMs(manifest?.scenario.metadata ?? null));
  const trim = { startMs: options.trimStartMs ?? fallback.startMs, endMs: options.trimEndMs ?? fallback.endMs };
  // Loaded once untrimmed: the charts show what the trims cut; the statistics see the steady window.
  const read = { strict: options.strict ?? false };
  const untrimmedBaseline = await loadRuns(options.baseline, read);
  const untrimmedCandidate = await loadRuns(options.candidate, read);
  const resourceData = { baseline: await loadAllRunResources(untrimmedBaseline), candidate: await loadAllRunResources(untrimmedCandidate) };
  const charts = withResourceTimelines(buildChartData(untrimmedBaseline, untrimmedCandidate, trim), { baseline: untrimmedBaseline, candidate: untrimmedCandidate }, resourceData);
  const baseline = untrimmedBaseline.map((run) => trimRun(run, trim.startMs, trim.endMs));
  const candidate = untrimmedCandidate.map((run) => trimRun(run, trim.startMs, trim.endMs));
  const calibration = await findCalibration(options, manifest?.scenario.name ?? null);
  const latency = compareRuns(baseline, candidate, {
    ...options.compareOptions,
    ...(calibration === null ? {} : { calibration: calibration.calibration, calibrationSource: calibration.file }),
    allowDifferentScenarios: options.allowDifferentScenarios ?? options.compareOptions?.allowDifferentScenarios ?? false,
  });
  // Server-side resources (runs made with --resource), judged on the same steady windows.
  const windows = (runs: typeof baseline): (SteadyWindow | null)[] => runs.map((run) => run.samples.window);
  const resources = compareResources({ data: resourceData.baseline, windows: windows(baseline) }, { data: resourceData.candidate, windows: windows(candidate) }, options.compareOptions ?? {}, latency.options);
  const comparison = withResources(latency, resources);
  const files = options.outDir === undefined ? null : await writeReport(comparison, options.outDir, { charts, ...(options.images === undefined ? {} : { images: options.images }) });
  return {
    scenario: options.scenario ?? manifest?.scenario.name ?? 'k6 runs',
    comparison,
    verdict: comparison.overall.verdict,
    headlines: headlines(comparison),
    markdownFile: files?.markdown ?? '',
    jsonFile: files?.json ?? '',
    files,
    trim,
    charts,
    exitCode: exitCodeOf(comparison, options.failOnInconclusive ?? false),
    calibrationFile: calibration?.file ?? null,
  };
}

/** 1 for any FAIL; 4 for undecided rows when asked (`--fail-on-inconclusive`); else 0. */
export function exitCodeOf(comparison: Comparison, failOnInconclusive: boolean): ExitCodeValue {
  if (comparison.overall.verdict === 'FAIL') return ExitCode.regression;
  if (failOnInconclusive && comparison.overall.inconclusive) return ExitCode.inconclusive;
  return ExitCode.ok;
}

/**
 * The calibration to use: the given file, none when disabled, else `aa-calibration.json` in a
 * baseline path or its parent folder, used only when it was made for the same scenario.
 */
async function findCalibration(options: CompareFoldersOptions, scenario: string | null): Promise<{ calibration: NoiseCalibration; file: string } | null> {
  if (options.calibration === false) return null;
  if (options.calibration !== undefined) return { calibration: await readCalibration(options.calibration), file: options.calibration };
  for (const path of options.baseline) {
    for (const file of [join(path, CALIBRATION_FILE), join(dirname(path), CALIBRATION_FILE)]) {
      if (!existsSync(file)) continue;
      const calibration = await readCalibration(file);
      if (calibration.scenario === scenario) return { calibration, file };
    }
  }
  return null;
}
