import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { experimentOf, openResults, pickScenario, RESULTS_ENV, sidesOf } from '../../../notebooks/lib/results.js';
import { cellsWithOutputs, listNotebooks, stripText } from '../../../notebooks/tools/strip.js';

/** A run folder as `stagecraft run` writes it (manifest fields the loader checks; samples present). */
async function runFolder(scenarioDir: string, id: string, label: string, startedAt: string): Promise<void> {
  const folder = join(scenarioDir, id);
  await mkdir(folder, { recursive: true });
  const manifest = { schemaVersion: 1, runId: id, label, startedAt, scenario: { name: 'demo-http', contentHash: 'sha256:00' }, k6: { outcome: 'passed' } };
  await writeFile(join(folder, 'manifest.json'), JSON.stringify(manifest));
  await writeFile(join(folder, 'samples.json.gz'), '');
}

describe('openResults', () => {
  let work: string;
  const saved = process.env[RESULTS_ENV];
  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'stagecraft-nb-results-'));
    delete process.env[RESULTS_ENV];
  });
  afterEach(() => {
    if (saved === undefined) delete process.env[RESULTS_ENV];
    else process.env[RESULTS_ENV] = saved;
  });

  test('a missing folder: one message naming the folder and where it came from, with the fix, and a stack of only that', async () => {
    process.env[RESULTS_ENV] = join(work, 'nope');
    const error = await openResults().then(
      () => expect.fail('openResults accepted a missing folder'),
      (e: unknown) => e as Error & { code?: string },
    );
    expect(error).toMatchObject({ name: 'StagecraftError', code: 'file-not-found' });
    expect(error.message).toBe(`the results folder ${join(work, 'nope')} (from STAGECRAFT_RESULTS) does not exist`);
    expect(error.stack).toBe(`StagecraftError[file-not-found]: ${error.message}\nfix: run \`npm run demo\` to create results/demo, or set STAGECRAFT_RESULTS to a folder of \`stagecraft run\` results before starting Jupyter`);
  });

  test('a folder without runs (unfinished run folders without manifest do not count)', async () => {
    await mkdir(join(work, 'scenario', 'crashed-run'), { recursive: true });
    await expect(openResults(work)).rejects.toMatchObject({ code: 'no-runs-found', message: expect.stringContaining(`${work} (from the folder given) holds no runs`) });
  });

  test('a folder of scenario folders: runs oldest first, labels, calibration file, the sides of the experiment', async () => {
    await runFolder(join(work, 'demo-http'), 'b-2', 'baseline', '2026-11-23T10:02:00Z');
    await runFolder(join(work, 'demo-http'), 'b-1', 'baseline', '2026-11-23T10:00:00Z');
    await runFolder(join(work, 'demo-http'), 'r-1', 'refactor', '2026-11-23T10:01:00Z');
    await runFolder(join(work, 'demo-http'), 'a-1', 'aa-first', '2026-11-23T10:03:00Z');
    await writeFile(join(work, 'demo-http', 'aa-calibration.json'), '{}');
    await runFolder(join(work, 'other'), 'x-1', 'baseline', '2026-11-23T09:00:00Z');
    process.env[RESULTS_ENV] = work;
    const results = await openResults();
    expect(results.scenarios.map((s) => s.name)).toEqual(['demo-http', 'other']);
    const scenario = pickScenario(results, 'demo-http');
    expect(scenario.runs.map((r) => r.id)).toEqual(['b-1', 'r-1', 'b-2', 'a-1']);
    expect(scenario.labels).toEqual(['baseline', 'refactor', 'aa-first']);
    expect(scenario.calibrationFile).toBe(join(work, 'demo-http', 'aa-calibration.json'));
    expect(sidesOf(scenario)).toEqual({ baseline: 'baseline', candidate: 'refactor' });
    expect(experimentOf(scenario).candidate).toEqual([join(work, 'demo-http', 'r-1')]);
    expect(() => experimentOf(pickScenario(results, 'other'))).toThrow('has runs labelled baseline only');
    expect(() => pickScenario(results, 'missing')).toThrow('no scenario "missing"');
    // One scenario's folder of runs works too.
    expect((await openResults(join(work, 'other'))).scenarios.map((s) => s.runs.length)).toEqual([1]);
  });
});

describe('stored notebooks', () => {
  test('are stripped, ask for the repo-local Deno kernel, and open the results folder in their first code cell', async () => {
    const files = await listNotebooks();
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      const notebook = JSON.parse(text) as { metadata: { kernelspec: { name: string } }; cells: { cell_type: string; source: string[]; outputs?: unknown[] }[] };
      expect(cellsWithOutputs(notebook), file).toEqual([]);
      expect(stripText(text), file).toBe(text);
      expect(notebook.metadata.kernelspec.name).toBe('stagecraft-deno');
      const firstCode = notebook.cells.find((cell) => cell.cell_type === 'code');
      expect(firstCode?.source.join(''), file).toContain('await openResults()');
      // Analysis comes from the project's API, not from copies in cells.
      expect(notebook.cells.map((cell) => cell.source.join('')).join('\n'), file).toContain("from '../analysis/index.ts'");
    }
  });

  test('stripText empties outputs and execution counts of code cells only', () => {
    const dirty = { cells: [{ cell_type: 'code', source: ['1'], outputs: [{ output_type: 'stream' }], execution_count: 3, metadata: {} }, { cell_type: 'markdown', source: ['x'], metadata: {} }], metadata: {}, nbformat: 4, nbformat_minor: 5 };
    expect(cellsWithOutputs(dirty)).toEqual([0]);
    const clean = JSON.parse(stripText(JSON.stringify(dirty))) as typeof dirty;
    expect(clean.cells[0]).toMatchObject({ outputs: [], execution_count: null });
    expect(clean.cells[1]).toEqual(dirty.cells[1]);
    expect(cellsWithOutputs(clean)).toEqual([]);
  });
});
