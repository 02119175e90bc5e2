import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { entrySource } from '../../../dsl/compiler/bundle.js';
import { pureDslDeclarations } from '../../../dsl/compiler/direct-entry/pure-declarations.js';
import { planDirectEntry, type DirectEntry, type DirectEntryPlan } from '../../../dsl/compiler/direct-entry/scenario-source.js';
import { directPreparation } from '../../../dsl/compiler/direct-entry/site-preparation.js';
import { httpCallCompiler } from '../../../dsl/compiler/http-sites/rewrite-source.js';
import { parseSource } from '../../../dsl/compiler/http-sites/syntax.js';
import { data, defineTest, env, grpcService, httpService, load, secret, type Flow, type TestDefinition } from '../../../dsl/index.js';

/** The stagecraft package root as the compiler sees it in these tests (scenario files live in `/project/scenarios`). */
const PACKAGE_ROOT = '/project';
const FILE = '/project/scenarios/s.ts';

const HEADER = `import { defineTest, env, httpService, load } from '../dsl/index.js';
import { helper } from './helper.js';
const catalog = httpService('catalog', { baseUrl: env('CATALOG_URL', 'http://127.0.0.1:3000/'), timeout: '10s' });
const getItem = catalog.endpoint('get-item', { method: 'GET', path: '/items/{id}' });
const create = catalog.endpoint('create', { method: 'POST', path: '/items' });
const TERMS = ['a', 'b'];
`;

/** The evaluated test matching {@link HEADER} with the given scenario names (flows are never run here). */
function definition(scenarios: readonly string[], extra: Partial<TestDefinition> = {}): TestDefinition {
  const catalog = httpService('catalog', { baseUrl: env('CATALOG_URL', 'http://127.0.0.1:3000/'), timeout: '10s' });
  catalog.endpoint('get-item', { method: 'GET', path: '/items/{id}' });
  catalog.endpoint('create', { method: 'POST', path: '/items' });
  const flow: Flow = () => undefined;
  const spec = Object.fromEntries(scenarios.map((name) => [name, { load: load.constantVus({ vus: 1, duration: '1s' }), flow }]));
  return { ...defineTest({ services: [catalog], scenarios: spec }), ...extra } as TestDefinition;
}

function plan(body: string, scenarios: readonly string[] = ['browse'], extra: Partial<TestDefinition> = {}): DirectEntryPlan {
  return planDirectEntry({ file: FILE, text: HEADER + body }, definition(scenarios, extra), httpCallCompiler('/project/dsl/k6/http-site.ts'), PACKAGE_ROOT);
}

function entryOf(body: string, scenarios?: readonly string[]): DirectEntry {
  const planned = plan(body, scenarios);
  if (!planned.ok) throw new Error(`not direct: ${planned.reason}`);
  return planned.entry;
}

function reasonOf(body: string, scenarios?: readonly string[], extra?: Partial<TestDefinition>): string {
  const planned = plan(body, scenarios, extra);
  if (planned.ok) throw new Error('planned a direct entry');
  return planned.reason;
}

const TEST = (flow: string, name = 'browse'): string => `export default defineTest({
  services: [catalog],
  scenarios: {
    ${name}: {
      load: load.constantVus({ vus: 1, duration: '1s' }),
      flow: ${flow},
    },
  },
});
`;

