import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StagecraftError, type SourceLocation } from '../../core/errors.js';
import { parseJsonWithLocation } from './json.js';
import type { LoadedConfig, StagecraftConfig } from './types.js';
import { validateConfig } from './validate.js';

/** Config file names looked for in the working folder, in this order; the first found wins. */
export const CONFIG_FILE_NAMES = ['stagecraft.config.ts', 'stagecraft.config.js', 'stagecraft.config.json'] as const;

const MODULE_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs']);

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions {
  /** A config file given explicitly (e.g. `--config`), relative to `cwd`; it must exist. */
  readonly file?: string;
  /** Folder to resolve `file` against and to look for `stagecraft.config.{ts,js,json}` in. */
  readonly cwd: string;
}

async function kind(path: string): Promise<'file' | 'folder' | null> {
  try {
    return (await stat(path)).isDirectory() ? 'folder' : 'file';
  } catch {
    return null;
  }
}

/**
 * Where loading `file` failed: esbuild's `file:line:column: ERROR: …` (column 0-based) for
 * syntax errors tsx reports, else the first stack frame inside the file.
 */
function loadFailure(error: unknown, file: string): { reason: string; location: SourceLocation } {
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const names = [pathToFileURL(file).href, file].map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  for (const name of names) {
    const esbuild = new RegExp(`${name}:(\\d+):(\\d+): ERROR: (.*)`).exec(message);
    if (esbuild) return { reason: esbuild[3] ?? message, location: { file, line: Number(esbuild[1]), column: Number(esbuild[2]) + 1 } };
  }
  const reason = message.split('\n')[0] ?? message;
  for (const name of names) {
    const frame = new RegExp(`${name}:(\\d+):(\\d+)`).exec(stack);
    if (frame) return { reason, location: { file, line: Number(frame[1]), column: Number(frame[2]) } };
  }
  return { reason, location: { file } };
}

async function importConfig(file: string): Promise<unknown> {
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (error) {
    const { reason, location } = loadFailure(error, file);
    throw new StagecraftError(
      {
        code: 'invalid-input',
        message: `the config file ${file} failed while loading: ${reason}`,
        fix: 'fix the error at this location (a .ts config needs the stagecraft CLI, which loads TypeScript through tsx)',
        location,
      },
      { cause: error },
    );
  }
  if (module.default === undefined) {
    throw new StagecraftError({
      code: 'invalid-input',
      message: `the config file ${file} has no default export`,
      fix: 'end the file with "export default defineConfig({ compare: { ... } })"',
      location: { file },
    });
  }
  return module.default;
}

async function parseJsonConfig(file: string): Promise<{ value: unknown; text: string }> {
  const text = await readFile(file, 'utf8');
  const parsed = parseJsonWithLocation(text);
  if (!parsed.ok) {
    const { line, column, message } = parsed.error;
    throw new StagecraftError({
      code: 'invalid-input',
      message: `the config file ${file} is not valid JSON at line ${line}, column ${column}: ${message}`,
      fix: 'fix the JSON syntax there (JSON allows no comments, no trailing commas and only double-quoted keys and strings)',
      location: { file, line, column },
    });
  }
  return { value: parsed.value, text };
}

async function findConfigFile(options: LoadConfigOptions): Promise<string | null> {
  const cwd = resolve(options.cwd);
  if (options.file !== undefined) {
    const file = resolve(cwd, options.file);
    const found = await kind(file);
    if (found === null) {
      throw new StagecraftError({
        code: 'file-not-found',
        message: `config file not found: ${file}`,
        fix: `check the path (relative paths are resolved from ${cwd}), or leave the option out to use ${CONFIG_FILE_NAMES.join(', ')} from the current folder`,
        location: { file },
      });
    }
    if (found === 'folder') {
      throw new StagecraftError({
        code: 'invalid-input',
        message: `the config path ${file} is a folder, not a file`,
        fix: `name the file itself, e.g. ${resolve(file, CONFIG_FILE_NAMES[0])}`,
        location: { file },
      });
    }
    return file;
  }
  for (const name of CONFIG_FILE_NAMES) {
    const file = resolve(cwd, name);
    if ((await kind(file)) === 'file') return file;
  }
  return null;
}

function withAbsoluteCalibration(config: StagecraftConfig, file: string): StagecraftConfig {
  const calibration = config.compare?.calibration;
  if (config.compare === undefined || calibration === undefined) return config;
  return { ...config, compare: { ...config.compare, calibration: resolve(dirname(file), calibration) } };
}

/**
 * Loads the stagecraft config. With `file`, that file must exist; without it, the first of
 * {@link CONFIG_FILE_NAMES} in `cwd` is used, and none gives an empty config (`file: null`).
 * `.ts`/`.js` (and `.mts`/`.mjs`/`.cts`/`.cjs`) files are imported and their default export
 * is used; `.json` files are parsed. The value is then validated ({@link validateConfig}); all
 * problems are reported together. `compare.calibration` is resolved against the config file's
 * folder.
 *
 * @throws StagecraftError `file-not-found` when `file` does not exist; `invalid-input` when the
 *   file cannot be loaded or parsed (with line and column for JSON) or the config is invalid
 *   (every problem in `problems`, each with its key path and, where found, line).
 */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const file = await findConfigFile(options);
  if (file === null) return { config: {}, file: null };
  const extension = extname(file).toLowerCase();
  let value: unknown;
  let text: string | undefined;
  if (extension === '.json') {
    ({ value, text } = await parseJsonConfig(file));
  } else if (MODULE_EXTENSIONS.has(extension)) {
    value = await importConfig(file);
    text = await readFile(file, 'utf8').catch(() => undefined);
  } else {
    throw new StagecraftError({
      code: 'invalid-input',
      message: `the config file ${file} has an unsupported extension "${extension || basename(file)}"`,
      fix: 'use a .ts, .js or .json config file',
      location: { file },
    });
  }
  const validation = validateConfig(value, text === undefined ? { file } : { file, text });
  if (!validation.ok) {
    const { problems } = validation;
    // With several problems the CLI prints each one (with its location) before this summary.
    const only = problems.length === 1 ? `: ${problems[0]?.message ?? ''}` : ' (listed above)';
    throw new StagecraftError(
      {
        code: 'invalid-input',
        message: `${problems.length} problem(s) in the config file ${file}${only}`,
        fix: `fix the listed keys in ${basename(file)}; budgets are fractions (0.05 = 5%), and fail: null makes a metric informational`,
        location: problems.length === 1 ? (problems[0]?.location ?? { file }) : { file },
      },
      { problems },
    );
  }
  return { config: withAbsoluteCalibration(validation.config, file), file };
}
