/**
 * Entry of the worker thread that type-checks scenarios for `typeCheckInBackground`
 * (`typecheck-background.ts`). It answers each request with what `typeCheckScenarios` found and
 * stays alive between requests, so the parsed library files stay cached for the next compile.
 */
import { parentPort } from 'node:worker_threads';
import { typeCheckScenarios } from './typecheck.js';
import type { TypeCheckReply, TypeCheckRequest } from './typecheck-background.js';

const port = parentPort;
if (port === null) throw new Error('typecheck-thread.ts runs only as a worker thread (please report this as a bug)');

port.on('message', (request: TypeCheckRequest) => {
  let reply: TypeCheckReply;
  try {
    const result = typeCheckScenarios(request.files, { root: request.root });
    reply = { id: request.id, ok: true, problems: result.problems, blocked: [...result.blocked], durationMs: result.durationMs };
  } catch (error) {
    reply = { id: request.id, ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(reply);
});
