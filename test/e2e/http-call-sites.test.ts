/**
 * Compiled HTTP call sites behave exactly like the runtime's general path: the fixture scenario
 * (every call shape the compiler handles, and some it leaves general) is compiled both ways and
 * run with real k6 against a recording server on 127.0.0.1; the server must receive the same
 * requests and k6 must record the same request and check samples, tags included.
 */
import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtemp, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileScenarios, type CompiledScenario } from '../../dsl/compiler/compile.js';
import { k6Environment } from '../../runner/k6-binary.js';
import { ROOT } from '../support/cli.js';
import { k6ForTests } from '../support/k6.js';

const execFileAsync = promisify(execFile);
const k6 = await k6ForTests();

/** What the server saw of one request. */
interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
}

const RECORDED_HEADERS = ['content-type', 'authorization', 'x-service', 'x-call', 'x-confirm'] as const;

function statusFor(method: string, url: string): number {
  if (method === 'POST') return 201;
  if (method === 'PUT') return Number(/\/things\/(\d+)/.exec(url)?.[1] ?? 0) % 2 === 0 ? 409 : 200;
  if (method === 'DELETE' || method === 'OPTIONS') return 204;
  return 200;
}

function respond(request: IncomingMessage, response: ServerResponse, body: string, log: Received[]): void {
  const method = request.method ?? '';
  const url = request.url ?? '';
  log.push({ method, url, headers: Object.fromEntries(RECORDED_HEADERS.map((name) => [name, request.headers[name]?.toString()])), body });
  const status = statusFor(method, url);
  let received: unknown = body;
  try {
    received = JSON.parse(body);
  } catch {
    // a text body is echoed as text
  }
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(status === 204 ? undefined : JSON.stringify({ id: log.length, received }));
}

/** A server on 127.0.0.1 that records every request; `take` returns and clears the log. */
async function recordingServer(): Promise<{ url: string; take: () => Received[]; server: Server }> {
  let log: Received[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => respond(request, response, body, log));
  });
  await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    take: () => {
      const taken = log;
      log = [];
      return taken;
    },
  };
}

/** The samples k6 wrote for requests and checks, in order, with their tags (timings left out). */
async function requestAndCheckSamples(file: string): Promise<string[]> {
  const lines = (await readFile(file, 'utf8')).split('\n').filter((line) => line.trim() !== '');
  return lines
    .map((line) => JSON.parse(line) as { type: string; metric: string; data: { value: number; tags: Record<string, string> } })
    .filter((entry) => entry.type === 'Point' && (entry.metric === 'http_reqs' || entry.metric === 'checks'))
    .map((entry) => {
      const tags = Object.fromEntries(Object.entries(entry.data.tags).sort(([a], [b]) => a.localeCompare(b)));
      return JSON.stringify({ metric: entry.metric, value: entry.data.value, tags });
    });
}

/** One fixture scenario compiled one way and run with real k6 against the recorder. */
interface FixtureRun {
  readonly compiled: CompiledScenario;
  readonly received: Received[];
  readonly samples: string[];
  readonly output: string;
}

/** How a fixture is compiled: call sites compiled with a direct entry, compiled through the runtime, or all general. */
const MODES = {
  direct: { compileHttpCalls: true, directEntry: true },
  compiled: { compileHttpCalls: true, directEntry: false },
  general: { compileHttpCalls: false, directEntry: false },
} as const;

async function compileAndRun(name: string, mode: keyof typeof MODES, recorder: Awaited<ReturnType<typeof recordingServer>>, k6Path: string): Promise<FixtureRun> {
  const outDir = await mkdtemp(join(tmpdir(), `stagecraft-sites-${mode}-`));
  const result = await compileScenarios({ root: ROOT, scenariosDir: 'test/fixtures/http-sites', outDir, names: [name], typeCheck: false, ...MODES[mode] });
  const compiled = result.compiled[0];
  if (!compiled) throw new Error('nothing compiled');
  const samplesFile = join(outDir, 'samples.json');
  const { stdout, stderr } = await execFileAsync(k6Path, ['run', '--quiet', '--no-color', '--out', `json=${samplesFile}`, compiled.script], {
    cwd: outDir,
    env: k6Environment({ ECHO_URL: `${recorder.url}/`, ECHO_TOKEN: 'token-1' }),
  });
  return { compiled, received: recorder.take(), samples: await requestAndCheckSamples(samplesFile), output: stdout + stderr };
}

/** Runs a fixture compiled each of the given ways, one after the other, against one recorder. */
async function runFixture<Mode extends keyof typeof MODES>(name: string, modes: readonly Mode[]): Promise<Record<Mode, FixtureRun>> {
  if (!k6) throw new Error('k6 is needed');
  const recorder = await recordingServer();
  const runs: Partial<Record<Mode, FixtureRun>> = {};
  try {
    for (const mode of modes) runs[mode] = await compileAndRun(name, mode, recorder, k6.path);
  } finally {
    recorder.server.close();
  }
  return runs as Record<Mode, FixtureRun>;
}

