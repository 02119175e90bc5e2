/**
 * The repo-local Jupyter setup of the notebooks: Deno's TypeScript kernel registered under
 * `.tools/jupyter` (never the user's `~/.local/share/jupyter`), Debian's nbconvert run with
 * `/usr/bin/python3` (not whichever `python3` is first on PATH), and the environment that makes
 * Jupyter look only there.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeJsonAtomic } from '../../core/atomic-write.js';
import { StagecraftError } from '../../core/errors.js';

/** The repository root. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The notebooks folder. */
export const NOTEBOOKS_DIR = join(REPO_ROOT, 'notebooks');

/** Jupyter's data folder for the notebooks (git-ignored with the rest of `.tools/`). */
export const JUPYTER_DIR = join(REPO_ROOT, '.tools', 'jupyter');

/** Name of the kernelspec the notebooks ask for (`metadata.kernelspec.name`). */
export const KERNEL_NAME = 'stagecraft-deno';

/** The Python that Debian's Jupyter packages are installed for. */
export const SYSTEM_PYTHON = '/usr/bin/python3';

/** The environment variable naming the results folder the notebooks read. */
export const RESULTS_ENV = 'STAGECRAFT_RESULTS';

/** Deno's cache for the kernel, kept in the repo too. */
const DENO_DIR = join(REPO_ROOT, '.tools', 'deno');

/** Folder of the installed kernelspec. */
export function kernelDir(): string {
  return join(JUPYTER_DIR, 'kernels', KERNEL_NAME);
}

/** The Deno binary that the npm package `deno` ships. */
export function denoBinary(): string {
  const binary = join(REPO_ROOT, 'node_modules', 'deno', process.platform === 'win32' ? 'deno.exe' : 'deno');
  if (!existsSync(binary)) {
    throw new StagecraftError({
      code: 'file-not-found',
      message: `the Deno binary is missing (looked for ${binary})`,
      fix: 'run `npm ci` (deno is a devDependency)',
      location: { file: binary },
    });
  }
  return binary;
}

/**
 * The environment for Jupyter commands: only `.tools/jupyter` is searched for kernels and data,
 * and the user's Jupyter config and runtime folders are left alone.
 */
export function jupyterEnvironment(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    JUPYTER_PATH: JUPYTER_DIR,
    JUPYTER_DATA_DIR: JUPYTER_DIR,
    JUPYTER_CONFIG_DIR: join(JUPYTER_DIR, 'config'),
    JUPYTER_RUNTIME_DIR: join(JUPYTER_DIR, 'runtime'),
    JUPYTER_PLATFORM_DIRS: '1',
    ...extra,
  };
}

/** Output of a finished child process. */
export interface ProcessResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to completion, collecting its output (never throws for a non-zero exit). */
export function runProcess(command: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<ProcessResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? REPO_ROOT, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/** True when Debian's nbconvert (with nbclient and jupyter_client) can run. */
export async function hasNbconvert(): Promise<boolean> {
  if (!existsSync(SYSTEM_PYTHON)) return false;
  const probe = await runProcess(SYSTEM_PYTHON, ['-c', 'import nbconvert, nbclient, jupyter_client']).catch(() => null);
  return probe?.code === 0;
}

/** The kernelspec as Jupyter reads it (`kernel.json`). */
interface KernelSpec {
  readonly argv: readonly string[];
  readonly display_name: string;
  readonly language: string;
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Registers Deno's Jupyter kernel as {@link KERNEL_NAME} in {@link JUPYTER_DIR}. `deno jupyter
 * --install` always writes into `$HOME/.local/share/jupyter`, so it runs with HOME pointing to a
 * scratch folder and its kernelspec (argv, logos) is moved here; the spec then gets Deno's cache
 * folder in its environment and the npm package's binary as its command (Deno records the
 * path it was started by, which may be a symlink). Idempotent: rewrites the spec each time.
 *
 * @returns the kernelspec folder
 */
export async function installKernel(): Promise<string> {
  const deno = denoBinary();
  const scratch = await mkdtemp(join(tmpdir(), 'stagecraft-deno-kernel-'));
  try {
    const installed = await runProcess(deno, ['jupyter', '--install', '--force', '--name', KERNEL_NAME, '--display', 'TypeScript (Deno, stagecraft)'], {
      env: { ...process.env, HOME: scratch, DENO_DIR, DENO_NO_UPDATE_CHECK: '1' },
    });
    const written = join(scratch, '.local', 'share', 'jupyter', 'kernels', KERNEL_NAME);
    if (installed.code !== 0 || !existsSync(join(written, 'kernel.json'))) {
      throw new StagecraftError({
        code: 'invalid-input',
        message: `\`deno jupyter --install\` failed (exit ${installed.code}): ${(installed.stderr + installed.stdout).trim()}`,
        fix: 'check that `node_modules/deno/deno --version` runs; reinstall with `npm ci`',
      });
    }
    const target = kernelDir();
    await rm(target, { recursive: true, force: true });
    await mkdir(dirname(target), { recursive: true });
    await cp(written, target, { recursive: true });
    const spec = JSON.parse(await readFile(join(target, 'kernel.json'), 'utf8')) as KernelSpec;
    const withEnv: KernelSpec = { ...spec, argv: [deno, ...spec.argv.slice(1)], env: { ...spec.env, DENO_DIR, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' } };
    await writeJsonAtomic(join(target, 'kernel.json'), withEnv);
    return target;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Installs the kernel unless its spec is there and points at the current Deno binary. */
export async function ensureKernel(): Promise<string> {
  const spec = join(kernelDir(), 'kernel.json');
  if (existsSync(spec)) {
    const current = JSON.parse(await readFile(spec, 'utf8')) as KernelSpec;
    if (current.argv[0] === denoBinary() && current.env?.['DENO_DIR'] === DENO_DIR) return kernelDir();
  }
  return installKernel();
}

/** Options of {@link executeNotebook}. */
export interface ExecuteOptions {
  /** The results folder the notebook reads ({@link RESULTS_ENV}). */
  readonly results?: string;
  /** Write the executed notebook in this format (`notebook` or `html`) to `outDir`; default: nothing kept. */
  readonly to?: 'notebook' | 'html';
  readonly outDir?: string;
  /** Seconds one cell may take (default 300). */
  readonly cellTimeoutS?: number;
}

/**
 * Executes one notebook headlessly with Debian's nbconvert and the repo-local Deno kernel.
 * A cell error makes nbconvert exit non-zero with the cell and its error on stderr.
 */
export async function executeNotebook(notebook: string, options: ExecuteOptions = {}): Promise<ProcessResult> {
  const outDir = options.outDir ?? (await mkdtemp(join(tmpdir(), 'stagecraft-nb-')));
  const args = [
    '-m', 'nbconvert', '--execute',
    '--to', options.to ?? 'notebook',
    `--ExecutePreprocessor.kernel_name=${KERNEL_NAME}`,
    `--ExecutePreprocessor.timeout=${options.cellTimeoutS ?? 300}`,
    '--output-dir', outDir,
    notebook,
  ];
  const env = jupyterEnvironment(options.results === undefined ? {} : { [RESULTS_ENV]: resolve(options.results) });
  try {
    return await runProcess(SYSTEM_PYTHON, args, { env, cwd: dirname(notebook) });
  } finally {
    if (options.outDir === undefined) await rm(outDir, { recursive: true, force: true });
  }
}
