import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, readdir } from 'node:fs/promises';
import { cpus, hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { writeJsonAtomic } from '../core/atomic-write.js';
import { StagecraftError } from '../core/errors.js';
import { RunFiles, type RunManifest, type RunOutcome } from '../core/run-manifest.js';
import type { ScenarioMetadata } from '../core/scenario-metadata.js';
import { gitState } from './git.js';
import { k6Environment, requireK6, type K6Binary } from './k6-binary.js';
import { runInstances, type LaunchK6 } from './distributed/run-instances.js';
import { createRunFolder } from './run-folder.js';
import { resourceWarningLines, startRunSampling } from './resources/run-sampling.js';
import type { ResourceTarget } from './resources/targets.js';

/** Options of {@link runScenario}. */
export interface RunScenarioOptions {
  /** A scenario name (`generated/<name>.js`) or a path to a k6 script. */
  readonly scenario: string;
  /** Side of the experiment, e.g. `baseline` or `refactor`. */
  readonly label: string;
  /** How many runs, one after the other (default 1). */
  readonly repeat?: number;
  /** Results folder; runs go to `<results>/<scenario>/<run id>/` (default `results`). */
  readonly resultsDir?: string;
  /** Environment overrides for k6 (`__ENV`), e.g. the target URL. */
  readonly env?: Readonly<Record<string, string>>;
  /** Tags added to every sample (`k6 run --tag`). */
  readonly tags?: Readonly<Record<string, string>>;
  /** Project folder holding `generated/` (default: current directory). */
  readonly root?: string;
  readonly k6?: K6Binary;
  /** Server-side targets sampled once per second while k6 runs (`--resource`; see docs/resources.md). */
  readonly resources?: readonly ResourceTarget[];
  /** Progress lines for the user. */
  readonly log?: (line: string) => void;
  /** Split each run across this many concurrent k6 processes by execution segments (default 1). */
  readonly instances?: number;
}

/** One finished run: its folder and manifest. */
export interface RunRecord {
  readonly folder: string;
  readonly manifest: RunManifest;
}

/** Labels name folders, so they are restricted to safe characters. */
const LABEL = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** Environment keys whose values are never written to a manifest. */
const SECRET_LOOKING = /(TOKEN|SECRET|PASSW|PWD|API_?KEY|PRIVATE|CREDENTIAL|AUTH|COOKIE|SESSION|SIGNATURE)/i;

/** Locates the script of a scenario name or path; unknown names list the compiled scenarios. */
export async function resolveScript(scenario: string, root: string): Promise<{ name: string; script: string; metadata: ScenarioMetadata | null }> {
  const generated = join(root, 'generated');
  const asPath = resolve(root, scenario);
  const script = /\.(js|ts|tar)$/.test(scenario) && existsSync(asPath) ? asPath : join(generated, `${scenario}.js`);
  const name = basename(script).replace(/\.(js|ts|tar)$/, '');
  if (!existsSync(script)) {
    const available = existsSync(generated) ? (await readdir(generated)).filter((file) => file.endsWith('.js')).map((file) => file.slice(0, -3)) : [];
    throw new StagecraftError({
      code: 'unknown-scenario',
      message: `no compiled scenario "${scenario}" (looked for ${script})`,
      fix: available.length > 0 ? `use one of: ${available.join(', ')}, or run "npx stagecraft compile" first` : 'run "npx stagecraft compile" first, or pass the path of a k6 script',
    });
  }
  const metadataFile = join(dirname(script), `${name}.stagecraft.json`);
  const metadata = existsSync(metadataFile) ? (JSON.parse(await readFile(metadataFile, 'utf8')) as ScenarioMetadata) : null;
  return { name, script, metadata };
}

/** Copies the environment for the manifest, replacing values of secrets and secret-looking keys. */
export function redactEnvironment(env: Readonly<Record<string, string>>, metadata: ScenarioMetadata | null): Record<string, string> {
  const declaredSecrets = new Set((metadata?.environment ?? []).filter((variable) => variable.secret).map((variable) => variable.name));
  const redacted: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) redacted[key] = declaredSecrets.has(key) || SECRET_LOOKING.test(key) ? '<redacted>' : value;
  return redacted;
}

/** Maps a k6 exit code to how the run ended (99 = thresholds failed, still a complete run). */
export function outcomeOf(exitCode: number | null, signal: string | null): RunOutcome {
  if (exitCode === 0) return 'passed';
  if (exitCode === 99) return 'thresholds-failed';
  if (signal !== null || exitCode === 105 || exitCode === 130) return 'interrupted';
  return 'failed';
}

