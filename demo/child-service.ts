import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { StagecraftError } from '../core/errors.js';
import type { Variant } from './latency-model.js';
import type { RunningService } from './service-options.js';

const ENTRY = fileURLToPath(new URL('./service-process.ts', import.meta.url));

/** A demo service running in a child process: where to reach it and its pid (for `--resource SERVICE=pid:PID`). */
export interface ChildService extends RunningService {
  readonly pid: number;
}

/**
 * Starts one demo service (`http` catalog or `grpc` inventory) in its own Node process on a
 * free loopback port, so its CPU and memory can be sampled by pid. The child ends when
 * `stop()` is called or when this process goes away (it watches its stdin).
 *
 * @throws StagecraftError `service-start-failed` when the child exits or prints nothing usable
 */
export async function startChildService(kind: 'http' | 'grpc', variant: Variant, seed: number): Promise<ChildService> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, kind, variant, String(seed)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const started = await new Promise<{ url: string; port: number }>((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const line = text.split('\n')[0];
      if (text.includes('\n') && line !== undefined) {
        try {
          resolve(JSON.parse(line) as { url: string; port: number });
        } catch {
          reject(new Error(`unexpected output: ${line}`));
        }
      }
    });
    child.once('exit', (code, signal) => reject(new Error(`exited with ${code ?? signal}`)));
    child.once('error', reject);
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw new StagecraftError({
      code: 'service-start-failed',
      message: `the demo ${kind} service (${variant}) did not start in its own process: ${(error as Error).message}`,
      fix: 'run "npx stagecraft demo-service" to see the service start on its own',
    });
  });
  let stopped: Promise<void> | undefined;
  return {
    ...started,
    pid: child.pid as number,
    stop() {
      stopped ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = once(child, 'exit');
        child.stdin.end();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      })();
      return stopped;
    },
  };
}

/** Both demo services of one variant, each in its own process. */
export interface ChildDemo {
  readonly variant: Variant;
  readonly http: ChildService;
  readonly grpc: ChildService;
  /** Stops both processes; idempotent. */
  stop(): Promise<void>;
}

/** Starts the catalog (HTTP) and inventory (gRPC) services of a variant in two child processes. */
export async function startChildDemo(variant: Variant, seed: number): Promise<ChildDemo> {
  const http = await startChildService('http', variant, seed);
  let grpc: ChildService;
  try {
    grpc = await startChildService('grpc', variant, seed);
  } catch (error) {
    await http.stop();
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    variant,
    http,
    grpc,
    stop() {
      stopped ??= Promise.all([http.stop(), grpc.stop()]).then(() => undefined);
      return stopped;
    },
  };
}
