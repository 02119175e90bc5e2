import type { Problem } from '../../core/errors.js';
import { RequestWorker } from './request-worker.js';
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
  readonly files: readonly string[];
  readonly root: string;
}

/** The worker thread's answer to a {@link TypeCheckRequest}. */
export interface TypeCheckReply {
  readonly problems: readonly Problem[];
  readonly blocked: readonly string[];
  readonly durationMs: number;
}

const worker = new RequestWorker<TypeCheckRequest, TypeCheckReply>(new URL('./typecheck-thread.ts', import.meta.url), 'type-check');

async function checkInWorker(files: readonly string[], options: TypeCheckOptions): Promise<TypeCheckResult> {
  const reply = await worker.request({ files, root: options.root });
  return { problems: reply.problems, blocked: new Set(reply.blocked), durationMs: reply.durationMs };
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
