import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { checksAcceptResponse } from '../../../dsl/compiler/http-sites/checks-target.js';
import { EndpointDeclarations } from '../../../dsl/compiler/http-sites/endpoint-declarations.js';
import { compileHttpCalls, type CompiledHttpCalls } from '../../../dsl/compiler/http-sites/rewrite-source.js';
import { parseSource, ts } from '../../../dsl/compiler/http-sites/syntax.js';

const HEADER = `import { httpService } from '../dsl/index.js';
const svc = httpService('svc', { baseUrl: 'http://127.0.0.1:1' });
const getItem = svc.endpoint('get-item', { method: 'GET', path: '/items/{id}' });
const itemTag = svc.endpoint('item-tag', { method: 'GET', path: '/items/{id}/tags/{tag}' });
const search = svc.endpoint('search', { method: 'GET', path: '/search' });
const create = svc.endpoint('create', { method: 'POST', path: '/items' });
const remove = svc.endpoint('remove', { method: 'DELETE', path: '/items/{id}' });
`;

function compile(body: string, file = '/project/scenarios/s.ts'): CompiledHttpCalls {
  return compileHttpCalls({ file, text: HEADER + body, displayPath: 'scenarios/s.ts' }, new EndpointDeclarations(), '/stagecraft/dsl/k6/http-site.ts');
}

/** The appended function of the only compiled site. */
function siteFunctionOf(result: CompiledHttpCalls): string {
  const start = result.code.indexOf('\nvar stagecraftHttp_');
  return result.code.slice(start, result.code.indexOf('\n}\n', start) + 2);
}

