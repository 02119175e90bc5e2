import { splitPathTemplate } from '../../path-template.js';
import type { HttpCallSite, SiteArgument, UrlValue } from './find-call-sites.js';

/**
 * Local names of what compiled sites use, aliased so that they cannot clash with a scenario's
 * own names. `helpers` come from `dsl/k6/http-site.ts`.
 */
export const SITE_NAMES = {
  http: 'stagecraftK6Http',
  check: 'stagecraftCheck',
  helpers: {
    activeVu: 'stagecraftActiveVu',
    prepareHttpSite: 'stagecraftPrepare',
    prepareFullHttpSite: 'stagecraftPrepareFull',
    pathValue: 'stagecraftPathValue',
    queryValue: 'stagecraftQueryValue',
    bodyText: 'stagecraftBodyText',
    isJsonBody: 'stagecraftIsJsonBody',
    paramsWith: 'stagecraftParamsWith',
    resultOf: 'stagecraftResultOf',
    sendRequest: 'stagecraftSend',
    serviceBaseUrl: 'stagecraftBaseUrl',
    serviceHeaders: 'stagecraftServiceHeaders',
    requestHeaders: 'stagecraftRequestHeaders',
  },
} as const;

const H = SITE_NAMES.helpers;

/** The import declarations compiled sites need, for the end of the module (imports are hoisted). */
export function siteImports(helperModule: string): string {
  const helpers = Object.entries(H).map(([name, local]) => `${name} as ${local}`);
  return [
    `import ${SITE_NAMES.http} from "k6/http";`,
    `import { check as ${SITE_NAMES.check} } from "k6";`,
    `import { ${helpers.join(', ')} } from ${JSON.stringify(helperModule)};`,
  ].join('\n');
}

type UrlPiece = { readonly text: string } | { readonly code: string };

/** Text as it must appear inside a template literal. */
function templateText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

/**
 * Joins URL pieces into one template literal (neighbouring constant text merged): k6's engine
 * builds it as one string, where `a + b + c` makes a string per `+`.
 */
function templateLiteral(pieces: readonly UrlPiece[]): string {
  const merged: UrlPiece[] = [];
  for (const piece of pieces) {
    const last = merged.at(-1);
    if ('text' in piece && last !== undefined && 'text' in last) merged[merged.length - 1] = { text: last.text + piece.text };
    else if (!('text' in piece && piece.text === '')) merged.push(piece);
  }
  const [only] = merged;
  if (merged.length === 1 && only !== undefined && 'code' in only) return only.code;
  return `\`${merged.map((piece) => ('text' in piece ? templateText(piece.text) : `\${${piece.code}}`)).join('')}\``;
}

function pathPiece(value: UrlValue, template: string): UrlPiece {
  if (value.parameter === undefined) return { text: encodeURIComponent(value.constant ?? '') };
  const p = value.parameter;
  return { code: `(typeof ${p} === "number" ? ${p} : ${H.pathValue}(${p}, ${JSON.stringify(value.name)}, ${JSON.stringify(template)}))` };
}

function queryPiece(value: UrlValue): UrlPiece {
  if (value.parameter === undefined) return { text: encodeURIComponent(value.constant ?? '') };
  const p = value.parameter;
  return { code: `(typeof ${p} === "object" ? ${H.queryValue}(${JSON.stringify(encodeURIComponent(value.name))}, ${p}) : encodeURIComponent(${p}))` };
}

/** The URL expression: the prepared base URL, the path template filled with its values, then the query string. */
function urlExpression(site: HttpCallSite): string {
  const template = site.declaration.path;
  const pieces: UrlPiece[] = [{ code: 'site.base' }];
  splitPathTemplate(template).forEach((part, index) => {
    if (index % 2 === 0) pieces.push({ text: part });
    else {
      const value = site.pathValues.find((candidate) => candidate.name === part);
      if (value === undefined) throw new Error(`no value for {${part}} of ${template} (please report this as a bug)`);
      pieces.push(pathPiece(value, template));
    }
  });
  site.queryValues.forEach((value, index) => {
    pieces.push({ text: `${index === 0 ? '?' : '&'}${encodeURIComponent(value.name)}=` }, queryPiece(value));
  });
  return templateLiteral(pieces);
}

/** The request body as code (undefined for none), and whether it is JSON: `true`, `false` or code deciding at run time. */
function bodyParts(site: HttpCallSite): { body: string | undefined; json: string } {
  const body = site.body;
  if (body === undefined) return { body: undefined, json: 'false' };
  if (body.kind === 'json') return { body: `JSON.stringify(${body.parameter})`, json: 'true' };
  if (body.kind === 'text') return { body: body.parameter, json: 'false' };
  return { body: `${H.bodyText}(${body.parameter})`, json: `${H.isJsonBody}(${body.parameter})` };
}

/**
 * True when the site needs only what `prepareHttpSite` builds (base URL, the params for its
 * kind of body, check tags): no headers or tags of its own, a body known to be or not to be
 * JSON, and no result for the flow (a result reads the endpoint's expected statuses). Any
 * other site prepares everything the general path has, with `prepareFullHttpSite`.
 */
