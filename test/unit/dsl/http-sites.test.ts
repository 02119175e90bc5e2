import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { checksAcceptResponse } from '../../../dsl/compiler/http-sites/checks-target.js';
import { EndpointDeclarations } from '../../../dsl/compiler/http-sites/endpoint-declarations.js';
import { compileHttpCalls, type CompiledHttpCalls } from '../../../dsl/compiler/http-sites/rewrite-source.js';
import { notUnder } from '../../../dsl/compiler/http-sites/plugin.js';
import { parseSource } from '../../../dsl/compiler/http-sites/syntax.js';

const HEADER = `import { httpService } from '../dsl/index.js';
const svc = httpService('svc', { baseUrl: 'http://127.0.0.1:1' });
const getItem = svc.endpoint('get-item', { method: 'GET', path: '/items/{id}' });
const itemTag = svc.endpoint('item-tag', { method: 'GET', path: '/items/{id}/tags/{tag}' });
const search = svc.endpoint('search', { method: 'GET', path: '/search' });
const create = svc.endpoint('create', { method: 'POST', path: '/items' });
const remove = svc.endpoint('remove', { method: 'DELETE', path: '/items/{id}' });
`;

function compile(body: string, file = '/project/scenarios/s.ts'): CompiledHttpCalls {
  return compileHttpCalls({ file, text: HEADER + body }, new EndpointDeclarations(), '/stagecraft/dsl/k6/http-site.ts');
}

/** The compiled code of a flow (inlined calls and appended functions). */
function compiledCode(body: string): string {
  return compile(body).code;
}

