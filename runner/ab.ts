import { join, resolve } from 'node:path';
import { writeJsonAtomic } from '../core/atomic-write.js';
import { StagecraftError } from '../core/errors.js';
import { calibrationFrom, CALIBRATION_FILE, type NoiseCalibration } from '../analysis/compare/calibration.js';
import { compareScenarioRuns, type CompareFoldersOptions, type ScenarioComparison } from '../analysis/compare/compare-folders.js';
import { runInterleaved } from './experiment.js';
import type { K6Binary } from './k6-binary.js';
import type { ResourceTarget } from './resources/targets.js';

/** Options of {@link runAb}. */
export interface AbOptions {
  /** Compiled scenario name or k6 script path. */
  readonly scenario: string;
  /** Environment of the baseline runs (e.g. the baseline service URL). */
  readonly baselineEnv: Readonly<Record<string, string>>;
  /** Environment of the candidate runs; ignored with `aa`. */
  readonly candidateEnv: Readonly<Record<string, string>>;
  /** Server-side targets sampled during baseline runs (`--baseline-resource`, `--resource`). */
  readonly baselineResources?: readonly ResourceTarget[];
  /** Server-side targets sampled during candidate runs; the baseline's with `aa`. */
  readonly candidateResources?: readonly ResourceTarget[];
  /** Runs per side (interleaved ABBA). */
  readonly repeat: number;
  /** Side labels of the run folders (default `baseline`/`candidate`, `aa-first`/`aa-second` with `aa`). */
  readonly labels?: { readonly baseline: string; readonly candidate: string };
  /** A/A calibration: both sides run the baseline environment; the measured noise is stored. */
  readonly aa?: boolean;
  /** Results folder (default `results`); runs go to `<results>/<scenario>/<run id>/`. */
  readonly resultsDir?: string;
  /** Report folder (default `reports/<scenario>/ab` or `.../aa`). */
  readonly outDir?: string;
  /** Analysis settings (config, trimming, calibration, ...). */
  readonly compare?: Omit<CompareFoldersOptions, 'baseline' | 'candidate' | 'outDir'>;
  readonly root?: string;
  readonly k6?: K6Binary;
  readonly log?: (line: string) => void;
}

/** What an A/B (or A/A) experiment produced. */
export interface AbResult {
  readonly comparison: ScenarioComparison;
  /** The runs of each side, in run order. */
  readonly folders: { readonly baseline: readonly string[]; readonly candidate: readonly string[] };
  /** With `aa`: the calibration and where it was stored. */
  readonly calibration: { readonly file: string; readonly value: NoiseCalibration } | null;
}

/**
 * `stagecraft ab`: runs a scenario for a baseline and a candidate environment, interleaved in
 * ABBA order so slow drift hits both sides alike, then compares them. With `aa`, both sides run
 * the baseline environment; the comparison's noise becomes the scenario's A/A calibration,
 * stored as `<results>/<scenario>/aa-calibration.json`, which later comparisons of that
 * scenario's runs pick up.
 *
 * @throws StagecraftError `usage` for an A/A run with fewer than 2 runs per side (no between-run variance to measure)
 */
export async function runAb(options: AbOptions): Promise<AbResult> {
  const root = resolve(options.root ?? process.cwd());
  const aa = options.aa ?? false;
  if (aa && options.repeat < 2) {
    throw new StagecraftError({
      code: 'usage',
      message: `an A/A calibration needs at least 2 runs per side, got --repeat ${options.repeat}`,
      fix: 'use --repeat 3 or more (5 gives a steadier noise estimate)',
    });
  }
  const resultsDir = resolve(root, options.resultsDir ?? 'results');
  const runs = await runInterleaved({
    scenario: options.scenario,
    root,
    resultsDir,
    runsPerSide: options.repeat,
    baseline: { label: options.labels?.baseline ?? (aa ? 'aa-first' : 'baseline'), env: options.baselineEnv, resources: options.baselineResources ?? [] },
    candidate: {
      label: options.labels?.candidate ?? (aa ? 'aa-second' : 'candidate'),
      env: aa ? options.baselineEnv : options.candidateEnv,
      resources: (aa ? options.baselineResources : options.candidateResources) ?? [],
    },
    ...(options.k6 === undefined ? {} : { k6: options.k6 }),
    ...(options.log === undefined ? {} : { log: options.log }),
  });
  const folders = { baseline: runs.baseline.map((run) => run.folder), candidate: runs.candidate.map((run) => run.folder) };
  const first = runs.baseline[0];
  const scenarioName = first?.manifest.scenario.name ?? options.scenario;
  const outDir = resolve(root, options.outDir ?? join('reports', scenarioName, aa ? 'aa' : 'ab'));
  const comparison = await compareScenarioRuns({
    ...options.compare,
    // An A/A run measures the noise afresh: an older calibration must not shape it.
    ...(aa ? { calibration: false } : {}),
    scenario: scenarioName,
    baseline: folders.baseline,
    candidate: folders.candidate,
    outDir,
  });
  if (!aa) return { comparison, folders, calibration: null };
  const value = calibrationFrom(comparison.comparison, { name: scenarioName, contentHash: first?.manifest.scenario.contentHash ?? null });
  const file = join(resultsDir, scenarioName, CALIBRATION_FILE);
  await writeJsonAtomic(file, value);
  return { comparison, folders, calibration: { file, value } };
}
