import type { HttpEndpoint, HttpServiceOptions } from '../../http.js';
import { SITE_NAMES, type DirectPreparation } from '../http-sites/emit-call-site.js';

/**
 * How a compiled call site in a direct entry's flow prepares its request: from the endpoint the
 * compiler evaluated, written as code, since the script has no endpoint objects at run time.
 * What is known at compile time (tags, timeout, a literal base URL, the JSON content type) is a
 * literal, as in a hand-written script; what comes from `__ENV` (base URL, headers, auth) is
 * read when the VU first reaches the site, by the runtime's own functions. Only names of
 * environment variables are written, never their values.
 */

const H = SITE_NAMES.helpers;

/** Code for a JSON value (stable key order as written). */
function literal(value: unknown): string {
  return JSON.stringify(value);
}

/** The service options the run-time functions read (no other property the options may carry). */
function optionsLiteral(options: HttpServiceOptions): string {
  const known: Partial<Record<keyof HttpServiceOptions, unknown>> = { baseUrl: options.baseUrl };
  if (options.headers !== undefined) known.headers = options.headers;
  if (options.auth !== undefined) known.auth = options.auth;
  if (options.timeout !== undefined) known.timeout = options.timeout;
  return literal(known);
}

/** Code for the base URL: a literal, or read from `__ENV` by the runtime. */
function baseCode(endpoint: HttpEndpoint): string {
  const { baseUrl } = endpoint.service.options;
  if (typeof baseUrl === 'string') return literal(baseUrl.replace(/\/+$/, ''));
  return `${H.serviceBaseUrl}(${literal(baseUrl)}, ${literal(endpoint.service.name)})`;
}

/** Code for the request headers, or undefined when there are none (no service headers or auth, no JSON body). */
function headersCode(endpoint: HttpEndpoint, json: boolean): string | undefined {
  const { headers, auth } = endpoint.service.options;
  if (headers === undefined && auth === undefined) return json ? literal({ 'content-type': 'application/json' }) : undefined;
  const own: Pick<HttpServiceOptions, 'headers' | 'auth'> = { ...(headers === undefined ? {} : { headers }), ...(auth === undefined ? {} : { auth }) };
  return `${H.requestHeaders}(${H.serviceHeaders}(${literal(own)}, ${literal(endpoint.service.name)}), ${json})`;
}

/** Code for the params k6 gets: what the runtime's `requestParams` builds, as a literal. */
function paramsCode(endpoint: HttpEndpoint, json: boolean): string {
  const entries: string[] = [];
  const headers = headersCode(endpoint, json);
  if (headers !== undefined) entries.push(`headers: ${headers}`);
  entries.push(`tags: ${literal({ service: endpoint.service.name, endpoint: endpoint.name, name: endpoint.path })}`);
  const timeout = endpoint.service.options.timeout;
  if (timeout !== undefined) entries.push(`timeout: ${literal(timeout)}`);
  const statuses = endpoint.expectedStatuses;
  if (statuses !== undefined) entries.push(`responseCallback: ${SITE_NAMES.http}.expectedStatuses(${statuses.map((status) => literal(status)).join(', ')})`);
  return `{ ${entries.join(', ')} }`;
}

/** The endpoint as a plain object with what the runtime's `prepareEndpoint` reads. */
function endpointLiteral(endpoint: HttpEndpoint): string {
  const statuses = endpoint.expectedStatuses === undefined ? '' : `, expectedStatuses: ${literal(endpoint.expectedStatuses)}`;
  const service = `{ name: ${literal(endpoint.service.name)}, options: ${optionsLiteral(endpoint.service.options)} }`;
  return `{ kind: "http-endpoint", name: ${literal(endpoint.name)}, method: ${literal(endpoint.method)}, path: ${literal(endpoint.path)}${statuses}, service: ${service} }`;
}

/** How a direct entry's site prepares requests to `endpoint` (see {@link DirectPreparation}). */
export function directPreparation(endpoint: HttpEndpoint): DirectPreparation {
  return {
    site: (json) => `{ base: ${baseCode(endpoint)}, params: ${paramsCode(endpoint, json)}, checkTags: ${literal({ service: endpoint.service.name, endpoint: endpoint.name })} }`,
    endpoint: `${H.prepareFullHttpSite}(${endpointLiteral(endpoint)}, ${literal(endpoint.method)}, ${literal(endpoint.path)})`,
  };
}
