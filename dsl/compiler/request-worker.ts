import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, Worker } from 'node:worker_threads';

/**
 * Request/reply over a worker thread whose entry is a TypeScript module, for compiler work that
 * should run beside the main thread (TypeScript's API runs only on the thread that calls it).
 * The worker starts on the first request, stays for later requests (what it has loaded stays
 * cached) and does not keep the process alive while idle.
 */

/** A request as it crosses to the worker. */
interface Envelope<Request> {
  readonly id: number;
  readonly request: Request;
}

/** The worker's answer to an {@link Envelope}. */
type ReplyEnvelope<Reply> = { readonly id: number; readonly ok: true; readonly reply: Reply } | { readonly id: number; readonly ok: false; readonly message: string };

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

interface Pending<Reply> {
  readonly resolve: (reply: Reply) => void;
  readonly reject: (error: Error) => void;
}

/** The main thread's side: sends requests to the worker running `entry`, which calls {@link serveRequests}. */
export class RequestWorker<Request, Reply> {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending<Reply>>();

  /** `what` names the worker in errors ("the type-check thread failed: ..."). */
  constructor(
    private readonly entry: URL,
    private readonly what: string,
  ) {}

  private failAll(thread: Worker, error: Error): void {
    if (this.worker === thread) this.worker = undefined;
    for (const request of this.pending.values()) request.reject(error);
    this.pending.clear();
  }

  private start(): Worker {
    const thread = new Worker(BOOTSTRAP, {
      eval: true,
      // Not the parent's flags: a parent started with `--import tsx` would register tsx twice.
      execArgv: [],
      workerData: { tsxApi: tsxEsmApi(), entry: this.entry.href },
    });
    thread.on('message', (envelope: ReplyEnvelope<Reply>) => {
      const request = this.pending.get(envelope.id);
      if (request === undefined) return;
      this.pending.delete(envelope.id);
      if (this.pending.size === 0) thread.unref();
      if (envelope.ok) request.resolve(envelope.reply);
      else request.reject(new Error(`the ${this.what} thread failed: ${envelope.message}`));
    });
    thread.on('error', (error) => this.failAll(thread, error));
    thread.on('exit', (code) => this.failAll(thread, new Error(`the ${this.what} thread exited with code ${code}`)));
    return thread;
  }

  /** Sends a request; the promise rejects when the worker throws, cannot start or exits. */
  request(request: Request): Promise<Reply> {
    this.worker ??= this.start();
    const thread = this.worker;
    const id = this.nextId;
    this.nextId += 1;
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      thread.ref();
      const envelope: Envelope<Request> = { id, request };
      thread.postMessage(envelope);
    });
  }
}

/** The worker's side: answers each request with `handle`'s result, or its error's stack. */
export function serveRequests<Request, Reply>(handle: (request: Request) => Reply, entryName: string): void {
  const port = parentPort;
  if (port === null) throw new Error(`${entryName} runs only as a worker thread (please report this as a bug)`);
  port.on('message', (envelope: Envelope<Request>) => {
    let reply: ReplyEnvelope<Reply>;
    try {
      reply = { id: envelope.id, ok: true, reply: handle(envelope.request) };
    } catch (error) {
      reply = { id: envelope.id, ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    port.postMessage(reply);
  });
}
