/**
 * Synthetic `stagecraft run` folders for `npm run bench:compare`: 5 baseline and 5 candidate runs,
 * each a folder with `manifest.json` and `samples.json.gz` (k6 `--out json`, gzip, one stream,
 * as k6 writes it when the file name ends in `.gz`), seeded and deterministic.
 *
 * Every run holds exactly `samplesPerRun` `http_req_duration` Points, spread over four services
 * and seven endpoints (stagecraft's `service`/`endpoint` tags, k6 v2 alphabetical tag order,
 * `{id}` path templates in `name`/`url`, 5xx failures with `error_code` and
 * `expected_response:"false"`), over a 10-minute run, plus `vus`/`vus_max` once a second and a
 * Metric line before each metric's first Point, as in test/fixtures/k6/runs. With
 * `metrics: 'k6-http'`, every request also gets the eight other samples a real k6 HTTP request
 * emits (http_reqs, blocked, connecting, tls_handshaking, sending, waiting, receiving,
 * http_req_failed) and a `checks` sample, and every request is one iteration with its
 * data_sent, data_received, iteration_duration and iterations samples; only http_req_duration
 * counts toward `samplesPerRun`.
 *
 * The candidate side has one known change: {@link CHANGED_ENDPOINT} is {@link CHANGE} times
 * slower. Each run also gets a small run-to-run factor (log-normal, sd 0.02), like real runs.
 *
 * bench/ingest/generate.ts is not reused: it writes one file up to a byte size, with a fixed
 * endpoint mix and no way to set a sample count or a per-endpoint change.
 *
 * Usage: tsx bench/compare/generate.ts DIR [SAMPLES_PER_RUN] [SEED]
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { mulberry32, type RandomSource } from '../../core/random.js';
import { RunFiles, type RunManifest } from '../../core/run-manifest.js';
import type { ScenarioMetadata } from '../../core/scenario-metadata.js';
import { emitHttpRequest, metricLine, ms, pointLine } from '../ingest/generate.js';

/** Which samples each request writes: only `http_req_duration`, or everything k6 writes for an HTTP request. */
export type MetricSet = 'duration' | 'k6-http';

/** One endpoint of the synthetic system under test. */
export interface BenchEndpoint {
  readonly service: string;
  readonly endpoint: string;
  readonly method: string;
  /** Path template, as stagecraft's compiled scripts put it in `name` and `url`. */
  readonly path: string;
  readonly scenario: 'browse' | 'checkout';
  /** Median latency of a successful request in the baseline, ms. */
  readonly medianMs: number;
  /** Share of the requests (the shares add up to 1). */
  readonly share: number;
  /** Probability that a request fails with 503. */
  readonly failure: number;
  /** Status of a successful request. */
  readonly okStatus: number;
}

/** The endpoints every run calls. */
export const BENCH_ENDPOINTS: readonly BenchEndpoint[] = [
  { service: 'catalog', endpoint: 'list-items', method: 'GET', path: '/items', scenario: 'browse', medianMs: 18, share: 0.25, failure: 0, okStatus: 200 },
  { service: 'catalog', endpoint: 'get-item', method: 'GET', path: '/items/{id}', scenario: 'browse', medianMs: 9, share: 0.25, failure: 0, okStatus: 200 },
  { service: 'catalog', endpoint: 'search', method: 'GET', path: '/search', scenario: 'browse', medianMs: 42, share: 0.1, failure: 0.001, okStatus: 200 },
  { service: 'users', endpoint: 'get-profile', method: 'GET', path: '/users/{id}', scenario: 'browse', medianMs: 7, share: 0.1, failure: 0, okStatus: 200 },
  { service: 'orders', endpoint: 'create-order', method: 'POST', path: '/orders', scenario: 'checkout', medianMs: 35, share: 0.1, failure: 0.005, okStatus: 201 },
  { service: 'orders', endpoint: 'get-order', method: 'GET', path: '/orders/{id}', scenario: 'checkout', medianMs: 12, share: 0.1, failure: 0, okStatus: 200 },
  { service: 'payments', endpoint: 'authorize', method: 'POST', path: '/payments', scenario: 'checkout', medianMs: 55, share: 0.1, failure: 0.002, okStatus: 201 },
];

