/**
 * Writes a realistic k6 `--out json` file of about a chosen size: what k6 v2 writes for a test
 * with several services. Per HTTP request the nine connected samples k6 emits (http_reqs,
 * http_req_duration, blocked, connecting, tls_handshaking, sending, waiting, receiving,
 * http_req_failed) with identical time and tags, a `checks` sample, and per iteration
 * data_sent, data_received, iteration_duration and iterations; gRPC calls; `vus`/`vus_max`
 * once a second; a `setup()` request; Metric lines before each metric's first Point.
 *
 * Tags are realistic: stagecraft's service/endpoint tags in v2 alphabetical order for some
 * services, k6 v1 internal order (not alphabetical) with per-id URLs for a plain script, TLS
 * tags on HTTPS, failures with 5xx statuses and `expected_response:"false"`, `metadata` with
 * vu/iter on iterations. Times carry nanoseconds with trailing zeros trimmed, like Go.
 *
 * Usage: tsx bench/ingest/generate.ts FILE SIZE_MB [SEED]
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { mulberry32 } from '../../core/random.js';

interface Endpoint {
  /** Tags JSON (without the per-request URL part for `perId` endpoints). */
  readonly tags: (status: number, id: number) => string;
  readonly scenario: string;
  readonly medianMs: number;
  /** Every n-th request fails (0: never). */
  readonly failEvery: number;
  readonly tls: boolean;
  readonly grpc: boolean;
}

const HOST = 'http://127.0.0.1:36567';

function v2(service: string, endpoint: string, method: string, path: string, scenario: string): Endpoint['tags'] {
  return (status) =>
    `{"endpoint":"${endpoint}","expected_response":"${status < 400}","group":"","method":"${method}","name":"${HOST}${path}","proto":"HTTP/1.1","scenario":"${scenario}","service":"${service}","status":"${status}","url":"${HOST}${path}"}`;
}

const ENDPOINTS: readonly Endpoint[] = [
  { tags: v2('catalog', 'list-items', 'GET', '/items', 'browse'), scenario: 'browse', medianMs: 18, failEvery: 0, tls: false, grpc: false },
  { tags: v2('catalog', 'get-item', 'GET', '/items/42', 'browse'), scenario: 'browse', medianMs: 9, failEvery: 0, tls: false, grpc: false },
  { tags: v2('orders', 'create-order', 'POST', '/orders', 'checkout'), scenario: 'checkout', medianMs: 35, failEvery: 12, tls: false, grpc: false },
  {
    // A plain k6 script (v1.x tag order, not alphabetical): the URL carries an id, `name` groups it.
    tags: (status, id) =>
      `{"proto":"HTTP/1.1","status":"${status}","group":"::users","scenario":"default","name":"http://127.0.0.1:8081/users/\${}","expected_response":"${status < 400}","method":"GET","url":"http://127.0.0.1:8081/users/${id}"}`,
    scenario: 'default',
    medianMs: 12,
    failEvery: 40,
    tls: false,
    grpc: false,
  },
  {
    tags: (status) =>
      `{"expected_response":"${status < 400}","group":"","method":"GET","name":"https://api.example.com/v1/search?q=shoes","proto":"HTTP/2.0","scenario":"search","status":"${status}","tls_version":"tls1.3","url":"https://api.example.com/v1/search?q=shoes"}`,
    scenario: 'search',
    medianMs: 60,
    failEvery: 0,
    tls: true,
    grpc: false,
  },
  {
    tags: (status) =>
      `{"endpoint":"get-stock","group":"","method":"GetStock","name":"/demo.inventory.v1.Inventory/GetStock","scenario":"stock","service":"demo.inventory.v1.Inventory","status":"${status}","url":"127.0.0.1:50051/demo.inventory.v1.Inventory/GetStock"}`,
    scenario: 'stock',
    medianMs: 4,
    failEvery: 25,
    tls: false,
    grpc: true,
  },
];

