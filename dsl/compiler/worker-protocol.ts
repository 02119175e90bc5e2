import { parentPort } from 'node:worker_threads';

/**
 * The messages between `RequestWorker` (`request-worker.ts`, main thread) and a worker's
 * `serveRequests`, in a module of its own so that worker code does not load the main
 * thread's side (esbuild).
 */

/** A request as it crosses to the worker. */
export interface Envelope<Request> {
  readonly id: number;
  readonly request: Request;
}

/** The worker's answer to an {@link Envelope}. */
export type ReplyEnvelope<Reply> = { readonly id: number; readonly ok: true; readonly reply: Reply } | { readonly id: number; readonly ok: false; readonly message: string };

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