describe.skipIf(!k6)('compiled HTTP call sites, run with real k6', () => {
  let runs: Record<'compiled' | 'general', FixtureRun>;

  beforeAll(async () => {
    if (k6) runs = await runFixture('http-shapes', ['compiled', 'general']);
  }, 120_000);

  it('compiles the calls it can read and names the reason for each call it leaves general', () => {
    const files = runs.compiled.compiled.httpCalls;
    const shapes = files.find((file) => file.file === 'test/fixtures/http-sites/http-shapes.ts');
    expect(shapes?.compiled).toHaveLength(11);
    expect(shapes?.general.map((call) => call.reason)).toEqual([
      'the endpoint is not a plain name',
      'the call options has a spread, method, computed or repeated property',
      '"endpoint" is not a top-level endpoint declaration of this file or a relative import',
    ]);
    expect(runs.general.compiled.httpCalls).toEqual([]);
    expect(runs.compiled.compiled.files[0]?.content).toContain('stagecraftK6Http.put(');
    expect(runs.general.compiled.files[0]?.content).not.toContain('stagecraftK6Http');
  });

  it('sends the same requests either way', () => {
    expect(runs.compiled.received.length).toBe(4 * 13);
    expect(runs.compiled.received).toEqual(runs.general.received);
    const first = runs.compiled.received.slice(0, 13);
    expect(first.map((request) => `${request.method} ${request.url}`)).toEqual([
      'GET /things/1/parts/p%2F0',
      'GET /search?q=a%20b&limit=10&tag=x&tag=y%20z&none=&exact=true&page=0',
      'POST /things',
      'POST /things',
      'POST /things',
      'PUT /things/3',
      'PATCH /things/200',
      'DELETE /things/a%20b',
      'HEAD /things',
      'OPTIONS /things',
      'GET /search',
      'GET /search?q=spread',
      'GET /search?q=wrapped',
    ]);
    expect(first[0]?.headers).toMatchObject({ authorization: 'Bearer token-1', 'x-service': 'echo' });
    expect(first[2]).toMatchObject({ body: '{"name":"thing 0","n":0}', headers: { 'content-type': 'application/json' } });
    expect(first[3]).toMatchObject({ body: 'raw 0', headers: { 'content-type': 'text/plain', 'x-call': '0' } });
    expect(first[4]).toMatchObject({ body: '{"even":0}', headers: { 'content-type': 'application/json' } });
    expect(runs.compiled.received[13 + 4]).toMatchObject({ body: 'odd 1' });
    expect(runs.compiled.received[13 + 5]?.url).toBe('/things/16');
    expect(first[7]?.headers['x-confirm']).toBe('yes');
  });

  it('records the same request and check samples, with the same tags and results', () => {
    expect(runs.compiled.samples.length).toBeGreaterThan(4 * 13);
    expect(runs.compiled.samples).toEqual(runs.general.samples);
    const checks = runs.compiled.samples.filter((sample) => sample.includes('"metric":"checks"')).map((sample) => JSON.parse(sample) as { value: number; tags: { check: string } });
    expect(checks.every((sample) => sample.value === 1)).toBe(true);
    expect(new Set(checks.map((sample) => sample.tags.check))).toEqual(new Set(['get: 200', 'status is 200', 'create: ok', 'dynamic: has body', 'put: expected']));
  });
});

describe.skipIf(!k6)('a direct entry (flows called without the stagecraft runtime), run with real k6', () => {
  let runs: Record<keyof typeof MODES, FixtureRun>;

  beforeAll(async () => {
    if (k6) runs = await runFixture('direct-shapes', ['direct', 'compiled', 'general']);
  }, 120_000);

  it('is what the compiler chose, and its script has neither the runtime nor the DSL', () => {
    expect(runs.direct.compiled.entry).toEqual({ direct: true });
    expect(runs.compiled.compiled.entry).toEqual({ direct: false, reason: 'direct entries are turned off' });
    const script = runs.direct.compiled.files[0]?.content ?? '';
    expect(script).toContain('var stagecraftFlow_reads = (vu) => {');
    expect(script).not.toMatch(/createRuntime|defineTest|httpService\(|\.endpoint\(|VuContext/);
    // The secret base URL and token are read from __ENV by name, never written into the script.
    expect(script).not.toContain('token-1');
    expect(script).toContain('"name": "ECHO_TOKEN"');
  });

  it('sends the same requests as the runtime and the general path', () => {
    // Every scenario's requests in the order they were sent ("writes" starts after "reads").
    expect(runs.direct.received.map((request) => `${request.method} ${request.url}`)).toEqual([
      ...[0, 1, 2].flatMap((i) => [`GET /things/${i + 1}/parts/p%2F${i}`, `GET /search?q=${['a%20b', '%C3%BC%2F%3F%26%3D', 'plain'][i]}&tag=x&tag=y%20z`]),
      'POST /things', 'POST /things', 'PUT /things/7', 'DELETE /things/a%20b',
      'POST /things', 'POST /things', 'PUT /things/11', 'DELETE /things/a%20b',
      'POST /things', 'POST /things', 'PUT /things/15', 'DELETE /things/a%20b',
    ]);
    expect(runs.direct.received).toEqual(runs.compiled.received);
    expect(runs.direct.received).toEqual(runs.general.received);
    expect(runs.direct.received[0]?.headers).toMatchObject({ authorization: 'Bearer token-1', 'x-service': 'echo' });
    expect(runs.direct.received[9]?.headers['x-confirm']).toBe('yes');
  });

  it('records the same request and check samples, with the same tags (group and scenario included)', () => {
    expect(runs.direct.samples).toEqual(runs.compiled.samples);
    expect(runs.direct.samples).toEqual(runs.general.samples);
    const reads = runs.direct.samples.filter((sample) => sample.includes('"endpoint":"get-thing"') && sample.includes('"metric":"http_reqs"'));
    expect(reads).toHaveLength(3);
    expect(reads[0]).toContain('"group":"::reads"');
    const checks = runs.direct.samples.filter((sample) => sample.includes('"metric":"checks"')).map((sample) => JSON.parse(sample) as { value: number });
    expect(checks).toHaveLength(3 * 4);
    expect(checks.every((sample) => sample.value === 1)).toBe(true);
  });
});