describe('compileHttpCalls', () => {
  it('replaces each call with a call of its own site function, keeping every line of the original at its number', () => {
    const body = `export function flow(vu) {\n  vu.http(getItem, {\n    params: { id: vu.iteration },\n    checks: { ok: (r) => r.status === 200 },\n  });\n  const after = 1;\n}\n`;
    const result = compile(body);
    expect(result.compiled).toEqual(['9:3']);
    const input = (HEADER + body).split('\n');
    const output = result.code.split('\n');
    expect(output.slice(0, input.length).filter((line, index) => line === input[index]).length).toBe(input.length - 4);
    expect(output[input.length - 3]).toBe('  const after = 1;');
    expect(result.code).toContain('stagecraftHttp_getItem_L9(vu, getItem, \nvu.iteration, \n{ ok: (r) => r.status === 200 })\n;');
    expect(() => transformSync(result.code, { loader: 'ts', format: 'esm' })).not.toThrow();
  });

  it('encodes literal path and query values at compile time and fills the template in its own order', () => {
    const site = siteFunctionOf(compile(`export function flow(vu, t) { vu.http(itemTag, { params: { tag: t, id: 'a b' }, query: { q: 'desk lamp', limit: 10, on: true } }); }\n`));
    expect(site).toContain('function stagecraftHttp_itemTag_L8(vu, endpoint, path_tag) {');
    expect(site).toContain(
      'stagecraftK6Http.get(`${site.base}/items/a%20b/tags/${(typeof path_tag === "number" ? path_tag : stagecraftPathValue(path_tag, "tag", "/items/{id}/tags/{tag}"))}?q=desk%20lamp&limit=10&on=true`, site.params)',
    );
  });

  it('escapes template-literal syntax in the path template', () => {
    const tick = '`';
    const declaration = "const odd = svc.endpoint('odd', { method: 'GET', path: '/a" + tick + "b/{id}/$" + "{c\\\\d' });\n";
    const site = siteFunctionOf(compile(`${declaration}export function flow(vu) { vu.http(odd, { params: { id: 1 } }); }\n`));
    expect(site).toContain('stagecraftK6Http.get(' + tick + '$' + '{site.base}/a\\' + tick + 'b/1/\\$' + '{c\\\\d' + tick + ', site.params)');
  });

  it('passes computed query values, lists included, through one expression', () => {
    const site = siteFunctionOf(compile(`export function flow(vu, q) { vu.http(search, { query: { 'page size': q } }); }\n`));
    expect(site).toContain('`${site.staticUrl}?page%20size=${(typeof query_page_size === "object" ? stagecraftQueryValue("page%20size", query_page_size) : encodeURIComponent(query_page_size))}`');
  });

  it('builds an HttpResult only when the value is used or a check needs more than k6 response has', () => {
    const statement = siteFunctionOf(compile(`export function flow(vu) { vu.http(search, { checks: { a: (r) => r.status === 200 && r.json().x } }); }\n`));
    expect(statement).not.toContain('stagecraftResultOf');
    expect(statement).toContain('stagecraftCheck(response, checks, site.checkTags);');
    const used = siteFunctionOf(compile(`export function flow(vu) { const r = vu.http(search); return r.ok; }\n`));
    expect(used).toContain('const result = stagecraftResultOf(site, response);\n  return result;');
    const okCheck = siteFunctionOf(compile(`export function flow(vu) { vu.http(search, { checks: { a: (r) => r.ok } }); }\n`));
    expect(okCheck).toContain('stagecraftCheck(result, checks, site.checkTags);');
    const named = siteFunctionOf(compile(`export function flow(vu, shared) { vu.http(search, { checks: shared }); }\n`));
    expect(named).toContain('if (checks !== undefined) stagecraftCheck(result, checks, site.checkTags);');
  });

  it("uses k6's function for the method, and JSON or text bodies as written", () => {
    expect(siteFunctionOf(compile(`export function flow(vu) { vu.http(create, { body: { a: 1 } }); }\n`))).toContain(
      'stagecraftK6Http.post(site.staticUrl, JSON.stringify(body), site.jsonParams)',
    );
    expect(siteFunctionOf(compile('export function flow(vu) { vu.http(create, { body: `x` }); }\n'))).toContain('stagecraftK6Http.post(site.staticUrl, body, site.params)');
    expect(siteFunctionOf(compile(`export function flow(vu, b) { vu.http(create, { body: b, headers: { h: '1' } }); }\n`))).toContain(
      'stagecraftK6Http.post(site.staticUrl, stagecraftBodyText(body), stagecraftParamsWith(site, headers, undefined, stagecraftIsJsonBody(body)))',
    );
    expect(siteFunctionOf(compile(`export function flow(vu) { vu.http(remove, { params: { id: 1 } }); }\n`))).toContain('stagecraftK6Http.del(`${site.base}/items/1`, null, site.params)');
    expect(siteFunctionOf(compile(`export function flow(vu) { vu.http(search, { body: 'x' }); }\n`))).toContain('stagecraftSend("GET", site.staticUrl, body, site.params)');
  });

  it('falls back to the general call when the receiver is not the runtime vu', () => {
    const site = siteFunctionOf(compile(`export function flow(vu, t) { vu.http(search, { query: { q: t, n: 1 }, tags: { a: 'b' } }); }\n`));
    expect(site).toContain('if (!(vu instanceof StagecraftVu)) return vu.http(endpoint, { query: { "q": query_q, "n": 1 }, tags: tags });');
  });

  it.each([
    ['an endpoint computed at run time', 'vu.http(pick(), {});', 'the endpoint is not a plain name'],
    ['options built elsewhere', 'vu.http(search, options);', 'the call options is not an object literal'],
    ['a spread', 'vu.http(search, { ...options });', 'the call options has a spread, method, computed or repeated property'],
    ['an unknown option', 'vu.http(search, { timeout: 1 });', 'unknown option "timeout"'],
    ['params that miss a placeholder', 'vu.http(itemTag, { params: { id: 1 } });', 'params do not name exactly the placeholders of /items/{id}/tags/{tag}'],
    ['a receiver that is not a name', 'this.vu.http(search);', 'the receiver is not a plain name'],
    ['a name that is not an endpoint declaration', 'vu.http(svc, {});', '"svc" is not a top-level endpoint declaration of this file or a relative import'],
    ['a nested call', 'vu.http(create, { body: vu.http(search).json() });', 'it is inside the arguments of another compiled call'],
  ])('leaves %s general, saying why', (_, call, reason) => {
    const result = compile(`export function flow(vu, options, pick) {\n  ${call}\n}\n`);
    expect(result.general.map((entry) => entry.reason)).toEqual([reason]);
    expect(result.general[0]?.line).toBe(9);
  });

  it('leaves calls general when the endpoint name is declared again somewhere in the file', () => {
    const result = compile(`export function flow(vu) { vu.http(getItem, { params: { id: 1 } }); }\nfunction other(getItem) { return getItem; }\n`);
    expect(result.compiled).toEqual([]);
    expect(result.general[0]?.reason).toBe('"getItem" is declared more than once in the file');
  });

  it('reads endpoints imported from a relative module, and not type-only imports', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'stagecraft-sites-'));
    await writeFile(join(folder, 'services.ts'), `${HEADER}export const shared = svc.endpoint('shared', { method: 'PUT', path: '/shared/{k}' });\nexport { getItem };\n`);
    const text = `import { shared as renamed, getItem } from './services.js';\nimport type { shared as typeOnly } from './services.js';\nexport function flow(vu) { vu.http(renamed, { params: { k: 'x' }, body: {} }); vu.http(getItem, { params: { id: 1 } }); vu.http(typeOnly, { params: { k: 'y' } }); }\n`;
    const result = compileHttpCalls({ file: join(folder, 'scenario.ts'), text, displayPath: 'scenario.ts' }, new EndpointDeclarations(), '/h.ts');
    expect(result.compiled).toEqual(['3:28']);
    expect(result.code).toContain('stagecraftK6Http.put(`${site.base}/shared/x`, JSON.stringify(body), site.jsonParams)');
    expect(result.general.map((entry) => entry.reason)).toEqual([
      '"getItem" is not a top-level endpoint declaration of this file or a relative import',
      '"typeOnly" is not a top-level endpoint declaration of this file or a relative import',
    ]);
  });

  it('returns files without calls unchanged, without parsing them', () => {
    const text = 'export const x = 1;\n';
    expect(compileHttpCalls({ file: '/x.ts', text, displayPath: 'x.ts' }, new EndpointDeclarations(), '/h.ts')).toEqual({ code: text, compiled: [], general: [] });
  });
});

describe('checksAcceptResponse', () => {
  const accepts = (checks: string): boolean => {
    const source = parseSource('/c.ts', `const checks = ${checks};`);
    const statement = source.statements[0];
    const initializer = statement !== undefined && ts().isVariableStatement(statement) ? statement.declarationList.declarations[0]?.initializer : undefined;
    if (initializer === undefined || !ts().isObjectLiteralExpression(initializer)) throw new Error('no object literal');
    return checksAcceptResponse(initializer);
  };

  it.each([
    ['{ a: (r) => r.status === 200 }', true],
    ["{ a: (r) => r.json().id > 0, b: function (res) { return res.headers['x'] === 'y' && res.body !== null; } }", true],
    ['{ a: () => true }', true],
    ['{ a: (r) => r.ok }', false],
    ['{ a: (r) => r.durationMs < 100 }', false],
    ['{ a: ({ status }) => status === 200 }', false],
    ['{ a: (r) => isGood(r) }', false],
    ['{ a: (r) => { r.status = 1; return true; } }', false],
    ['{ a: (r) => other.r === 1 }', true],
    ['{ ...shared }', false],
    ['{ a: named }', false],
  ])('%s → %s', (checks, expected) => {
    expect(accepts(checks)).toBe(expected);
  });
});
