import { check } from 'k6';
import { b64encode } from 'k6/encoding';
import http, { type RefinedParams, type RefinedResponse, type ResponseType } from 'k6/http';
import type { HttpAuth, HttpEndpoint } from '../http.js';
import type { HttpCall, HttpResult, QueryValues } from '../vu.js';
import { resolveConfigurable, resolveRecord } from './env.js';

/**
 * The HTTP side of the k6 runtime. Everything that does not change between requests (base
 * URL, service headers and auth, tags, the split path template, the expected-status rule) is
 * prepared once per endpoint and VU, so a request costs about what a hand-written
 * `http.request` does. Measured with `npm run bench:overhead`.
 */

/** An HTTP call with its path parameters as a plain record (the typed form is checked at the DSL boundary). */
export type UntypedHttpCall = Omit<HttpCall<'/'>, 'params'> & { readonly params?: Readonly<Record<string, string | number>> | undefined };

/** `'/items/{id}/tags/{tag}'` → `['/items/', 'id', '/tags/', 'tag', '']`: literals at even, names at odd indexes. */
export function splitPathTemplate(template: string): string[] {
  return template.split(/\{([^}]+)\}/);
}

/** Fills the names of a split path template with URL-encoded values. */
export function fillPath(parts: readonly string[], params: Readonly<Record<string, string | number>> | undefined, template: string): string {
  let path = parts[0] ?? '';
  for (let index = 1; index < parts.length; index += 2) {
    const name = parts[index] as string;
    const value = params?.[name];
    if (value === undefined) throw new Error(`stagecraft: path ${template} needs a value for {${name}}`);
    path += encodeURIComponent(value) + (parts[index + 1] ?? '');
  }
  return path;
}

/** Builds `?a=1&b=2` (k6 has no URLSearchParams). Arrays repeat the key. */
export function queryString(query: QueryValues | undefined): string {
  if (query === undefined) return '';
  let text = '';
  // Object.keys, not for...in, and typeof, not Array.isArray: cheaper in k6's JavaScript engine.
  const keys = Object.keys(query);
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index] as string;
    const value = query[key];
    const name = encodeURIComponent(key);
    if (typeof value === 'object') {
      for (const item of value) text += `${text === '' ? '?' : '&'}${name}=${encodeURIComponent(item)}`;
    } else {
      text += `${text === '' ? '?' : '&'}${name}=${encodeURIComponent(value as string | number | boolean)}`;
    }
  }
  return text;
}

/** The `authorization` header of a service's auth option (none when unset). */
export function authHeader(auth: HttpAuth | undefined, service: string): Record<string, string> {
  if (auth === undefined) return {};
  if ('bearer' in auth) return { authorization: `Bearer ${resolveConfigurable(auth.bearer, `service "${service}" bearer token`)}` };
  const username = resolveConfigurable(auth.basic.username, `service "${service}" user name`);
  const password = resolveConfigurable(auth.basic.password, `service "${service}" password`);
  return { authorization: `Basic ${b64encode(`${username}:${password}`)}` };
}

/**
 * A response as flows see it. Body, headers and timings are read from k6's response only when
 * a flow asks for them: each read converts a Go value into JavaScript, which a hand-written
 * script that never looks at them does not pay either.
 */
class Result implements HttpResult {
  // `declare`d and assigned in the constructor: a class field would be bundled as an
  // `Object.defineProperty` call, which costs k6's JavaScript engine microseconds per request.
  declare private readonly response: RefinedResponse<ResponseType | undefined>;
  declare readonly status: number;
  declare readonly ok: boolean;

  constructor(response: RefinedResponse<ResponseType | undefined>, status: number, ok: boolean) {
    this.response = response;
    this.status = status;
    this.ok = ok;
  }

  get body(): string | null {
    const body = this.response.body;
    return typeof body === 'string' ? body : null;
  }

  get headers(): Readonly<Record<string, string>> {
    return this.response.headers;
  }

  get durationMs(): number {
    return this.response.timings.duration;
  }

  json<T>(): T {
    const body = this.body;
    if (body === null) throw new Error('stagecraft: the response has no body (discardResponseBodies is on?)');
    return JSON.parse(body) as T;
  }
}