/** The endpoint that is slower on the candidate side. */
export const CHANGED_ENDPOINT = { service: 'orders', endpoint: 'create-order' } as const;
/** How much slower {@link CHANGED_ENDPOINT} is on the candidate side (1.1 = +10%). */
export const CHANGE = 1.1;
/** Length of every run, ms (the manifest's planned length too). */
export const RUN_LENGTH_MS = 600_000;

const HOST = 'http://127.0.0.1:38885';
const START_MS = Date.UTC(2026, 2, 4, 9, 0, 0);
/** Runs start 15 minutes apart, sides interleaved (baseline-1, candidate-1, baseline-2, ...). */
const RUN_SPACING_MS = 15 * 60_000;
const SCENARIO = 'bench-compare';
const CONTENT_HASH = `sha256:${createHash('sha256').update('stagecraft bench/compare synthetic scenario v1').digest('hex')}`;


/** What one run to write looks like. */
export interface RunSpec {
  readonly side: 'baseline' | 'candidate';
  /** 1-based position within its side. */
  readonly index: number;
  readonly of: number;
  readonly samples: number;
  readonly seed: number;
  readonly metrics: MetricSet;
}

/** What was written for one run. */
export interface GeneratedRun {
  readonly id: string;
  readonly side: 'baseline' | 'candidate';
  /** The run folder (manifest.json, samples.json.gz). */
  readonly folder: string;
  /** NDJSON lines and bytes before compression. */
  readonly lines: number;
  readonly textBytes: number;
  /** Size of samples.json.gz. */
  readonly gzipBytes: number;
  /** `http_req_duration` Points (= the requested samples per run). */
  readonly durationSamples: number;
}

/** Ten run folders under `dir/baseline` and `dir/candidate`. */
export interface GeneratedData {
  /** The side folders, as `stagecraft compare BASELINE CANDIDATE` takes them. */
  readonly baseline: string;
  readonly candidate: string;
  readonly runs: readonly GeneratedRun[];
}

/** Options of {@link generateCompareData}. */
export interface CompareDataOptions {
  readonly dir: string;
  readonly samplesPerRun: number;
  /** Runs per side (default 5). */
  readonly runsPerSide?: number;
  /** Default 1. */
  readonly seed?: number;
  /** Default `duration`. */
  readonly metrics?: MetricSet;
  /** Called after each run is written. */
  readonly onRun?: (run: GeneratedRun) => void;
}

function gaussian(random: RandomSource): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** `Math.round`ed to k6's precision (ns in ms) and written like Go's shortest float format for these values. */
/** RFC 3339 with nanoseconds, trailing zeros trimmed, like Go's `time.RFC3339Nano`. */
class Clock {
  private second = -1;
  private prefix = '';
  constructor(private readonly startMs: number) {}
  /** `offsetNs` since the run start, an integer below 2^53. */
  text(offsetNs: number): string {
    const second = Math.floor(offsetNs / 1e9);
    const nanos = offsetNs - second * 1e9;
    if (second !== this.second) {
      this.second = second;
      this.prefix = new Date(this.startMs + second * 1000).toISOString().slice(0, 19);
    }
    return nanos === 0 ? `${this.prefix}Z` : `${this.prefix}.${String(nanos).padStart(9, '0').replace(/0+$/, '')}Z`;
  }
}

/** Tags of one request in k6 v2's alphabetical order, as a JSON object text. */
function requestTags(endpoint: BenchEndpoint, status: number): string {
  const ok = status < 400;
  const url = `${HOST}${endpoint.path}`;
  const errorCode = ok ? '' : `"error_code":"1${status}",`;
  return `{"endpoint":"${endpoint.endpoint}",${errorCode}"expected_response":"${ok}","group":"","method":"${endpoint.method}","name":"${url}","proto":"HTTP/1.1","scenario":"${endpoint.scenario}","service":"${endpoint.service}","status":"${status}","url":"${url}"}`;
}

function runId(side: RunSpec['side'], index: number): string {
  return `${side}-${index}`;
}

/** When the run starts: sides interleaved in time. */
function runStartMs(spec: RunSpec): number {
  return START_MS + ((spec.index - 1) * 2 + (spec.side === 'candidate' ? 1 : 0)) * RUN_SPACING_MS;
}

/**
 * The NDJSON text of one run, in chunks of about 1 MB. Requests are spread evenly over
 * {@link RUN_LENGTH_MS} (jittered within their slot, so times only increase).
 */