/** The `type`/`contains` part of k6's Metric line for each built-in metric the generators emit. */
export const METRIC_DECLARATIONS: Readonly<Record<string, string>> = {
  http_reqs: '"counter","contains":"default"',
  http_req_duration: '"trend","contains":"time"',
  http_req_blocked: '"trend","contains":"time"',
  http_req_connecting: '"trend","contains":"time"',
  http_req_tls_handshaking: '"trend","contains":"time"',
  http_req_sending: '"trend","contains":"time"',
  http_req_waiting: '"trend","contains":"time"',
  http_req_receiving: '"trend","contains":"time"',
  http_req_failed: '"rate","contains":"default"',
  grpc_req_duration: '"trend","contains":"time"',
  checks: '"rate","contains":"default"',
  data_sent: '"counter","contains":"data"',
  data_received: '"counter","contains":"data"',
  iteration_duration: '"trend","contains":"time"',
  iterations: '"counter","contains":"default"',
  vus: '"gauge","contains":"default"',
  vus_max: '"gauge","contains":"default"',
};

/** What was written. */
export interface GeneratedFile {
  readonly bytes: number;
  readonly lines: number;
  readonly requests: number;
}

/** k6's Metric declaration line (v0.41+ layout) for `metric`, as real k6 writes it before the first point. */
export function metricLine(metric: string): string {
  const submetrics = metric === 'http_req_duration' ? '[{"name":"http_req_duration{expected_response:true}","suffix":"expected_response:true","tags":{"expected_response":"true"}}]' : 'null';
  return `{"type":"Metric","data":{"name":"${metric}","type":${METRIC_DECLARATIONS[metric] ?? '"counter","contains":"default"'},"thresholds":[],"submetrics":${submetrics}},"metric":"${metric}"}\n`;
}

/** k6's Point line (v0.41+ layout); `tags` is a JSON object text, `extra` more data fields (`,"metadata":{...}`). */
export function pointLine(metric: string, time: string, value: string, tags: string, extra = ''): string {
  return `{"metric":"${metric}","type":"Point","data":{"time":"${time}","value":${value},"tags":${tags}${extra}}}\n`;
}

/** A duration in ms as k6's JSON output writes it (at most 6 decimals). */
export function ms(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}

/** Adds one sample line (a generator's `emit`: declares the metric first when it is new). */
export type EmitSample = (metric: string, time: string, value: string, tags: string, extra?: string) => void;

/** The timings of one HTTP request in ms, as k6 measures them. */
export interface RequestTimings {
  readonly duration: number;
  readonly blocked: number;
  readonly connecting: number;
  readonly tls: number;
  readonly sending: number;
  readonly receiving: number;
  readonly failed: boolean;
}

/** The nine samples k6 writes for one HTTP request, `http_reqs` to `http_req_failed`, in k6's order. */
export function emitHttpRequest(emit: EmitSample, time: string, tags: string, timings: RequestTimings): void {
  const { duration, blocked, connecting, tls, sending, receiving, failed } = timings;
  emit('http_reqs', time, '1', tags);
  emit('http_req_duration', time, ms(duration), tags);
  emit('http_req_blocked', time, ms(blocked), tags);
  emit('http_req_connecting', time, ms(connecting), tags);
  emit('http_req_tls_handshaking', time, ms(tls), tags);
  emit('http_req_sending', time, ms(sending), tags);
  emit('http_req_waiting', time, ms(Math.max(0, duration - sending - receiving)), tags);
  emit('http_req_receiving', time, ms(receiving), tags);
  emit('http_req_failed', time, failed ? '1' : '0', tags);
}