function preparesParamsOnly(site: HttpCallSite, json: string, needsResult: boolean): boolean {
  return site.headers === undefined && site.tags === undefined && (json === 'true' || json === 'false') && !needsResult;
}

/** The request params as code: prepared ones, or the prepared ones with the call's own headers and tags. */
function paramsCode(site: HttpCallSite, json: string, paramsOnly: boolean): string {
  if (site.headers !== undefined || site.tags !== undefined) return `${H.paramsWith}(site, ${site.headers ?? 'undefined'}, ${site.tags ?? 'undefined'}, ${json})`;
  if (paramsOnly || json === 'false') return 'site.params';
  return json === 'true' ? 'site.jsonParams' : `(${json} ? site.jsonParams : site.params)`;
}

const K6_FUNCTION = { POST: 'post', PUT: 'put', PATCH: 'patch', DELETE: 'del', OPTIONS: 'options' } as const;

/** The k6 call sending the request: `http.get(url, params)` and friends, which cost k6 less than `http.request`. */
function sendExpression(site: HttpCallSite, body: string | undefined, params: string): string {
  const url = urlExpression(site);
  const method = site.declaration.method;
  if (method === 'GET' || method === 'HEAD') {
    return body === undefined ? `${SITE_NAMES.http}.${method.toLowerCase()}(${url}, ${params})` : `${H.sendRequest}(${JSON.stringify(method)}, ${url}, ${body}, ${params})`;
  }
  return `${SITE_NAMES.http}.${K6_FUNCTION[method]}(${url}, ${body ?? 'null'}, ${params})`;
}

/** The general call a site makes when its receiver is not the runtime's `vu` (same options, same order). */
function generalCall(site: HttpCallSite, vu: string, endpoint: string): string {
  const record = (values: readonly UrlValue[]): string => `{ ${values.map((value) => `${JSON.stringify(value.name)}: ${value.parameter ?? value.text}`).join(', ')} }`;
  const options: string[] = [];
  if (site.pathValues.length > 0) options.push(`params: ${record(site.pathValues)}`);
  if (site.queryValues.length > 0) options.push(`query: ${record(site.queryValues)}`);
  if (site.body !== undefined) options.push(`body: ${site.body.parameter}`);
  if (site.headers !== undefined) options.push(`headers: ${site.headers}`);
  if (site.tags !== undefined) options.push(`tags: ${site.tags}`);
  if (site.checks !== undefined) options.push(`checks: ${site.checks.parameter}`);
  return `${vu}.http(${endpoint}${options.length === 0 ? '' : `, { ${options.join(', ')} }`})`;
}

/** How compiled code reaches a call's values: a function's parameters, or the constants of an inlined block. */
export type SiteForm = 'function' | 'block';

/**
 * How a site inside a flow of a direct entry (`dsl/compiler/direct-entry/`) is prepared: from
 * code the compiler wrote from the evaluated endpoint, since the script then has no endpoint
 * objects at run time. Such a site's receiver is always the entry's `vu`, so it has no guard.
 */
export interface DirectPreparation {
  /** Code for the site's `PreparedSite`, for a body that is (`json`) or is not JSON. */
  site(json: boolean): string;
  /** Code for the site's `PreparedEndpoint` (everything the general path prepares). */
  readonly endpoint: string;
}

/**
 * The statements of a compiled site: the request a person would write by hand (URL built in
 * one expression, k6's function for the method, the prepared params and tags), the checks on
 * k6's response when they only read what it has, and an `HttpResult` only when the call's value
 * is used (then only in the function form). A receiver that is not the runtime's `vu` gets
 * the general call, except in a direct entry's flows (`direct`), where it is always the entry's.
 */
function siteStatements(site: HttpCallSite, cache: string, form: SiteForm, direct: DirectPreparation | undefined): string[] {
  const [vu = 'vu', endpoint = 'endpoint'] = site.arguments.map((argument) => argument.parameter);
  const needsResult = site.resultUsed || (site.checks !== undefined && !site.checks.acceptsResponse);
  const { method, path } = site.declaration;
  const { body, json } = bodyParts(site);
  const paramsOnly = preparesParamsOnly(site, json, needsResult);
  const declared = `${endpoint}, ${JSON.stringify(method)}, ${JSON.stringify(path)}`;
  const fromEndpoint = paramsOnly ? `${H.prepareHttpSite}(${declared}, ${json})` : `${H.prepareFullHttpSite}(${declared})`;
  const fromLiterals = direct === undefined ? undefined : paramsOnly ? direct.site(json === 'true') : direct.endpoint;
  const prepare = fromLiterals ?? fromEndpoint;
  const params = paramsCode(site, json, paramsOnly);
  const request = [
    // The endpoint is a top-level constant or import, so the site's cache never needs checking.
    `const site = ${cache} ?? (${cache} = ${prepare});`,
    `const response = ${sendExpression(site, body, params)};`,
  ];
  if (needsResult) request.push(`const result = ${H.resultOf}(site, response);`);
  // Checks given by name may be undefined at run time, as the general path allows.
  if (site.checks !== undefined) {
    const checks = site.checks.parameter;
    request.push(`${site.checks.literal ? '' : `if (${checks} !== undefined) `}${SITE_NAMES.check}(${needsResult ? 'result' : 'response'}, ${checks}, site.checkTags);`);
  }
  const result = needsResult ? ['return result;'] : [];
  if (direct !== undefined) return form === 'block' ? [`{ ${request.join(' ')} }`] : [...request, ...result];
  const guard = `${vu} !== ${H.activeVu}`;
  if (form === 'block') return [`if (${guard}) ${generalCall(site, vu, endpoint)};`, `else { ${request.join(' ')} }`];
  return [`if (${guard}) return ${generalCall(site, vu, endpoint)};`, ...request, ...result];
}

