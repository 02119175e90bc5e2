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

describe.skipIf(!k6)('compiled HTTP call sites, run with real k6', () => {
  const runs: Record<'compiled' | 'general', { compiled: CompiledScenario; received: Received[]; samples: string[]; output: string }> = {} as never;

  beforeAll(async () => {
    if (!k6) return;
    const recorder = await recordingServer();
    try {
      for (const mode of ['compiled', 'general'] as const) {
        const outDir = await mkdtemp(join(tmpdir(), `stagecraft-sites-${mode}-`));
        const result = await compileScenarios({ root: ROOT, scenariosDir: 'test/fixtures/http-sites', outDir, names: ['http-shapes'], typeCheck: false, compileHttpCalls: mode === 'compiled' });
        const compiled = result.compiled[0];
        if (!compiled) throw new Error('nothing compiled');
        const samplesFile = join(outDir, 'samples.json');
        const { stdout, stderr } = await execFileAsync(k6.path, ['run', '--quiet', '--no-color', '--out', `json=${samplesFile}`, compiled.script], {
          cwd: outDir,
          env: k6Environment({ ECHO_URL: `${recorder.url}/`, ECHO_TOKEN: 'token-1' }),
        });
        runs[mode] = { compiled, received: recorder.take(), samples: await requestAndCheckSamples(samplesFile), output: stdout + stderr };
      }
    } finally {
      recorder.server.close();
    }
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
