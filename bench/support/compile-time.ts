/**
 * The compile-time part of `npm run bench:overhead`: writes three sets of N distinct scenario
 * files and times `compileScenarios` on them in fresh Node processes (one with the compiler's
 * type check, one without), so "cold" really is a new process, as with `npx stagecraft compile`.
 * Each process compiles a set it has not loaded yet twice ("cold", then "warm" on new files);
 * the process without the type check also compiles in check mode (no writes) and a set it has
 * already loaded, so differences between the rows show roughly where the time goes.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { CompileChildInput, CompileChildOutput } from './compile-child.js';
import { nativeTscPath } from '../../dsl/compiler/typecheck-native.js';
import { trackChild } from './lifecycle.js';
import { writeScenarios } from './scenario-template.js';
import { num, table } from './stats.js';

/** Goal from the issue: compiling 100 scenarios takes under 2 s. */
export const COMPILE_GOAL_SECONDS_PER_100 = 2;

function runChild(root: string, input: CompileChildInput, env: Readonly<Record<string, string>> = {}): Promise<CompileChildOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench', 'support', 'compile-child.ts'), JSON.stringify(input)], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const untrack = trackChild(child.pid);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-6_000)));
    child.on('error', (error) => {
      untrack();
      reject(error);
    });
    child.on('close', (code, signal) => {
      untrack();
      const line = stdout.trim().split('\n').at(-1) ?? '';
      if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line) as CompileChildOutput);
      else reject(new Error(`the compile child ended with ${signal ?? `exit code ${String(code)}`}:\n${stderr.trim() || stdout.trim()}`));
    });
  });
}

interface Row {
  readonly label: string;
  readonly ms: number;
  readonly maxMs: number;
  readonly scenarios: number;
  /** Counts against the goal (writes the output like `npx stagecraft compile`). */
  readonly goal: boolean;
}

/** Minimum and maximum of one row over the repetitions (timings only get worse with noise, so the minimum is the estimate). */
function minMax(outputs: readonly CompileChildOutput[], index: number): { ms: number; maxMs: number; scenarios: number } {
  const entries = outputs.map((output) => {
    const entry = output.compiles[index];
    if (entry === undefined) throw new Error(`the compile child reported ${output.compiles.length} compiles, expected more`);
    return entry;
  });
  const times = entries.map((entry) => entry.ms);
  return { ms: Math.min(...times), maxMs: Math.max(...times), scenarios: entries[0]?.scenarios ?? 0 };
}

/**
 * Runs the compile-time benchmark and returns the printed report. Each configuration runs
 * `repeat` times in fresh processes, interleaved (on, off, on, off), and the fastest is reported.
 */
