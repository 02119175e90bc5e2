/**
 * Notebooks are stored without outputs: `strip` removes outputs and execution counts in place
 * (`npm run notebooks:strip`); `--check` only lists the notebooks that have any and fails.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFileAtomic } from '../../core/atomic-write.js';
import { NOTEBOOKS_DIR } from './jupyter.js';

/** The parts of an nbformat 4 notebook this touches. */
interface NotebookCell {
  readonly cell_type: string;
  outputs?: unknown[];
  execution_count?: number | null;
  [key: string]: unknown;
}

/** The notebooks of the folder (`*.ipynb`), sorted. */
export async function listNotebooks(dir = NOTEBOOKS_DIR): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.endsWith('.ipynb')).sort().map((name) => join(dir, name));
}

/** Code cells (0-based) that carry outputs or an execution count. */
export function cellsWithOutputs(notebook: { readonly cells: readonly NotebookCell[] }): number[] {
  return notebook.cells.flatMap((cell, i) => (cell.cell_type === 'code' && ((cell.outputs?.length ?? 0) > 0 || (cell.execution_count ?? null) !== null) ? [i] : []));
}

/** The notebook text with every code cell's outputs emptied and execution count nulled (1-space JSON, as Jupyter writes). */
export function stripText(text: string): string {
  const notebook = JSON.parse(text) as { cells: NotebookCell[] };
  for (const cell of notebook.cells) {
    if (cell.cell_type !== 'code') continue;
    cell.outputs = [];
    cell.execution_count = null;
  }
  return `${JSON.stringify(notebook, null, 1)}\n`;
}

/** Strips every notebook; returns the ones that changed. */
export async function stripNotebooks(files: readonly string[]): Promise<string[]> {
  const changed: string[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    const stripped = stripText(text);
    if (stripped !== text) {
      await writeFileAtomic(file, stripped);
      changed.push(file);
    }
  }
  return changed;
}

/** Notebooks stored with outputs, with the cells that have them. */
export async function notebooksWithOutputs(files: readonly string[]): Promise<{ file: string; cells: number[] }[]> {
  const found: { file: string; cells: number[] }[] = [];
  for (const file of files) {
    const cells = cellsWithOutputs(JSON.parse(await readFile(file, 'utf8')) as { cells: NotebookCell[] });
    if (cells.length > 0) found.push({ file, cells });
  }
  return found;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const files = await listNotebooks();
  if (process.argv.includes('--check')) {
    const dirty = await notebooksWithOutputs(files);
    for (const { file, cells } of dirty) process.stderr.write(`error[notebook-outputs] ${file}: cells ${cells.map((c) => c + 1).join(', ')} have outputs or execution counts\nfix: npm run notebooks:strip\n`);
    process.exitCode = dirty.length > 0 ? 1 : 0;
  } else {
    const changed = await stripNotebooks(files);
    process.stderr.write(changed.length === 0 ? 'notebooks: already stripped\n' : changed.map((file) => `stripped ${file}\n`).join(''));
  }
}