function runK6(binary: K6Binary, argv: readonly string[], env: Readonly<Record<string, string>>, logFile: string, onSpawn?: (pid: number) => void): Promise<{ exitCode: number | null; signal: string | null }> {
  return new Promise((resolvePromise, reject) => {
    const log = createWriteStream(logFile);
    const child = spawn(binary.path, argv, { env: k6Environment(env), stdio: ['ignore', 'pipe', 'pipe'] });
    if (child.pid !== undefined) onSpawn?.(child.pid);
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
    process.once('SIGINT', forward);
    process.once('SIGTERM', forward);
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      log.end(() => resolvePromise({ exitCode, signal }));
    });
  });
}

async function tailOf(file: string, lines: number): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/**
 * Runs a compiled scenario with real k6, `repeat` times. Each run gets a new folder (never
 * reused) with k6's JSON output (gzip), its summary export, its log and a manifest. Threshold
 * failures (exit 99) are recorded and the series goes on; any other k6 failure stops it with
 * a `k6-failed` error after its manifest is written.
 */
export async function runScenario(options: RunScenarioOptions): Promise<RunRecord[]> {
  if (!LABEL.test(options.label)) {
    throw new StagecraftError({ code: 'usage', message: `label "${options.label}" is not usable as a folder name`, fix: 'use letters, digits, ".", "_" or "-" (e.g. baseline, refactor)' });
  }
  const root = resolve(options.root ?? process.cwd());
  const { name, script, metadata } = await resolveScript(options.scenario, root);
  const k6 = options.k6 ?? (await requireK6());
  const repeat = options.repeat ?? 1;
  const instances = options.instances ?? 1;
  const seriesFolder = join(resolve(root, options.resultsDir ?? 'results'), name);
  await mkdir(seriesFolder, { recursive: true });
  const env = options.env ?? {};
  const tags = options.tags ?? {};
  const git = await gitState(root);
  const records: RunRecord[] = [];

  for (let index = 1; index <= repeat; index += 1) {
    const contentHash = `sha256:${createHash('sha256').update(await readFile(script)).digest('hex')}`;
    const { folder, runId } = await createRunFolder(seriesFolder, options.label);
    const argv = [
      'run',
      '--out', `json=${join(folder, RunFiles.samples)}`,
      '--summary-export', join(folder, RunFiles.summary),
      ...Object.entries(tags).flatMap(([key, value]) => ['--tag', `${key}=${value}`]),
      script,
    ];
    options.log?.(`run ${runId} (${index}/${repeat}): k6 run ${basename(script)}`);
    const startedAt = new Date();
    const sampler = startRunSampling(options.resources, folder);
    const launch: LaunchK6 = (args, logFile) => runK6(k6, args, env, logFile, (pid) => sampler?.exclude(pid));
    const split = instances > 1 ? await runInstances({ k6, script, folder, runId, instances, env, tags, metadata, launch, outcomeOf, ...(options.log ? { log: options.log } : {}) }).finally(() => sampler?.stop()) : null;
    const { exitCode, signal } = split ?? (await launch(argv, join(folder, RunFiles.log)).finally(() => sampler?.stop()));
    const resources = await sampler?.stop();
    const endedAt = new Date();
    const manifest: RunManifest = {
      schemaVersion: 1,
      runId,
      label: options.label,
      repeat: { index, of: repeat },
      scenario: { name, script, contentHash, metadata },
      k6: { version: k6.version, binary: k6.path, argv: split?.argv ?? argv, exitCode, signal, outcome: outcomeOf(exitCode, signal) },
      git,
      startedAt: startedAt.toISOString(),
      endedAt: endedAt.toISOString(),
      durationMs: endedAt.getTime() - startedAt.getTime(),
      env: redactEnvironment(env, metadata),
      tags,
      files: RunFiles,
      host: { hostname: hostname(), platform: `${process.platform}-${process.arch}`, cpus: cpus().length, node: process.version },
      ...(resources === undefined ? {} : { resources }),
      ...(split === null ? {} : { distributed: split.record }),
    };
    for (const line of resourceWarningLines(runId, resources?.warnings ?? [])) options.log?.(line);
    await writeJsonAtomic(join(folder, RunFiles.manifest), manifest);
    records.push({ folder, manifest });
    options.log?.(`run ${runId}: ${manifest.k6.outcome} (k6 exit ${exitCode ?? signal}) in ${(manifest.durationMs / 1000).toFixed(1)}s`);

    if (manifest.k6.outcome === 'interrupted') {
      throw new StagecraftError({ code: 'interrupted', message: `k6 was interrupted during run ${runId}; its folder is kept and marked interrupted`, fix: 'run again' });
    }
    if (manifest.k6.outcome === 'failed') {
      const logFile = join(folder, RunFiles.log);
      throw new StagecraftError({
        code: 'k6-failed',
        message: `k6 exited with code ${exitCode} in run ${runId}; last lines of ${logFile}:\n${await tailOf(logFile, 12)}`,
        fix: 'fix the script or the service under test (see the k6 log); the run folder is kept with outcome "failed"',
      });
    }
  }
  return records;
}
