import { build, type Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Envelope, ReplyEnvelope } from './worker-protocol.js';

/**
 * Request/reply over a worker thread whose entry is a TypeScript module, for compiler work that
 * should run beside the main thread (TypeScript's API runs only on the thread that calls it).
 * The worker starts on the first request, stays for later requests (what it has loaded stays
 * cached) and does not keep the process alive while idle.
 */

/**
 * Gives every bundled module its own `import.meta.url` (CommonJS has none), which modules use
 * to find files and packages relative to themselves.
 */
const ownImportMetaUrl: Plugin = {
  name: 'stagecraft-own-import-meta-url',
  setup(plugin) {
    plugin.onLoad({ filter: /\.m?ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replace(/\bimport\.meta\.url\b/g, JSON.stringify(pathToFileURL(args.path).href)),
      loader: 'ts',
    }));
  },
};

/**
 * The worker's code: the TypeScript entry and the project modules it imports, bundled by
 * esbuild into one CommonJS script (packages stay `require`d). Bundling takes milliseconds; a
 * worker that registered a TypeScript loader instead (tsx) spent about 0.15 s of CPU starting.
 */
async function workerSource(entry: URL): Promise<string> {
  const bundled = await build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    logLevel: 'silent',
    plugins: [ownImportMetaUrl],
  });
  const [output] = bundled.outputFiles;
  if (output === undefined) throw new Error(`esbuild produced no code for ${entry.href} (please report this as a bug)`);
  return output.text;
}

interface Pending<Reply> {
  readonly resolve: (reply: Reply) => void;
  readonly reject: (error: Error) => void;
}

/** The main thread's side: sends requests to the worker running `entry`, which calls {@link serveRequests}. */
export class RequestWorker<Request, Reply> {
  private worker: Promise<Worker> | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending<Reply>>();

  /** `what` names the worker in errors ("the type-check thread failed: ..."). */
  constructor(
    private readonly entry: URL,
    private readonly what: string,
  ) {}

  private failAll(thread: Promise<Worker>, error: Error): void {
    if (this.worker === thread) this.worker = undefined;
    for (const request of this.pending.values()) request.reject(error);
    this.pending.clear();
  }

  private async start(): Promise<Worker> {
    const thread = new Worker(await workerSource(this.entry), {
      eval: true,
      // Not the parent's flags (a loader such as tsx): the worker's code is plain JavaScript.
      execArgv: [],
    });
    const started = this.worker as Promise<Worker>;
    thread.on('message', (envelope: ReplyEnvelope<Reply>) => {
      const request = this.pending.get(envelope.id);
      if (request === undefined) return;
      this.pending.delete(envelope.id);
      if (this.pending.size === 0) thread.unref();
      if (envelope.ok) request.resolve(envelope.reply);
      else request.reject(new Error(`the ${this.what} thread failed: ${envelope.message}`));
    });
    thread.on('error', (error) => this.failAll(started, error));
    thread.on('exit', (code) => this.failAll(started, new Error(`the ${this.what} thread exited with code ${code}`)));
    return thread;
  }

  /** Sends a request; the promise rejects when the worker throws, cannot start or exits. */
  async request(request: Request): Promise<Reply> {
    this.worker ??= this.start();
    const starting = this.worker;
    let thread: Worker;
    try {
      thread = await starting;
    } catch (error) {
      if (this.worker === starting) this.worker = undefined;
      throw error;
    }
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
