/**
 * Entry of the worker thread that compiles HTTP call sites for `background.ts`: TypeScript's
 * parser loads here (about 0.25 s) while the main thread loads and validates scenarios.
 */
import { serveRequests } from '../worker-protocol.js';
import type { HttpCallsReply, HttpCallsRequest } from './background.js';
import { EndpointDeclarations } from './endpoint-declarations.js';
import { compileHttpCalls } from './rewrite-source.js';
import { parseSource } from './syntax.js';

let generation = -1;
let declarations = new EndpointDeclarations();

serveRequests<HttpCallsRequest, HttpCallsReply>((request) => {
  if (request.kind === 'warm') {
    parseSource('warm.ts', 'vu.http(x, { query: { a: 1 } });');
    return undefined;
  }
  // A new compile reads service modules again: they may have changed since the last one.
  if (request.generation !== generation) {
    generation = request.generation;
    declarations = new EndpointDeclarations();
  }
  return compileHttpCalls(request.source, declarations, request.helperModule);
}, 'http-sites/thread.ts');