describe('planDirectEntry', () => {
  it('exports a flow written in defineTest on its own lines and drops the rest of the call', () => {
    const body = TEST(`(vu) => {
        vu.http(getItem, { params: { id: vu.iteration }, checks: { ok: (r) => r.status === 200 } });
        vu.http(create, { body: { n: vu.id, term: TERMS[0] } });
      }`);
    const entry = entryOf(body);
    const input = (HEADER + body).split('\n');
    const output = entry.scenario.code.split('\n');
    // Every line of the flow stays where it was written.
    const flowLine = input.findIndex((line) => line.includes('flow: (vu) => {'));
    expect(output[flowLine]).toBe('export const stagecraftFlow_browse = (vu) => {');
    expect(output[flowLine + 1]).toContain('stagecraftK6Http.get(`${site.base}/items/');
    expect(output[flowLine + 3]).toBe('      };');
    expect(entry.scenario.code).not.toContain('defineTest(');
    expect(entry.scenario.code).not.toContain('load.constantVus');
    expect(entry.scenario.compiled).toEqual([`${flowLine + 2}:9`, `${flowLine + 3}:9`]);
    expect(entry.exports).toEqual([{ scenario: 'browse', name: 'stagecraftFlow_browse' }]);
    // Sites in a direct flow have no guard for other receivers and no endpoint objects at run time.
    expect(entry.scenario.code).not.toContain('stagecraftActiveVu)');
    expect(entry.scenario.code).not.toMatch(/stagecraftPrepare\(getItem/);
    expect(entry.scenario.code).toContain(
      '{ base: stagecraftBaseUrl({"kind":"env","name":"CATALOG_URL","fallback":"http://127.0.0.1:3000/","secret":false}, "catalog"), params: { tags: {"service":"catalog","endpoint":"get-item","name":"/items/{id}"}, timeout: "10s" }, checkTags: {"service":"catalog","endpoint":"get-item"} }',
    );
    expect(entry.scenario.code).toContain('params: { headers: {"content-type":"application/json"}, tags: {"service":"catalog","endpoint":"create","name":"/items"}');
    // DSL declarations are side-effect free, so esbuild drops those the flows do not use.
    expect(entry.scenario.code).toContain("const catalog = /* @__PURE__ */ httpService('catalog', { baseUrl: /* @__PURE__ */ env('CATALOG_URL'");
    expect(entry.scenario.code).toContain("const getItem = /* @__PURE__ */ catalog.endpoint('get-item'");
    expect(entry.scenario.code).toContain("const TERMS = ['a', 'b'];");
    expect(() => transformSync(entry.scenario.code, { loader: 'ts', format: 'esm' })).not.toThrow();
  });

  it('exports a flow given by the name of a function of the file, and several scenarios', () => {
    const body = `function browse(vu) { vu.http(getItem, { params: { id: 1 } }); }
export default defineTest({
  services: [catalog],
  scenarios: {
    browse: { load: load.constantVus({ vus: 1, duration: '1s' }), flow: browse },
    buy: { load: load.constantVus({ vus: 1, duration: '1s' }), flow: (vu) => void vu.http(create, { body: 'x' }) },
  },
});
`;
    const entry = entryOf(body, ['browse', 'buy']);
    expect(entry.exports.map((flow) => flow.name)).toEqual(['stagecraftFlow_browse', 'stagecraftFlow_buy']);
    expect(entry.scenario.code).toContain('export { browse as stagecraftFlow_browse };');
    // The site function does not take the endpoint, whose declaration can then be dropped.
    expect(entry.scenario.code).toContain("export const stagecraftFlow_buy = (vu) => void stagecraftHttp_create_L12(vu, 'x');");
    expect(entry.scenario.code).toContain('function stagecraftHttp_create_L12(vu, body) {\n  const site =');
    expect(() => transformSync(entry.scenario.code, { loader: 'ts', format: 'esm' })).not.toThrow();
  });

  it('says which use of vu needs the runtime', () => {
    expect(reasonOf(TEST(`(vu) => {\n        vu.env(env('X'));\n      }`))).toBe(
      'the flow of scenario "browse" uses vu.env at 13:9, which needs the runtime (a direct entry offers vu.iteration, vu.id, vu.sleep, vu.group and compiled vu.http calls)',
    );
    expect(reasonOf(TEST('(vu) => { const sleep = vu.sleep; sleep(\'1s\'); }'))).toMatch(/uses vu\.sleep at 12:37/);
    expect(reasonOf(TEST("(vu) => { vu.http(create, { body: String(vu.group('g', () => 1)) }); }"))).toBe(
      'the flow of scenario "browse" calls vu.group at 12:54 inside the options of a compiled call',
    );
    expect(reasonOf(TEST('(vu) => helper(vu)'))).toMatch(/^the flow of scenario "browse" uses vu at 12:28,/);
    expect(reasonOf(TEST('(vu) => vu.http(getItem, { params: { id: 1 }, ...{} })'))).toMatch(/uses vu\.http at/);
    expect(reasonOf(TEST('(vu) => { const f = (vu) => vu.id; f(vu); }'))).toBe('the flow of scenario "browse" declares another "vu"');
    expect(reasonOf(TEST('async (vu) => { vu.http(getItem, { params: { id: 1 } }); }'))).toBe('the flow of scenario "browse" is async or a generator');
    expect(reasonOf(TEST('helper'))).toBe('the flow of scenario "browse" is not a function written in this file');
  });

  it('accepts reads of vu.iteration and vu.id anywhere in the flow, and property names that happen to be "vu"', () => {
    const entry = entryOf(TEST('(vu) => { const o = { vu: vu.id, n: vu.iteration }; void o.vu; vu.http(getItem, { params: { id: vu.iteration + vu.id } }); }'));
    expect(entry.exports).toHaveLength(1);
  });

  it("turns vu.sleep and vu.group into k6's sleep and group, with literal think times worked out at compile time", () => {
    const body = TEST(`(vu) => {
        vu.group('browse', () => {
          vu.sleep('1500ms');
          vu.sleep([
            '1s', '3s']);
        });
        vu.sleep(['2s', '2s']);
        vu.sleep(vu.id % 2 === 0 ? '1s' : ['1s', '2s']);
      }`);
    const entry = entryOf(body);
    const input = (HEADER + body).split('\n');
    const output = entry.scenario.code.split('\n');
    const line = (text: string): number => input.findIndex((candidate) => candidate.includes(text));
    expect(output[line("vu.group('browse'")]).toBe("        stagecraftK6Group('browse', () => {");
    expect(output[line("vu.sleep('1500ms')")]).toBe('          stagecraftK6Sleep(1.5);');
    expect(output[line('vu.sleep([')]).toBe('          stagecraftK6Sleep(1 + Math.random() * 2)');
    expect(output[line("'1s', '3s']);")]).toBe(';');
    expect(output[line("vu.sleep(['2s', '2s'])")]).toBe('        stagecraftK6Sleep(2);');
    expect(output[line('vu.sleep(vu.id')]).toBe("        stagecraftK6Sleep(stagecraftThinkTimeSeconds(vu.id % 2 === 0 ? '1s' : ['1s', '2s']));");
    expect(entry.scenario.code).toContain('import { group as stagecraftK6Group, sleep as stagecraftK6Sleep } from "k6";');
    expect(entry.scenario.code).toContain('import { thinkTimeSeconds as stagecraftThinkTimeSeconds } from "../dsl/k6/runtime.ts";');
    expect(() => transformSync(entry.scenario.code, { loader: 'ts', format: 'esm' })).not.toThrow();
  });

  it('keeps the fall-back of a compiled call on another receiver than vu, and checks a flow two scenarios share once', () => {
    const body = `const wrapped = { http: (endpoint, call) => call };
function browse(vu) { wrapped.http(getItem, { params: { id: 1 } }); vu.sleep('1s'); }
export default defineTest({
  services: [catalog],
  scenarios: {
    a: { load: load.constantVus({ vus: 1, duration: '1s' }), flow: browse },
    b: { load: load.constantVus({ vus: 1, duration: '1s' }), flow: browse },
  },
});
`;
    const entry = entryOf(body, ['a', 'b']);
    expect(entry.scenario.code).toContain('if (wrapped !== stagecraftActiveVu) wrapped.http(getItem, { params: { "id": 1 } }); else { const site = stagecraftHttp_getItem_L8Site ?? (stagecraftHttp_getItem_L8Site = stagecraftPrepare(getItem, "GET", "/items/{id}", false));');
    expect(entry.scenario.code).toContain("stagecraftK6Sleep(1); }");
    expect(entry.scenario.code).toContain('export { browse as stagecraftFlow_a };\nexport { browse as stagecraftFlow_b };');
  });

  it('needs the runtime for setup, teardown, data files and gRPC services', () => {
    const flow = TEST('(vu) => void vu.http(getItem, { params: { id: 1 } })');
    expect(reasonOf(flow, ['browse'], { setup: () => undefined })).toBe('the test has setup or teardown');
    expect(reasonOf(flow, ['browse'], { data: [data.csv('users', './users.csv')] })).toBe('the test reads data files');
    const grpc = grpcService('inventory', { target: '127.0.0.1:1', protoFiles: ['x.proto'], service: 'x.v1.X', plaintext: true });
    expect(reasonOf(flow, ['browse'], { services: [grpc] })).toBe('the test calls gRPC services');
  });

  it('needs the runtime when the file does not write the test the way it can read', () => {
    expect(reasonOf('export default makeTest();\n')).toBe('the file does not end with "export default defineTest({ ... })"');
    expect(reasonOf('const spec = {};\nexport default defineTest({ ...spec });\n')).toBe('the test has a spread or computed property');
    expect(reasonOf(TEST('(vu) => void vu.http(getItem, { params: { id: 1 } })', 'other'))).toBe('the scenarios written in the file are not the ones the test defines');
    expect(reasonOf(`${TEST('(vu) => void vu.http(getItem, { params: { id: 1 } })')}const stagecraftFlow_x = 1;\n`)).toBe('the file uses names starting with stagecraftFlow_');
    expect(reasonOf('export default defineTest({ services: [catalog], scenarios: { browse: { flow: (vu) => { vu.http(getItem, { params: { id: 1 } }) } } } }\n')).toBe('the file has syntax errors');
  });

  it('needs the runtime when a called endpoint is not exactly one endpoint of the evaluated test', () => {
    const body = `const other = catalog.endpoint('other', { method: 'GET', path: '/other' });\n${TEST('(vu) => { vu.http(other); }')}`;
    expect(reasonOf(body)).toBe('the endpoint "other" called at 13:23 is not one endpoint of the test\'s services');
  });
});

describe('pureDslDeclarations', () => {
  it('marks DSL calls and endpoint declarations of top-level constants, and nothing else', () => {
    const text = `import { env, httpService, secret } from '../dsl/index.js';
import type { HttpService } from '../dsl/index.js';
import { makeThing } from './things.js';
export const api = httpService('api', { baseUrl: env('API_URL'), headers: { token: secret('TOKEN') } });
export const get = api.endpoint('get', { method: 'GET', path: '/x' });
const thing = makeThing(env('X'));
let later = httpService('later', { baseUrl: 'http://127.0.0.1:1' });
function inside() { return httpService('inside', { baseUrl: 'http://127.0.0.1:1' }); }
`;
    const source = parseSource('/project/scenarios/services.ts', text);
    if (source === undefined) throw new Error('parse failed');
    const marked = pureDslDeclarations(source, '/project/dsl').map((edit) => text.slice(edit.start, edit.start + 12));
    expect(marked).toEqual(["httpService(", "env('API_URL", "secret('TOKE", 'api.endpoint']);
    expect(pureDslDeclarations(source, '/elsewhere/dsl')).toEqual([{ start: text.indexOf('api.endpoint'), end: text.indexOf('api.endpoint'), text: '/* @__PURE__ */ ' }]);
  });
});

describe('directPreparation', () => {
  it('writes what is known at compile time as literals and reads only variable names from __ENV', () => {
    const api = httpService('api', { baseUrl: 'http://127.0.0.1:8080//', headers: { 'x-key': secret('API_KEY') }, auth: { bearer: env('TOKEN') } });
    const put = api.endpoint('put', { method: 'PUT', path: '/things/{id}', expectedStatuses: [200, 409] });
    const preparation = directPreparation(put);
    expect(preparation.site(true)).toBe(
      '{ base: "http://127.0.0.1:8080", params: { headers: stagecraftRequestHeaders(stagecraftServiceHeaders({"headers":{"x-key":{"kind":"env","name":"API_KEY","secret":true}},"auth":{"bearer":{"kind":"env","name":"TOKEN","secret":false}}}, "api"), true), tags: {"service":"api","endpoint":"put","name":"/things/{id}"}, responseCallback: stagecraftK6Http.expectedStatuses(200, 409) }, checkTags: {"service":"api","endpoint":"put"} }',
    );
    expect(preparation.endpoint).toBe(
      'stagecraftPrepareFull({ kind: "http-endpoint", name: "put", method: "PUT", path: "/things/{id}", expectedStatuses: [200,409], service: { name: "api", options: {"baseUrl":"http://127.0.0.1:8080//","headers":{"x-key":{"kind":"env","name":"API_KEY","secret":true}},"auth":{"bearer":{"kind":"env","name":"TOKEN","secret":false}}} } }, "PUT", "/things/{id}")',
    );
    const plain = httpService('plain', { baseUrl: 'http://127.0.0.1:1' }).endpoint('get', { method: 'GET', path: '/' });
    expect(directPreparation(plain).site(false)).toBe('{ base: "http://127.0.0.1:1", params: { tags: {"service":"plain","endpoint":"get","name":"/"} }, checkTags: {"service":"plain","endpoint":"get"} }');
  });
});

describe('entrySource with a direct entry', () => {
  it('imports the flows and calls each with the VU\'s own vu', () => {
    const direct: DirectEntry = {
      scenario: { file: '/project/scenarios/s.ts', code: '', compiled: [], general: [] },
      otherFiles: () => [],
      exports: [{ scenario: 'browse', name: 'stagecraftFlow_browse' }],
    };
    const entry = entrySource({ root: '/project', scenarioFile: '/project/scenarios/s.ts', runtimeFile: '/project/dsl/k6/runtime.ts', scenarioNames: ['browse'], hasSetup: false, hasTeardown: false, options: { scenarios: {}, thresholds: {}, summaryTrendStats: [] }, plan: { grpc: {}, data: {} }, direct });
    expect(entry).toContain('import { stagecraftFlow_browse } from "./scenarios/s.ts";');
    expect(entry).toContain('const stagecraftVu = { id: __VU, iteration: 0 };');
    expect(entry).toContain('export function browse() {\n  stagecraftVu.iteration = __ITER;\n  return stagecraftFlow_browse(stagecraftVu);\n}');
    expect(entry).not.toContain('createRuntime');
  });
});
