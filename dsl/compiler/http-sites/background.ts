import { RequestWorker } from '../request-worker.js';
import { EndpointDeclarations } from './endpoint-declarations.js';
import { compileHttpCalls, type CompiledHttpCalls, type SourceToCompile } from './rewrite-source.js';

/**
 * Compiles HTTP call sites in a worker thread, so that loading TypeScript's parser and parsing
 * the files overlap with the main thread's work; the result is the same as calling
 * `compileHttpCalls` directly, which is what happens when the worker cannot run.
 */

/** A request to the worker: load the parser now, or compile one file's calls. */
export type HttpCallsRequest =
  | { readonly kind: 'warm' }
  | { readonly kind: 'compile'; readonly generation: number; readonly source: SourceToCompile; readonly helperModule: string };

/** The worker's answer: nothing for `warm`. */
export type HttpCallsReply = CompiledHttpCalls | undefined;

const worker = new RequestWorker<HttpCallsRequest, HttpCallsReply>(new URL('./thread.ts', import.meta.url), 'HTTP call site');

let generations = 0;

/** Compiles the HTTP calls of the files of one compile (endpoint declarations are read once per compile). */
export type HttpCallCompiler = (source: SourceToCompile) => Promise<CompiledHttpCalls>;

/** Starts the worker and has it load TypeScript's parser, before the first file arrives. */
export function warmHttpCallCompiler(): void {
  worker.request({ kind: 'warm' }).catch(() => undefined);
}

/** A compiler for the files of one compile, writing calls to `helperModule`'s functions. */
export function httpCallCompiler(helperModule: string): HttpCallCompiler {
  generations += 1;
  const generation = generations;
  let local: EndpointDeclarations | undefined;
  return async (source) => {
    if (local === undefined) {
      try {
        const reply = await worker.request({ kind: 'compile', generation, source, helperModule });
        if (reply !== undefined) return reply;
      } catch {
        // the worker cannot run here: compile on this thread from now on
      }
    }
    local ??= new EndpointDeclarations();
    return compileHttpCalls(source, local, helperModule);
  };
}