describe('compileHttpCalls', () => {
  it('replaces a statement call with its compiled code inline, keeping every line of the original at its number', () => {
    const body = `export function flow(vu) {\n  vu.http(getItem, {\n    params: { id: vu.iteration },\n    checks: { ok: (r) => r.status === 200 },\n  });\n  const after = 1;\n}\n`;
    const result = compile(body);
    expect(result.compiled).toEqual(['9:3']);
    const input = (HEADER + body).split('\n');
    const output = result.code.split('\n');
    expect(output.slice(0, input.length).filter((line, index) => line === input[index]).length).toBe(input.length - 4);
    expect(output[input.length - 3]).toBe('  const after = 1;');
    expect(result.code).toContain(
      '{ const \nstagecraft_path_id = vu.iteration, \nstagecraft_checks = { ok: (r) => r.status === 200 }; if (vu !== stagecraftActiveVu) vu.http(getItem, { params: { "id": stagecraft_path_id }, checks: stagecraft_checks }); else { const site = stagecraftHttp_getItem_L9Site ?? (stagecraftHttp_getItem_L9Site = stagecraftPrepare(getItem, "GET", "/items/{id}", false));',
    );
    expect(output[input.length - 4]).toBe('');
    expect(() => transformSync(result.code, { loader: 'ts', format: 'esm' })).not.toThrow();
    // Relative, so the rewritten source in the source map is the same in every checkout.
    expect(result.code).toContain('from "../../stagecraft/dsl/k6/http-site.ts";');
  });

  it('encodes literal path and query values at compile time and fills the template in its own order', () => {
    const site = compiledCode((`export function flow(vu, t) { vu.http(itemTag, { params: { tag: t, id: 'a b' }, query: { q: 'desk lamp', limit: 10, on: true } }); }\n`));
    expect(site).toContain('var stagecraftHttp_itemTag_L8Site;');
    expect(site).toContain(
      'stagecraftK6Http.get(`${site.base}/items/a%20b/tags/${(typeof stagecraft_path_tag === "number" ? stagecraft_path_tag : stagecraftPathValue(stagecraft_path_tag, "tag", "/items/{id}/tags/{tag}"))}?q=desk%20lamp&limit=10&on=true`, site.params)',
    );
  });

  it('escapes template-literal syntax in the path template', () => {
    const tick = '`';
    const declaration = "const odd = svc.endpoint('odd', { method: 'GET', path: '/a" + tick + "b/{id}/$" + "{c\\\\d' });\n";
    const site = compiledCode((`${declaration}export function flow(vu) { vu.http(odd, { params: { id: 1 } }); }\n`));
    expect(site).toContain('stagecraftK6Http.get(' + tick + '$' + '{site.base}/a\\' + tick + 'b/1/\\$' + '{c\\\\d' + tick + ', site.params)');
  });

  it('passes computed query values, lists included, through one expression', () => {
    const site = compiledCode((`export function flow(vu, q) { vu.http(search, { query: { 'page size': q } }); }\n`));
    expect(site).toContain('`${site.base}/search?page%20size=${(typeof stagecraft_query_page_size === "object" ? stagecraftQueryValue("page%20size", stagecraft_query_page_size) : encodeURIComponent(stagecraft_query_page_size))}`');
  });

  it('builds an HttpResult only when the value is used or a check needs more than k6 response has', () => {
    const statement = compiledCode((`export function flow(vu) { vu.http(search, { checks: { a: (r) => r.status === 200 && r.json().x } }); }\n`));
    expect(statement).not.toContain('stagecraftResultOf(');
    expect(statement).toContain('stagecraftCheck(response, stagecraft_checks, site.checkTags);');
    const used = compiledCode((`export function flow(vu) { const r = vu.http(search); return r.ok; }\n`));
    expect(used).toContain('const result = stagecraftResultOf(site, response);\n  return result;');
    const okCheck = compiledCode((`export function flow(vu) { vu.http(search, { checks: { a: (r) => r.ok } }); }\n`));
    expect(okCheck).toContain('const result = stagecraftResultOf(site, response); stagecraftCheck(result, stagecraft_checks, site.checkTags);');
    const named = compiledCode((`export function flow(vu, shared) { vu.http(search, { checks: shared }); }\n`));
    expect(named).toContain('if (stagecraft_checks !== undefined) stagecraftCheck(result, stagecraft_checks, site.checkTags);');
  });

  it("uses k6's function for the method, and JSON or text bodies as written", () => {
    expect(compiledCode((`export function flow(vu) { vu.http(create, { body: { a: 1 } }); }\n`))).toContain(
      'stagecraftK6Http.post(`${site.base}/items`, JSON.stringify(stagecraft_body), site.params)',
    );
    expect(compiledCode(('export function flow(vu) { vu.http(create, { body: `x` }); }\n'))).toContain('stagecraftK6Http.post(`${site.base}/items`, stagecraft_body, site.params)');
    expect(compiledCode((`export function flow(vu, b) { vu.http(create, { body: b, headers: { h: '1' } }); }\n`))).toContain(
      'stagecraftK6Http.post(`${site.base}/items`, stagecraftBodyText(stagecraft_body), stagecraftParamsWith(site, stagecraft_headers, undefined, stagecraftIsJsonBody(stagecraft_body)))',
    );
    expect(compiledCode((`export function flow(vu) { vu.http(remove, { params: { id: 1 } }); }\n`))).toContain('stagecraftK6Http.del(`${site.base}/items/1`, null, site.params)');
    expect(compiledCode((`export function flow(vu) { vu.http(search, { body: 'x' }); }\n`))).toContain('stagecraftSend("GET", `${site.base}/search`, stagecraft_body, site.params)');
  });

  it('prepares only the params a site sends, unless it adds headers or tags, hands on a result or learns the body kind at run time', () => {
    expect(compiledCode((`export function flow(vu) { vu.http(create, { body: { a: 1 } }); }\n`))).toContain('stagecraftPrepare(create, "POST", "/items", true)');
    expect(compiledCode((`export function flow(vu) { vu.http(search); }\n`))).toContain('stagecraftPrepare(search, "GET", "/search", false)');
    const result = compiledCode((`export function flow(vu) { return vu.http(create, { body: { a: 1 } }).ok; }\n`));
    expect(result).toContain('stagecraftPrepareFull(endpoint, "POST", "/items")');
    expect(result).toContain('JSON.stringify(body), site.jsonParams)');
    expect(compiledCode((`export function flow(vu, b) { vu.http(create, { body: b }); }\n`))).toContain(
      'stagecraftPrepareFull(create, "POST", "/items")); const response = stagecraftK6Http.post(`${site.base}/items`, stagecraftBodyText(stagecraft_body), (stagecraftIsJsonBody(stagecraft_body) ? site.jsonParams : site.params));',
    );
    expect(compiledCode((`export function flow(vu) { vu.http(search, { tags: { a: 'b' } }); }\n`))).toContain('stagecraftPrepareFull(search, "GET", "/search")');
  });

  it('falls back to the general call when the receiver is not the runtime vu', () => {
    const inline = compiledCode(`export function flow(vu, t) { vu.http(search, { query: { q: t, n: 1 }, tags: { a: 'b' } }); }\n`);
    expect(inline).toContain('if (vu !== stagecraftActiveVu) vu.http(search, { query: { "q": stagecraft_query_q, "n": 1 }, tags: stagecraft_tags }); else {');
    const called = compiledCode(`export function flow(vu, t) { return vu.http(search, { query: { q: t } }); }\n`);
    expect(called).toContain('return stagecraftHttp_search_L8(vu, search, t);');
    expect(called).toContain('  if (vu !== stagecraftActiveVu) return vu.http(endpoint, { query: { "q": query_q } });');
  });

  it('inlines only calls that are whole statements, in files that do not use the names inlined code binds', () => {
    expect(compiledCode('export function flow(vu) { vu.http(search); }\n')).toContain('{ if (vu !== stagecraftActiveVu) vu.http(search); else {');
    expect(compiledCode('export function flow(vu) { (vu.http(search)); }\n')).toContain('(stagecraftHttp_search_L8(vu, search));');
    expect(compiledCode('export function flow(vu) { const stagecraft_x = 1; vu.http(search); }\n')).toContain('stagecraftHttp_search_L8(vu, search);');
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

  it.each([
    ['a destructured parameter', 'function other({ a: [getItem] }) { return getItem; }'],
    ['a catch binding', 'try { f(); } catch (getItem) { g(getItem); }'],
    ['a class', 'class getItem {}'],
    ['an inner function', 'function wrap() { function getItem() {} return getItem; }'],
  ])('sees the endpoint name declared again in %s', (_, declaration) => {
    const result = compile(`export function flow(vu) { vu.http(getItem, { params: { id: 1 } }); }\n${declaration}\n`);
    expect(result.general.map((entry) => entry.reason)).toEqual(['"getItem" is declared more than once in the file']);
  });

  it('gives lines and columns as editors count them, after CRLF line breaks and non-ASCII text', () => {
    const result = compile('// café ☕ 𝄞\r\nexport function flow(vu) {\r\n  const s = "ü"; vu.http(search);\r\n  vu.http(pick());\r\n}\r\n');
    expect(result.compiled).toEqual(['10:18']);
    expect(result.general).toEqual([{ line: 11, column: 3, reason: 'the endpoint is not a plain name' }]);
    expect(result.code).toContain('const s = "ü"; { if (vu !== stagecraftActiveVu) vu.http(search); else {');
  });

  it('leaves a file with syntax errors as written, for esbuild to report', () => {
    const text = `${HEADER}export function flow(vu) { vu.http(search); \n`;
    expect(compileHttpCalls({ file: '/s.ts', text }, new EndpointDeclarations(), '/h.ts')).toEqual({ code: text, compiled: [], general: [] });
  });

  it('reads endpoints imported from a relative module, and not type-only imports', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'stagecraft-sites-'));
    await writeFile(join(folder, 'services.ts'), `${HEADER}export const shared = svc.endpoint('shared', { method: 'PUT', path: '/shared/{k}' });\nexport { getItem };\n`);
    const text = `import { shared as renamed, getItem, type shared as inlineType } from './services.js';\nimport type { shared as typeOnly } from './services.js';\nexport function flow(vu) { vu.http(renamed, { params: { k: 'x' }, body: {} }); vu.http(getItem, { params: { id: 1 } }); vu.http(typeOnly, { params: { k: 'y' } }); vu.http(inlineType, { params: { k: 'z' } }); }\n`;
    const result = compileHttpCalls({ file: join(folder, 'scenario.ts'), text }, new EndpointDeclarations(), '/h.ts');
    expect(result.compiled).toEqual(['3:28']);
    expect(result.code).toContain('stagecraftK6Http.put(`${site.base}/shared/x`, JSON.stringify(stagecraft_body), site.params)');
    expect(result.general.map((entry) => entry.reason)).toEqual([
      '"getItem" is not a top-level endpoint declaration of this file or a relative import',
      '"typeOnly" is not a top-level endpoint declaration of this file or a relative import',
      '"inlineType" is not a top-level endpoint declaration of this file or a relative import',
    ]);
  });

  it('returns files without calls unchanged, without parsing them', () => {
    const text = 'export const x = 1;\n';
    expect(compileHttpCalls({ file: '/x.ts', text }, new EndpointDeclarations(), '/h.ts')).toEqual({ code: text, compiled: [], general: [] });
  });
});

