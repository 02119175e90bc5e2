/**
 * `npm run notebooks:check`: every notebook is stored without outputs, and executes headlessly
 * without a cell error against a results folder made by real k6. The fixture is produced when
 * absent (or always with `--fresh`); `STAGECRAFT_RESULTS` points the notebooks at another folder
 * instead. The Deno kernel is registered in `.tools/jupyter` first.
 */
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { ExitCode } from '../../core/exit-codes.js';
import { DEFAULT_FIXTURE_DIR, fixtureResults, makeNotebookFixture } from './fixture.js';
import { ensureKernel, executeNotebook, hasNbconvert, RESULTS_ENV } from './jupyter.js';
import { listNotebooks, notebooksWithOutputs } from './strip.js';

const log = (line: string): boolean => process.stderr.write(`${line}\n`);
const started = Date.now();
const notebooks = await listNotebooks();

const dirty = await notebooksWithOutputs(notebooks);
for (const { file, cells } of dirty) log(`error[notebook-outputs] ${file}: cells ${cells.map((c) => c + 1).join(', ')} have outputs or execution counts\nfix: npm run notebooks:strip`);

if (!(await hasNbconvert())) {
  log('error[jupyter-missing] Debian\'s nbconvert is not installed for /usr/bin/python3\nfix: bash scripts/install-jupyter.sh');
  process.exit(ExitCode.environment);
}
await ensureKernel();

let results = process.env[RESULTS_ENV];
if (results === undefined || results === '') {
  results = fixtureResults(DEFAULT_FIXTURE_DIR);
  if (process.argv.includes('--fresh') || !existsSync(results)) {
    log(`notebooks: producing the fixture with real k6 in ${DEFAULT_FIXTURE_DIR} ...`);
    await makeNotebookFixture(DEFAULT_FIXTURE_DIR);
  }
}

let failed = dirty.length > 0;
for (const notebook of notebooks) {
  const t = Date.now();
  const run = await executeNotebook(notebook, { results: resolve(results) });
  const seconds = ((Date.now() - t) / 1000).toFixed(1);
  if (run.code === 0) log(`ok   ${basename(notebook)} (${seconds} s)`);
  else {
    failed = true;
    const error = run.stderr.includes('CellExecutionError') ? run.stderr.slice(run.stderr.lastIndexOf('CellExecutionError')) : run.stderr;
    log(`FAIL ${basename(notebook)} (${seconds} s)\n${error.trim()}`);
  }
}
log(`notebooks: ${notebooks.length} executed against ${results} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exitCode = failed ? 1 : 0;
