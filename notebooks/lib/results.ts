/**
 * The first cell of every notebook: find the results folder (STAGECRAFT_RESULTS, else the
 * demo's `results/demo`), list its scenarios and run folders from their manifests, and say in
 * one readable error (no stack trace into the library) when the folder is missing or holds no
 * runs.
 */
import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { CALIBRATION_FILE } from '../../analysis/compare/calibration.js';
import { readManifest } from '../../analysis/ingest/load-manifest.js';
import { StagecraftError } from '../../core/errors.js';
import { RunFiles, type RunManifest } from '../../core/run-manifest.js';

/** The environment variable naming the results folder. */
export const RESULTS_ENV = 'STAGECRAFT_RESULTS';

/** The repository root (the notebooks' defaults are relative to it). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Where `npm run demo` writes its runs: the default results folder. */
export const DEMO_RESULTS = join(REPO_ROOT, 'results', 'demo');

/** One run folder, from its manifest. */
export interface RunEntry {
  readonly id: string;
  readonly label: string;
  readonly folder: string;
  readonly startedAt: string;
  readonly outcome: RunManifest['k6']['outcome'];
  readonly manifest: RunManifest;
}

/** The run folders of one scenario (a folder of run folders), oldest first. */
export interface ScenarioRuns {
  readonly name: string;
  readonly folder: string;
  readonly runs: readonly RunEntry[];
  /** `aa-calibration.json` of `stagecraft ab --aa`, when present. */
  readonly calibrationFile: string | null;
  /** Labels in order of first appearance. */
  readonly labels: readonly string[];
}

/** A results folder: one entry per scenario folder that holds runs. */
export interface ResultsFolder {
  readonly folder: string;
  readonly scenarios: readonly ScenarioRuns[];
}

/**
 * An error for the first cell: its stack is only its message and fix, so the notebook shows
 * one readable message rather than frames deep inside the library.
 */
function cellError(problem: ConstructorParameters<typeof StagecraftError>[0]): StagecraftError {
  const error = new StagecraftError(problem);
  error.stack = `${error.name}[${problem.code}]: ${problem.message}${problem.fix === undefined ? '' : `\nfix: ${problem.fix}`}`;
  return error;
}

async function runsIn(folder: string): Promise<RunEntry[]> {
  const runs: RunEntry[] = [];
  for (const entry of (await readdir(folder, { withFileTypes: true })).filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const file = join(folder, entry.name, RunFiles.manifest);
    if (!existsSync(file) || !existsSync(join(folder, entry.name, RunFiles.samples))) continue;
    const manifest = await readManifest(file);
    runs.push({ id: manifest.runId, label: manifest.label, folder: join(folder, entry.name), startedAt: manifest.startedAt, outcome: manifest.k6.outcome, manifest });
  }
  return runs.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}

function scenarioOf(name: string, folder: string, runs: readonly RunEntry[]): ScenarioRuns {
  const calibration = join(folder, CALIBRATION_FILE);
  return { name, folder, runs, calibrationFile: existsSync(calibration) ? calibration : null, labels: [...new Set(runs.map((run) => run.label))] };
}

/**
 * Opens a results folder: `folder`, else `$STAGECRAFT_RESULTS`, else `results/demo`. It may be
 * a folder of scenario folders (`results/`, `results/demo/`) or one scenario's folder of runs.
 *
 * @throws StagecraftError `file-not-found` when the folder does not exist, `no-runs-found` when it holds no run folders
 */
export async function openResults(folder?: string): Promise<ResultsFolder> {
  const fromEnv = process.env[RESULTS_ENV];
  const chosen = resolve(REPO_ROOT, folder ?? (fromEnv !== undefined && fromEnv !== '' ? fromEnv : DEMO_RESULTS));
  const how = folder !== undefined ? 'the folder given' : fromEnv ? `${RESULTS_ENV}` : `the default (no ${RESULTS_ENV} set)`;
  if (!existsSync(chosen) || !statSync(chosen).isDirectory()) {
    throw cellError({
      code: 'file-not-found',
      message: `the results folder ${chosen} (from ${how}) does not exist`,
      fix: `run \`npm run demo\` to create results/demo, or set ${RESULTS_ENV} to a folder of \`stagecraft run\` results before starting Jupyter`,
      location: { file: chosen },
    });
  }
  const direct = await runsIn(chosen);
  const scenarios: ScenarioRuns[] = direct.length > 0 ? [scenarioOf(relative(join(chosen, '..'), chosen), chosen, direct)] : [];
  if (direct.length === 0) {
    for (const entry of (await readdir(chosen, { withFileTypes: true })).filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
      const runs = await runsIn(join(chosen, entry.name));
      if (runs.length > 0) scenarios.push(scenarioOf(entry.name, join(chosen, entry.name), runs));
    }
  }
  if (scenarios.length === 0) {
    throw cellError({
      code: 'no-runs-found',
      message: `the results folder ${chosen} (from ${how}) holds no runs: no <run>/${RunFiles.manifest} with ${RunFiles.samples} in it or in its sub-folders`,
      fix: `point ${RESULTS_ENV} at a folder written by \`stagecraft run\`, \`stagecraft ab\` or \`npm run demo\` (e.g. results/demo)`,
      location: { file: chosen },
    });
  }
  return { folder: chosen, scenarios };
}

/**
 * One scenario of a results folder: by name, else the first one that has runs labelled
 * `wanted` (e.g. both `baseline` and another label), else the first.
 *
 * @throws StagecraftError `no-runs-found` for an unknown name
 */
export function pickScenario(results: ResultsFolder, name?: string, wanted: readonly string[] = []): ScenarioRuns {
  if (name !== undefined) {
    const found = results.scenarios.find((s) => s.name === name);
    if (found === undefined) {
      throw cellError({ code: 'no-runs-found', message: `no scenario "${name}" in ${results.folder}`, fix: `use one of: ${results.scenarios.map((s) => s.name).join(', ')}` });
    }
    return found;
  }
  return results.scenarios.find((s) => wanted.every((label) => s.labels.includes(label))) ?? results.scenarios[0]!;
}

/** The baseline label (`baseline`, else the first) and the candidate label (the first other label that is not an A/A side). */
export function sidesOf(scenario: ScenarioRuns): { baseline: string; candidate: string | null } {
  const baseline = scenario.labels.includes('baseline') ? 'baseline' : (scenario.labels[0] ?? 'baseline');
  const candidate = scenario.labels.find((label) => label !== baseline && !label.startsWith('aa-')) ?? null;
  return { baseline, candidate };
}

/** Run folders with a label. */
export function foldersOf(scenario: ScenarioRuns, label: string): string[] {
  return scenario.runs.filter((run) => run.label === label).map((run) => run.folder);
}

/**
 * The two sides of a baseline-versus-candidate experiment in a scenario's runs.
 *
 * @throws StagecraftError `no-runs-found` when the scenario has no second (non-A/A) label
 */
export function experimentOf(scenario: ScenarioRuns): { baseline: string[]; candidate: string[]; labels: { baseline: string; candidate: string } } {
  const sides = sidesOf(scenario);
  if (sides.candidate === null) {
    throw cellError({
      code: 'no-runs-found',
      message: `${scenario.folder} has runs labelled ${scenario.labels.join(', ')} only: a comparison needs baseline runs and runs with another label`,
      fix: 'run `stagecraft ab` (or `stagecraft run --label refactor`) for this scenario, or pick another scenario',
    });
  }
  return { baseline: foldersOf(scenario, sides.baseline), candidate: foldersOf(scenario, sides.candidate), labels: { baseline: sides.baseline, candidate: sides.candidate } };
}
