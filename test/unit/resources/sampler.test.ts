import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResourceSample } from '../../../core/resource-samples.js';
import { canReadProc } from '../../../runner/resources/proc.js';
import { startResourceSampler } from '../../../runner/resources/sampler.js';
import { parseResourceTarget, type ResourceTarget } from '../../../runner/resources/targets.js';

const children: ChildProcess[] = [];
const servers: Server[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A real node child running `code`; resolves once it printed "ready". */
async function child(code: string): Promise<ChildProcess> {
  // Without the test runner's NODE_OPTIONS (loader hooks add their own threads' CPU).
  const env = { ...process.env };
  delete env['NODE_OPTIONS'];
  const proc = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'], env });
  children.push(proc);
  await new Promise<void>((resolve, reject) => {
    proc.stdout?.on('data', (chunk: Buffer) => (chunk.toString().includes('ready') ? resolve() : undefined));
    proc.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
  });
  return proc;
}

async function sample(targets: readonly ResourceTarget[], ms: number, intervalMs = 250): Promise<{ lines: ResourceSample[]; resources: Awaited<ReturnType<ReturnType<typeof startResourceSampler>['stop']>> }> {
  const folder = await mkdtemp(join(tmpdir(), 'stagecraft-resources-'));
  const file = join(folder, 'resources.ndjson');
  const sampler = startResourceSampler({ targets, file, intervalMs });
  await new Promise((resolve) => setTimeout(resolve, ms));
  const resources = await sampler.stop();
  const lines = (await readFile(file, 'utf8')).trim().split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as ResourceSample);
  return { lines, resources };
}

const onLinux = canReadProc();

describe.runIf(onLinux)('sampling local processes through /proc', () => {
  it('a busy child shows CPU near one core; an idle one near zero', async () => {
    const busy = await child('console.log("ready"); for (;;) {}');
    const idle = await child('console.log("ready"); setInterval(() => {}, 1000)');
    const { lines, resources } = await sample([parseResourceTarget(`busy=pid:${busy.pid}`), parseResourceTarget(`idle=pid:${idle.pid}`)], 2000);
    const busyCpu = lines.filter((l) => l.service === 'busy' && l.cpuPercent !== null).map((l) => l.cpuPercent as number);
    expect(busyCpu.length).toBeGreaterThanOrEqual(6);
    const summary = resources.targets.find((t) => t.service === 'busy');
    console.log(`busy child: mean CPU ${summary?.cpuPercent?.mean.toFixed(1)}% of a core over ${busyCpu.length} samples; sampler ${resources.overhead.percentOfCore.toFixed(3)}% of a core`);
    // One spinning thread: close to 100% of a core (the machine has 2 cores, shared with the test).
    expect(summary?.cpuPercent?.mean).toBeGreaterThan(40);
    expect(summary?.cpuPercent?.mean).toBeLessThan(150);
    expect(resources.targets.find((t) => t.service === 'idle')?.cpuPercent?.mean).toBeLessThan(10);
    const first = lines.find((l) => l.service === 'busy');
    expect(first?.pids).toEqual([busy.pid]);
    expect(first?.threads).toBeGreaterThan(1);
    expect(first?.fds).toBeGreaterThan(2);
    expect(resources.warnings).toEqual([]);
  });

  it('a child that allocates and touches 200 MiB grows its RSS by about that much', async () => {
    const mib = 200;
    const proc = await child(`console.log("ready"); setTimeout(() => { globalThis.keep = Buffer.alloc(${mib} * 1024 * 1024, 1); console.log("allocated"); }, 700); setInterval(() => {}, 1000)`);
    const { lines, resources } = await sample([parseResourceTarget(`alloc=pid:${proc.pid}`)], 1800);
    const rss = lines.filter((l) => l.up).map((l) => l.rssBytes as number);
    const growth = (Math.max(...rss) - (rss[0] ?? 0)) / 2 ** 20;
    console.log(`allocating child: RSS ${((rss[0] ?? 0) / 2 ** 20).toFixed(0)} MiB → ${(Math.max(...rss) / 2 ** 20).toFixed(0)} MiB, growth ${growth.toFixed(0)} MiB for ${mib} MiB allocated`);
    expect(growth).toBeGreaterThan(mib * 0.9);
    expect(growth).toBeLessThan(mib * 1.2);
    expect(resources.targets[0]?.rssBytes?.peak).toBe(Math.max(...rss));
  });

  it('a pattern finds the process by its command line, never the sampler itself', async () => {
    const marker = `stagecraft-pattern-${process.pid}-${Date.now()}`;
    const proc = await child(`/* ${marker} */ console.log("ready"); setInterval(() => {}, 1000)`);
    const { lines } = await sample([parseResourceTarget(`svc=pattern:${marker}`)], 600);
    expect(lines.every((l) => l.up)).toBe(true);
    expect(lines[0]?.pids).toEqual([proc.pid]);
  });

  it('records a missing process and a process that exits mid-run as warnings, without failing', async () => {
    const proc = await child('console.log("ready"); setTimeout(() => process.exit(0), 600)');
    const { lines, resources } = await sample([parseResourceTarget('ghost=pid:999999999'), parseResourceTarget(`quitter=pid:${proc.pid}`)], 1500);
    expect(resources.warnings.map((w) => [w.service, w.code])).toEqual([
      ['ghost', 'process-not-found'],
      ['quitter', 'process-exited'],
    ]);
    expect(lines.filter((l) => l.service === 'ghost').every((l) => !l.up && l.rssBytes === null)).toBe(true);
    const quitter = lines.filter((l) => l.service === 'quitter');
    expect(quitter[0]?.up).toBe(true);
    expect(quitter.at(-1)?.up).toBe(false);
    expect(resources.targets.find((t) => t.service === 'quitter')?.upSamples).toBeGreaterThan(0);
  });
});

