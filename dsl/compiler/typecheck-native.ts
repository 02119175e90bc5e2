import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Problem, SourceLocation } from '../../core/errors.js';
import { projectRoot } from '../../core/project.js';
import type { TypeCheckOptions, TypeCheckResult } from './typecheck.js';
import { blockedScenarios, CHECK_ONLY_OPTIONS, compareProblems, isProjectFile, TYPE_ERROR_FIX } from './typecheck-result.js';

/**
 * The compile-time type check with TypeScript 7's native `tsc` (the Go port of the same
 * checker): one child process checks all scenario files in about a tenth of the time the
 * JavaScript compiler takes (measured on 100 scenarios: 0.2 s instead of 2.2 s), and runs
 * beside the compiler's own work on another core. The binary comes from the optional
 * `@typescript/typescript-<platform>-<arch>` package; without it, `typeCheckInBackground` falls
 * back to the TypeScript 5 API in a worker thread, which finds the same problems.
 */

/** Path of the native `tsc` executable for this platform, or undefined when it is not installed. */
export function nativeTscPath(): string | undefined {
  const name = `@typescript/typescript-${process.platform}-${process.arch}`;
  try {
    const manifest = createRequire(import.meta.url).resolve(`${name}/package.json`);
    const executable = join(dirname(manifest), 'lib', process.platform === 'win32' ? 'tsc.exe' : 'tsc');
    return existsSync(executable) ? executable : undefined;
  } catch {
    return undefined;
  }
}

/** The nearest `tsconfig.json` at or above `root`, else stagecraft's own (as the in-process check picks it). */
export function nearestTsconfig(root: string): string {
  for (let folder = resolve(root); ; folder = dirname(folder)) {
    const candidate = join(folder, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(folder) === folder) return join(projectRoot(), 'tsconfig.json');
  }
}

/** One diagnostic as `tsc --pretty false` prints it. */
export interface PrintedDiagnostic {
  /** Absolute path; undefined for a diagnostic without a file (options, config). */
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly code: number;
  /** The message with its chained lines joined by single spaces. */
  readonly text: string;
}

const LOCATED = /^(.+)\((\d+),(\d+)\): error TS(\d+): (.*)$/;
const UNLOCATED = /^error TS(\d+): (.*)$/;

/**
 * Parses the diagnostics of `tsc --pretty false` output: `file(line,col): error TSnnnn: text`,
 * or `error TSnnnn: text` for a problem of the options, each followed by indented lines of the
 * chained message. Paths are resolved against `cwd`. Lines of other kinds are ignored.
 */
export function parseDiagnostics(output: string, cwd: string): PrintedDiagnostic[] {
  const diagnostics: PrintedDiagnostic[] = [];
  let current: { file: string | undefined; line: number | undefined; column: number | undefined; code: number; parts: string[] } | undefined;
  const finish = (): void => {
    if (current !== undefined) diagnostics.push({ file: current.file, line: current.line, column: current.column, code: current.code, text: current.parts.join(' ') });
    current = undefined;
  };
  for (const raw of output.split(/\r?\n/)) {
    const located = LOCATED.exec(raw);
    const unlocated = located === null ? UNLOCATED.exec(raw) : null;
    if (located !== null) {
      finish();
      const [, file = '', line = '', column = '', code = '', text = ''] = located;
      current = { file: resolve(cwd, file), line: Number(line), column: Number(column), code: Number(code), parts: [text.trim()] };
    } else if (unlocated !== null) {
      finish();
      const [, code = '', text = ''] = unlocated;
      current = { file: undefined, line: undefined, column: undefined, code: Number(code), parts: [text.trim()] };
    } else if (current !== undefined && /^\s+\S/.test(raw)) {
      current.parts.push(raw.trim());
    } else {
      finish();
    }
  }
  finish();
  return diagnostics;
}

const IMPORTED_FROM = /^\s+Imported via .* from file '(.+?)'(?: with packageId .*)?$/;

