/**
 * A script's thresholds as k6 itself reads them: `k6 inspect <script>` runs the init context
 * and prints the consolidated options, so thresholds built in code, from `__ENV` or by the DSL
 * compiler come out exactly as k6 judges them.
 */

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { ScriptThresholds } from '../../analysis/summarize/distributed.js';
import { thresholdDefinitions } from '../../analysis/thresholds/parse.js';
import { StagecraftError } from '../../core/errors.js';
import { shortHash } from '../../core/script-hash.js';
import { k6Environment, type K6Binary } from '../k6-binary.js';

const execFileAsync = promisify(execFile);

/** k6's error message: the `msg` of its last log lines (logfmt), else its last lines. */
function k6Message(error: unknown): string {
  const stderr = typeof error === 'object' && error !== null && 'stderr' in error && typeof error.stderr === 'string' ? error.stderr : '';
  const lines = stderr.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const messages = lines.map((line) => /\bmsg="((?:[^"\\]|\\.)*)"/.exec(line)?.[1]?.replace(/\\(.)/g, '$1') ?? line);
  return messages.slice(-2).join(' / ') || (error instanceof Error ? error.message : String(error));
}

/**
 * The thresholds of `script` (metric or sub-metric key → expressions) from `k6 inspect`.
 *
 * @throws StagecraftError `file-not-found` when the script does not exist, `invalid-input` when
 *   k6 cannot inspect it (syntax error, exception in the init context), with k6's message
 */
export async function readScriptThresholds(k6: K6Binary, script: string, env: Readonly<Record<string, string>> = {}): Promise<Record<string, string[]>> {
  if ((await stat(script).catch(() => null))?.isFile() !== true) {
    throw new StagecraftError({ code: 'file-not-found', message: `script ${script} does not exist`, fix: 'pass the k6 script the instances ran (e.g. generated/<scenario>.js)', location: { file: script } });
  }
  let stdout: string;
  try {
    ({ stdout } = await execFileAsync(k6.path, ['inspect', script], { env: k6Environment(env), timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }));
  } catch (error) {
    throw new StagecraftError({
      code: 'invalid-input',
      message: `k6 ${k6.version} cannot read the thresholds of ${script} (k6 inspect failed: ${k6Message(error)})`,
      fix: 'pass the script the instances ran; if its init code needs environment variables, set them in the environment of this command',
      location: { file: script },
    });
  }
  try {
    return thresholdDefinitions((JSON.parse(stdout) as { thresholds?: unknown }).thresholds);
  } catch {
    throw new StagecraftError({ code: 'invalid-input', message: `k6 inspect ${script} printed no JSON options`, fix: `check that ${k6.path} is k6 (stagecraft k6 which)`, location: { file: script } });
  }
}

/**
 * Like {@link readScriptThresholds}, but null when k6 cannot inspect the script (a run of it
 * will then report why itself).
 */
export async function inspectThresholds(k6: K6Binary, script: string, env: Readonly<Record<string, string>>): Promise<Record<string, string[]> | null> {
  return readScriptThresholds(k6, script, env).catch(() => null);
}

/**
 * The `script_hash` values that name a script: the hash of the file (what `stagecraft run`
 * records) and, for a script of `stagecraft compile`, the content hash in its header (what
 * `compile --instances` tags the instances with).
 */
export function scriptShortHashes(text: string | Buffer): string[] {
  const file = shortHash(createHash('sha256').update(text).digest('hex'));
  const header = /^\/\/ content-hash: (sha256:[0-9a-f]{64})$/m.exec(text.toString('utf8').slice(0, 2000))?.[1];
  return header === undefined ? [file] : [file, shortHash(header)];
}

/**
 * What `summarize --thresholds-from <script>` judges with: the script's thresholds from
 * `k6 inspect` and the hashes that identify it.
 *
 * @throws StagecraftError as {@link readScriptThresholds}
 */
export async function scriptThresholds(k6: K6Binary, script: string, env: Readonly<Record<string, string>> = {}): Promise<ScriptThresholds> {
  const definitions = await readScriptThresholds(k6, script, env);
  return { script, definitions, hashes: scriptShortHashes(await readFile(script)) };
}