export async function benchmarkCompileTime(root: string, tempDir: string, count: number, repeat: number, log: (line: string) => void): Promise<string> {
  const dslIndex = join(root, 'dsl', 'index.ts');
  const sets = ['a', 'b', 'c'] as const;
  for (const set of sets) await writeScenarios(join(tempDir, `compile-${set}`), set, count, dslIndex);
  const dir = (set: string): string => join(tempDir, `compile-${set}`);
  const out = (name: string): string => join(tempDir, `compile-out-${name}`);

  const native = nativeTscPath() !== undefined;
  const checkedRuns: CompileChildOutput[] = [];
  const uncheckedRuns: CompileChildOutput[] = [];
  const inProcessRuns: CompileChildOutput[] = [];
  for (let attempt = 1; attempt <= repeat; attempt += 1) {
    log(`  attempt ${attempt}/${repeat}: new Node processes compile ${count} scenarios twice: with the type check, without it${native ? ', and with the TypeScript 5 API check' : ''}...`);
    checkedRuns.push(
      await runChild(root, {
        root,
        typeCheck: true,
        sets: [
          { scenariosDir: dir('a'), outDir: out(`checked-a-${attempt}`), check: false },
          { scenariosDir: dir('b'), outDir: out(`checked-b-${attempt}`), check: false },
        ],
      }),
    );
    uncheckedRuns.push(
      await runChild(root, {
        root,
        typeCheck: false,
        sets: [
          { scenariosDir: dir('a'), outDir: out(`unchecked-a-${attempt}`), check: false },
          { scenariosDir: dir('b'), outDir: out(`unchecked-b-${attempt}`), check: false },
          { scenariosDir: dir('c'), outDir: out(`unchecked-c-${attempt}`), check: true },
          { scenariosDir: dir('b'), outDir: out(`unchecked-b-${attempt}`), check: true },
        ],
      }),
    );
    if (native) {
      const sets = (['a', 'b'] as const).map((set) => ({ scenariosDir: dir(set), outDir: out(`in-process-${set}-${attempt}`), check: false }));
      inProcessRuns.push(await runChild(root, { root, typeCheck: true, sets }, { STAGECRAFT_TYPECHECK: 'in-process' }));
    }
  }

  const rows: Row[] = [
    { label: 'cold: new process, type check on (the default), writes output', ...minMax(checkedRuns, 0), goal: true },
    { label: `warm: same process, ${count} new files, type check on, writes`, ...minMax(checkedRuns, 1), goal: true },
    { label: 'cold: new process, typeCheck: false, writes', ...minMax(uncheckedRuns, 0), goal: true },
    { label: 'warm: same process, new files, typeCheck: false, writes', ...minMax(uncheckedRuns, 1), goal: true },
    { label: 'warm, typeCheck: false, check mode (no file writes)', ...minMax(uncheckedRuns, 2), goal: false },
    { label: 'warm, typeCheck: false, check mode, modules already loaded', ...minMax(uncheckedRuns, 3), goal: false },
  ];
  if (native) {
    rows.push(
      { label: 'cold, type check with the TypeScript 5 API (the fallback)', ...minMax(inProcessRuns, 0), goal: false },
      { label: 'warm, type check with the TypeScript 5 API (the fallback)', ...minMax(inProcessRuns, 1), goal: false },
    );
  }
  const checker = native
    ? "TypeScript 7's native tsc, in a child process alongside the rest"
    : 'the TypeScript 5 API, in a worker thread alongside the rest (the native tsc is not installed)';

  const goalMs = (COMPILE_GOAL_SECONDS_PER_100 * 1000 * count) / 100;
  const lines: string[] = [];
  lines.push(
    table([
      ['measurement', 'seconds (best)', `slowest of ${repeat}`, 'scenarios/s', `goal < ${num(goalMs / 1000, 1)} s`],
      ...rows.map((row) => [
        row.label,
        num(row.ms / 1000, 2),
        num(row.maxMs / 1000, 2),
        num((row.scenarios / row.ms) * 1000, 0),
        row.goal ? (row.ms < goalMs ? 'PASS' : 'MISS') : '(diagnostic)',
      ]),
    ]),
  );

  const best = (index: number): number => (rows[index] as Row).ms;
  const share = (ms: number): string => (ms <= 20 ? '~0 s' : `${num(ms / 1000, 2)} s`);
  lines.push('');
  lines.push(`  Where the warm time goes (${count} scenarios; differences of the best times above, so approximate; ~0 = below the noise):`);
  lines.push(
    table(
      [
        ['step', 'time', 'how it is derived'],
        [`type check (${checker})`, share(best(1) - best(3)), 'type check on - typeCheck: false: the time it adds'],
        ['writing 3 files per scenario (fsync each)', share(best(3) - best(4)), 'writes - check mode'],
        ['loading the scenario modules (tsx)', share(best(4) - best(5)), 'new files - modules already loaded'],
        ['validating and bundling (esbuild)', share(best(5)), 'check mode, modules already loaded'],
      ],
      '    ',
    ),
  );
  const startup = Math.min(...checkedRuns.map((run) => run.startupMs));
  const imports = Math.min(...checkedRuns.map((run) => run.importMs));
  lines.push('');
  lines.push(
    `  Not in these numbers: starting Node + tsx (${num(startup / 1000, 2)} s) and importing the compiler ` +
      `(${num(imports / 1000, 2)} s cold), which "npx stagecraft compile" also pays once.`,
  );
  lines.push('  Type check: compileScenarios type-checks the scenario files by default (CompileOptions.typeCheck); each row says whether it was on.');
  lines.push(`  The check runs with ${checker}; STAGECRAFT_TYPECHECK=in-process selects the TypeScript 5 API in a worker thread, whose cold rows include loading TypeScript.`);
  return lines.join('\n');
}
