import type { HttpCallSite, UrlValue } from './find-call-sites.js';

/**
 * Local names of what compiled sites use, aliased so that they cannot clash with a scenario's
 * own names. `helpers` come from `dsl/k6/http-site.ts`.
 */
export const SITE_NAMES = {
  http: 'stagecraftK6Http',
  check: 'stagecraftCheck',
  helpers: {
    VuContext: 'StagecraftVu',
    prepareHttpSite: 'stagecraftPrepare',
    pathValue: 'stagecraftPathValue',
    queryValue: 'stagecraftQueryValue',
    bodyText: 'stagecraftBodyText',
    isJsonBody: 'stagecraftIsJsonBody',
    paramsWith: 'stagecraftParamsWith',
    resultOf: 'stagecraftResultOf',
    sendRequest: 'stagecraftSend',
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

/**
 * The URL expression: the prepared URL of a path without placeholders, or the base and the
 * template filled with its values, then the query string.
 */
function urlExpression(site: HttpCallSite): string {
  const template = site.declaration.path;
  const parts = template.split(/\{([^}]+)\}/);
  const pieces: UrlPiece[] = parts.length === 1 ? [{ code: 'site.staticUrl' }] : [{ code: 'site.base' }];
  if (parts.length > 1) {
    parts.forEach((part, index) => {
      if (index % 2 === 0) pieces.push({ text: part });
      else {
        const value = site.pathValues.find((candidate) => candidate.name === part);
        if (value === undefined) throw new Error(`no value for {${part}} of ${template} (please report this as a bug)`);
        pieces.push(pathPiece(value, template));
      }
    });
  }
  site.queryValues.forEach((value, index) => {
    pieces.push({ text: `${index === 0 ? '?' : '&'}${encodeURIComponent(value.name)}=` }, queryPiece(value));
  });
  return templateLiteral(pieces);
}

/** Body, "is it JSON" and request parameters, as code. */
function requestParts(site: HttpCallSite): { body: string | undefined; params: string } {
  const body = site.body;
  const json = body === undefined || body.kind === 'text' ? 'false' : body.kind === 'json' ? 'true' : `${H.isJsonBody}(${body.parameter})`;
  const bodyCode = body === undefined ? undefined : body.kind === 'json' ? `JSON.stringify(${body.parameter})` : body.kind === 'text' ? body.parameter : `${H.bodyText}(${body.parameter})`;
  if (site.headers !== undefined || site.tags !== undefined) {
    return { body: bodyCode, params: `${H.paramsWith}(site, ${site.headers ?? 'undefined'}, ${site.tags ?? 'undefined'}, ${json})` };
  }
  const params = json === 'false' ? 'site.params' : json === 'true' ? 'site.jsonParams' : `(${json} ? site.jsonParams : site.params)`;
  return { body: bodyCode, params };
}

const K6_FUNCTION = { POST: 'post', PUT: 'put', PATCH: 'patch', DELETE: 'del', OPTIONS: 'options' } as const;

/** The k6 call sending the request: `http.get(url, params)` and friends, which cost k6 less than `http.request`. */
function sendExpression(site: HttpCallSite): string {
  const url = urlExpression(site);
  const { body, params } = requestParts(site);
  const method = site.declaration.method;
  if (method === 'GET' || method === 'HEAD') {
    return body === undefined ? `${SITE_NAMES.http}.${method.toLowerCase()}(${url}, ${params})` : `${H.sendRequest}(${JSON.stringify(method)}, ${url}, ${body}, ${params})`;
  }
  return `${SITE_NAMES.http}.${K6_FUNCTION[method]}(${url}, ${body ?? 'null'}, ${params})`;
}

/** The general call a site makes when its receiver is not the runtime's `vu` (same options, same order). */
function generalCall(site: HttpCallSite): string {
  const record = (values: readonly UrlValue[]): string => `{ ${values.map((value) => `${JSON.stringify(value.name)}: ${value.parameter ?? value.text}`).join(', ')} }`;
  const options: string[] = [];
  if (site.pathValues.length > 0) options.push(`params: ${record(site.pathValues)}`);
  if (site.queryValues.length > 0) options.push(`query: ${record(site.queryValues)}`);
  if (site.body !== undefined) options.push(`body: ${site.body.parameter}`);
  if (site.headers !== undefined) options.push(`headers: ${site.headers}`);
  if (site.tags !== undefined) options.push(`tags: ${site.tags}`);
  if (site.checks !== undefined) options.push(`checks: ${site.checks.parameter}`);
  return `vu.http(endpoint${options.length === 0 ? '' : `, { ${options.join(', ')} }`})`;
}

/**
 * The function a compiled call site calls: the request a person would write by hand (URL
 * built in one expression, k6's function for the method, the prepared params and tags), the
 * checks on k6's response when they only read what it has, and an `HttpResult` only when the
 * call's value is used.
 */
export function siteFunction(site: HttpCallSite, name: string): string {
  const cache = `${name}Site`;
  const parameters = site.arguments.map((argument) => argument.parameter).join(', ');
  const needsResult = site.resultUsed || (site.checks !== undefined && !site.checks.acceptsResponse);
  const { method, path } = site.declaration;
  const lines = [
    `var ${cache};`,
    `function ${name}(${parameters}) {`,
    `  if (!(vu instanceof ${H.VuContext})) return ${generalCall(site)};`,
    `  let site = ${cache};`,
    `  if (site === undefined || site.endpoint !== endpoint) site = ${cache} = ${H.prepareHttpSite}(endpoint, ${JSON.stringify(method)}, ${JSON.stringify(path)});`,
    `  const response = ${sendExpression(site)};`,
  ];
  // Checks given by name may be undefined at run time, as the general path allows.
  const checkCall = (target: string): string | undefined =>
    site.checks === undefined
      ? undefined
      : `  ${site.checks.literal ? '' : `if (${site.checks.parameter} !== undefined) `}${SITE_NAMES.check}(${target}, ${site.checks.parameter}, site.checkTags);`;
  const check = checkCall(needsResult ? 'result' : 'response');
  if (needsResult) lines.push(`  const result = ${H.resultOf}(site, response);`);
  if (check !== undefined) lines.push(check);
  if (needsResult) lines.push('  return result;');
  lines.push('}');
  return lines.join('\n');
}

/**
 * The text that replaces the call: the site function called with the receiver, the endpoint
 * and the computed values as written, keeping the call's line breaks so that later lines (and
 * stack traces) keep their numbers.
 */
export function callReplacement(site: HttpCallSite, name: string, text: string): string {
  const newlines = (from: number, to: number): string => '\n'.repeat((text.slice(from, to).match(/\n/g) ?? []).length);
  let replacement = `${name}(`;
  let position = site.start;
  site.arguments.forEach((argument, index) => {
    replacement += (index === 0 ? '' : ', ') + newlines(position, argument.start) + text.slice(argument.start, argument.end);
    position = argument.end;
  });
  return `${replacement})${newlines(position, site.end)}`;
}
