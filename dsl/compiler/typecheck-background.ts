import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Problem } from '../../core/errors.js';
import type { TypeCheckOptions, TypeCheckResult } from './typecheck.js';
import { nativeTscPath, typeCheckNative } from './typecheck-native.js';

/**
 * Runs the compile-time type check off the calling thread: the native `tsc` when installed,
 * otherwise `typeCheckScenarios` (`typecheck.ts`) in a worker thread, so that the compiler loads,
 * validates and bundles the scenarios while TypeScript checks them: the check is the slowest
 * step of a compile, and TypeScript runs only on the thread that calls it. The worker is
 * started on first use, kept for later compiles in the same process (its parsed library files
 * stay cached) and does not keep the process alive. If the worker cannot run, the check runs
 * on the calling thread instead, with the same result.
 */

/** A request to the worker thread. */
export interface TypeCheckRequest {
  readonly id: number;
  readonly files: readonly string[];
  readonly root: string;
}

/** The worker thread's answer to a {@link TypeCheckRequest}. */
export type TypeCheckReply =
  | { readonly id: number; readonly ok: true; readonly problems: readonly Problem[]; readonly blocked: readonly string[]; readonly durationMs: number }
  | { readonly id: number; readonly ok: false; readonly message: string };

/**
 * The worker's bootstrap (CommonJS, evaluated): registers tsx's ESM loader, which a worker does
 * not inherit from the main thread (and which tsx's own entry registers on the main thread
 * only), then imports the TypeScript entry.
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi).then(({ register }) => {
  register();
  return import(workerData.entry);
});
`;

/** URL of tsx's ESM API (`tsx/esm/api` with the `import` condition). */
function tsxEsmApi(): string {
  // import.meta.resolve is missing when a test runner transforms this module.
  if (typeof import.meta.resolve === 'function') return import.meta.resolve('tsx/esm/api');
  return pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs')).href;
}

interface Pending {
  readonly resolve: (result: TypeCheckResult) => void;
  readonly reject: (error: Error) => void;
}

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

function failAll(thread: Worker, error: Error): void {
  if (worker === thread) worker = undefined;
  for (const request of pending.values()) request.reject(error);
  pending.clear();
}

function startWorker(): Worker {
  const thread = new Worker(BOOTSTRAP, {
    eval: true,
    // Not the parent's flags: a parent started with `--import tsx` would register tsx twice.
    execArgv: [],
    workerData: { tsxApi: tsxEsmApi(), entry: new URL('./typecheck-thread.ts', import.meta.url).href },
  });
  thread.on('message', (reply: TypeCheckReply) => {
    const request = pending.get(reply.id);
    if (request === undefined) return;
    pending.delete(reply.id);
    if (pending.size === 0) thread.unref();
    if (reply.ok) request.resolve({ problems: reply.problems, blocked: new Set(reply.blocked), durationMs: reply.durationMs });
    else request.reject(new Error(`the type-check thread failed: ${reply.message}`));
  });
  thread.on('error', (error) => failAll(thread, error));
  thread.on('exit', (code) => failAll(thread, new Error(`the type-check thread exited with code ${code}`)));
  return thread;
}

function checkInWorker(files: readonly string[], options: TypeCheckOptions): Promise<TypeCheckResult> {
  worker ??= startWorker();
  const thread = worker;
  const id = nextId;
  nextId += 1;
  return new Promise<TypeCheckResult>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    thread.ref();
    const request: TypeCheckRequest = { id, files, root: options.root };
    thread.postMessage(request);
  });
}

/** Which checker {@link typeCheckInBackground} uses: `auto` prefers the native `tsc`. */
export type TypeChecker = 'auto' | 'native' | 'in-process';

function checkerFromEnvironment(): TypeChecker {
  const value = process.env['STAGECRAFT_TYPECHECK'];
  return value === 'native' || value === 'in-process' ? value : 'auto';
}

/**
 * Type-checks scenario files like `typeCheckScenarios`, off the caller's thread: with
 * TypeScript 7's native `tsc` in a child process when it is installed (`typecheck-native.ts`),
 * else in a worker thread, else (if the worker cannot run) on this thread. Every way gives the
 * same result; the returned promise settles while the caller's thread does other work.
 * `STAGECRAFT_TYPECHECK=in-process` forces the TypeScript 5 API (e.g. to compare the two).
 */
export async function typeCheckInBackground(files: readonly string[], options: TypeCheckOptions, checker: TypeChecker = checkerFromEnvironment()): Promise<TypeCheckResult> {
  const native = checker === 'in-process' ? undefined : nativeTscPath();
  if (native !== undefined) return typeCheckNative(native, files, options);
  if (checker === 'native') throw new Error(`the native TypeScript compiler (@typescript/typescript-${process.platform}-${process.arch}) is not installed; run "npm install" with optional dependencies`);
  try {
    return await checkInWorker(files, options);
  } catch {
    const { typeCheckScenarios } = await import('./typecheck.js');
    return typeCheckScenarios(files, options);
  }
}
