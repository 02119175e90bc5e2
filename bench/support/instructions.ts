/**
 * Instruction counts of k6 running a script, with valgrind's callgrind: a measure that, unlike
 * CPU time, hardly moves with what else the machine does, so small differences between two
 * scripts show up in a single run. k6 runs with GOMAXPROCS=1 (one Go scheduler thread: no
 * spinning threads whose work depends on timing), GODEBUG=asyncpreemptoff=1 (callgrind
 * cannot follow Go's preemption signals) and GOGC=off (when Go's collector runs depends on
 * timing and heap size; with it on, a count moved by about 2% between identical runs).
 *
 * Per iteration: the difference between a long and a short run of one VU divided by the
 * iterations between them, so k6's start-up cancels out. Per VU start-up: the difference
 * between many VUs and 1 VU, each doing one iteration, divided by the extra VUs, less the
 * iteration (many VUs, because k6's own periodic work adds a few million instructions that
 * vary from run to run). Counts are user-space instructions only: system calls (the network),
 * cache misses and garbage collection are not in them, which is why the CPU-time ratio is the
 * goal's measure and this one explains it.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { k6Environment } from '../../runner/k6-binary.js';

const execFileAsync = promisify(execFile);

/** Iterations of the short and the long run; their difference divides the instruction difference. */
const SHORT_ITERATIONS = 20;
const LONG_ITERATIONS = 1_020;
/** VUs of the start-up measurement. */
const START_UP_VUS = 241;

/** What callgrind counted for one script. */
export interface InstructionCounts {
  /** Instructions per iteration of the scenario function, k6's own work included. */
  readonly perIteration: number;
  /** Instructions per VU start-up (evaluating the script in a new VU). */
  readonly perVuStartUp: number;
}

/** True when valgrind can be run here. */
export async function hasValgrind(): Promise<boolean> {
  try {
    await execFileAsync('valgrind', ['--version']);
    return true;
  } catch {
    return false;
  }
}

/**
 * A module that runs `exec` of `script` with its own options (the script's are not exported
 * by the wrapper, so its scenarios and thresholds do not apply).
 */
async function wrapper(folder: string, name: string, script: string, exec: string, vus: number, iterations: number): Promise<string> {
  const file = join(folder, `${name}-${vus}x${iterations}.js`);
  const options = { scenarios: { measured: { executor: 'per-vu-iterations', vus, iterations, exec, maxDuration: '10m' } } };
  await writeFile(file, `export { ${exec} } from ${JSON.stringify(pathToFileURL(script).href)};\nexport const options = ${JSON.stringify(options)};\n`);
  return file;
}

/** Total instructions of one k6 run under callgrind. */
async function countRun(k6Path: string, script: string, env: Readonly<Record<string, string>>): Promise<number> {
  const { stderr } = await execFileAsync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', k6Path, 'run', '--quiet', '--no-color', script], {
    env: { ...k6Environment(env), GOMAXPROCS: '1', GODEBUG: 'asyncpreemptoff=1', GOGC: 'off' },
    maxBuffer: 16 * 1024 * 1024,
    timeout: 600_000,
  });
  const collected = /Collected\s*:\s*(\d+)/.exec(stderr)?.[1];
  if (collected === undefined) throw new Error(`callgrind printed no instruction count for ${script}:\n${stderr.slice(-2_000)}`);
  return Number(collected);
}

/** Counts the instructions k6 spends per iteration and per VU start-up on `exec` of `script`. */
export async function countInstructions(k6Path: string, folder: string, name: string, script: string, exec: string, env: Readonly<Record<string, string>>): Promise<InstructionCounts> {
  const run = async (vus: number, iterations: number): Promise<number> => countRun(k6Path, await wrapper(folder, name, script, exec, vus, iterations), env);
  const short = await run(1, SHORT_ITERATIONS);
  const long = await run(1, LONG_ITERATIONS);
  const many = await run(START_UP_VUS, 1);
  const one = await run(1, 1);
  const perIteration = (long - short) / (LONG_ITERATIONS - SHORT_ITERATIONS);
  // The extra VUs also ran one iteration each.
  return { perIteration, perVuStartUp: (many - one) / (START_UP_VUS - 1) - perIteration };
}
