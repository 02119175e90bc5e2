/**
 * The notebooks executed headlessly (Debian's nbconvert, Deno's kernel from `.tools/jupyter`)
 * against a results folder made by real k6 against the real demo services; a cell error fails.
 * Skipped with a warning when nbconvert is missing, unless STAGECRAFT_REQUIRE_JUPYTER=1 (CI).
 */
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeNotebookFixture } from '../../notebooks/tools/fixture.js';
import { ensureKernel, executeNotebook, hasNbconvert } from '../../notebooks/tools/jupyter.js';
import { listNotebooks, notebooksWithOutputs } from '../../notebooks/tools/strip.js';
import { k6ForTests } from '../support/k6.js';

const k6 = await k6ForTests();
const available = await hasNbconvert();
const required = process.env['STAGECRAFT_REQUIRE_JUPYTER'] === '1';

if (!available && !required) {
  console.warn(`\n${'!'.repeat(78)}\n!! Jupyter nbconvert not found: SKIPPING the notebook tests.\n!! Install it with scripts/install-jupyter.sh; set STAGECRAFT_REQUIRE_JUPYTER=1 to make this a failure.\n${'!'.repeat(78)}\n`);
}

describe.runIf(!available && required)('notebooks (required)', () => {
  it('needs Jupyter nbconvert', () => {
    expect.fail('STAGECRAFT_REQUIRE_JUPYTER=1 but nbconvert is not installed for /usr/bin/python3: run scripts/install-jupyter.sh');
  });
});

interface ExecutedNotebook {
  readonly cells: readonly { readonly cell_type: string; readonly outputs?: readonly { readonly output_type: string; readonly data?: Record<string, unknown> }[] }[];
}

/** Every MIME bundle a notebook displayed, in order. */
function outputsOf(notebook: ExecutedNotebook): Record<string, unknown>[] {
  return notebook.cells.flatMap((cell) => cell.outputs ?? []).flatMap((output) => (output.data === undefined ? [] : [output.data]));
}

function text(value: unknown): string {
  return Array.isArray(value) ? value.join('') : String(value);
}

describe.skipIf(!available || !k6)('notebooks executed against real k6 results', () => {
  let work: string;
  let results: string;
  const notebooks = listNotebooks();

  beforeAll(async () => {
    await ensureKernel();
    work = await mkdtemp(join(tmpdir(), 'stagecraft-notebooks-'));
    results = await makeNotebookFixture(join(work, 'fixture'), { ...(k6 === undefined ? {} : { k6 }) });
  });

  it('are stored without outputs or execution counts, and there are at least three', async () => {
    const files = await notebooks;
    expect(files.map((file) => basename(file))).toEqual(expect.arrayContaining(['explore-run.ipynb', 'baseline-vs-refactor.ipynb', 'planning.ipynb']));
    expect(await notebooksWithOutputs(files)).toEqual([]);
  });

  it('every notebook executes without a cell error and draws Vega-Lite charts', async () => {
    const out = join(work, 'executed');
    await mkdir(out, { recursive: true });
    for (const file of await notebooks) {
      const run = await executeNotebook(file, { results, outDir: out });
      expect(run.code, `${basename(file)}:\n${run.stderr.slice(-4000)}`).toBe(0);
      const executed = JSON.parse(await readFile(join(out, basename(file)), 'utf8')) as ExecutedNotebook;
      const bundles = outputsOf(executed);
      expect(bundles.some((bundle) => 'application/vnd.vegalite.v5+json' in bundle && 'image/png' in bundle), basename(file)).toBe(true);
      // Outputs stay small: pre-aggregated chart data, no raw samples.
      expect(JSON.stringify(executed).length, basename(file)).toBeLessThan(3_000_000);
    }
  });

  it('the deep-dive finds the demo refactor: get-item slower and search faster at every decile', async () => {
    const out = join(work, 'deep-dive');
    const run = await executeNotebook(join((await notebooks)[0]!, '..', 'baseline-vs-refactor.ipynb'), { results, outDir: out });
    expect(run.code, run.stderr.slice(-3000)).toBe(0);
    const markdown = outputsOf(JSON.parse(await readFile(join(out, 'baseline-vs-refactor.ipynb'), 'utf8')) as ExecutedNotebook)
      .map((bundle) => text(bundle['text/markdown'] ?? ''))
      .join('\n');
    // ×1.25 and ×0.70 at every decile: with 3 runs per side, most deciles' intervals exclude 0.
    const moved = markdown.slice(markdown.indexOf('- **catalog'));
    expect(moved, moved).toMatch(/\*\*catalog get-item\*\*: [5-9]\/9 deciles slower/);
    expect(moved, moved).toMatch(/\*\*catalog search\*\*: [5-9]\/9 deciles faster/);
  });

  it('a missing results folder: the first cell says so in one message, with no trace into the library', async () => {
    const missing = join(work, 'no-such-folder');
    for (const file of await notebooks) {
      const run = await executeNotebook(file, { results: missing });
      expect(run.code, basename(file)).not.toBe(0);
      const error = run.stderr.slice(run.stderr.lastIndexOf('CellExecutionError'));
      expect(error).toContain(`StagecraftError[file-not-found]: the results folder ${missing} (from STAGECRAFT_RESULTS) does not exist`);
      expect(error).toContain('fix: run `npm run demo`');
      expect(error).toContain('await openResults()');
      expect(error).not.toMatch(/\bat .*analysis\//);
    }
  });

  it('a folder without runs: the first cell says it holds no runs', async () => {
    const empty = join(work, 'empty');
    await mkdir(join(empty, 'some-scenario'), { recursive: true });
    const run = await executeNotebook((await notebooks)[0]!, { results: empty });
    expect(run.code).not.toBe(0);
    const error = run.stderr.slice(run.stderr.lastIndexOf('CellExecutionError'));
    expect(error).toContain(`StagecraftError[no-runs-found]: the results folder ${empty} (from STAGECRAFT_RESULTS) holds no runs`);
    expect(error).not.toMatch(/\bat .*analysis\//);
  });
});
