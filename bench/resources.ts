/**
 * `npm run bench:resources`: what server-side resource sampling costs. Samples, once per
 * second for 30 s (BENCH_SECONDS to change), a realistic set of targets: a busy child process
 * by pid, an idle one by command-line pattern (the /proc scan), and a Prometheus text endpoint
 * served on 127.0.0.1. Prints the sampler's own CPU as a % of one core (what the manifest's
 * `resources.overhead` records) and, as an upper bound, the CPU of this whole process over the
 * same time (it does nothing but sample and serve the endpoint). Goal: < 1% of one core.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canReadProc } from '../runner/resources/proc.js';
import { startResourceSampler } from '../runner/resources/sampler.js';
import { parseResourceTarget } from '../runner/resources/targets.js';

const seconds = Number(process.env['BENCH_SECONDS'] ?? 30);
if (!canReadProc()) {
  console.log('bench:resources needs Linux /proc; skipped');
  process.exit(0);
}
const marker = `stagecraft-bench-idle-${process.pid}`;
const env = { ...process.env };
delete env['NODE_OPTIONS'];
const busy = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore', env });
const idle = spawn(process.execPath, ['-e', `/* ${marker} */ setInterval(() => {}, 1000)`], { stdio: 'ignore', env });
const started = Date.now();
const server = createServer((_, response) => {
  response.end(`# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total ${((Date.now() - started) / 4000).toFixed(3)}\n# TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes 52428800\nprocess_open_fds 12\n`);
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
await new Promise((resolve) => setTimeout(resolve, 300));

const folder = await mkdtemp(join(tmpdir(), 'stagecraft-bench-resources-'));
const before = process.cpuUsage();
const wallStart = performance.now();
const sampler = startResourceSampler({
  targets: [parseResourceTarget(`busy=pid:${busy.pid}`), parseResourceTarget(`idle=pattern:${marker}`), parseResourceTarget(`scraped=prometheus:${url}`)],
  file: join(folder, 'resources.ndjson'),
});
await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
const resources = await sampler.stop();
const whole = process.cpuUsage(before);
const wall = (performance.now() - wallStart) / 1000;
busy.kill('SIGKILL');
idle.kill('SIGKILL');
server.close();

const processPercent = ((whole.user + whole.system) / 1e6 / wall) * 100;
const busyCpu = resources.targets.find((target) => target.service === 'busy')?.cpuPercent?.mean ?? 0;
const verdict = resources.overhead.percentOfCore < 1 ? 'PASS' : 'MISS';
console.log(`sampled 3 targets (pid, pattern, prometheus) once per second for ${wall.toFixed(1)} s: ${resources.overhead.ticks} instants`);
console.log(`busy child: ${busyCpu.toFixed(1)}% of a core (expected ~100); warnings: ${resources.warnings.length === 0 ? 'none' : resources.warnings.map((w) => w.code).join(', ')}`);
console.log(`sampler overhead: ${resources.overhead.percentOfCore.toFixed(3)}% of one core (${(resources.overhead.cpuSeconds * 1000).toFixed(1)} ms CPU) — goal < 1%: ${verdict}`);
console.log(`whole bench process (sampler + HTTP client and server + event loop): ${processPercent.toFixed(3)}% of one core (upper bound)`);