/** A test HTTP server on 127.0.0.1 answering every request with `body()`. */
async function metricsServer(body: () => string, status = 200): Promise<string> {
  const server = createServer((_, response) => {
    response.writeHead(status, { 'content-type': 'text/plain; version=0.0.4' });
    response.end(body());
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
}

describe('scraping a Prometheus text endpoint', () => {
  it('turns the CPU counter into a rate and reads the RSS gauge', async () => {
    const started = Date.now();
    // 0.25 CPU seconds per second of wall time: 25% of a core.
    const url = await metricsServer(() =>
      [
        '# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.',
        '# TYPE process_cpu_seconds_total counter',
        `process_cpu_seconds_total ${(10 + ((Date.now() - started) / 1000) * 0.25).toFixed(4)}`,
        '# TYPE process_resident_memory_bytes gauge',
        'process_resident_memory_bytes 1.23456789e+08',
        'process_open_fds{instance="a b}"} 17',
        '',
      ].join('\n'),
    );
    const { lines, resources } = await sample([parseResourceTarget(`api=prometheus:${url}`)], 1600, 400);
    const cpu = lines.map((l) => l.cpuPercent).filter((v): v is number => v !== null);
    expect(lines[0]?.cpuPercent).toBeNull();
    expect(cpu.length).toBeGreaterThanOrEqual(3);
    expect(resources.targets[0]?.cpuPercent?.mean).toBeGreaterThan(20);
    expect(resources.targets[0]?.cpuPercent?.mean).toBeLessThan(30);
    expect(lines.every((l) => l.up && l.rssBytes === 123_456_789 && l.fds === 17 && l.source === 'prometheus')).toBe(true);
    expect(resources.warnings).toEqual([]);
  });

  it('warns about an unreachable, a failing and a malformed endpoint, and a missing metric, without crashing', async () => {
    const closed = await metricsServer(() => '');
    const closedUrl = closed.replace(/:\d+\//, ':1/');
    const failing = await metricsServer(() => 'oops', 500);
    const malformed = await metricsServer(() => '<html>not metrics</html>\n');
    const partial = await metricsServer(() => 'process_resident_memory_bytes 1000\nsome garbage here\n');
    const { resources, lines } = await sample(
      [
        parseResourceTarget(`down=prometheus:${closedUrl}`),
        parseResourceTarget(`error=prometheus:${failing}`),
        parseResourceTarget(`html=prometheus:${malformed}`),
        parseResourceTarget(`partial=prometheus:${partial}`),
      ],
      700,
    );
    const codes = resources.warnings.map((w) => `${w.service}:${w.code}`).sort();
    expect(codes).toEqual(['down:scrape-failed', 'error:scrape-failed', 'html:scrape-malformed', 'partial:metric-missing', 'partial:scrape-malformed']);
    expect(resources.warnings.find((w) => w.service === 'error')?.message).toContain('HTTP 500');
    expect(lines.filter((l) => l.service !== 'partial').every((l) => !l.up)).toBe(true);
    expect(lines.filter((l) => l.service === 'partial').every((l) => l.up && l.rssBytes === 1000 && l.cpuPercent === null)).toBe(true);
  });
});
