/**
 * A small results folder for executing the notebooks, produced by real k6 against the real demo
 * services: the demo's HTTP scenario squeezed to a few seconds, 3 baseline and 3 refactor runs
 * (interleaved ABBA, like the demo) and an A/A calibration of 2 + 2 baseline runs, written as
 * `<dir>/results/demo-http/<run id>/` plus `aa-calibration.json`.
 *
 * `npx tsx notebooks/tools/fixture.ts [dir]` (default `test-output/notebook-fixture`).
 */
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startDemoServices } from '../../demo/services.js';
import { compileScenarios } from '../../dsl/compiler/compile.js';
import { runAb } from '../../runner/ab.js';
import { requireK6, type K6Binary } from '../../runner/k6-binary.js';
import { REPO_ROOT } from './jupyter.js';

/** Default fixture folder (git-ignored with `test-output/`). */
export const DEFAULT_FIXTURE_DIR = join(REPO_ROOT, 'test-output', 'notebook-fixture');

/** The scenario the fixture runs, and how long each run is squeezed to (ms). */
export const FIXTURE_SCENARIO = 'demo-http';
const RUN_LENGTH_MS = 4_000;

/** Options of {@link makeNotebookFixture}. */
export interface FixtureOptions {
  readonly k6?: K6Binary;
  /** Runs per side of the baseline-versus-refactor experiment (default 3). */
  readonly runsPerSide?: number;
  /** Runs per side of the A/A calibration (default 2). */
  readonly aaRunsPerSide?: number;
  readonly log?: (line: string) => void;
}

/** Where the fixture's results are: the folder to give the notebooks. */
export function fixtureResults(dir: string): string {
  return join(dir, 'results');
}

/**
 * Recreates the fixture in `dir` (its previous content is removed): compiles the demo scenario
 * into `dir/generated`, starts both demo variants on free ports, runs the experiments and
 * stops the services, also on failure.
 *
 * @returns the results folder
 */
export async function makeNotebookFixture(dir: string, options: FixtureOptions = {}): Promise<string> {
  const k6 = options.k6 ?? (await requireK6());
  const log = options.log ?? (() => undefined);
  await rm(dir, { recursive: true, force: true });
  const { compiled } = await compileScenarios({ root: REPO_ROOT, outDir: join(dir, 'generated'), names: [FIXTURE_SCENARIO], fitWithinMs: RUN_LENGTH_MS, typeCheck: false });
  const script = compiled[0]?.script;
  if (script === undefined) throw new Error(`compiling ${FIXTURE_SCENARIO} produced no script`);
  const results = fixtureResults(dir);
  const baseline = await startDemoServices({ variant: 'baseline', seed: 31 });
  try {
    const refactor = await startDemoServices({ variant: 'refactor', seed: 32 });
    try {
      const common = { scenario: script, root: REPO_ROOT, resultsDir: results, k6, log } as const;
      await runAb({
        ...common,
        baselineEnv: { CATALOG_URL: baseline.http.url },
        candidateEnv: { CATALOG_URL: refactor.http.url },
        repeat: options.runsPerSide ?? 3,
        labels: { baseline: 'baseline', candidate: 'refactor' },
        outDir: join(dir, 'reports', 'ab'),
        compare: { calibration: false },
      });
      await runAb({ ...common, aa: true, baselineEnv: { CATALOG_URL: baseline.http.url }, candidateEnv: {}, repeat: options.aaRunsPerSide ?? 2, outDir: join(dir, 'reports', 'aa') });
    } finally {
      await refactor.stop();
    }
  } finally {
    await baseline.stop();
  }
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = resolve(process.argv[2] ?? DEFAULT_FIXTURE_DIR);
  const started = Date.now();
  const results = await makeNotebookFixture(dir, { log: (line) => process.stderr.write(`${line}\n`) });
  process.stderr.write(`notebook fixture: ${results} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}
