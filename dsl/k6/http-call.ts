import { check } from 'k6';
import { b64encode } from 'k6/encoding';
import http, { type RefinedParams, type RefinedResponse, type ResponseType } from 'k6/http';
import type { Configurable } from '../env.js';
import type { HttpAuth, HttpEndpoint, HttpMethod, HttpService, HttpServiceOptions } from '../http.js';
import type { HttpCall, HttpResult, QueryValues } from '../vu.js';
import { splitPathTemplate } from '../path-template.js';
import { resolveConfigurable, resolveRecord } from './env.js';

/**
 * The HTTP side of the k6 runtime. Everything that does not change between requests (base
 * URL, service headers and auth, tags, the split path template, the expected-status rule) is
 * prepared once per endpoint and VU, so a request costs about what a hand-written
 * `http.request` does. Measured with `npm run bench:overhead`.
 *
 * Preparing is start-up work every VU repeats, and k6's JavaScript engine is slow at it
 * (about 2,000 instructions per property write or object, callgrind, k6 v2.2), so what a
 * service contributes is prepared once per VU, and a compiled call site prepares only the
 * params it sends ({@link prepareSite}) rather than everything the general path may need
 * ({@link prepareEndpoint}).
 */

/** An HTTP call with its path parameters as a plain record (the typed form is checked at the DSL boundary). */
export type UntypedHttpCall = Omit<HttpCall<'/'>, 'params'> & { readonly params?: Readonly<Record<string, string | number>> | undefined };

/** A path parameter's value, URL-encoded; `undefined` or `null` is an error naming the placeholder. */
export function pathValue(value: string | number | null | undefined, name: string, template: string): string {
  if (value === undefined || value === null) throw new Error(`stagecraft: path ${template} needs a value for {${name}}`);
  return encodeURIComponent(value);
}

/** Fills the names of a split path template with URL-encoded values. */
export function fillPath(parts: readonly string[], params: Readonly<Record<string, string | number>> | undefined, template: string): string {
  let path = parts[0] ?? '';
  for (let index = 1; index < parts.length; index += 2) {
    const name = parts[index] as string;
    path += pathValue(params?.[name], name, template) + (parts[index + 1] ?? '');
  }
  return path;
}

/**
 * The encoded text after `name=` for one query value: a list repeats the (already encoded)
 * name, `a&name=b`, and an empty list sends an empty value, as `URLSearchParams` does.
 */
export function queryValue(encodedName: string, value: QueryValues[string]): string {
  if (typeof value !== 'object') return encodeURIComponent(value);
  let text = '';
  for (let index = 0; index < value.length; index += 1) {
    text += `${index === 0 ? '' : `&${encodedName}=`}${encodeURIComponent(value[index] as string | number)}`;
  }
  return text;
}

/** Builds `?a=1&b=2` (k6 has no URLSearchParams). Arrays repeat the key. */
export function queryString(query: QueryValues | undefined): string {
  if (query === undefined) return '';
  let text = '';
  // Object.keys, not for...in: cheaper in k6's JavaScript engine.
  const keys = Object.keys(query);
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index] as string;
    const name = encodeURIComponent(key);
    text += `${index === 0 ? '?' : '&'}${name}=${queryValue(name, query[key] as QueryValues[string])}`;
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

/**
 * What a request to an endpoint always needs, prepared once per VU: all a compiled call site
 * reads when it adds no headers or tags of its own and does not hand a result to the flow.
 */
export interface PreparedSite {
  /** The service's base URL without trailing slashes. */
  readonly base: string;
  /**
   * Tags, timeout, headers and expected statuses; k6 only reads it. Built by {@link prepareSite}
   * for one kind of body (with `content-type` for JSON); a {@link PreparedEndpoint}'s are for
   * bodies that are not JSON, and its `jsonParams` for JSON ones.
   */
  readonly params: RefinedParams<ResponseType>;
  readonly checkTags: Readonly<Record<string, string>>;
}

