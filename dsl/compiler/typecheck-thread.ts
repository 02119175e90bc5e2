/**
 * Entry of the worker thread that type-checks scenarios for `typeCheckInBackground`
 * (`typecheck-background.ts`). It answers each request with what `typeCheckScenarios` found and
 * stays alive between requests, so the parsed library files stay cached for the next compile.
 */
import { serveRequests } from './worker-protocol.js';
import { typeCheckScenarios } from './typecheck.js';
import type { TypeCheckReply, TypeCheckRequest } from './typecheck-background.js';

serveRequests<TypeCheckRequest, TypeCheckReply>((request) => {
  const result = typeCheckScenarios(request.files, { root: request.root });
  return { problems: result.problems, blocked: [...result.blocked], durationMs: result.durationMs };
}, 'typecheck-thread.ts');