export function* runLines(spec: RunSpec, count: { lines: number; textBytes: number; durationSamples: number }): Generator<string> {
  const random = mulberry32(spec.seed);
  const clock = new Clock(runStartMs(spec));
  const runFactor = Math.exp(0.02 * gaussian(random));
  const full = spec.metrics === 'k6-http';
  const declared = new Set<string>();
  let text = '';
  const emit = (metric: string, time: string, value: string, tags: string, extra = ''): void => {
    if (!declared.has(metric)) {
      declared.add(metric);
      text += metricLine(metric);
      count.lines += 1;
    }
    text += pointLine(metric, time, value, tags, extra);
    count.lines += 1;
  };
  const okTags = BENCH_ENDPOINTS.map((endpoint) => requestTags(endpoint, endpoint.okStatus));
  const failedTags = BENCH_ENDPOINTS.map((endpoint) => requestTags(endpoint, 503));
  const medians = BENCH_ENDPOINTS.map(
    (endpoint) =>
      endpoint.medianMs * runFactor * (spec.side === 'candidate' && endpoint.service === CHANGED_ENDPOINT.service && endpoint.endpoint === CHANGED_ENDPOINT.endpoint ? CHANGE : 1),
  );
  const cumulative: number[] = [];
  let total = 0;
  for (const endpoint of BENCH_ENDPOINTS) cumulative.push((total += endpoint.share));

  const slotNs = (RUN_LENGTH_MS * 1e6) / spec.samples;
  let nextSecond = 1;
  for (let i = 0; i < spec.samples; i += 1) {
    const offsetNs = Math.floor(i * slotNs + random() * slotNs);
    while (nextSecond * 1e9 <= offsetNs) {
      const time = clock.text(nextSecond * 1e9 + 2_529_262);
      emit('vus', time, '30', '{}');
      emit('vus_max', time, '30', '{}');
      nextSecond += 1;
    }
    const pick = random() * total;
    let which = 0;
    while (which < cumulative.length - 1 && pick >= (cumulative[which] as number)) which += 1;
    const endpoint = BENCH_ENDPOINTS[which] as BenchEndpoint;
    const failed = random() < endpoint.failure;
    const duration = (medians[which] as number) * Math.exp(0.4 * gaussian(random)) * (failed ? 0.3 : 1);
    const tags = (failed ? failedTags : okTags)[which] as string;
    const time = clock.text(offsetNs);
    if (!full) {
      emit('http_req_duration', time, ms(duration), tags);
    } else {
      const blocked = random() < 0.01 ? 1 + random() * 3 : random() * 0.01;
      const connecting = blocked > 1 ? blocked * 0.6 : 0;
      const sending = random() * 0.05;
      const receiving = random() * 0.2;
      emitHttpRequest(emit, time, tags, { duration, blocked, connecting, tls: 0, sending, receiving, failed });
      emit('checks', time, failed ? '0' : '1', `{"check":"status is ${endpoint.okStatus}","group":"","scenario":"${endpoint.scenario}"}`);
      const scenarioTags = `{"group":"","scenario":"${endpoint.scenario}"}`;
      emit('data_sent', time, String(180 + Math.floor(random() * 400)), scenarioTags);
      emit('data_received', time, String(900 + Math.floor(random() * 9000)), scenarioTags);
      emit('iteration_duration', time, ms(duration + random()), scenarioTags);
      emit('iterations', time, '1', scenarioTags);
    }
    count.durationSamples += 1;
    if (text.length >= 1 << 20) {
      count.textBytes += Buffer.byteLength(text);
      yield text;
      text = '';
    }
  }
  count.textBytes += Buffer.byteLength(text);
  if (text !== '') yield text;
}

/** Compiler metadata of the synthetic scenario: two closed-model scenarios of {@link RUN_LENGTH_MS}. */
export function benchMetadata(): ScenarioMetadata {
  const services = [...new Set(BENCH_ENDPOINTS.map((endpoint) => endpoint.service))].map((service) => ({
    name: service,
    protocol: 'http' as const,
    serviceTag: service,
    endpoints: BENCH_ENDPOINTS.filter((endpoint) => endpoint.service === service).map((endpoint) => ({ name: endpoint.endpoint, method: endpoint.method, target: endpoint.path })),
  }));
  const scenario = (name: string, vus: number): ScenarioMetadata['scenarios'][number] => ({
    name,
    executor: 'constant-vus',
    model: 'closed',
    startTimeMs: 0,
    durationMs: RUN_LENGTH_MS,
    rampUpMs: 0,
    options: { executor: 'constant-vus', vus, duration: `${RUN_LENGTH_MS / 1000}s`, exec: name },
  });
  return {
    schemaVersion: 1,
    name: SCENARIO,
    source: `scenarios/${SCENARIO}.ts`,
    contentHash: CONTENT_HASH,
    services,
    scenarios: [scenario('browse', 20), scenario('checkout', 10)],
    slos: [],
    environment: [{ name: 'BASE_URL', secret: false }],
  };
}