describe('checksAcceptResponse', () => {
  const accepts = (checks: string): boolean => {
    const statement = parseSource('/c.ts', `const checks = ${checks};`)?.program.body[0];
    const initializer = statement?.type === 'VariableDeclaration' ? statement.declarations[0]?.init : undefined;
    if (initializer?.type !== 'ObjectExpression') throw new Error('no object literal');
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
    ['{ a: (r) => { r.status += 1; return true; } }', false],
    ['{ a: (r) => r.status++ > 0 }', false],
    ['{ a: (r) => r?.status === 200 }', true],
    ['{ a: (r) => r["status"] === 200 }', false],
    ['{ a(r) { return r.status === 200; } }', false],
    ['{ a: (r) => other.r === 1 }', true],
    ['{ ...shared }', false],
    ['{ a: named }', false],
  ])('%s → %s', (checks, expected) => {
    expect(accepts(checks)).toBe(expected);
  });
});

describe('notUnder', () => {
  const filter = notUnder(['/work/app/dsl/', '/work/app/core/'], /\.m?ts$/);

  it.each([
    ['/work/app/scenarios/a.ts', true],
    ['/work/app/dslx/a.ts', true],
    ['/work/app/cor/a.mts', true],
    ['/other/dsl/a.ts', true],
    ['/work/app/dsl/k6/runtime.ts', false],
    ['/work/app/core/duration.ts', false],
    ['/work/app/scenarios/a.js', false],
  ])('%s → %s', (path, expected) => {
    expect(filter.test(path)).toBe(expected);
  });
});

describe("oxc's parser in the lockfile", () => {
  it('records its native binding for every common platform, so `npm ci` works beyond Linux', async () => {
    const lock = JSON.parse(await readFile(new URL('../../../package-lock.json', import.meta.url), 'utf8')) as { packages: Record<string, { version?: string }> };
    const parser = lock.packages['node_modules/oxc-parser']?.version;
    const platforms = ['darwin-arm64', 'darwin-x64', 'linux-arm64-gnu', 'linux-x64-gnu', 'linux-x64-musl', 'win32-x64-msvc'];
    for (const platform of platforms) expect(lock.packages[`node_modules/@oxc-parser/binding-${platform}`]?.version, platform).toBe(parser);
  });
});