/** Everything about an endpoint that does not change between requests, for the general path. */
export interface PreparedEndpoint extends PreparedSite {
  readonly pathParts: readonly string[];
  /** Base URL and path of an endpoint without path parameters. */
  readonly staticUrl: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
  /** Like {@link PreparedSite.params}, with `content-type: application/json`, for JSON bodies. */
  readonly jsonParams: RefinedParams<ResponseType>;
  /** The endpoint's expected statuses; undefined for k6's default, 200–399. */
  readonly expectedStatuses: readonly number[] | undefined;
}

/** True when the record has a key (without building the array of keys). */
function hasKeys(record: Readonly<Record<string, string>>): boolean {
  for (const _ in record) return true;
  return false;
}

/** What an endpoint takes from its service: the base URL without trailing slashes, and the headers with auth. */
interface PreparedService {
  readonly service: HttpService;
  readonly base: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * The service this VU prepared last. A test has few services and a VU prepares their endpoints
 * one after another, so this one entry spares most repeats of reading `__ENV` and building the
 * headers (about 40,000 instructions each in k6's engine) without a `Map`.
 */
let lastService: PreparedService | undefined;

/** A service's base URL (`service`: its name, for errors) without trailing slashes. */
export function serviceBaseUrl(baseUrl: Configurable, service: string): string {
  return resolveConfigurable(baseUrl, `service "${service}" baseUrl`).replace(/\/+$/, '');
}

/** A service's headers with its `authorization` header (`service`: its name, for errors). */
export function serviceHeaders(options: Pick<HttpServiceOptions, 'headers' | 'auth'>, service: string): Record<string, string> {
  return { ...resolveRecord(options.headers, `service "${service}" header`), ...authHeader(options.auth, service) };
}

function prepareService(service: HttpService): PreparedService {
  if (lastService?.service === service) return lastService;
  lastService = { service, base: serviceBaseUrl(service.options.baseUrl, service.name), headers: serviceHeaders(service.options, service.name) };
  return lastService;
}

/** The service's headers, with `content-type: application/json` first for a JSON body (a service header wins). */
export function requestHeaders(headers: Readonly<Record<string, string>>, json: boolean): Readonly<Record<string, string>> {
  return json ? { 'content-type': 'application/json', ...headers } : headers;
}

/** k6's request params for an endpoint: no `headers` key when there are none (k6 reads every key on every request). */
function requestParams(endpoint: HttpEndpoint, headers: Readonly<Record<string, string>>, tags: Readonly<Record<string, string>>): RefinedParams<ResponseType> {
  const params: RefinedParams<ResponseType> = hasKeys(headers) ? { headers, tags } : { tags };
  const timeout = endpoint.service.options.timeout;
  if (timeout !== undefined) params.timeout = timeout;
  const statuses = endpoint.expectedStatuses;
  if (statuses !== undefined) params.responseCallback = http.expectedStatuses(...statuses);
  return params;
}

function endpointTags(endpoint: HttpEndpoint): Record<string, string> {
  return { service: endpoint.service.name, endpoint: endpoint.name, name: endpoint.path };
}

function checkTagsOf(endpoint: HttpEndpoint): Record<string, string> {
  return { service: endpoint.service.name, endpoint: endpoint.name };
}

/**
 * Prepares what a request to the endpoint always needs, with `json` choosing the params for a
 * JSON body. Start-up work every VU repeats: three objects besides the params, as a
 * hand-written script builds in its init code.
 */
export function prepareSite(endpoint: HttpEndpoint, json: boolean): PreparedSite {
  const { base, headers } = prepareService(endpoint.service);
  return { base, params: requestParams(endpoint, requestHeaders(headers, json), endpointTags(endpoint)), checkTags: checkTagsOf(endpoint) };
}

/** Resolves everything about an endpoint that does not change between requests (reads `__ENV`). */
export function prepareEndpoint(endpoint: HttpEndpoint): PreparedEndpoint {
  const { base, headers } = prepareService(endpoint.service);
  const pathParts = splitPathTemplate(endpoint.path);
  const tags = endpointTags(endpoint);
  const params = requestParams(endpoint, headers, tags);
  return {
    base,
    pathParts,
    staticUrl: pathParts.length === 1 ? base + endpoint.path : undefined,
    headers,
    tags,
    checkTags: checkTagsOf(endpoint),
    params,
    // The same timeout and expected-status callback: only the headers differ.
    jsonParams: { ...params, headers: requestHeaders(headers, true) },
    expectedStatuses: endpoint.expectedStatuses,
  };
}

/** Per-request parameters with a call's own headers and tags added to the prepared ones. */
export function paramsWith(
  prepared: PreparedEndpoint,
  callHeaders: Readonly<Record<string, string>> | undefined,
  callTags: Readonly<Record<string, string>> | undefined,
  jsonBody: boolean,
): RefinedParams<ResponseType> {
  const headers: Record<string, string> = { ...prepared.headers, ...callHeaders };
  if (jsonBody) headers['content-type'] ??= 'application/json';
  return { ...prepared.params, headers, tags: callTags === undefined ? prepared.tags : { ...prepared.tags, ...callTags } };
}

/** The request body of a call: strings as they are, anything else as JSON, none for `undefined`. */
export function bodyText(body: unknown): string | null {
  if (body === undefined) return null;
  return typeof body === 'string' ? body : JSON.stringify(body);
}

/** True when a call's body is sent as JSON (anything but a string or `undefined`). */
export function isJsonBody(body: unknown): boolean {
  return body !== undefined && typeof body !== 'string';
}

/**
 * Sends a request with k6's function for its method. `http.get(url, params)` costs k6 less
 * than `http.request('GET', url, null, params)`: about 6,000 instructions per request under
 * callgrind, 2% of a request to a local service.
 */
export function sendRequest(method: HttpMethod, url: string, body: string | null, params: RefinedParams<ResponseType>): RefinedResponse<ResponseType | undefined> {
  switch (method) {
    case 'GET':
      return body === null ? http.get(url, params) : http.request(method, url, body, params);
    case 'HEAD':
      return body === null ? http.head(url, params) : http.request(method, url, body, params);
    case 'POST':
      return http.post(url, body, params);
    case 'PUT':
      return http.put(url, body, params);
    case 'PATCH':
      return http.patch(url, body, params);
    case 'DELETE':
      return http.del(url, body, params);
    case 'OPTIONS':
      return http.options(url, body, params);
  }
}

/** True when `status` counts as expected for the endpoint (k6's default: 200–399). */
function isExpected(prepared: PreparedEndpoint, status: number): boolean {
  const expected = prepared.expectedStatuses;
  return expected === undefined ? status >= 200 && status < 400 : expected.includes(status);
}

/** k6's response as the {@link HttpResult} flows see. */
export function resultOf(prepared: PreparedEndpoint, response: RefinedResponse<ResponseType | undefined>): HttpResult {
  const status = response.status;
  return new Result(response, status, isExpected(prepared, status));
}

/**
 * Performs HTTP requests for one VU, tagging each with `service`, `endpoint` and `name` (the
 * path template, so `/items/{id}` is one series however many ids are called) and running its
 * checks with the `service` and `endpoint` tags. This is the general path: the compiler turns
 * most `vu.http(...)` calls into straight-line code instead (`dsl/compiler/http-sites/`), and
 * calls it cannot read end up here.
 */
export class HttpCaller {
  // Made on the first general call: a VU whose calls are all compiled never builds a Map.
  declare private prepared: Map<HttpEndpoint, PreparedEndpoint> | undefined;

  call(endpoint: HttpEndpoint, call: UntypedHttpCall | undefined): HttpResult {
    this.prepared ??= new Map();
    let prepared = this.prepared.get(endpoint);
    if (prepared === undefined) {
      prepared = prepareEndpoint(endpoint);
      this.prepared.set(endpoint, prepared);
    }
    let url = prepared.staticUrl ?? prepared.base + fillPath(prepared.pathParts, call?.params, endpoint.path);
    let body: string | null = null;
    let params = prepared.params;
    if (call !== undefined) {
      if (call.query !== undefined) url += queryString(call.query);
      const jsonBody = isJsonBody(call.body);
      body = bodyText(call.body);
      if (call.headers !== undefined || call.tags !== undefined) params = paramsWith(prepared, call.headers, call.tags, jsonBody);
      else if (jsonBody) params = prepared.jsonParams;
    }
    const result = resultOf(prepared, sendRequest(endpoint.method, url, body, params));
    if (call?.checks !== undefined) check(result, call.checks, prepared.checkTags);
    return result;
  }
}