/** The manifest `stagecraft run` would write for this run (shape of core/run-manifest.ts). */
export function benchManifest(spec: RunSpec): RunManifest {
  const startedMs = runStartMs(spec) - 1_000;
  const endedMs = runStartMs(spec) + RUN_LENGTH_MS + 2_000;
  return {
    schemaVersion: 1,
    runId: runId(spec.side, spec.index),
    label: spec.side,
    repeat: { index: spec.index, of: spec.of },
    scenario: { name: SCENARIO, script: `/bench/generated/${SCENARIO}.js`, contentHash: CONTENT_HASH, metadata: benchMetadata() },
    k6: {
      version: 'v2.2.0',
      binary: '/usr/local/bin/k6',
      argv: ['run', '--out', `json=${RunFiles.samples}`, `--summary-export=${RunFiles.summary}`, `${SCENARIO}.js`],
      exitCode: 0,
      signal: null,
      outcome: 'passed',
    },
    git: { commit: null, dirty: null },
    startedAt: new Date(startedMs).toISOString(),
    endedAt: new Date(endedMs).toISOString(),
    durationMs: endedMs - startedMs,
    env: { BASE_URL: HOST },
    tags: {},
    files: RunFiles,
    host: { hostname: 'bench-host', platform: 'linux', cpus: 2, node: 'v20.20.2' },
  };
}

/** Writes one run folder: `samples.json.gz` (gzip of {@link runLines}) and `manifest.json`. */
export async function writeRunFolder(folder: string, spec: RunSpec): Promise<GeneratedRun> {
  await mkdir(folder, { recursive: true });
  const count = { lines: 0, textBytes: 0, durationSamples: 0 };
  const file = join(folder, RunFiles.samples);
  await pipeline(Readable.from(runLines(spec, count)), createGzip(), createWriteStream(file));
  await writeFile(join(folder, RunFiles.manifest), `${JSON.stringify(benchManifest(spec), null, 2)}\n`);
  return {
    id: runId(spec.side, spec.index),
    side: spec.side,
    folder,
    lines: count.lines,
    textBytes: count.textBytes,
    gzipBytes: (await stat(file)).size,
    durationSamples: count.durationSamples,
  };
}

/**
 * Writes `runsPerSide` baseline and candidate run folders under `dir` (each with its own seed
 * derived from `seed`), in time order: baseline-1, candidate-1, baseline-2, ...
 */
export async function generateCompareData(options: CompareDataOptions): Promise<GeneratedData> {
  const of = options.runsPerSide ?? 5;
  const seed = options.seed ?? 1;
  const baseline = join(options.dir, 'baseline');
  const candidate = join(options.dir, 'candidate');
  const runs: GeneratedRun[] = [];
  for (let index = 1; index <= of; index += 1) {
    for (const side of ['baseline', 'candidate'] as const) {
      const spec: RunSpec = { side, index, of, samples: options.samplesPerRun, seed: seed * 1000 + index * 2 + (side === 'candidate' ? 1 : 0), metrics: options.metrics ?? 'duration' };
      const run = await writeRunFolder(join(side === 'baseline' ? baseline : candidate, runId(side, index)), spec);
      runs.push(run);
      options.onRun?.(run);
    }
  }
  return { baseline, candidate, runs };
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const [dir, samples, seed] = process.argv.slice(2);
  if (dir === undefined) {
    console.error('usage: tsx bench/compare/generate.ts DIR [SAMPLES_PER_RUN] [SEED]');
    process.exit(2);
  }
  const data = await generateCompareData({ dir, samplesPerRun: samples === undefined ? 2_000_000 : Number(samples), seed: seed === undefined ? 1 : Number(seed) });
  for (const run of data.runs) console.log(JSON.stringify(run));
}