/** What never changes between requests to one endpoint. */
interface PreparedEndpoint {
  readonly base: string;
  readonly pathParts: readonly string[];
  /** Base URL and path of an endpoint without path parameters. */
  readonly staticUrl: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
  readonly checkTags: Readonly<Record<string, string>>;
  /** Reused for calls that add no headers, tags or body (k6 only reads it). */
  readonly params: RefinedParams<ResponseType>;
  /** Like {@link params}, with `content-type: application/json`, for JSON bodies. */
  readonly jsonParams: RefinedParams<ResponseType>;
  /** The endpoint's expected statuses; undefined for k6's default, 200–399. */
  readonly expectedStatuses: readonly number[] | undefined;
}

function prepare(endpoint: HttpEndpoint): PreparedEndpoint {
  const service = endpoint.service;
  const base = resolveConfigurable(service.options.baseUrl, `service "${service.name}" baseUrl`).replace(/\/+$/, '');
  const pathParts = splitPathTemplate(endpoint.path);
  const headers = { ...resolveRecord(service.options.headers, `service "${service.name}" header`), ...authHeader(service.options.auth, service.name) };
  const tags = { service: service.name, endpoint: endpoint.name, name: endpoint.path };
  // No `headers` key when there are none: k6 reads every key of the params on every request.
  const params: RefinedParams<ResponseType> = Object.keys(headers).length === 0 ? { tags } : { headers, tags };
  if (service.options.timeout !== undefined) params.timeout = service.options.timeout;
  const statuses = endpoint.expectedStatuses;
  if (statuses !== undefined) params.responseCallback = http.expectedStatuses(...statuses);
  return {
    base,
    pathParts,
    staticUrl: pathParts.length === 1 ? base + endpoint.path : undefined,
    headers,
    tags,
    checkTags: { service: service.name, endpoint: endpoint.name },
    params,
    jsonParams: { ...params, headers: { 'content-type': 'application/json', ...headers } },
    expectedStatuses: statuses,
  };
}

/** Per-request parameters with the call's headers and tags added (calls without them reuse the prepared ones). */
function paramsWith(prepared: PreparedEndpoint, call: UntypedHttpCall, jsonBody: boolean): RefinedParams<ResponseType> {
  const headers: Record<string, string> = { ...prepared.headers, ...call.headers };
  if (jsonBody) headers['content-type'] ??= 'application/json';
  return { ...prepared.params, headers, tags: call.tags === undefined ? prepared.tags : { ...prepared.tags, ...call.tags } };
}

/**
 * Performs HTTP requests for one VU, tagging each with `service`, `endpoint` and `name` (the
 * path template, so `/items/{id}` is one series however many ids are called) and running its
 * checks with the `service` and `endpoint` tags. Per request it does what a hand-written script
 * does (build the URL, stringify a JSON body, `http.request`, `check`) plus one map lookup and
 * the small {@link HttpResult} object.
 */
export class HttpCaller {
  private readonly prepared = new Map<HttpEndpoint, PreparedEndpoint>();

  call(endpoint: HttpEndpoint, call: UntypedHttpCall | undefined): HttpResult {
    let prepared = this.prepared.get(endpoint);
    if (prepared === undefined) {
      prepared = prepare(endpoint);
      this.prepared.set(endpoint, prepared);
    }
    let url = prepared.staticUrl ?? prepared.base + fillPath(prepared.pathParts, call?.params, endpoint.path);
    let body: string | null = null;
    let params = prepared.params;
    if (call !== undefined) {
      if (call.query !== undefined) url += queryString(call.query);
      const rawBody = call.body;
      const jsonBody = rawBody !== undefined && typeof rawBody !== 'string';
      if (typeof rawBody === 'string') body = rawBody;
      else if (jsonBody) body = JSON.stringify(rawBody);
      if (call.headers !== undefined || call.tags !== undefined) params = paramsWith(prepared, call, jsonBody);
      else if (jsonBody) params = prepared.jsonParams;
    }
    const response = http.request(endpoint.method, url, body, params);
    const status = response.status;
    const expected = prepared.expectedStatuses;
    const result = new Result(response, status, expected === undefined ? status >= 200 && status < 400 : expected.includes(status));
    if (call?.checks !== undefined) check(result, call.checks, prepared.checkTags);
    return result;
  }
}