/** Writes about `targetBytes` of k6 NDJSON to `path` (whole iterations, so a little more). */
export function generateK6Ndjson(path: string, targetBytes: number, seed = 1): GeneratedFile {
  const random = mulberry32(seed);
  const fd = openSync(path, 'w');
  let text = '';
  let bytes = 0;
  let lines = 0;
  let requests = 0;
  const declared = new Set<string>();
  const flush = (): void => {
    const buffer = Buffer.from(text);
    writeSync(fd, buffer);
    bytes += buffer.length;
    text = '';
  };
  const emit = (metric: string, time: string, value: string, tags: string, extra = ''): void => {
    if (!declared.has(metric)) {
      declared.add(metric);
      text += metricLine(metric);
      lines += 1;
    }
    text += pointLine(metric, time, value, tags, extra);
    lines += 1;
  };

  // Time in integer nanoseconds past a whole second, so formatting stays exact.
  const startMs = Date.UTC(2026, 2, 4, 9, 0, 0);
  let second = 0;
  let nanos = 0;
  let secondPrefix = '';
  let secondOfPrefix = -1;
  const timeText = (): string => {
    if (second !== secondOfPrefix) {
      secondPrefix = new Date(startMs + second * 1000).toISOString().slice(0, 19);
      secondOfPrefix = second;
    }
    if (nanos === 0) return `${secondPrefix}Z`;
    return `${secondPrefix}.${String(nanos).padStart(9, '0').replace(/0+$/, '')}Z`;
  };
  const advance = (ms: number): void => {
    nanos += Math.round(ms * 1e6);
    while (nanos >= 1e9) {
      nanos -= 1e9;
      second += 1;
      const time = `${new Date(startMs + second * 1000).toISOString().slice(0, 19)}Z`;
      emit('vus', time, String(20 + (second % 7)), '{}');
      emit('vus_max', time, '30', '{}');
    }
  };
  const logNormal = (median: number): number => median * Math.exp(0.4 * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));

  // setup(): one request in group ::setup, no scenario tag.
  const setupTags = `{"expected_response":"true","group":"::setup","method":"POST","name":"${HOST}/login","proto":"HTTP/1.1","status":"200","url":"${HOST}/login"}`;
  const setupTime = timeText();
  for (const metric of ['http_reqs', 'http_req_duration', 'http_req_failed']) emit(metric, setupTime, metric === 'http_req_failed' ? '0' : metric === 'http_reqs' ? '1' : '5.5', setupTags);

  let iteration = 0;
  while (bytes + text.length < targetBytes) {
    iteration += 1;
    const endpoint = ENDPOINTS[Math.floor(random() * ENDPOINTS.length)] as Endpoint;
    const vu = 1 + Math.floor(random() * 30);
    let iterationMs = 0;
    const calls = 1 + Math.floor(random() * 3);
    for (let call = 0; call < calls; call += 1) {
      requests += 1;
      const failed = endpoint.failEvery > 0 && requests % endpoint.failEvery === 0;
      const duration = logNormal(endpoint.medianMs) * (failed ? 0.3 : 1);
      advance(duration + random());
      iterationMs += duration;
      const time = timeText();
      if (endpoint.grpc) {
        emit('grpc_req_duration', time, ms(duration), endpoint.tags(failed ? 5 : 0, 0));
        continue;
      }
      const tags = endpoint.tags(failed ? 503 : 200, 1 + Math.floor(random() * 500));
      const blocked = random() < 0.05 ? random() * 3 : random() * 0.01;
      const connecting = blocked > 0.01 ? blocked * 0.6 : 0;
      const tls = endpoint.tls && blocked > 0.01 ? blocked * 0.3 : 0;
      const sending = random() * 0.05;
      const receiving = random() * 0.2;
      emitHttpRequest(emit, time, tags, { duration, blocked, connecting, tls, sending, receiving, failed });
      emit('checks', time, failed ? '0' : '1', `{"check":"status is 200","group":"","scenario":"${endpoint.scenario}"}`);
    }
    advance(random() * 2);
    const end = timeText();
    const scenarioTags = `{"group":"","scenario":"${endpoint.scenario}"}`;
    const metadata = endpoint.scenario === 'checkout' ? `,"metadata":{"iter":"${iteration}","vu":"${vu}"}` : '';
    emit('data_sent', end, String(180 + Math.floor(random() * 400)), scenarioTags);
    emit('data_received', end, String(900 + Math.floor(random() * 9000)), scenarioTags);
    emit('iteration_duration', end, ms(iterationMs + random() * 3), scenarioTags, metadata);
    emit('iterations', end, '1', scenarioTags, metadata);
    if (text.length > 4 << 20) flush();
  }
  flush();
  closeSync(fd);
  return { bytes, lines, requests };
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const [path, sizeMb, seed] = process.argv.slice(2);
  if (path === undefined || sizeMb === undefined) {
    console.error('usage: tsx bench/ingest/generate.ts FILE SIZE_MB [SEED]');
    process.exit(2);
  }
  const result = generateK6Ndjson(path, Number(sizeMb) * 1e6, seed === undefined ? 1 : Number(seed));
  console.log(JSON.stringify(result));
}