/**
 * The import graph in `tsc --explainFiles` output: each unindented line names a file of the
 * program, and its indented `Imported via '…' from file '<importer>'` lines name the files that
 * import it. Returns importer → imported files, with absolute paths.
 */
export function parseImportGraph(output: string, cwd: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  let file: string | undefined;
  for (const raw of output.split(/\r?\n/)) {
    if (raw.trim() === '' || LOCATED.test(raw) || UNLOCATED.test(raw)) continue;
    if (!/^\s/.test(raw)) {
      file = resolve(cwd, raw.trim());
      continue;
    }
    const importer = IMPORTED_FROM.exec(raw)?.[1];
    if (file === undefined || importer === undefined) continue;
    const key = resolve(cwd, importer);
    graph.set(key, [...(graph.get(key) ?? []), file]);
  }
  return graph;
}

/** Runs the native tsc; resolves with its output, rejects when it could not run or crashed. */
function runTsc(executable: string, args: readonly string[], cwd: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(executable, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    const errors: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => errors.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      // 0: no errors; 1 and 2: diagnostics were reported (with or without output files).
      if (code === 0 || code === 1 || code === 2) resolvePromise(Buffer.concat(chunks).toString('utf8'));
      else reject(new Error(`native tsc ended with ${signal ?? `exit code ${String(code)}`}: ${Buffer.concat(errors).toString('utf8').trim()}`));
    });
  });
}

function problemOf(diagnostic: PrintedDiagnostic, configFile: string): Problem {
  let location: SourceLocation = { file: diagnostic.file ?? configFile };
  if (diagnostic.line !== undefined && diagnostic.column !== undefined) location = { ...location, line: diagnostic.line, column: diagnostic.column };
  return { code: 'invalid-scenario', rule: 'type-error', message: `TS${diagnostic.code}: ${diagnostic.text}`, fix: TYPE_ERROR_FIX, location };
}

/**
 * Type-checks scenario files with the native `tsc` at `executable`, with the options of the
 * project's tsconfig (extended by a temporary one that lists exactly the scenario files and
 * makes the check check-only). Reports the same problems as `typeCheckScenarios`: every
 * diagnostic in a scenario file or a project file it imports. When there are any, a second run
 * with `--explainFiles` gives the import graph that decides which scenarios they block.
 */
export async function typeCheckNative(executable: string, files: readonly string[], options: TypeCheckOptions): Promise<TypeCheckResult> {
  const started = performance.now();
  const root = resolve(options.root);
  const scenarios = files.map((file) => resolve(file));
  const configFile = nearestTsconfig(root);
  const folder = await mkdtemp(join(tmpdir(), 'stagecraft-tsc-'));
  try {
    const tsconfig = join(folder, 'tsconfig.json');
    await writeFile(tsconfig, JSON.stringify({ extends: configFile, compilerOptions: CHECK_ONLY_OPTIONS, files: scenarios, include: [] }));
    const args = ['-p', tsconfig, '--pretty', 'false'];
    const diagnostics = parseDiagnostics(await runTsc(executable, args, root), root);
    const scenarioSet = new Set(scenarios);
    const reported = diagnostics.filter((diagnostic) => diagnostic.file === undefined || scenarioSet.has(diagnostic.file) || isProjectFile(root, diagnostic.file));
    const problems = reported.map((diagnostic) => problemOf(diagnostic, configFile)).sort(compareProblems);
    const failing = new Set(reported.flatMap((diagnostic) => (diagnostic.file === undefined ? [] : [diagnostic.file])));

    let blocked: Set<string>;
    if (reported.some((diagnostic) => diagnostic.file === undefined)) blocked = new Set(scenarios);
    else if (failing.size === 0) blocked = new Set();
    else blocked = blockedScenarios(scenarios, parseImportGraph(await runTsc(executable, [...args, '--explainFiles'], root), root), failing);
    return { problems, blocked, durationMs: performance.now() - started };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
