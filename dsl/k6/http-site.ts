import type { HttpEndpoint } from '../http.js';
import { prepareEndpoint, prepareSite, type PreparedEndpoint, type PreparedSite } from './http-call.js';

/**
 * What a compiled HTTP call site needs at run time. The compiler (`dsl/compiler/http-sites/`)
 * turns `vu.http(endpoint, { ... })` calls it can read into straight-line code (inline, or a
 * function per call site) that builds the URL, sends the request with k6's function for the
 * method and runs the checks, as a hand-written script does; these helpers are the parts that
 * code shares. Everything is prepared once per VU and call site.
 */

/** Re-exported so compiled sites import everything they use from one module. */
export { bodyText, isJsonBody, paramsWith, pathValue, queryValue, requestHeaders, resultOf, sendRequest, serviceBaseUrl, serviceHeaders } from './http-call.js';

/** The runtime's own `vu` (a live binding): a compiled site whose receiver is anything else makes the general `vu.http` call. */
export { activeVu } from './runtime.js';

/** Fails unless the endpoint has the method and path template the compiler read from its declaration. */
function assertCompiledAs(endpoint: HttpEndpoint, method: string, path: string): void {
  if (endpoint.method !== method || endpoint.path !== path) {
    throw new Error(
      `stagecraft: endpoint "${endpoint.name}" is ${endpoint.method} ${endpoint.path} at run time, but the compiler read ${method} ${path} from its declaration; recompile the scenario`,
    );
  }
}

/**
 * Prepares an endpoint for a call site that adds no headers or tags of its own and hands no
 * result to its flow (the site keeps it for the rest of the VU's life): the base URL, the
 * params for a body that is (`json`) or is not JSON, and the check tags. Fails unless it is
 * the endpoint the compiler read from the source (same method and path template), since the
 * compiled URL and k6 function depend on both.
 */
export function prepareHttpSite(endpoint: HttpEndpoint, method: string, path: string, json: boolean): PreparedSite {
  assertCompiledAs(endpoint, method, path);
  return prepareSite(endpoint, json);
}

/** Like {@link prepareHttpSite}, with everything the general path prepares, for any other call site. */
export function prepareFullHttpSite(endpoint: HttpEndpoint, method: string, path: string): PreparedEndpoint {
  assertCompiledAs(endpoint, method, path);
  return prepareEndpoint(endpoint);
}
