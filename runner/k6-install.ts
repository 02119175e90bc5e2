import { spawn } from 'node:child_process';
import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StagecraftError } from '../core/errors.js';
import { projectRoot } from '../core/project.js';
import {
  MINIMUM_K6_MAJOR,
  PINNED_K6_VERSION,
  findK6OnPath,
  k6Major,
  readK6Version,
  toolsK6Path,
  type K6Binary,
} from './k6-binary.js';

/** The Go module that builds k6 v2 (`go install go.k6.io/k6/v2@v2.2.0`). */
export const K6_GO_MODULE = 'go.k6.io/k6/v2';

/** How {@link ensureK6} got its k6, plus how long an install took. */
export interface EnsureK6Result {
  readonly binary: K6Binary;
  readonly action: 'found-on-path' | 'reused-tools' | 'installed';
  readonly installSeconds?: number;
}

/**
 * Makes sure a usable k6 exists: `k6` on PATH if it is v1.0 or newer; else the pinned build in
 * `.tools/k6/bin/k6` if present; else builds k6 v2.2.0 there with `go install`. Fails with
 * `k6-install-failed` (or `k6-missing` when Go is absent) and a message saying how to install k6.
 */
export async function ensureK6(options: { root?: string; log?: (line: string) => void } = {}): Promise<EnsureK6Result> {
  const root = options.root ?? projectRoot();
  const log = options.log ?? (() => undefined);

  const onPath = await findK6OnPath();
  if (onPath) {
    const version = await readK6Version(onPath);
    if (version && k6Major(version) >= MINIMUM_K6_MAJOR) {
      return { binary: { path: onPath, version, source: 'PATH' }, action: 'found-on-path' };
    }
    log(`ignoring ${onPath} (k6 ${version ?? 'unknown version'}; stagecraft needs >= v${MINIMUM_K6_MAJOR}.0)`);
  }

  const target = toolsK6Path(root);
  const existing = await readK6Version(target);
  if (existing) return { binary: { path: target, version: existing, source: 'tools' }, action: 'reused-tools' };

  log(`building k6 v${PINNED_K6_VERSION} with go install (one time, ~2 minutes) into ${target}`);
  const started = Date.now();
  await goInstallK6(root, target);
  const version = await readK6Version(target);
  if (!version) {
    throw new StagecraftError({
      code: 'k6-install-failed',
      message: `go install finished but ${target} does not run as k6`,
      fix: 'delete the .tools folder and run "npm run k6:install" again',
    });
  }
  return {
    binary: { path: target, version, source: 'tools' },
    action: 'installed',
    installSeconds: (Date.now() - started) / 1000,
  };
}

/**
 * Runs `go install go.k6.io/k6/v2@v2.2.0` into a temporary GOBIN, then moves the binary into
 * place, so an interrupted build never leaves a broken k6 behind.
 *
 * `go install pkg@version` also looks up the module's newest version to check for deprecations:
 * it reads the version list, then that version's go.mod. Some module mirrors serve pinned
 * versions but not the list (HTTP 404), and go then falls back to fetching go.k6.io directly,
 * which fails on a machine that only reaches the mirror. So a local `file://` index is put in
 * front of the configured proxy, answering that lookup with the pinned version: its list, and
 * the `.info` and `.mod` files that `go mod download` (which makes no such lookup) fetched from
 * the configured proxy and checked against the checksum database. Every module is still
 * downloaded from the configured proxy.
 */
async function goInstallK6(root: string, target: string): Promise<void> {
  const toolsDir = join(root, '.tools');
  const upstream = process.env['GOPROXY'] && process.env['GOPROXY'] !== '' ? process.env['GOPROXY'] : 'https://proxy.golang.org,direct';
  const goFlags = [process.env['GOFLAGS'], '-trimpath'].filter(Boolean).join(' ');
  await mkdir(toolsDir, { recursive: true });

  const pinned = `${K6_GO_MODULE}@v${PINNED_K6_VERSION}`;
  const download = await runGo(['mod', 'download', '-json', pinned], { ...process.env, GOPROXY: upstream, GOFLAGS: goFlags }, toolsDir);
  if (download.code !== 0) throw goFailure(download, `go mod download ${pinned}`);
  const index = join(toolsDir, 'goproxy-index');
  await writePinnedVersionIndex(join(index, ...K6_GO_MODULE.split('/'), '@v'), download.stdout);

  const stagingBin = join(toolsDir, `k6-build-${process.pid}`);
  await rm(stagingBin, { recursive: true, force: true });
  const env = {
    ...process.env,
    GOBIN: stagingBin,
    GOPROXY: `${pathToFileURL(index).href},${upstream}`,
    CGO_ENABLED: '0',
    GOFLAGS: goFlags,
  };
  const result = await runGo(['install', pinned], env, toolsDir);
  if (result.code !== 0) {
    await rm(stagingBin, { recursive: true, force: true });
    throw goFailure(result, `go install ${pinned}`);
  }
  await mkdir(dirname(target), { recursive: true });
  await rename(join(stagingBin, 'k6'), target);
  await rm(stagingBin, { recursive: true, force: true });
}

/**
 * Writes a module proxy's `@v` folder for the pinned k6 version alone: `list`, plus the `.info`
 * and `.mod` files named by `go mod download -json` output.
 */
async function writePinnedVersionIndex(versionDir: string, downloadJson: string): Promise<void> {
  const downloaded = parseDownload(downloadJson);
  await mkdir(versionDir, { recursive: true });
  await copyFile(downloaded.info, join(versionDir, `v${PINNED_K6_VERSION}.info`));
  await copyFile(downloaded.goMod, join(versionDir, `v${PINNED_K6_VERSION}.mod`));
  await writeFile(join(versionDir, 'list'), `v${PINNED_K6_VERSION}\n`);
}

function parseDownload(json: string): { info: string; goMod: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    parsed = undefined;
  }
  const record = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const info = record['Info'];
  const goMod = record['GoMod'];
  if (typeof info !== 'string' || typeof goMod !== 'string') {
    throw new StagecraftError({
      code: 'k6-install-failed',
      message: `go mod download ${K6_GO_MODULE}@v${PINNED_K6_VERSION} printed no Info and GoMod paths:\n${json.trim().slice(0, 500)}`,
      fix: 'check that "go mod download -json" works on this machine (GOPROXY, GOFLAGS), then run "npm run k6:install" again',
    });
  }
  return { info, goMod };
}

/** The error for a failed `go` command: `k6-missing` when Go itself is absent. */
function goFailure(result: GoResult, command: string): StagecraftError {
  return new StagecraftError({
    code: result.code === null ? 'k6-missing' : 'k6-install-failed',
    message:
      result.code === null
        ? `Go was not found, so k6 v${PINNED_K6_VERSION} cannot be built (${result.output.trim()})`
        : `${command} failed:\n${result.output.trim().split('\n').slice(-15).join('\n')}`,
    fix: 'install Go >= 1.25 (https://go.dev/dl/) and run "npm run k6:install" again, or install k6 >= 1.0 on PATH (https://grafana.com/docs/k6/latest/set-up/install-k6/)',
  });
}

/** What a `go` command printed: `stdout` alone, and both streams interleaved in `output`. */
interface GoResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly output: string;
}

function runGo(args: readonly string[], env: NodeJS.ProcessEnv, cwd: string): Promise<GoResult> {
  return new Promise((resolvePromise) => {
    let stdout = '';
    let output = '';
    const child = spawn('go', args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => resolvePromise({ code: null, stdout, output: error.message }));
    child.on('close', (code) => resolvePromise({ code: code ?? 1, stdout, output }));
  });
}