/**
 * The arguments a site function takes: all of them, except the endpoint in a direct entry's
 * flows, whose sites never read it (so that the endpoint's declaration can be dropped).
 */
function passedArguments(site: HttpCallSite, direct: DirectPreparation | undefined): readonly SiteArgument[] {
  return direct === undefined ? site.arguments : site.arguments.filter((_, index) => index !== 1);
}

/** The function a compiled call site calls (for calls whose value is used, or that are not statements). */
export function siteFunction(site: HttpCallSite, name: string, direct?: DirectPreparation): string {
  const parameters = passedArguments(site, direct).map((argument) => argument.parameter).join(', ');
  return [`var ${name}Site;`, `function ${name}(${parameters}) {`, ...siteStatements(site, `${name}Site`, 'function', direct).map((line) => `  ${line}`), '}'].join('\n');
}

/** Prefix of the constants an inlined call binds its values to. */
const INLINE_PREFIX = 'stagecraft_';

/**
 * The site with the names inlined code uses: the receiver and the endpoint as written (plain
 * names, evaluated once either way), every other value as a `stagecraft_` constant.
 */
function inlined(site: HttpCallSite, text: string): HttpCallSite {
  const rename = (parameter: string): string => `${INLINE_PREFIX}${parameter}`;
  const renameValue = (value: UrlValue): UrlValue => (value.parameter === undefined ? value : { ...value, parameter: rename(value.parameter) });
  return {
    ...site,
    pathValues: site.pathValues.map(renameValue),
    queryValues: site.queryValues.map(renameValue),
    body: site.body === undefined ? undefined : { ...site.body, parameter: rename(site.body.parameter) },
    headers: site.headers === undefined ? undefined : rename(site.headers),
    tags: site.tags === undefined ? undefined : rename(site.tags),
    checks: site.checks === undefined ? undefined : { ...site.checks, parameter: rename(site.checks.parameter) },
    arguments: site.arguments.map((argument, index) => ({ ...argument, parameter: index < 2 ? text.slice(argument.start, argument.end) : rename(argument.parameter) })),
  };
}

/**
 * True when the call can be replaced by a block of its own: a statement of its own whose value
 * is not read, in a file that does not use the names inlined code binds.
 */
export function canInline(site: HttpCallSite, text: string): boolean {
  return site.statement && !text.includes(INLINE_PREFIX);
}

/** The line breaks of `text.slice(from, to)`, for a replacement that must keep later lines where they are. */
export function lineBreaksIn(text: string, from: number, to: number): string {
  return '\n'.repeat((text.slice(from, to).match(/\n/g) ?? []).length);
}

/**
 * The text that replaces the call, keeping its line breaks so that later lines (and stack
 * traces) keep their numbers: a call of the site function with the receiver, the endpoint and
 * the computed values as written, or (`block`) the site's statements inline, with the values
 * bound to constants first, in the order they are written.
 */
export function callReplacement(site: HttpCallSite, name: string, text: string, form: SiteForm, direct?: DirectPreparation): string {
  const newlines = (from: number, to: number): string => lineBreaksIn(text, from, to);
  if (form === 'function') {
    let replacement = `${name}(`;
    let position = site.start;
    passedArguments(site, direct).forEach((argument, index) => {
      replacement += (index === 0 ? '' : ', ') + newlines(position, argument.start) + text.slice(argument.start, argument.end);
      position = argument.end;
    });
    return `${replacement})${newlines(position, site.end)}`;
  }
  const inline = inlined(site, text);
  const values = inline.arguments.slice(2);
  let replacement = '{ ';
  let position = site.start;
  values.forEach((argument, index) => {
    replacement += `${index === 0 ? 'const ' : ', '}${newlines(position, argument.start)}${argument.parameter} = ${text.slice(argument.start, argument.end)}`;
    position = argument.end;
  });
  if (values.length > 0) replacement += '; ';
  return `${replacement}${siteStatements(inline, `${name}Site`, 'block', direct).join(' ')} }${newlines(position, site.end)}`;
}
